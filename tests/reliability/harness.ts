/**
 * Shared pieces of the reliability suite: a {@link ProgramRunner} wired to the emulator, the desired
 * state of each subject as the emulator should hold it, and the orphan / loss check.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import {
  ConfigServiceClient,
  DescribeConfigurationAggregatorsCommand,
} from "@aws-sdk/client-config-service";
import type { Emulator, StoredResourceView } from "../../emulator";
import type { EmulatorFixture } from "../support/emulator";
import { reveal } from "../support/properties";
import { ProgramRunner, RunError, type Program, type ResourceState } from "../support/runner";
import { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from "../support/fixtures";

/** The repository root: the runner's cwd, so serialized providers load `dist/` via the self-link. */
export const REPO_ROOT = path.resolve(__dirname, "../..");

/**
 * Attempts per AWS request in the provider host (the SDK's `AWS_MAX_ATTEMPTS`, which the provider
 * honours): one retry. That is enough to show a retryable fault absorbed, and a storm that outlasts
 * it costs one backoff instead of the many the provider's default of 12 would spend.
 */
export const HOST_MAX_ATTEMPTS = "2";

/** Type tokens of the two dynamic resources. */
export const AGGREGATOR_TYPE = "pulumi-nodejs:dynamic/aws-config:ConfigurationAggregator";
export const AUTHORIZATION_TYPE = "pulumi-nodejs:dynamic/aws-config:AggregationAuthorization";

/** The environment of the provider host: the emulator's, passed explicitly, and few attempts. */
export function hostEnv(fixture: EmulatorFixture, region: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: fixture.url,
    AWS_ACCESS_KEY_ID: TEST_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: TEST_SECRET_ACCESS_KEY,
    AWS_REGION: region,
    AWS_MAX_ATTEMPTS: HOST_MAX_ATTEMPTS,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

/** A runner for one stack against the fixture's emulator. */
export function newRunner(
  fixture: EmulatorFixture,
  region: string,
  stack = "stack",
): ProgramRunner {
  return new ProgramRunner({
    cwd: REPO_ROOT,
    env: hostEnv(fixture, region),
    config: { "aws:region": region },
    stack,
  });
}

/** An account source as the aggregator's outputs and the desired state describe it. */
export interface ExpectedSource {
  accountIds: string[];
  awsRegions?: string[];
  allAwsRegions?: true;
}

/** One Config resource the emulator should hold, and the state should record, after convergence. */
export interface ExpectedResource {
  kind: "aggregator" | "authorization";
  account: string;
  region: string;
  /** Aggregator name, or `<authorizedAccountId>:<authorizedAwsRegion>`. */
  id: string;
  tags: Record<string, string>;
  /** Aggregators only: the account source. */
  source?: ExpectedSource;
}

type Key = Pick<ExpectedResource, "kind" | "account" | "region" | "id">;

const keyOf = (r: Key): string => `${r.kind} ${r.account}/${r.region}/${r.id}`;

const byKey = <T extends Key>(list: T[]): T[] =>
  [...list].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));

/** The custom resources of the runner's state, as the keys the emulator uses. */
export function recordedResources(runner: ProgramRunner): (Key & { state: ResourceState })[] {
  return [...runner.state.values()]
    .filter((s) => s.custom)
    .map((state) => {
      const outputs = reveal(state.outputs);
      const kind = state.type === AGGREGATOR_TYPE ? "aggregator" : "authorization";
      return {
        kind,
        account: String(outputs.accountId),
        region: String(outputs.region),
        id: state.id,
        state,
      };
    });
}

/**
 * "Nothing unrecorded": every Config resource in the emulator is known to the state, by ARN. Holds
 * after every run, failed or not; a resource that exists but is not recorded is an orphan that no
 * later `pulumi up` or `destroy` will ever touch. `foreign`: ARNs that existed, unmanaged, before
 * the run (a resource to adopt), which a failed run may leave as they were.
 */
