import * as assert from "node:assert/strict";
import { HostError, type PropertyMap } from "../support/host";
import { operations, withProvider, useHostedProviders, AGGREGATOR_URN } from "./helpers";
import { ACCOUNTS } from "../support/fixtures";

const URN = AGGREGATOR_URN;

describe("a partial failure through the dynamic-provider host", function () {
  const hosted = useHostedProviders();
  const { emulator, host, aggregatorCode: code } = hosted;

  it("reports the resource's id and properties when TagResource fails after the Put, and the next update completes it", async () => {
    const first = await host().check(
      URN,
      {},
      withProvider(code, {
        name: "org",
        accountAggregationSource: { accountIds: [ACCOUNTS.A], allAwsRegions: true },
        tags: { team: "a" },
      }),
    );
    const created = await host().create(URN, first.inputs);
    const news = await host().check(
      URN,
      first.inputs,
      withProvider(code, {
        name: "org",
        accountAggregationSource: { accountIds: [ACCOUNTS.C, ACCOUNTS.B], allAwsRegions: true },
        tags: { team: "b", env: "prod" },
      }),
    );
    emulator().clearRequests();
    emulator().setFaults({
      rules: [
        { kind: "reject", operation: "TagResource", errorCode: "AccessDeniedException", times: 1 },
      ],
    });

    const failure = await host()
      .update(created.id, URN, created.outputs, news.inputs, first.inputs)
      .then(
        () => assert.fail("the update should have failed"),
        (error: unknown) => error,
      );
    assert.ok(failure instanceof HostError);
    const cause =
      `TagResource failed for aggregator "org" in ${ACCOUNTS.A}/us-east-1: AccessDeniedException: ` +
      `User: arn:aws:iam::${ACCOUNTS.A}:root is not authorized to perform: config:TagResource`;
    const { lastUpdatedTime, ...properties } = failure.initFailure!.properties;
    const { lastUpdatedTime: createdAt, ...before } = created.outputs;
    assert.deepEqual(
      {
        method: failure.method,
        code: failure.code,
        details: failure.details,
        id: failure.initFailure!.id,
        reasons: failure.initFailure!.reasons,
        properties,
      },
      {
        method: "update",
        code: 2,
        details: `${cause} (the resource exists and has been recorded; run \`pulumi up\` again to finish)`,
        id: "org",
        reasons: [cause],
        properties: {
          ...before,
          accountAggregationSource: { accountIds: [ACCOUNTS.B, ACCOUNTS.C], allAwsRegions: true },
          // UntagResource removed nothing (team is kept); TagResource was refused.
          tags: { team: "a" },
          __provider: code,
        },
      },
    );
    // The Put moved lastUpdatedTime on (within the same millisecond, it may look unchanged).
    assert.ok(Date.parse(String(lastUpdatedTime)) >= Date.parse(String(createdAt)));
    assert.deepEqual(operations(emulator()), ["PutConfigurationAggregator", "TagResource"]);
    const [stored] = emulator().snapshot().resources;
    assert.deepEqual(stored?.tags, { team: "a" });

    // The engine records the partial resource with these properties; the next `pulumi up` diffs
    // against them and updates.
    const recorded: PropertyMap = failure.initFailure!.properties;
    emulator().clearRequests();
    assert.deepEqual(await host().diff("org", URN, recorded, news.inputs, news.inputs), {
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
    });
    const finished = await host().update("org", URN, recorded, news.inputs, news.inputs);
    assert.deepEqual(operations(emulator()), ["TagResource"]);
    assert.deepEqual(finished.outputs, { ...recorded, tags: { team: "b", env: "prod" } });
    assert.deepEqual(emulator().snapshot().resources[0]?.tags, { team: "b", env: "prod" });
  });
});
