import * as assert from "node:assert/strict";
import { MultiAccountAggregation } from "../../components/multi-account-aggregation";
import type { Emulator } from "../../emulator";
import {
  ACCOUNT_A,
  ACCOUNT_B,
  ACCOUNT_C,
  REGION_A,
  REGION_B,
  useEmulator,
} from "../support/emulator";
import type { ProgramRunner } from "../support/runner";
import {
  ACCOUNT_D,
  aggregatorNamed,
  authorizationsIn,
  callCounts,
  configCallAccounts,
  emulatorRunner,
  plan,
  REGION_C,
  RESOURCE_REFERENCE_SIG,
  SOURCE_KEYS,
  TYPES,
  urnOf,
  warmCallerAccount,
} from "./helpers";
import { SIG_KEY } from "../support/properties";

interface Setup {
  accounts: string[];
  regions: string[];
  tags: Record<string, string>;
}

const BASE: Setup = {
  accounts: [ACCOUNT_B, ACCOUNT_C],
  regions: [REGION_A, REGION_B],
  tags: { team: "platform" },
};

/** The program: an aggregator named "workloads" in account A, us-east-1. */
function workloads(setup: Setup) {
  return () => {
    const aggregation = new MultiAccountAggregation("workloads", {
      aggregator: { name: "workloads", region: REGION_A },
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
    regions.map((region) => `authorization ${account}/${region} ${ACCOUNT_A}:${REGION_A} ${tags}`),
  );
}

describe("MultiAccountAggregation end to end", () => {
  const fixture = useEmulator({ accessKeys: SOURCE_KEYS });
  const emulator = () => fixture.emulator;
  let runner: ProgramRunner;

  before(warmCallerAccount);
  beforeEach(() => {
    runner = emulatorRunner(fixture);
  });
  afterEach(async () => {
    await runner.close();
  });

  /** Deploys the base setup and clears the request log. */
  async function deployed(): Promise<void> {
    await runner.up(workloads(BASE));
    emulator().clearRequests();
  }

  it("up creates the aggregator and an authorization of it in every source account and region", async () => {
    const result = await runner.up(workloads(BASE));
    assert.deepEqual(plan(result), [
      "create workloads",
      "create workloads",
      "create workloads-auth-222222222222-eu-west-1",
      "create workloads-auth-222222222222-us-east-1",
      "create workloads-auth-333333333333-eu-west-1",
      "create workloads-auth-333333333333-us-east-1",
    ]);
    assert.deepEqual(callCounts(emulator()), {
      "sts:AssumeRole": 2,
      "config:DescribeConfigurationAggregators (NoSuchConfigurationAggregatorException)": 1,
      "config:PutConfigurationAggregator": 1,
      "config:DescribeAggregationAuthorizations": 4,
      "config:PutAggregationAuthorization": 4,
    });
    assert.deepEqual(stored(emulator()), [
      `aggregator ${ACCOUNT_A}/${REGION_A} workloads {"team":"platform"}`,
      ...authorizationsOf([ACCOUNT_B, ACCOUNT_C], [REGION_B, REGION_A], '{"team":"platform"}'),
    ]);
    const aggregator = await aggregatorNamed("workloads");
    assert.deepEqual(aggregator?.AccountAggregationSources, [
      {
        AccountIds: [ACCOUNT_B, ACCOUNT_C],
        AllAwsRegions: false,
        AwsRegions: [REGION_B, REGION_A],
      },
    ]);
    assert.deepEqual(result.outputs, {
      arn: aggregator?.ConfigurationAggregatorArn,
      name: "workloads",
    });
    assert.deepEqual(runner.state.get(urnOf(TYPES.multi, "workloads"))?.outputs, {
      aggregator: {
        [SIG_KEY]: RESOURCE_REFERENCE_SIG,
        id: "workloads",
        urn: urnOf(`${TYPES.multi}$${TYPES.aggregator}`, "workloads"),
      },
      arn: aggregator?.ConfigurationAggregatorArn,
      name: "workloads",
    });
  });

  it("listing the same accounts and regions in another order changes nothing", async () => {
    await deployed();
    const result = await runner.up(
      workloads({ ...BASE, accounts: [ACCOUNT_C, ACCOUNT_B], regions: [REGION_B, REGION_A] }),
    );
    assert.deepEqual(plan(result), [
      "same workloads",
      "same workloads",
      "same workloads-auth-222222222222-eu-west-1",
      "same workloads-auth-222222222222-us-east-1",
      "same workloads-auth-333333333333-eu-west-1",
      "same workloads-auth-333333333333-us-east-1",
    ]);
    assert.deepEqual(emulator().requests(), []);
  });

  it("a preview of the unchanged program shows every resource as same and calls no AWS API", async () => {
    await deployed();
    const result = await runner.preview(workloads(BASE));
    assert.deepEqual(plan(result), [
      "same workloads",
      "same workloads",
      "same workloads-auth-222222222222-eu-west-1",
      "same workloads-auth-222222222222-us-east-1",
      "same workloads-auth-333333333333-eu-west-1",
      "same workloads-auth-333333333333-us-east-1",
    ]);
    assert.deepEqual(emulator().requests(), []);
    const again = await runner.up(workloads(BASE));
    assert.deepEqual(plan(again), plan(result));
    assert.deepEqual(emulator().requests(), []);
  });

  it("adding an account creates only its authorizations and updates the aggregator's source", async () => {
    await deployed();
    const result = await runner.up(workloads({ ...BASE, accounts: [...BASE.accounts, ACCOUNT_D] }));
    assert.deepEqual(plan(result), [
      "create workloads-auth-444444444444-eu-west-1",
      "create workloads-auth-444444444444-us-east-1",
      "same workloads",
      "same workloads-auth-222222222222-eu-west-1",
      "same workloads-auth-222222222222-us-east-1",
      "same workloads-auth-333333333333-eu-west-1",
      "same workloads-auth-333333333333-us-east-1",
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
    assert.deepEqual(configCallAccounts(emulator()), [ACCOUNT_A, ACCOUNT_D]);
    assert.deepEqual(stored(emulator()), [
      `aggregator ${ACCOUNT_A}/${REGION_A} workloads {"team":"platform"}`,
      ...authorizationsOf(
        [ACCOUNT_B, ACCOUNT_C, ACCOUNT_D],
        [REGION_B, REGION_A],
        '{"team":"platform"}',
      ),
    ]);
    const aggregator = await aggregatorNamed("workloads");
    assert.deepEqual(aggregator?.AccountAggregationSources?.[0]?.AccountIds, [
      ACCOUNT_B,
      ACCOUNT_C,
      ACCOUNT_D,
    ]);
  });

  it("adding a region creates only that region's authorizations and updates the aggregator's source", async () => {
    await deployed();
    const result = await runner.up(workloads({ ...BASE, regions: [...BASE.regions, REGION_C] }));
    assert.deepEqual(plan(result), [
      "create workloads-auth-222222222222-us-west-2",
      "create workloads-auth-333333333333-us-west-2",
      "same workloads",
      "same workloads-auth-222222222222-eu-west-1",
      "same workloads-auth-222222222222-us-east-1",
      "same workloads-auth-333333333333-eu-west-1",
      "same workloads-auth-333333333333-us-east-1",
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
      [`${ACCOUNT_B}/${REGION_C}`, `${ACCOUNT_C}/${REGION_C}`],
    );
    assert.deepEqual(stored(emulator()), [
      `aggregator ${ACCOUNT_A}/${REGION_A} workloads {"team":"platform"}`,
      ...authorizationsOf([ACCOUNT_B], [REGION_B, REGION_A, REGION_C], '{"team":"platform"}'),
      ...authorizationsOf([ACCOUNT_C], [REGION_B, REGION_A, REGION_C], '{"team":"platform"}'),
    ]);
    const aggregator = await aggregatorNamed("workloads");
    assert.deepEqual(aggregator?.AccountAggregationSources?.[0]?.AwsRegions, [
      REGION_B,
      REGION_A,
      REGION_C,
    ]);
  });

  it("adding a tag tags every resource once, without Put", async () => {
    await deployed();
    const tags = { team: "platform", "cost-center": "42" };
    const result = await runner.up(workloads({ ...BASE, tags }));
    assert.deepEqual(plan(result), [
      "same workloads",
      "update workloads [tags]",
      "update workloads-auth-222222222222-eu-west-1 [tags]",
      "update workloads-auth-222222222222-us-east-1 [tags]",
      "update workloads-auth-333333333333-eu-west-1 [tags]",
      "update workloads-auth-333333333333-us-east-1 [tags]",
    ]);
    assert.deepEqual(callCounts(emulator()), { "config:TagResource": 5 });
    const json = JSON.stringify(tags);
    assert.deepEqual(stored(emulator()), [
      `aggregator ${ACCOUNT_A}/${REGION_A} workloads ${json}`,
      ...authorizationsOf([ACCOUNT_B, ACCOUNT_C], [REGION_B, REGION_A], json),
    ]);
  });

  it("removing an account deletes only its authorizations and leaves the others untouched", async () => {
    await deployed();
    const before = {
      aggregator: await aggregatorNamed("workloads"),
      east: await authorizationsIn(ACCOUNT_B, REGION_A),
      west: await authorizationsIn(ACCOUNT_B, REGION_B),
    };
    assert.equal(before.east.length, 1);
    emulator().clearRequests();

    const result = await runner.up(workloads({ ...BASE, accounts: [ACCOUNT_B] }));
    assert.deepEqual(plan(result), [
      "delete workloads-auth-333333333333-eu-west-1",
      "delete workloads-auth-333333333333-us-east-1",
      "same workloads",
      "same workloads-auth-222222222222-eu-west-1",
      "same workloads-auth-222222222222-us-east-1",
      "update workloads [accountAggregationSource]",
    ]);
    assert.deepEqual(callCounts(emulator()), {
      "sts:GetCallerIdentity": 1,
      "config:PutConfigurationAggregator": 1,
      "config:DeleteAggregationAuthorization": 2,
    });
    assert.deepEqual(configCallAccounts(emulator()), [ACCOUNT_A, ACCOUNT_C]);
    assert.deepEqual(stored(emulator()), [
      `aggregator ${ACCOUNT_A}/${REGION_A} workloads {"team":"platform"}`,
      ...authorizationsOf([ACCOUNT_B], [REGION_B, REGION_A], '{"team":"platform"}'),
    ]);
    // Same ARNs and creation times: updated in place, never deleted and created again.
    assert.deepEqual(await authorizationsIn(ACCOUNT_B, REGION_A), before.east);
    assert.deepEqual(await authorizationsIn(ACCOUNT_B, REGION_B), before.west);
    const aggregator = await aggregatorNamed("workloads");
    assert.deepEqual(
      [aggregator?.ConfigurationAggregatorArn, aggregator?.CreationTime],
      [before.aggregator?.ConfigurationAggregatorArn, before.aggregator?.CreationTime],
    );
    assert.deepEqual(aggregator?.AccountAggregationSources?.[0]?.AccountIds, [ACCOUNT_B]);
  });

  it("destroy deletes everything it created and empties the state", async () => {
    await deployed();
    const result = await runner.destroy();
    assert.deepEqual(plan(result), [
      "delete workloads",
      "delete workloads",
      "delete workloads-auth-222222222222-eu-west-1",
      "delete workloads-auth-222222222222-us-east-1",
      "delete workloads-auth-333333333333-eu-west-1",
      "delete workloads-auth-333333333333-us-east-1",
    ]);
    // The aggregator is deleted by name with the default credentials: their account is checked once.
    assert.deepEqual(callCounts(emulator()), {
      "sts:GetCallerIdentity": 1,
      "config:DeleteConfigurationAggregator": 1,
      "config:DeleteAggregationAuthorization": 4,
    });
    const { resources, roles } = emulator().snapshot();
    assert.deepEqual({ resources, roles }, { resources: [], roles: [] });
    assert.equal(runner.state.size, 0);
  });
});
