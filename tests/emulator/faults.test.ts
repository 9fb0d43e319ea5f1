import assert from "node:assert/strict";
import {
  DescribeConfigurationAggregatorsCommand,
  ListTagsForResourceCommand,
  PutConfigurationAggregatorCommand,
  TagResourceCommand,
} from "@aws-sdk/client-config-service";
import { ListRoleTagsCommand } from "@aws-sdk/client-iam";
import { GetResourcesCommand } from "@aws-sdk/client-resource-groups-tagging-api";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { setTimeout as sleep } from "node:timers/promises";
import type { FaultSpec } from "../../emulator/index.js";
import { useEmulator } from "../support/emulator.js";
import { config, failure, iam, keys, rejectsWith, sts, tagging } from "./helpers.js";
import { ACCOUNTS, REGIONS } from "../support/fixtures.js";

const describeCmd = (): DescribeConfigurationAggregatorsCommand =>
  new DescribeConfigurationAggregatorsCommand({});

async function putAggregator(name = "agg", client = config()): Promise<string> {
  const out = await client.send(
    new PutConfigurationAggregatorCommand({
      ConfigurationAggregatorName: name,
      AccountAggregationSources: [{ AccountIds: [ACCOUNTS.B], AllAwsRegions: true }],
      Tags: [{ Key: "a", Value: "1" }],
    }),
  );
  return out.ConfigurationAggregator!.ConfigurationAggregatorArn!;
}

