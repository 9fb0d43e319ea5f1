import * as assert from "node:assert/strict";
import { forgetActingAccounts } from "../../provider/shared/aws/identity";
import { useEmulator } from "../support/emulator";
import { aggregators, callCounts, checked, operations, rejection } from "./helpers";
import { INTERRUPTED_UP_HINT } from "../support/messages";
import { ACCOUNTS, REGIONS, roleArn } from "../support/fixtures";

/** A time stamp past the eventual-consistency horizon. */
const OLD_TIME = "2020-01-01T00:00:00.000Z";
/** An access key that acts in {@link ACCOUNTS.B}. */
const OTHER_ACCOUNT_KEY = "AKIAOTHERACCOUNT0001";

const SOURCE = {
  accountIds: [ACCOUNTS.B, ACCOUNTS.A],
  awsRegions: ["us-west-2", "us-east-1"],
};

describe("ConfigurationAggregator provider against the emulator", () => {
  const fixture = useEmulator({ accessKeys: { [OTHER_ACCOUNT_KEY]: ACCOUNTS.B } });
  // Each test counts its own STS calls, as a fresh provider process would make them.
  beforeEach(forgetActingAccounts);
  const emulator = () => fixture.emulator;

  async function created(extra: Record<string, unknown> = {}) {
    const inputs = await checked(aggregators, {
      name: "org",
      accountAggregationSource: SOURCE,
      tags: { team: "a" },
      ...extra,
    });
    const result = await aggregators.create(inputs);
    emulator().clearRequests();
    return { inputs, id: result.id, state: result.outs };
  }

  it("creates with one existence check and one Put that carries the tags", async () => {
    const inputs = await checked(aggregators, {
      name: "org",
      accountAggregationSource: SOURCE,
      tags: { team: "a" },
    });
    const result = await aggregators.create(inputs);
    assert.deepEqual(operations(emulator()), [
      "DescribeConfigurationAggregators",
      "PutConfigurationAggregator",
    ]);
    assert.equal(result.id, "org");
    assert.match(
      result.outs.arn,
      new RegExp(
        `^arn:aws:config:us-east-1:${ACCOUNTS.A}:config-aggregator/config-aggregator-[a-z0-9]{8}$`,
      ),
    );
    assert.equal(result.outs.accountId, ACCOUNTS.A);
    assert.deepEqual(result.outs.accountAggregationSource, {
      accountIds: [ACCOUNTS.A, ACCOUNTS.B],
      awsRegions: ["us-east-1", "us-west-2"],
    });
    assert.deepEqual(result.outs.tags, { team: "a" });
    const [stored] = emulator().snapshot().resources;
    assert.deepEqual(stored?.tags, { team: "a" });
  });

  it("makes no AWS call when the program did not change", async () => {
    const { id, state, inputs } = await created();
    const again = await checked(
      aggregators,
      { name: "org", accountAggregationSource: SOURCE, tags: { team: "a" } },
      inputs,
    );
    assert.deepEqual(await aggregators.diff(id, state, again), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    assert.deepEqual(operations(emulator()), []);
  });

  it("updates tags with UntagResource and TagResource, without calling Put", async () => {
    const { id, state } = await created({ tags: { team: "a", old: "x" } });
    const news = await checked(aggregators, {
      name: "org",
      accountAggregationSource: SOURCE,
      tags: { team: "b", added: "y" },
    });
    const result = await aggregators.update(id, state, news);
    assert.deepEqual(operations(emulator()), ["UntagResource", "TagResource"]);
    assert.deepEqual(result.outs.tags, { team: "b", added: "y" });
    assert.deepEqual(emulator().snapshot().resources[0]?.tags, { team: "b", added: "y" });
    assert.equal(result.outs.lastUpdatedTime, state.lastUpdatedTime);
  });

  it("updates the source with one Put, after one account check per process, and no tag calls", async () => {
    const { id, state } = await created();
    const news = await checked(aggregators, {
      name: "org",
      accountAggregationSource: { accountIds: [ACCOUNTS.C], allAwsRegions: true },
      tags: { team: "a" },
    });
    const result = await aggregators.update(id, state, news);
    // Put addresses the aggregator by name, so the default credentials' account is checked first.
    assert.deepEqual(operations(emulator()), ["GetCallerIdentity", "PutConfigurationAggregator"]);
    assert.deepEqual(result.outs.accountAggregationSource, {
      accountIds: [ACCOUNTS.C],
      allAwsRegions: true,
    });
    assert.equal(result.outs.arn, state.arn);
  });

  it("switches from an account source to an organization source in place", async () => {
    const { id, state } = await created();
    const role = roleArn(ACCOUNTS.A, "ConfigOrgRole");
    const news = await checked(aggregators, {
      name: "org",
      organizationAggregationSource: { roleArn: role, allAwsRegions: true },
      tags: { team: "a" },
    });
    assert.deepEqual(await aggregators.diff(id, state, news), {
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const result = await aggregators.update(id, state, news);
    assert.equal(result.outs.accountAggregationSource, undefined);
    assert.deepEqual(result.outs.organizationAggregationSource, {
      roleArn: role,
      allAwsRegions: true,
    });
    assert.equal(result.outs.arn, state.arn);
  });

  it("stores and returns aggregator filters", async () => {
    const filters = {
      resourceType: { value: ["AWS::S3::Bucket", "AWS::EC2::Instance"] },
      servicePrincipal: { type: "INCLUDE", value: ["config.amazonaws.com"] },
    };
    const { id, state } = await created({ aggregatorFilters: filters });
    const expected = {
      resourceType: { type: "INCLUDE", value: ["AWS::EC2::Instance", "AWS::S3::Bucket"] },
      servicePrincipal: { type: "INCLUDE", value: ["config.amazonaws.com"] },
    };
    assert.deepEqual(state.aggregatorFilters, expected);
    const read = await aggregators.read(id, state);
    assert.deepEqual(read.props?.aggregatorFilters, expected);
  });

  it("deletes with one call each after one account check, and counts an aggregator already gone as deleted", async () => {
    const { id, state } = await created();
    await aggregators.delete(id, state);
    await aggregators.delete(id, state);
    assert.deepEqual(operations(emulator()), [
      "GetCallerIdentity",
      "DeleteConfigurationAggregator",
      "DeleteConfigurationAggregator",
    ]);
    assert.deepEqual(emulator().snapshot().resources, []);
  });

  it("refreshes with one Describe and one GetResources, returning inputs that show drift", async () => {
    const { id, state } = await created();
    const { ConfigServiceClient, TagResourceCommand } =
      await import("@aws-sdk/client-config-service");
    await new ConfigServiceClient({}).send(
      new TagResourceCommand({ ResourceArn: state.arn, Tags: [{ Key: "drift", Value: "1" }] }),
    );
    emulator().clearRequests();
    const read = await aggregators.read(id, state);
    assert.deepEqual(operations(emulator()), ["DescribeConfigurationAggregators", "GetResources"]);
    assert.deepEqual(read.props?.tags, { team: "a", drift: "1" });
    assert.deepEqual((read.inputs as Record<string, unknown>).tags, { team: "a", drift: "1" });
    assert.equal((read.inputs as Record<string, unknown>).arn, undefined);
    const diff = await aggregators.diff(
      id,
      read.props,
      await checked(aggregators, {
        name: "org",
        accountAggregationSource: SOURCE,
        tags: { team: "a" },
      }),
    );
    assert.equal(diff.changes, true);
  });

  it("reads an aggregator deleted out of band as gone", async () => {
    const { id, state } = await created();
    await aggregators.delete(id, state);
    emulator().clearRequests();
    const longAgo = "2025-01-01T00:00:00.000Z";
    const read = await aggregators.read(id, {
      ...state,
      creationTime: longAgo,
      lastUpdatedTime: longAgo,
    });
    assert.deepEqual(read, {});
    assert.deepEqual(operations(emulator()), ["DescribeConfigurationAggregators"]);
  });

  it("looks again before calling a just-written aggregator gone, so a consistency window does not drop it", async () => {
    emulator().setFaults({ consistencyWindowMs: 600 });
    const inputs = await checked(aggregators, { name: "org", accountAggregationSource: SOURCE });
    const result = await aggregators.create(inputs);
    const read = await aggregators.read(result.id, result.outs);
    assert.equal(read.props?.arn, result.outs.arn);
    const describes = operations(emulator()).filter(
      (op) => op === "DescribeConfigurationAggregators",
    );
    assert.ok(describes.length >= 3, `expected repeated looks, saw ${describes.length}`);
  });

  it("refuses to create over an existing aggregator, names it, and leaves it untouched", async () => {
    const { inputs, state } = await created({ tags: { owner: "someone-else" } });
    const error = await rejection(aggregators.create({ ...inputs, tags: { team: "mine" } }));
    assert.equal(
      error.message,
      `aggregator "org" already exists in ${ACCOUNTS.A}/us-east-1 (${state.arn}), and this stack did not create it. ` +
        "To manage it from this stack, set adoptExisting: true on the resource (the program's settings and tags then replace its own); " +
        "otherwise choose another name. " +
        INTERRUPTED_UP_HINT,
    );
    assert.deepEqual(operations(emulator()), ["DescribeConfigurationAggregators"]);
    assert.deepEqual(emulator().snapshot().resources[0]?.tags, { owner: "someone-else" });
  });

  it("adopts an existing aggregator when asked, replacing its settings and reconciling its tags", async () => {
    const { inputs, state } = await created({ tags: { owner: "someone-else", keep: "1" } });
    const adopted = await aggregators.create({
      ...inputs,
      adoptExisting: true,
      tags: { keep: "1", team: "mine" },
    });
    assert.deepEqual(operations(emulator()), [
      "DescribeConfigurationAggregators",
      "PutConfigurationAggregator",
      "ListTagsForResource",
      "UntagResource",
      "TagResource",
    ]);
    assert.equal(adopted.outs.arn, state.arn);
    assert.deepEqual(adopted.outs.tags, { keep: "1", team: "mine" });
    assert.deepEqual(emulator().snapshot().resources[0]?.tags, { keep: "1", team: "mine" });
  });

  it("records a partial resource when TagResource fails after the Put, and the next update completes it", async () => {
    const { id, state } = await created();
    emulator().setFaults({
      rules: [
        { kind: "reject", operation: "TagResource", errorCode: "AccessDeniedException", times: 1 },
      ],
    });
    const news = await checked(aggregators, {
      name: "org",
      accountAggregationSource: { accountIds: [ACCOUNTS.C], allAwsRegions: true },
      tags: { team: "b" },
    });
    const error = await rejection(aggregators.update(id, state, news));
    assert.equal(error.id, "org");
    const partial = error.properties as typeof state;
    assert.deepEqual(partial.accountAggregationSource, {
      accountIds: [ACCOUNTS.C],
      allAwsRegions: true,
    });
    assert.deepEqual(partial.tags, { team: "a" }, "team=b was not applied");
    assert.match(
      error.message,
      new RegExp(
        `^TagResource failed for aggregator "org" in ${ACCOUNTS.A}/us-east-1: AccessDeniedException: `,
      ),
    );

    emulator().clearRequests();
    const diff = await aggregators.diff(id, partial, news);
    assert.deepEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    const finished = await aggregators.update(id, partial, news);
    assert.deepEqual(operations(emulator()), ["TagResource"]);
    assert.deepEqual(finished.outs.tags, { team: "b" });
    assert.deepEqual(emulator().snapshot().resources[0]?.tags, { team: "b" });
  });

  it("retries 500s and rides out a throttling storm", async () => {
    emulator().setFaults({
      rules: [
        { kind: "internal-error", operation: "PutConfigurationAggregator", times: 2 },
        { kind: "throttle", operation: "DescribeConfigurationAggregators", ratePerSecond: 2 },
      ],
    });
    const names = ["a1", "a2", "a3", "a4", "a5", "a6"];
    const results = await Promise.all(
      names.map(async (name) =>
        aggregators.create(await checked(aggregators, { name, accountAggregationSource: SOURCE })),
      ),
    );
    assert.deepEqual(
      results.map((result) => result.id),
      names,
    );
    const log = emulator().requests();
    assert.equal(log.filter((r) => r.errorCode === "InternalFailure").length, 2);
    assert.ok(
      log.some((r) => r.errorCode === "ThrottlingException"),
      "the storm throttled some requests",
    );
    assert.equal(
      log.filter((r) => r.operation === "PutConfigurationAggregator" && r.status === 200).length,
      6,
    );
    assert.equal(emulator().snapshot().resources.length, 6);
  });

  it("acts in another account through assumeRole, assuming the role once", async () => {
    const assumeRole = {
      roleArn: roleArn(ACCOUNTS.B, "Deployer"),
      externalId: "s3cret-external-id",
    };
    const results = [];
    for (const name of ["x1", "x2", "x3"]) {
      results.push(
        await aggregators.create(
          await checked(aggregators, { name, accountAggregationSource: SOURCE, assumeRole }),
        ),
      );
    }
    assert.deepEqual(
      results.map((result) => result.outs.accountId),
      [ACCOUNTS.B, ACCOUNTS.B, ACCOUNTS.B],
    );
    assert.equal(callCounts(emulator()).AssumeRole, 1);
    assert.deepEqual(
      emulator()
        .snapshot()
        .resources.map((r) => `${r.account}/${r.region}/${r.id}`),
      [
        `${ACCOUNTS.B}/${REGIONS.A}/x1`,
        `${ACCOUNTS.B}/${REGIONS.A}/x2`,
        `${ACCOUNTS.B}/${REGIONS.A}/x3`,
      ],
    );
  });

  it("fails the loser of a creation race instead of silently taking the winner's aggregator", async () => {
    // Both existence checks see nothing; the first Put to arrive is held back, so the other one
    // creates and the held-back one lands on an aggregator that already exists.
    emulator().setFaults({
      rules: [
        { kind: "latency", operation: "DescribeConfigurationAggregators", latencyMs: 100 },
        // Longer than the tolerance between a creation's two time stamps.
        { kind: "latency", operation: "PutConfigurationAggregator", latencyMs: 1300, times: 1 },
      ],
    });
    const stacks = ["blue", "green"].map((team) =>
      // A region of its own: the clients of other tests' regions carry their rate limiters' state.
      checked(aggregators, {
        name: "org",
        region: REGIONS.B,
        accountAggregationSource: SOURCE,
        tags: { team },
      }),
    );
    const outcomes = await Promise.allSettled(
      (await Promise.all(stacks)).map((inputs) => aggregators.create(inputs)),
    );
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    assert.equal(won.length, 1);
    assert.equal(lost.length, 1);
    const [stored] = emulator().snapshot().resources;
    const winner = (won[0] as PromiseFulfilledResult<{ outs: { tags: Record<string, string> } }>)
      .value;
    assert.deepEqual(stored?.tags, winner.outs.tags, "the winner's tags are kept");
    assert.equal(
      (lost[0].reason as Error).message,
      `aggregator "org" in ${ACCOUNTS.A}/eu-west-1 (${stored?.arn}) was created by another deployment at the same time as this one, ` +
        "so this stack did not create it and does not record it. AWS Config has no conditional create: this deployment's Put then " +
        "updated that aggregator's sources and filters (its tags were kept). Choose another name, or run `pulumi refresh` and `pulumi up` " +
        "in the stack that owns it to restore its settings; to manage it from this stack instead, set adoptExisting: true.",
    );
  });

  it("keeps an aggregator its own first Put created when a retry of that Put stamped it later", async () => {
    emulator().setFaults({
      rules: [
        // The first Put creates the aggregator but its answer is lost; the retry arrives late,
        // so the retry's update time lies well past the creation time.
        { kind: "unavailable", operation: "PutConfigurationAggregator", phase: "after", times: 1 },
        { kind: "latency", operation: "PutConfigurationAggregator", latencyMs: 1300, times: 1 },
      ],
    });
    const inputs = await checked(aggregators, {
      name: "org",
      region: REGIONS.B,
      accountAggregationSource: SOURCE,
      tags: { team: "blue" },
    });
    const created = await aggregators.create(inputs);
    const [stored] = emulator().snapshot().resources;
    assert.equal(created.id, "org");
    assert.equal(created.outs.arn, stored?.arn);
    assert.ok(
      Date.parse(created.outs.lastUpdatedTime ?? "") - Date.parse(created.outs.creationTime ?? "") >
        1300,
      "the retry stamped the update past the tolerance of a single creation",
    );
    assert.deepEqual(callCounts(emulator()), {
      DescribeConfigurationAggregators: 1,
      PutConfigurationAggregator: 2,
    });
  });

  it("retries an organization Put refused with InvalidRoleException while a new role propagates", async () => {
    emulator().setFaults({
      rules: [
        {
          kind: "reject",
          operation: "PutConfigurationAggregator",
          errorCode: "InvalidRoleException",
          times: 2,
        },
      ],
    });
    const inputs = await checked(aggregators, {
      name: "org",
      organizationAggregationSource: {
        roleArn: roleArn(ACCOUNTS.A, "ConfigOrgRole"),
        allAwsRegions: true,
      },
    });
    const result = await aggregators.create(inputs);
    assert.equal(result.id, "org");
    assert.deepEqual(
      emulator()
        .requests()
        .map((r) => `${r.operation}:${r.errorCode ?? r.status}`),
      [
        "DescribeConfigurationAggregators:NoSuchConfigurationAggregatorException",
        "PutConfigurationAggregator:InvalidRoleException",
        "PutConfigurationAggregator:InvalidRoleException",
        "PutConfigurationAggregator:200",
      ],
    );
  });

  it("drops assumeRole from the outputs when the program drops it", async () => {
    const assumeRole = { roleArn: roleArn(ACCOUNTS.A, "Deployer"), externalId: "external-id-1" };
    const { id, state } = await created({ assumeRole });
    const news = await checked(aggregators, {
      name: "org",
      accountAggregationSource: SOURCE,
      tags: { team: "a" },
    });
    const result = await aggregators.update(id, state, news);
    assert.equal("assumeRole" in result.outs, false);
    assert.deepEqual(await aggregators.diff(id, result.outs, news), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    assert.deepEqual(
      operations(emulator()),
      ["GetCallerIdentity"],
      "the account is checked, nothing else is called",
    );
  });

  it("records a partial resource when reading the tags of an adopted aggregator fails after its Put", async () => {
    const { inputs, state } = await created({ tags: { owner: "someone-else" } });
    emulator().setFaults({
      rules: [{ kind: "reject", operation: "ListTagsForResource", times: 1 }],
    });
    const error = await rejection(
      aggregators.create({ ...inputs, adoptExisting: true, tags: { team: "mine" } }),
    );
    assert.equal(error.id, "org");
    assert.equal((error.properties as typeof state).arn, state.arn);
    assert.match(
      error.message,
      new RegExp(
        `^ListTagsForResource failed for aggregator "org" in ${ACCOUNTS.A}/us-east-1: AccessDeniedException: `,
      ),
    );
  });

  it("wraps AWS errors with the operation, the resource, the account and the region", async () => {
    const inputs = await checked(aggregators, { name: "org", accountAggregationSource: SOURCE });
    emulator().setFaults({
      rules: [
        {
          kind: "reject",
          operation: "PutConfigurationAggregator",
          errorCode: "InvalidRoleException",
          times: 1,
        },
      ],
    });
    const error = await rejection(aggregators.create(inputs));
    assert.match(
      error.message,
      new RegExp(
        `^PutConfigurationAggregator failed for aggregator "org" in ${ACCOUNTS.A}/us-east-1: InvalidRoleException: `,
      ),
    );
    assert.deepEqual(emulator().snapshot().resources, []);
  });

  it("refuses to update, delete or call gone an aggregator once the default credentials act in another account", async () => {
    const { id, state } = await created();
    const news = await checked(aggregators, {
      name: "org",
      accountAggregationSource: { accountIds: [ACCOUNTS.C], allAwsRegions: true },
      tags: { team: "a" },
    });
    // The next run uses other credentials (another profile, another CI role), in account B.
    const restore = process.env.AWS_ACCESS_KEY_ID;
    process.env.AWS_ACCESS_KEY_ID = OTHER_ACCOUNT_KEY;
    try {
      const expected =
        `aggregator "org" lives in account ${ACCOUNTS.A}, but without assumeRole the default credentials act in account ${ACCOUNTS.B}. ` +
        `Run with credentials for account ${ACCOUNTS.A} or give an assumeRole whose role is there; ` +
        `to move the resource to account ${ACCOUNTS.B}, replace it (for example with the replaceOnChanges option).`;
      assert.equal((await rejection(aggregators.update(id, state, news))).message, expected);
      assert.equal((await rejection(aggregators.delete(id, state))).message, expected);
      // Written long ago, as in a later run: a miss is not double-checked for consistency.
      const settled = { ...state, creationTime: OLD_TIME, lastUpdatedTime: OLD_TIME };
      assert.equal((await rejection(aggregators.read(id, settled))).message, expected);
    } finally {
      process.env.AWS_ACCESS_KEY_ID = restore;
    }
    assert.deepEqual(operations(emulator()), [
      "GetCallerIdentity",
      "DescribeConfigurationAggregators",
    ]);
    assert.deepEqual(
      emulator()
        .snapshot()
        .resources.map((r) => `${r.account}/${r.id} ${JSON.stringify(r.tags)}`),
      [`${ACCOUNTS.A}/org {"team":"a"}`],
      "nothing written in account B, the aggregator in account A untouched",
    );
  });

  it("checks expectedAccountId before its first write: free with assumeRole, one STS call without", async () => {
    const inRoleAccount = await checked(aggregators, {
      name: "org",
      accountAggregationSource: SOURCE,
      expectedAccountId: ACCOUNTS.A,
      assumeRole: { roleArn: roleArn(ACCOUNTS.B, "Deployer") },
    });
    assert.equal(
      (await rejection(aggregators.create(inRoleAccount))).message,
      `aggregator "org": expectedAccountId is ${ACCOUNTS.A}, but its assumeRole's role is in account ${ACCOUNTS.B}; nothing was written. ` +
        `Give credentials or an assumeRole for account ${ACCOUNTS.A}, or correct the expected account.`,
    );
    assert.deepEqual(operations(emulator()), []);

    const inputs = await checked(aggregators, {
      name: "org",
      accountAggregationSource: SOURCE,
      expectedAccountId: ACCOUNTS.A,
    });
    const { id, outs } = await aggregators.create(inputs);
    assert.deepEqual(operations(emulator()), [
      "GetCallerIdentity",
      "DescribeConfigurationAggregators",
      "PutConfigurationAggregator",
    ]);
    assert.equal(outs.accountId, ACCOUNTS.A);
    assert.equal(outs.expectedAccountId, ACCOUNTS.A);
    assert.deepEqual(await aggregators.diff(id, outs, inputs), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });

    emulator().clearRequests();
    const elsewhere = await checked(aggregators, {
      name: "org",
      accountAggregationSource: SOURCE,
      expectedAccountId: ACCOUNTS.B,
    });
    assert.equal(
      (await rejection(aggregators.update(id, outs, elsewhere))).message,
      `aggregator "org": expectedAccountId is ${ACCOUNTS.B}, but the aggregator is in account ${ACCOUNTS.A}; nothing was written. ` +
        `An aggregator cannot move between accounts: correct the expected account, or give an assumeRole in account ${ACCOUNTS.B} to replace it there.`,
    );
    assert.deepEqual(operations(emulator()), []);
  });
});
