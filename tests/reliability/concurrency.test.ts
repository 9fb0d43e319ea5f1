/**
 * Two stacks creating the same aggregator name (or the same authorization) in the same account
 * and region: exactly one may win; the other must get the adoption-guard error, and the winner's
 * resource must stay exactly as the winner set it (ARN, tags, sources).
 *
 * One after the other, two ProgramRunners play the two stacks. For a true race the runners cannot
 * be used (their runs take turns on a process-wide lock), so two provider hosts — two processes,
 * as two `pulumi up` would have — are driven directly and their creates fired at once, with a
 * latency on the Put to widen the window between existence check and Put.
 */
import * as assert from "node:assert/strict";
import {
  ConfigServiceClient,
  DescribeConfigurationAggregatorsCommand,
} from "@aws-sdk/client-config-service";
import { AggregationAuthorization, ConfigurationAggregator } from "../../index";
import { useEmulator } from "../support/emulator";
import { HostError, startProviderHost, type ProviderHost } from "../support/host";
import { RunError, type ProgramRunner } from "../support/runner";
import { AGGREGATOR_TYPE, AUTHORIZATION_TYPE, hostEnv, newRunner, REPO_ROOT } from "./harness";
import { INTERRUPTED_UP_HINT } from "../support/messages";
import { providerText } from "../../provider/shared/stub";
import { ACCOUNTS, REGIONS } from "../support/fixtures";

const NAME = "contested";
/** Latency added to the Put in a race, so both existence checks come before either Put. */
const LATENCY_MS = 300;
const AUTHORIZATION_ID = `${ACCOUNTS.B}:${REGIONS.A}`;

/** What each stack wants: the same name, different sources and tags. */
const STACKS = {
  one: { source: [ACCOUNTS.B], tags: { stack: "one" } },
  two: { source: [ACCOUNTS.C], tags: { stack: "two" } },
} as const;
type StackName = keyof typeof STACKS;

/** The adoption guard's refusal, as the provider words it for an aggregator. */
function aggregatorGuard(arn: string): string {
  return (
    `aggregator "${NAME}" already exists in ${ACCOUNTS.A}/${REGIONS.A} (${arn}), and this stack did not create it. ` +
    "To manage it from this stack, set adoptExisting: true on the resource (the program's settings and tags then replace its own); " +
    "otherwise choose another name. " +
    INTERRUPTED_UP_HINT
  );
}

/** The adoption guard's refusal for an authorization. */
function authorizationGuard(arn: string): string {
  return (
    `aggregation authorization "${AUTHORIZATION_ID}" already exists in ${ACCOUNTS.A}/${REGIONS.A} (${arn}), and this stack did not create it. ` +
    "To manage it from this stack, set adoptExisting: true on the resource (the program's tags then replace its own); " +
    "otherwise remove it from the program, since an account and region can authorize an aggregator only once. " +
    INTERRUPTED_UP_HINT
  );
}

const aggregatorProgram = (stack: StackName) => () =>
  void new ConfigurationAggregator("agg", {
    name: NAME,
    accountAggregationSource: { accountIds: [...STACKS[stack].source], awsRegions: [REGIONS.A] },
    tags: STACKS[stack].tags,
  });

const authorizationProgram = (stack: StackName) => () =>
  void new AggregationAuthorization("auth", {
    authorizedAccountId: ACCOUNTS.B,
    authorizedAwsRegion: REGIONS.A,
    tags: STACKS[stack].tags,
  });

