import * as assert from "node:assert/strict";
import { MultiAccountAggregation } from "../../components/multi-account-aggregation";
import type { Emulator } from "../../emulator";
import {
  aggregatorNamed,
  authorizationSteps,
  authorizationsIn,
  callCounts,
  childReference,
  configCallAccounts,
  plan,
  TYPES,
  urnOf,
  useComponentWorld,
} from "./helpers";
import { ACCOUNTS, REGIONS, SOURCE_KEYS } from "../support/fixtures";

interface Setup {
  accounts: string[];
  regions: string[];
  tags: Record<string, string>;
}

const BASE: Setup = {
  accounts: [ACCOUNTS.B, ACCOUNTS.C],
  regions: [REGIONS.A, REGIONS.B],
  tags: { team: "platform" },
};

/** The program: an aggregator named "workloads" in account A, us-east-1. */
function workloads(setup: Setup) {
  return () => {
    const aggregation = new MultiAccountAggregation("workloads", {
      aggregator: { name: "workloads", region: REGIONS.A },
      sourceAccountIds: setup.accounts,
      sourceRoleName: "ConfigAggregationSource",
      regions: setup.regions,
      tags: setup.tags,
    });
    return { arn: aggregation.arn, name: aggregation.name };
  };
}

/** What the emulator holds, as `<kind> <account>/<region> <id> <tags>`, sorted. */
function stored(emulator: Emulator): string[] {
  return emulator
    .snapshot()
    .resources.map((r) => `${r.kind} ${r.account}/${r.region} ${r.id} ${JSON.stringify(r.tags)}`)
    .sort();
}

/** The authorizations the base setup creates, as {@link stored} shows them. */
function authorizationsOf(accounts: string[], regions: string[], tags: string): string[] {
  return accounts.flatMap((account) =>
    regions.map(
      (region) => `authorization ${account}/${region} ${ACCOUNTS.A}:${REGIONS.A} ${tags}`,
    ),
  );
}