export function assertNothingUnrecorded(
  runner: ProgramRunner,
  emulator: Emulator,
  foreign: ReadonlySet<string> = new Set(),
): void {
  const recorded = new Set(
    recordedResources(runner).map(({ state }) => String(reveal(state.outputs).arn)),
  );
  const orphans = emulator
    .snapshot()
    .resources.filter((r) => !recorded.has(r.arn) && !foreign.has(r.arn))
    .map((r) => keyOf(r));
  assert.deepEqual(orphans, [], "resources exist in the emulator that the state does not record");
}

/** The aggregator's account source as AWS Config reports it, normalized like the outputs. */
async function describedSource(resource: ExpectedResource): Promise<ExpectedSource | undefined> {
  const client = new ConfigServiceClient({ region: resource.region });
  try {
    const answer = await client.send(
      new DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: [resource.id] }),
    );
    const source = answer.ConfigurationAggregators?.[0]?.AccountAggregationSources?.[0];
    if (!source) return undefined;
    return source.AllAwsRegions
      ? { accountIds: [...(source.AccountIds ?? [])].sort(), allAwsRegions: true }
      : {
          accountIds: [...(source.AccountIds ?? [])].sort(),
          awsRegions: [...(source.AwsRegions ?? [])].sort(),
        };
  } finally {
    client.destroy();
  }
}

/**
 * The emulator and the state both hold exactly `expected`: no orphans (nothing in the emulator
 * that the state does not know), no losses (everything in the state exists, with the desired tags
 * and sources), no resource left half-created. Faults must be cleared before calling this.
 */
export async function assertConverged(
  runner: ProgramRunner,
  emulator: Emulator,
  expected: ExpectedResource[],
): Promise<void> {
  const stored = emulator.snapshot().resources;
  const want = byKey(expected).map(({ source: _source, ...rest }) => rest);
  assert.deepEqual(
    byKey([...stored]).map(({ kind, account, region, id, tags }) => ({
      kind,
      account,
      region,
      id,
      tags,
    })),
    want,
    "the emulator holds exactly the desired resources and tags",
  );
  const arnOf = new Map(stored.map((r: StoredResourceView) => [keyOf(r), r.arn]));
  const recorded = byKey(recordedResources(runner));
  assert.deepEqual(
    recorded.map(({ kind, account, region, id, state }) => {
      const outputs = reveal(state.outputs);
      return { kind, account, region, id, tags: outputs.tags as Record<string, string> };
    }),
    want,
    "the state records exactly the desired resources and tags",
  );
  for (const { state, ...key } of recorded) {
    assert.equal(state.initErrors, undefined, `${keyOf(key)} is recorded as half-created`);
    assert.equal(reveal(state.outputs).arn, arnOf.get(keyOf(key)), `${keyOf(key)}: ARN`);
  }
  for (const resource of expected.filter((r) => r.kind === "aggregator")) {
    assert.deepEqual(await describedSource(resource), resource.source, `${keyOf(resource)} source`);
    const state = recorded.find((r) => keyOf(r) === keyOf(resource))!.state;
    assert.deepEqual(reveal(state.outputs).accountAggregationSource, resource.source);
  }
}

/** Runs `program` again and insists that nothing changes and AWS is not called. */
export async function assertNoOp(
  runner: ProgramRunner,
  emulator: Emulator,
  program: Program,
): Promise<void> {
  emulator.clearRequests();
  const result = await runner.up(program);
  const changed = result.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.name}`);
  assert.deepEqual(changed, [], "an unchanged program plans no step");
  assert.deepEqual(
    emulator.requests().map((r) => r.operation),
    [],
    "an unchanged program makes no AWS call",
  );
}

/** Runs `run`; a failure must be a {@link RunError} (a recorded failure), which is returned. */
export async function outcomeOf(run: Promise<unknown>): Promise<RunError | undefined> {
  try {
    await run;
    return undefined;
  } catch (error) {
    if (error instanceof RunError) return error;
    throw error;
  }
}