describe("concurrency: two stacks, one name", function () {
  this.timeout(60_000);
  const fixture = useEmulator();

  /** The one Config resource the emulator holds. */
  function theOnlyResource() {
    const resources = fixture.emulator.snapshot().resources;
    assert.equal(resources.length, 1, "exactly one resource exists");
    return resources[0];
  }

  /** The aggregator's sources as AWS Config reports them. */
  async function sourcesOf(): Promise<string[]> {
    const client = new ConfigServiceClient({ region: REGIONS.A });
    try {
      const answer = await client.send(
        new DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: [NAME] }),
      );
      return answer.ConfigurationAggregators?.[0]?.AccountAggregationSources?.[0]?.AccountIds ?? [];
    } finally {
      client.destroy();
    }
  }

  describe("one after the other (two ProgramRunners)", function () {
    let first: ProgramRunner;
    let second: ProgramRunner;
    before(() => {
      first = newRunner(fixture, REGIONS.A, "one");
      second = newRunner(fixture, REGIONS.A, "two");
    });
    after(async () => {
      await first.close();
      await second.close();
    });
    afterEach(async () => {
      await first.destroy().catch(() => undefined);
      await second.destroy().catch(() => undefined);
    });

    const cases = [
      {
        title: "aggregator",
        type: AGGREGATOR_TYPE,
        urn: "agg",
        program: aggregatorProgram,
        guard: aggregatorGuard,
      },
      {
        title: "authorization",
        type: AUTHORIZATION_TYPE,
        urn: "auth",
        program: authorizationProgram,
        guard: authorizationGuard,
      },
    ];
    for (const c of cases) {
      it(`refuses the second stack's ${c.title} with the adoption guard and leaves the first's untouched`, async function () {
        await first.up(c.program("one"));
        const before = theOnlyResource();
        const sources = c.type === AGGREGATOR_TYPE ? await sourcesOf() : [];
        fixture.emulator.clearRequests();

        const urn = `urn:pulumi:two::project::${c.type}::${c.urn}`;
        await assert.rejects(second.up(c.program("two")), (error: unknown) => {
          assert.ok(error instanceof RunError);
          assert.deepEqual(error.errors, [
            `${urn}: create failed (gRPC UNKNOWN): ${c.guard(before.arn)}`,
          ]);
          return true;
        });
        // The loser looked, and changed nothing.
        assert.deepEqual(
          fixture.emulator.requests().map((r) => r.operation),
          [
            c.type === AGGREGATOR_TYPE
              ? "DescribeConfigurationAggregators"
              : "DescribeAggregationAuthorizations",
          ],
        );
        assert.deepEqual(theOnlyResource(), before);
        if (c.type === AGGREGATOR_TYPE) assert.deepEqual(await sourcesOf(), sources);
        assert.equal(second.state.size, 0, "the loser records nothing");
        // The winner's stack still sees exactly what it deployed.
        const again = await first.up(c.program("one"));
        assert.deepEqual(
          again.steps.map((s) => s.op),
          ["same"],
        );
      });
    }
  });

  describe("at the same time (two provider hosts)", function () {
    let hosts: [ProviderHost, ProviderHost];
    before(async function () {
      const start = async () => {
        const host = await startProviderHost({ cwd: REPO_ROOT, env: hostEnv(fixture, REGIONS.A) });
        await host.configure({ "aws:region": REGIONS.A });
        return host;
      };
      hosts = await Promise.all([start(), start()]);
    });
    after(async () => {
      await Promise.all(hosts.map((h) => h.stop()));
    });

    it("lets exactly one of two racing aggregator creates win, and fails the other with what happened", async function () {
      // Put is an upsert and AWS Config has no conditional create, so when both existence checks
      // pass first, the later Put updates the earlier one's aggregator. What the provider can
      // guarantee is that the later stack notices (its Put lands on an aggregator created more than
      // the stamp tolerance earlier), fails, and records nothing; the README states this limit.
      const code = providerText("aggregator");
      const stacks: StackName[] = ["one", "two"];
      const checked = await Promise.all(
        stacks.map(async (stack, i) => {
          const urn = `urn:pulumi:${stack}::project::${AGGREGATOR_TYPE}::contested`;
          const news = {
            __provider: code,
            name: NAME,
            accountAggregationSource: {
              accountIds: [...STACKS[stack].source],
              awsRegions: [REGIONS.A],
            },
            tags: STACKS[stack].tags,
            autoNamePrefix: "contested",
          };
          const { inputs, failures } = await hosts[i].check(urn, {}, news);
          assert.deepEqual(failures, []);
          return { urn, inputs };
        }),
      );
      fixture.emulator.clearRequests();
      fixture.emulator.setFaults({
        rules: [
          { kind: "latency", operation: "DescribeConfigurationAggregators", latencyMs: LATENCY_MS },
          // The first Put is held, so the other creates; the window the race needs is this long.
          { kind: "latency", operation: "PutConfigurationAggregator", latencyMs: 2500, times: 1 },
        ],
      });
      const outcomes = await Promise.allSettled(
        checked.map(({ urn, inputs }, i) => hosts[i].create(urn, inputs)),
      );
      fixture.emulator.setFaults({});
      const log = fixture.emulator.requests();
      const answered = log
        .filter((r) => r.operation === "DescribeConfigurationAggregators")
        .map((r) => r.time + LATENCY_MS);

      const won = outcomes.flatMap((o, i) =>
        o.status === "fulfilled" ? [{ i, value: o.value }] : [],
      );
      const lost = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as unknown] : []));
      assert.equal(won.length, 1);
      assert.equal(lost.length, 1);
      // The race itself: both existence checks were answered before the aggregator existed.
      assert.ok(
        Math.max(...answered) <= Date.parse(String(won[0].value.outputs.creationTime)),
        "both checks were answered before the aggregator was created",
      );
      const winner = stacks[won[0].i];
      const stored = theOnlyResource();
      assert.equal(won[0].value.outputs.arn, stored.arn);
      assert.deepEqual(stored.tags, STACKS[winner].tags, "the winner's tags are kept");
      const loser = lost[0];
      assert.ok(loser instanceof HostError);
      assert.match(
        loser.details,
        new RegExp(
          `^aggregator "${NAME}" in ${ACCOUNTS.A}/us-east-1 \\(${stored.arn.replace(/[/]/g, "\\/")}\\) was created by another deployment at the same time as this one`,
        ),
      );
      assert.equal(loser.initFailure, undefined, "the loser records nothing");
    });
  });
});