describe("MultiAccountAggregation end to end", () => {
  const { runner, emulator } = useComponentWorld({ accessKeys: SOURCE_KEYS });

  /** Deploys the base setup and clears the request log. */
  async function deployed(): Promise<void> {
    await runner().up(workloads(BASE));
    emulator().clearRequests();
  }

  it("up creates the aggregator and an authorization of it in every source account and region", async () => {
    const result = await runner().up(workloads(BASE));
    assert.deepEqual(plan(result), [
      "create workloads",
      "create workloads",
      ...authorizationSteps("create", "workloads", [ACCOUNTS.B, ACCOUNTS.C]),
    ]);
    assert.deepEqual(callCounts(emulator()), {
      "sts:AssumeRole": 2,
      "config:DescribeConfigurationAggregators (NoSuchConfigurationAggregatorException)": 1,
      "config:PutConfigurationAggregator": 1,
      "config:DescribeAggregationAuthorizations": 4,
      "config:PutAggregationAuthorization": 4,
    });
    assert.deepEqual(stored(emulator()), [
      `aggregator ${ACCOUNTS.A}/${REGIONS.A} workloads {"team":"platform"}`,
      ...authorizationsOf([ACCOUNTS.B, ACCOUNTS.C], [REGIONS.B, REGIONS.A], '{"team":"platform"}'),
    ]);
    const aggregator = await aggregatorNamed("workloads");
    assert.deepEqual(aggregator?.AccountAggregationSources, [
      {
        AccountIds: [ACCOUNTS.B, ACCOUNTS.C],
        AllAwsRegions: false,
        AwsRegions: [REGIONS.B, REGIONS.A],
      },
    ]);
    assert.deepEqual(result.outputs, {
      arn: aggregator?.ConfigurationAggregatorArn,
      name: "workloads",
    });
    assert.deepEqual(runner().state.get(urnOf(TYPES.multi, "workloads"))?.outputs, {
      aggregator: childReference(TYPES.multi, TYPES.aggregator, "workloads", "workloads"),
      arn: aggregator?.ConfigurationAggregatorArn,
      name: "workloads",
    });
  });

  it("listing the same accounts and regions in another order changes nothing", async () => {
    await deployed();
    const result = await runner().up(
      workloads({ ...BASE, accounts: [ACCOUNTS.C, ACCOUNTS.B], regions: [REGIONS.B, REGIONS.A] }),
    );
    assert.deepEqual(plan(result), [
      "same workloads",
      "same workloads",
      ...authorizationSteps("same", "workloads", [ACCOUNTS.B, ACCOUNTS.C]),
    ]);
    assert.deepEqual(emulator().requests(), []);
  });

  it("a preview of the unchanged program shows every resource as same and calls no AWS API", async () => {
    await deployed();
    const result = await runner().preview(workloads(BASE));
    assert.deepEqual(plan(result), [
      "same workloads",
      "same workloads",
      ...authorizationSteps("same", "workloads", [ACCOUNTS.B, ACCOUNTS.C]),
    ]);
    assert.deepEqual(emulator().requests(), []);
    const again = await runner().up(workloads(BASE));
    assert.deepEqual(plan(again), plan(result));
    assert.deepEqual(emulator().requests(), []);
  });

  it("adding an account creates only its authorizations and updates the aggregator's source", async () => {
    await deployed();
    const result = await runner().up(
      workloads({ ...BASE, accounts: [...BASE.accounts, ACCOUNTS.D] }),
    );
    assert.deepEqual(plan(result), [
      ...authorizationSteps("create", "workloads", [ACCOUNTS.D]),
      "same workloads",
      ...authorizationSteps("same", "workloads", [ACCOUNTS.B, ACCOUNTS.C]),
      "update workloads [accountAggregationSource]",
    ]);
    // One AssumeRole: the roles of the existing accounts are not assumed again. One account check
    // before the aggregator's Put, which addresses it by name with the default credentials.
    assert.deepEqual(callCounts(emulator()), {
      "sts:GetCallerIdentity": 1,
      "sts:AssumeRole": 1,
      "config:PutConfigurationAggregator": 1,
      "config:DescribeAggregationAuthorizations": 2,
      "config:PutAggregationAuthorization": 2,
    });
    assert.deepEqual(configCallAccounts(emulator()), [ACCOUNTS.A, ACCOUNTS.D]);
    assert.deepEqual(stored(emulator()), [
      `aggregator ${ACCOUNTS.A}/${REGIONS.A} workloads {"team":"platform"}`,
      ...authorizationsOf(
        [ACCOUNTS.B, ACCOUNTS.C, ACCOUNTS.D],
        [REGIONS.B, REGIONS.A],
        '{"team":"platform"}',
      ),
    ]);
    const aggregator = await aggregatorNamed("workloads");
    assert.deepEqual(aggregator?.AccountAggregationSources?.[0]?.AccountIds, [
      ACCOUNTS.B,
      ACCOUNTS.C,
      ACCOUNTS.D,
    ]);
  });

  it("adding a region creates only that region's authorizations and updates the aggregator's source", async () => {
    await deployed();
    const result = await runner().up(workloads({ ...BASE, regions: [...BASE.regions, REGIONS.C] }));
    assert.deepEqual(plan(result), [
      ...authorizationSteps("create", "workloads", [ACCOUNTS.B, ACCOUNTS.C], [REGIONS.C]),
      "same workloads",
      ...authorizationSteps("same", "workloads", [ACCOUNTS.B, ACCOUNTS.C]),
      "update workloads [accountAggregationSource]",
    ]);
    // No AssumeRole: the source accounts' credentials are shared across regions.
    assert.deepEqual(callCounts(emulator()), {
      "sts:GetCallerIdentity": 1,
      "config:PutConfigurationAggregator": 1,
      "config:DescribeAggregationAuthorizations": 2,
      "config:PutAggregationAuthorization": 2,
    });
    assert.deepEqual(
      emulator()
        .requests()
        .filter((r) => r.operation === "PutAggregationAuthorization")
        .map((r) => `${r.account}/${r.region}`)
        .sort(),
      [`${ACCOUNTS.B}/${REGIONS.C}`, `${ACCOUNTS.C}/${REGIONS.C}`],
    );
    assert.deepEqual(stored(emulator()), [
      `aggregator ${ACCOUNTS.A}/${REGIONS.A} workloads {"team":"platform"}`,
      ...authorizationsOf([ACCOUNTS.B], [REGIONS.B, REGIONS.A, REGIONS.C], '{"team":"platform"}'),
      ...authorizationsOf([ACCOUNTS.C], [REGIONS.B, REGIONS.A, REGIONS.C], '{"team":"platform"}'),
    ]);
    const aggregator = await aggregatorNamed("workloads");
    assert.deepEqual(aggregator?.AccountAggregationSources?.[0]?.AwsRegions, [
      REGIONS.B,
      REGIONS.A,
      REGIONS.C,
    ]);
  });

  it("adding a tag tags every resource once, without Put", async () => {
    await deployed();
    const tags = { team: "platform", "cost-center": "42" };
    const result = await runner().up(workloads({ ...BASE, tags }));
    assert.deepEqual(plan(result), [
      "same workloads",
      "update workloads [tags]",
      `update workloads-auth-${ACCOUNTS.B}-eu-west-1 [tags]`,
      `update workloads-auth-${ACCOUNTS.B}-us-east-1 [tags]`,
      `update workloads-auth-${ACCOUNTS.C}-eu-west-1 [tags]`,
      `update workloads-auth-${ACCOUNTS.C}-us-east-1 [tags]`,
    ]);
    assert.deepEqual(callCounts(emulator()), { "config:TagResource": 5 });
    const json = JSON.stringify(tags);
    assert.deepEqual(stored(emulator()), [
      `aggregator ${ACCOUNTS.A}/${REGIONS.A} workloads ${json}`,
      ...authorizationsOf([ACCOUNTS.B, ACCOUNTS.C], [REGIONS.B, REGIONS.A], json),
    ]);
  });

  it("removing an account deletes only its authorizations and leaves the others untouched", async () => {
    await deployed();
    const before = {
      aggregator: await aggregatorNamed("workloads"),
      east: await authorizationsIn(ACCOUNTS.B, REGIONS.A),
      west: await authorizationsIn(ACCOUNTS.B, REGIONS.B),
    };
    assert.equal(before.east.length, 1);
    emulator().clearRequests();

    const result = await runner().up(workloads({ ...BASE, accounts: [ACCOUNTS.B] }));
    assert.deepEqual(plan(result), [
      ...authorizationSteps("delete", "workloads", [ACCOUNTS.C]),
      "same workloads",
      ...authorizationSteps("same", "workloads", [ACCOUNTS.B]),
      "update workloads [accountAggregationSource]",
    ]);
    assert.deepEqual(callCounts(emulator()), {
      "sts:GetCallerIdentity": 1,
      "config:PutConfigurationAggregator": 1,
      "config:DeleteAggregationAuthorization": 2,
    });
    assert.deepEqual(configCallAccounts(emulator()), [ACCOUNTS.A, ACCOUNTS.C]);
    assert.deepEqual(stored(emulator()), [
      `aggregator ${ACCOUNTS.A}/${REGIONS.A} workloads {"team":"platform"}`,
      ...authorizationsOf([ACCOUNTS.B], [REGIONS.B, REGIONS.A], '{"team":"platform"}'),
    ]);
    // Same ARNs and creation times: updated in place, never deleted and created again.
    assert.deepEqual(await authorizationsIn(ACCOUNTS.B, REGIONS.A), before.east);
    assert.deepEqual(await authorizationsIn(ACCOUNTS.B, REGIONS.B), before.west);
    const aggregator = await aggregatorNamed("workloads");
    assert.deepEqual(
      [aggregator?.ConfigurationAggregatorArn, aggregator?.CreationTime],
      [before.aggregator?.ConfigurationAggregatorArn, before.aggregator?.CreationTime],
    );
    assert.deepEqual(aggregator?.AccountAggregationSources?.[0]?.AccountIds, [ACCOUNTS.B]);
  });

  it("destroy deletes everything it created and empties the state", async () => {
    await deployed();
    const result = await runner().destroy();
    assert.deepEqual(plan(result), [
      "delete workloads",
      "delete workloads",
      ...authorizationSteps("delete", "workloads", [ACCOUNTS.B, ACCOUNTS.C]),
    ]);
    // The aggregator is deleted by name with the default credentials: their account is checked once.
    assert.deepEqual(callCounts(emulator()), {
      "sts:GetCallerIdentity": 1,
      "config:DeleteConfigurationAggregator": 1,
      "config:DeleteAggregationAuthorization": 4,
    });
    const { resources, roles } = emulator().snapshot();
    assert.deepEqual({ resources, roles }, { resources: [], roles: [] });
    assert.equal(runner().state.size, 0);
  });
});