describe("emulator: fault injection", () => {
  const fixture = useEmulator({ accessKeys: { AKIAACCOUNTB: ACCOUNTS.B } });
  const statuses = (operation: string): number[] =>
    fixture.emulator
      .requests()
      .filter((r) => r.operation === operation)
      .map((r) => r.status);

  it("throttles the next TagResource once (one-shot) without carrying it out", async () => {
    const arn = await putAggregator();
    fixture.emulator.setFaults({
      rules: [{ kind: "throttle", operation: "TagResource", times: 1 }],
    });
    const tag = (): Promise<unknown> =>
      config().send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: "b", Value: "2" }] }));
    await rejectsWith(tag(), "ThrottlingException", 400, "Rate exceeded");
    assert.deepEqual(fixture.emulator.snapshot().resources[0].tags, { a: "1" });
    await tag();
    assert.deepEqual(fixture.emulator.snapshot().resources[0].tags, { a: "1", b: "2" });
    const log = fixture.emulator.requests().filter((r) => r.operation === "TagResource");
    assert.deepEqual(
      log.map((r) => [r.status, r.errorCode, r.injected]),
      [
        [400, "ThrottlingException", true],
        [200, undefined, undefined],
      ],
    );
  });

  it("throttles with a token bucket per operation, account and region", async () => {
    fixture.emulator.setFaults({
      rules: [
        {
          kind: "throttle",
          operation: "DescribeConfigurationAggregators",
          ratePerSecond: 0.01,
          burst: 2,
        },
      ],
    });
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++)
      outcomes.push(
        await config()
          .send(describeCmd())
          .then(
            () => "ok",
            (e: Error) => e.name,
          ),
      );
    assert.deepEqual(outcomes, ["ok", "ok", "ThrottlingException", "ThrottlingException"]);
    await config({ region: REGIONS.B }).send(describeCmd());
    await config({ credentials: keys("AKIAACCOUNTB") }).send(describeCmd());
    await config().send(
      new TagResourceCommand({
        ResourceArn: await putAggregator(),
        Tags: [{ Key: "x", Value: "y" }],
      }),
    );
    assert.deepEqual(statuses("DescribeConfigurationAggregators"), [200, 200, 400, 400, 200, 200]);
  });

  it("lets the SDK's retries ride out throttling", async () => {
    fixture.emulator.setFaults({ rules: [{ kind: "throttle", service: "config", times: 2 }] });
    await config({ maxAttempts: 3 }).send(describeCmd());
    assert.deepEqual(statuses("DescribeConfigurationAggregators"), [400, 400, 200]);
  });

  it("uses each service's own throttling code", async () => {
    fixture.emulator.setFaults({ rules: [{ kind: "throttle" }] });
    await rejectsWith(
      tagging().send(new GetResourcesCommand({})),
      "ThrottledException",
      400,
      "Rate exceeded",
    );
    await rejectsWith(
      sts().send(new GetCallerIdentityCommand({})),
      "Throttling",
      400,
      "Rate exceeded",
    );
    await rejectsWith(
      iam().send(new ListRoleTagsCommand({ RoleName: "r" })),
      "Throttling",
      400,
      "Rate exceeded",
    );
  });

  it("answers 500 InternalFailure and 503 ServiceUnavailable", async () => {
    fixture.emulator.setFaults({
      rules: [
        { kind: "internal-error", service: "config", times: 1 },
        { kind: "unavailable", service: "config", times: 1 },
      ],
    });
    await rejectsWith(
      config().send(describeCmd()),
      "InternalFailure",
      500,
      "The request processing has failed because of an unknown error, exception or failure.",
    );
    await rejectsWith(
      config().send(describeCmd()),
      "ServiceUnavailable",
      503,
      "Service is unavailable. Please try again.",
    );
    await config().send(describeCmd());
    assert.deepEqual(statuses("DescribeConfigurationAggregators"), [500, 503, 200]);
  });

  it("carries the operation out before failing with phase 'after'", async () => {
    fixture.emulator.setFaults({
      rules: [
        {
          kind: "internal-error",
          operation: "PutConfigurationAggregator",
          phase: "after",
          times: 1,
        },
      ],
    });
    await rejectsWith(putAggregator("lost-response"), "InternalFailure", 500);
    assert.deepEqual(
      fixture.emulator.snapshot().resources.map((r) => r.id),
      ["lost-response"],
    );
    assert.deepEqual(
      fixture.emulator.requests().map((r) => [r.operation, r.status, r.errorCode, r.injected]),
      [["PutConfigurationAggregator", 500, "InternalFailure", true]],
    );
  });

  it("rejects with a chosen non-retryable error", async () => {
    fixture.emulator.setFaults({
      rules: [
        { kind: "reject", operation: "TagResource", times: 1 },
        {
          kind: "reject",
          operation: "DescribeConfigurationAggregators",
          errorCode: "InvalidRoleException",
          status: 400,
        },
      ],
    });
    const arn = await putAggregator();
    await rejectsWith(
      config({ maxAttempts: 3 }).send(
        new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: "k", Value: "v" }] }),
      ),
      "AccessDeniedException",
      400,
      `User: arn:aws:iam::${ACCOUNTS.A}:root is not authorized to perform: config:TagResource`,
    );
    await rejectsWith(
      config({ maxAttempts: 3 }).send(describeCmd()),
      "InvalidRoleException",
      400,
      "Injected InvalidRoleException for config:DescribeConfigurationAggregators.",
    );
    assert.deepEqual(statuses("TagResource"), [400]);
    assert.deepEqual(statuses("DescribeConfigurationAggregators"), [400]);
  });

  it("adds latency before handling", async () => {
    fixture.emulator.setFaults({ rules: [{ kind: "latency", latencyMs: 200, service: "sts" }] });
    const started = Date.now();
    await sts().send(new GetCallerIdentityCommand({}));
    assert.ok(Date.now() - started >= 195, "the answer came before the added latency");
    assert.deepEqual(statuses("GetCallerIdentity"), [200]);
  });

  it("drops the connection without an answer, and keeps serving", async () => {
    fixture.emulator.setFaults({
      rules: [{ kind: "drop", operation: "GetCallerIdentity", times: 1 }],
    });
    const seen = await failure(sts().send(new GetCallerIdentityCommand({})));
    assert.equal(seen.status, undefined);
    assert.match(seen.message, /socket hang up|ECONNRESET/);
    await sts().send(new GetCallerIdentityCommand({}));
    assert.deepEqual(
      fixture.emulator.requests().map((r) => [r.status, r.injected]),
      [
        [0, true],
        [200, undefined],
      ],
    );
  });

  it("matches rules by account and region", async () => {
    fixture.emulator.setFaults({
      rules: [{ kind: "unavailable", account: ACCOUNTS.B, region: REGIONS.B }],
    });
    await config({ region: REGIONS.B }).send(describeCmd());
    await config({ credentials: keys("AKIAACCOUNTB") }).send(describeCmd());
    await rejectsWith(
      config({ credentials: keys("AKIAACCOUNTB"), region: REGIONS.B }).send(describeCmd()),
      "ServiceUnavailable",
      503,
    );
  });

  it("repeats probabilistic faults for the same seed", async () => {
    const run = async (seed: number): Promise<number[]> => {
      fixture.emulator.clearRequests();
      fixture.emulator.setFaults({ seed, rules: [{ kind: "internal-error", probability: 0.5 }] });
      for (let i = 0; i < 24; i++)
        await config()
          .send(describeCmd())
          .catch(() => undefined);
      return statuses("DescribeConfigurationAggregators");
    };
    const first = await run(42);
    const again = await run(42);
    const other = await run(7);
    assert.deepEqual(again, first);
    assert.notDeepEqual(other, first);
    const failures = first.filter((s) => s === 500).length;
    assert.ok(failures > 0 && failures < 24, `${failures} of 24 failed`);
  });

  it("hides just-created resources from reads during the consistency window", async () => {
    // A long window while checking reads, so a slow machine cannot let it lapse mid-test.
    fixture.emulator.setFaults({ consistencyWindowMs: 60_000 });
    const arn = await putAggregator("new");
    const hidden = await config().send(describeCmd());
    assert.deepEqual(hidden.ConfigurationAggregators, []);
    await rejectsWith(
      config().send(
        new DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: ["new"] }),
      ),
      "NoSuchConfigurationAggregatorException",
      400,
    );
    await rejectsWith(
      config().send(new ListTagsForResourceCommand({ ResourceArn: arn })),
      "ResourceNotFoundException",
      400,
    );
    const untaggedView = await tagging().send(new GetResourcesCommand({ ResourceARNList: [arn] }));
    assert.deepEqual(untaggedView.ResourceTagMappingList, []);
    // The window counts from creation; once it has passed, reads see the resource.
    fixture.emulator.setFaults({ consistencyWindowMs: 300 });
    await sleep(350);
    const visible = await config().send(describeCmd());
    assert.deepEqual(
      visible.ConfigurationAggregators!.map((a) => a.ConfigurationAggregatorArn),
      [arn],
    );
    const tags = await config().send(new ListTagsForResourceCommand({ ResourceArn: arn }));
    assert.deepEqual(tags.Tags, [{ Key: "a", Value: "1" }]);
  });

  it("refuses invalid fault specs, naming the offending field", () => {
    assert.throws(
      () => fixture.emulator.setFaults({ rules: [{ kind: "throttle", probability: 2 }] }),
      { message: /^Invalid fault spec: .*probability/s },
    );
    assert.throws(
      () => fixture.emulator.setFaults({ rules: [{ kind: "explode" }] } as unknown as FaultSpec),
      { message: /^Invalid fault spec: .*kind/s },
    );
    assert.throws(
      () =>
        fixture.emulator.setFaults({
          rules: [{ kind: "drop", operaton: "TagResource" }],
        } as unknown as FaultSpec),
      { message: /^Invalid fault spec: .*operaton/s },
    );
  });
});

describe("emulator: faults given at start", () => {
  const fixture = useEmulator({
    faults: { rules: [{ kind: "unavailable", service: "sts", times: 1 }] },
  });

  for (const attempt of ["first", "second"]) {
    it(`applies them from the start of every test (${attempt} test)`, async () => {
      await rejectsWith(sts().send(new GetCallerIdentityCommand({})), "ServiceUnavailable", 503);
      await sts().send(new GetCallerIdentityCommand({}));
      assert.deepEqual(
        fixture.emulator.requests().map((r) => r.status),
        [503, 200],
      );
    });
  }
});
