import * as assert from "node:assert/strict";
import { forgetActingAccounts } from "../../provider/shared/aws/identity";
import {
  ConfigServiceClient,
  PutAggregationAuthorizationCommand,
} from "@aws-sdk/client-config-service";
import { useEmulator } from "../support/emulator";
import { authorizations, callCounts, checked, operations, rejection } from "./helpers";
import { INTERRUPTED_UP_HINT } from "../support/messages";
import { ACCOUNTS, REGIONS, roleArn } from "../support/fixtures";

/** An access key that acts in {@link ACCOUNTS.B}. */
const OTHER_ACCOUNT_KEY = "AKIAOTHERACCOUNT0001";

describe("AggregationAuthorization provider against the emulator", () => {
  const fixture = useEmulator({ accessKeys: { [OTHER_ACCOUNT_KEY]: ACCOUNTS.B } });
  // Each test counts its own STS calls, as a fresh provider process would make them.
  beforeEach(forgetActingAccounts);
  const emulator = () => fixture.emulator;

  async function created(extra: Record<string, unknown> = {}) {
    const inputs = await checked(authorizations, {
      authorizedAccountId: ACCOUNTS.C,
      authorizedAwsRegion: REGIONS.B,
      tags: { team: "a" },
      ...extra,
    });
    const result = await authorizations.create(inputs);
    emulator().clearRequests();
    return { inputs, id: result.id, state: result.outs };
  }

  it("creates with one scan and one Put that carries the tags", async () => {
    const inputs = await checked(authorizations, {
      authorizedAccountId: ACCOUNTS.C,
      authorizedAwsRegion: REGIONS.B,
      tags: { team: "a" },
    });
    const result = await authorizations.create(inputs);
    assert.deepEqual(operations(emulator()), [
      "DescribeAggregationAuthorizations",
      "PutAggregationAuthorization",
    ]);
    assert.equal(result.id, `${ACCOUNTS.C}:${REGIONS.B}`);
    assert.equal(
      result.outs.arn,
      `arn:aws:config:${REGIONS.A}:${ACCOUNTS.A}:aggregation-authorization/${ACCOUNTS.C}/${REGIONS.B}`,
    );
    assert.equal(result.outs.accountId, ACCOUNTS.A);
    assert.equal(result.outs.region, REGIONS.A);
    assert.deepEqual(
      emulator()
        .snapshot()
        .resources.map((r) => [r.id, r.tags]),
      [[`${ACCOUNTS.C}:${REGIONS.B}`, { team: "a" }]],
    );
  });

  it("makes no AWS call when the program did not change", async () => {
    const { id, state } = await created();
    const again = await checked(authorizations, {
      authorizedAccountId: ACCOUNTS.C,
      authorizedAwsRegion: REGIONS.B,
      tags: { team: "a" },
    });
    assert.deepEqual(await authorizations.diff(id, state, again), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    assert.deepEqual(operations(emulator()), []);
  });

  it("updates tags with at most two tag calls and no Put", async () => {
    const { id, state } = await created({ tags: { team: "a", gone: "1" } });
    const news = await checked(authorizations, {
      authorizedAccountId: ACCOUNTS.C,
      authorizedAwsRegion: REGIONS.B,
      tags: { team: "b" },
    });
    const result = await authorizations.update(id, state, news);
    assert.deepEqual(operations(emulator()), ["UntagResource", "TagResource"]);
    assert.deepEqual(result.outs.tags, { team: "b" });
    assert.deepEqual(emulator().snapshot().resources[0]?.tags, { team: "b" });
  });

  it("removes only the tags that went, with a single UntagResource", async () => {
    const { id, state } = await created({ tags: { team: "a", gone: "1" } });
    const news = await checked(authorizations, {
      authorizedAccountId: ACCOUNTS.C,
      authorizedAwsRegion: REGIONS.B,
      tags: { team: "a" },
    });
    await authorizations.update(id, state, news);
    assert.deepEqual(operations(emulator()), ["UntagResource"]);
  });

  it("replaces when the authorized region changes", async () => {
    const { id, state } = await created();
    const news = await checked(authorizations, {
      authorizedAccountId: ACCOUNTS.C,
      authorizedAwsRegion: "ap-south-1",
      tags: { team: "a" },
    });
    assert.deepEqual(await authorizations.diff(id, state, news), {
      changes: true,
      replaces: ["authorizedAwsRegion"],
      deleteBeforeReplace: false,
    });
  });

  it("deletes with one call each after one account check, and deleting again succeeds", async () => {
    const { id, state } = await created();
    await authorizations.delete(id, state);
    await authorizations.delete(id, state);
    assert.deepEqual(operations(emulator()), [
      "GetCallerIdentity",
      "DeleteAggregationAuthorization",
      "DeleteAggregationAuthorization",
    ]);
    assert.deepEqual(emulator().snapshot().resources, []);
  });

  it("refreshes 200 tagged authorizations read concurrently with two scan pages and two tag reads", async () => {
    const states = [];
    for (let i = 0; i < 200; i++) {
      const account = String(100000000000 + i);
      const inputs = await checked(authorizations, {
        authorizedAccountId: account,
        authorizedAwsRegion: REGIONS.B,
        tags: { n: String(i) },
      });
      const client = new ConfigServiceClient({});
      await client.send(
        new PutAggregationAuthorizationCommand({
          AuthorizedAccountId: account,
          AuthorizedAwsRegion: REGIONS.B,
          Tags: [{ Key: "n", Value: String(i) }],
        }),
      );
      states.push({
        id: `${account}:${REGIONS.B}`,
        state: {
          ...inputs,
          tags: { n: String(i) },
          arn: "",
          accountId: ACCOUNTS.A,
          creationTime: "2025-01-01T00:00:00.000Z",
        },
      });
    }
    emulator().clearRequests();
    const reads = await Promise.all(
      states.map(({ id, state }) => authorizations.read(id, state as never)),
    );
    assert.deepEqual(callCounts(emulator()), {
      DescribeAggregationAuthorizations: 2,
      GetResources: 2,
    });
    assert.deepEqual(
      reads.map((read) => read.props?.tags),
      states.map((_, i) => ({ n: String(i) })),
    );
    assert.deepEqual(
      reads.map((read) => read.id),
      states.map((s) => s.id),
    );
  });

  it("serves reads that arrive one by one, as through the host, from one snapshot per account and region", async () => {
    const states = [];
    for (const region of [REGIONS.A, REGIONS.B]) {
      for (let i = 0; i < 25; i++) {
        const inputs = await checked(authorizations, {
          authorizedAccountId: String(200000000000 + i),
          authorizedAwsRegion: REGIONS.A,
          region,
          tags: { n: String(i) },
        });
        const result = await authorizations.create(inputs);
        states.push({
          id: result.id,
          state: { ...result.outs, creationTime: "2025-01-01T00:00:00.000Z" },
        });
      }
    }
    emulator().clearRequests();
    const reads = [];
    for (const { id, state } of states) {
      reads.push(authorizations.read(id, state));
      await new Promise((resolve) => setTimeout(resolve, 7));
    }
    const results = await Promise.all(reads);
    assert.deepEqual(callCounts(emulator()), {
      DescribeAggregationAuthorizations: 2,
      GetResources: 2,
    });
    assert.deepEqual(
      results.map((read) => read.props?.tags),
      states.map((s) => s.state.tags),
    );
  });

  it("does not serve a read from a snapshot older than this process's own write", async () => {
    const { id, state } = await created({ tags: { team: "a" } });
    await authorizations.read(id, { ...state, creationTime: "2025-01-01T00:00:00.000Z" });
    const news = await checked(authorizations, {
      authorizedAccountId: ACCOUNTS.C,
      authorizedAwsRegion: REGIONS.B,
      tags: { team: "b" },
    });
    const updated = await authorizations.update(id, state, news);
    const read = await authorizations.read(id, updated.outs);
    assert.deepEqual(read.props?.tags, { team: "b" });
  });

  it("reads untagged authorizations through ListTagsForResource, which GetResources leaves out", async () => {
    const { id, state } = await created({ tags: {} });
    const read = await authorizations.read(id, state);
    assert.deepEqual(operations(emulator()), [
      "DescribeAggregationAuthorizations",
      "GetResources",
      "ListTagsForResource",
    ]);
    assert.deepEqual(read.props?.tags, {});
  });

  it("reads an authorization deleted out of band as gone", async () => {
    const { id, state } = await created();
    await authorizations.delete(id, state);
    emulator().clearRequests();
    const read = await authorizations.read(id, {
      ...state,
      creationTime: "2025-01-01T00:00:00.000Z",
    });
    assert.deepEqual(read, {});
    assert.deepEqual(callCounts(emulator()), {
      DescribeAggregationAuthorizations: 1,
      GetResources: 1,
    });
  });

  /** The error code of every ListTagsForResource answer, in order. */
  const tagReadErrors = () =>
    emulator()
      .requests()
      .filter((r) => r.operation === "ListTagsForResource")
      .map((r) => r.errorCode);

  /** A one-shot ResourceNotFoundException from ListTagsForResource: a deletion after the scan. */
  const deletedBeforeTagRead = () =>
    emulator().setFaults({
      rules: [
        {
          kind: "reject",
          operation: "ListTagsForResource",
          errorCode: "ResourceNotFoundException",
          times: 1,
        },
      ],
    });

  it("reads an authorization deleted between the scan and its tag read as gone", async () => {
    // Untagged, so the tags come from ListTagsForResource, after the scan saw it.
    const { id, state } = await created({ tags: {} });
    deletedBeforeTagRead();
    emulator().clearRequests();
    const read = await authorizations.read(id, {
      ...state,
      creationTime: "2025-01-01T00:00:00.000Z",
    });
    assert.deepEqual(read, {});
    assert.deepEqual(tagReadErrors(), ["ResourceNotFoundException"]);
    // No second look for an authorization written long ago; the acting account is learned once,
    // for the refused tag read's error.
    assert.deepEqual(callCounts(emulator()), {
      DescribeAggregationAuthorizations: 1,
      GetCallerIdentity: 1,
      GetResources: 1,
      ListTagsForResource: 1,
    });
  });

  it("looks once more when the tag read of a just-written authorization finds it gone", async () => {
    const { id, state } = await created({ tags: {} });
    deletedBeforeTagRead();
    emulator().clearRequests();
    const read = await authorizations.read(id, state);
    assert.equal(read.props?.arn, state.arn);
    assert.deepEqual(tagReadErrors(), ["ResourceNotFoundException", undefined]);
    // The second look takes a new snapshot; the refused tag read's error names the acting account.
    assert.deepEqual(callCounts(emulator()), {
      DescribeAggregationAuthorizations: 2,
      GetCallerIdentity: 1,
      GetResources: 2,
      ListTagsForResource: 2,
    });
  });

  it("does not lose a just-created authorization during a consistency window", async () => {
    emulator().setFaults({ consistencyWindowMs: 600 });
    const inputs = await checked(authorizations, {
      authorizedAccountId: ACCOUNTS.C,
      authorizedAwsRegion: REGIONS.B,
    });
    const result = await authorizations.create(inputs);
    const read = await authorizations.read(result.id, result.outs);
    assert.equal(read.props?.arn, result.outs.arn);
  });

  it("refuses to adopt an authorization it did not create, and leaves it untouched", async () => {
    const { inputs, state } = await created({ tags: { owner: "control-tower" } });
    const error = await rejection(authorizations.create({ ...inputs, tags: { team: "mine" } }));
    assert.equal(
      error.message,
      `aggregation authorization "${ACCOUNTS.C}:${REGIONS.B}" already exists in ${ACCOUNTS.A}/${REGIONS.A} (${state.arn}), and this stack did not create it. ` +
        "To manage it from this stack, set adoptExisting: true on the resource (the program's tags then replace its own); " +
        "otherwise remove it from the program, since an account and region can authorize an aggregator only once. " +
        INTERRUPTED_UP_HINT,
    );
    assert.deepEqual(operations(emulator()), ["DescribeAggregationAuthorizations"]);
    assert.deepEqual(emulator().snapshot().resources[0]?.tags, { owner: "control-tower" });
  });

  it("adopts when asked and reconciles the tags", async () => {
    const { inputs } = await created({ tags: { owner: "control-tower" } });
    const adopted = await authorizations.create({
      ...inputs,
      adoptExisting: true,
      tags: { team: "mine" },
    });
    assert.deepEqual(adopted.outs.tags, { team: "mine" });
    assert.deepEqual(emulator().snapshot().resources[0]?.tags, { team: "mine" });
  });

  it("creates in another account and region through assumeRole", async () => {
    const inputs = await checked(authorizations, {
      authorizedAccountId: ACCOUNTS.A,
      authorizedAwsRegion: REGIONS.A,
      region: REGIONS.B,
      assumeRole: { roleArn: roleArn(ACCOUNTS.B, "OrganizationAccountAccessRole") },
    });
    const result = await authorizations.create(inputs);
    assert.equal(result.outs.accountId, ACCOUNTS.B);
    assert.deepEqual(
      emulator()
        .snapshot()
        .resources.map((r) => `${r.account}/${r.region}/${r.id}`),
      [`${ACCOUNTS.B}/${REGIONS.B}/${ACCOUNTS.A}:${REGIONS.A}`],
    );
    assert.equal(callCounts(emulator()).AssumeRole, 1);
  });

  it("coalesces the existence scans of concurrent creates", async () => {
    const inputs = await Promise.all(
      ["us-east-1", "us-east-2", "us-west-1", "us-west-2"].map((region) =>
        checked(authorizations, { authorizedAccountId: ACCOUNTS.C, authorizedAwsRegion: region }),
      ),
    );
    await Promise.all(inputs.map((i) => authorizations.create(i)));
    assert.deepEqual(callCounts(emulator()), {
      DescribeAggregationAuthorizations: 1,
      PutAggregationAuthorization: 4,
    });
  });

  it("refuses to delete an authorization, or call it gone, once the default credentials act in another account", async () => {
    const { id, state } = await created();
    // Deleting an unknown pair succeeds in AWS Config, so another account would hide the mistake.
    const restore = process.env.AWS_ACCESS_KEY_ID;
    process.env.AWS_ACCESS_KEY_ID = OTHER_ACCOUNT_KEY;
    try {
      const expected =
        `aggregation authorization "${id}" lives in account ${ACCOUNTS.A}, but without assumeRole the default credentials act in account ${ACCOUNTS.B}. ` +
        `Run with credentials for account ${ACCOUNTS.A} or give an assumeRole whose role is there; ` +
        `to move the resource to account ${ACCOUNTS.B}, replace it (for example with the replaceOnChanges option).`;
      assert.equal((await rejection(authorizations.delete(id, state))).message, expected);
      const settled = { ...state, creationTime: "2020-01-01T00:00:00.000Z" };
      assert.equal((await rejection(authorizations.read(id, settled))).message, expected);
    } finally {
      process.env.AWS_ACCESS_KEY_ID = restore;
    }
    assert.equal(
      operations(emulator()).includes("DeleteAggregationAuthorization"),
      false,
      "no delete was sent",
    );
    assert.deepEqual(
      emulator()
        .snapshot()
        .resources.map((r) => `${r.account}/${r.id}`),
      [`${ACCOUNTS.A}/${id}`],
      "the authorization in account A is untouched",
    );
  });
});
