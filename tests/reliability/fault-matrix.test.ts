/**
 * The fault matrix: every fault against create, update, read (refresh) and delete of both resources
 * and of a MultiAccountAggregation, plus adoption (the only create path with tag steps).
 *
 * Each cell: bring the world to the step's starting point; run the step under the fault; the run
 * either succeeds or fails with a recorded failure, and in both cases nothing exists in the
 * emulator that the state does not record; then, faults cleared, the next run converges to exactly
 * the desired state (emulator and state agree on resources, ARNs, tags and sources) and a further
 * run is a no-op that makes no AWS call.
 *
 * The provider host runs with AWS_MAX_ATTEMPTS=2 (see HOST_MAX_ATTEMPTS): a storm that hits a
 * request twice exhausts its retries after one backoff, so storms end either way; one-shot
 * retryable faults must still be absorbed by the retry.
 */
import * as assert from "node:assert/strict";
import {
  ConfigServiceClient,
  PutAggregationAuthorizationCommand,
  PutConfigurationAggregatorCommand,
  TagResourceCommand,
} from "@aws-sdk/client-config-service";
import type { FaultRule, FaultSpec, RequestRecord } from "../../emulator";
import {
  AggregationAuthorization,
  ConfigurationAggregator,
  MultiAccountAggregation,
} from "../../index";
import { useEmulator, type EmulatorFixture } from "../support/emulator";
import { reveal } from "../support/properties";
import type { Program, ProgramRunner } from "../support/runner";
import {
  assertConverged,
  assertNoOp,
  assertNothingUnrecorded,
  newRunner,
  outcomeOf,
  recordedResources,
  type ExpectedResource,
  type ExpectedSource,
} from "./harness";
import { ACCOUNTS, REGIONS } from "../support/fixtures";

const TAGS_V1 = { team: "blue", keep: "same" };
/** v1 → v2 removes `team` (UntagResource) and adds `owner` (TagResource). */
const TAGS_V2 = { keep: "same", owner: "ops" };
/** What a planted, pre-existing resource carries before it is adopted. */
const FOREIGN_TAGS = { foreign: "yes", keep: "old" };
const DRIFT_TAG = { drift: "out-of-band" };

/** The Config API operations, by their short role in a step. */
const OP = {
  describeAggregator: "DescribeConfigurationAggregators",
  putAggregator: "PutConfigurationAggregator",
  deleteAggregator: "DeleteConfigurationAggregator",
  describeAuthorizations: "DescribeAggregationAuthorizations",
  putAuthorization: "PutAggregationAuthorization",
  deleteAuthorization: "DeleteAggregationAuthorization",
  listTags: "ListTagsForResource",
  tag: "TagResource",
  untag: "UntagResource",
  getResources: "GetResources",
} as const;

/** One version of a subject's program and what the emulator should then hold. */
interface Version {
  program: Program;
  expected: ExpectedResource[];
}

/** What one row of the matrix deploys. */
interface Subject {
  title: string;
  v1: Version;
  v2: Version;
  /** The v1 program with `adoptExisting`, and how to plant the resource it adopts. */
  adopt?: { program: Program; plant: () => Promise<void> };
  /** Changes the tags of the subject's account-A resource out of band. */
  drift: (runner: ProgramRunner) => Promise<void>;
}

function configClient(): ConfigServiceClient {
  return new ConfigServiceClient({ region: REGIONS.A });
}

async function send<T>(use: (client: ConfigServiceClient) => Promise<T>): Promise<T> {
  const client = configClient();
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}

/** Tags the first recorded resource of `type` out of band. */
async function driftFirst(runner: ProgramRunner, kind: ExpectedResource["kind"]): Promise<void> {
  const target = recordedResources(runner).find(
    (r) => r.kind === kind && r.account === ACCOUNTS.A,
  )!;
  const arn = String(reveal(target.state.outputs).arn);
  await send((c) =>
    c.send(
      new TagResourceCommand({
        ResourceArn: arn,
        Tags: Object.entries(DRIFT_TAG).map(([Key, Value]) => ({ Key, Value })),
      }),
    ),
  );
}

const tagList = (tags: Record<string, string>) =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

// --- ConfigurationAggregator -------------------------------------------------------------------

const AGG_NAME = "rel-agg";
const AGG_SOURCE_V1: ExpectedSource = { accountIds: [ACCOUNTS.B], awsRegions: [REGIONS.A] };
const AGG_SOURCE_V2: ExpectedSource = { accountIds: [ACCOUNTS.B, ACCOUNTS.C], allAwsRegions: true };

function aggregatorVersion(
  tags: Record<string, string>,
  source: ExpectedSource,
  adoptExisting?: boolean,
): Version {
  return {
    program: () =>
      void new ConfigurationAggregator("agg", {
        name: AGG_NAME,
        accountAggregationSource: source,
        tags,
        ...(adoptExisting ? { adoptExisting } : {}),
      }),
    expected: [
      { kind: "aggregator", account: ACCOUNTS.A, region: REGIONS.A, id: AGG_NAME, tags, source },
    ],
  };
}

const aggregatorSubject: Subject = {
  title: "ConfigurationAggregator",
  v1: aggregatorVersion(TAGS_V1, AGG_SOURCE_V1),
  v2: aggregatorVersion(TAGS_V2, AGG_SOURCE_V2),
  adopt: {
    program: aggregatorVersion(TAGS_V1, AGG_SOURCE_V1, true).program,
    plant: () =>
      send((c) =>
        c.send(
          new PutConfigurationAggregatorCommand({
            ConfigurationAggregatorName: AGG_NAME,
            AccountAggregationSources: [{ AccountIds: [ACCOUNTS.C], AllAwsRegions: true }],
            Tags: tagList(FOREIGN_TAGS),
          }),
        ),
      ).then(() => undefined),
  },
  drift: (runner) => driftFirst(runner, "aggregator"),
};

// --- AggregationAuthorization ------------------------------------------------------------------

function authorizationVersion(tags: Record<string, string>, adoptExisting?: boolean): Version {
  return {
    program: () =>
      void new AggregationAuthorization("auth", {
        authorizedAccountId: ACCOUNTS.B,
        authorizedAwsRegion: REGIONS.A,
        tags,
        ...(adoptExisting ? { adoptExisting } : {}),
      }),
    expected: [
      {
        kind: "authorization",
        account: ACCOUNTS.A,
        region: REGIONS.A,
        id: `${ACCOUNTS.B}:${REGIONS.A}`,
        tags,
      },
    ],
  };
}

const authorizationSubject: Subject = {
  title: "AggregationAuthorization",
  v1: authorizationVersion(TAGS_V1),
  v2: authorizationVersion(TAGS_V2),
  adopt: {
    program: authorizationVersion(TAGS_V1, true).program,
    plant: () =>
      send((c) =>
        c.send(
          new PutAggregationAuthorizationCommand({
            AuthorizedAccountId: ACCOUNTS.B,
            AuthorizedAwsRegion: REGIONS.A,
            Tags: tagList(FOREIGN_TAGS),
          }),
        ),
      ).then(() => undefined),
  },
  drift: (runner) => driftFirst(runner, "authorization"),
};

// --- MultiAccountAggregation -------------------------------------------------------------------

const MULTI_NAME = "rel-multi";
const MULTI_REGIONS = [REGIONS.A, REGIONS.B];

/** v1: account B; v2 adds account C (two new authorizations) and changes the tags. */
function multiVersion(accounts: string[], tags: Record<string, string>): Version {
  return {
    program: () =>
      void new MultiAccountAggregation("multi", {
        aggregator: { name: MULTI_NAME, region: REGIONS.A, accountId: ACCOUNTS.A },
        sourceAccountIds: accounts,
        sourceRoleName: "ConfigDeployer",
        regions: MULTI_REGIONS,
        tags,
      }),
    expected: [
      {
        kind: "aggregator",
        account: ACCOUNTS.A,
        region: REGIONS.A,
        id: MULTI_NAME,
        tags,
        source: { accountIds: [...accounts].sort(), awsRegions: [...MULTI_REGIONS].sort() },
      },
      ...accounts.flatMap((account) =>
        MULTI_REGIONS.map((region): ExpectedResource => ({
          kind: "authorization",
          account,
          region,
          id: `${ACCOUNTS.A}:${REGIONS.A}`,
          tags,
        })),
      ),
    ],
  };
}

const multiSubject: Subject = {
  title: "MultiAccountAggregation",
  v1: multiVersion([ACCOUNTS.B], TAGS_V1),
  v2: multiVersion([ACCOUNTS.B, ACCOUNTS.C], TAGS_V2),
  drift: (runner) => driftFirst(runner, "aggregator"),
};

// --- Faults ------------------------------------------------------------------------------------

/** How a cell's faulted run must end. */
type Expectation = "either" | "succeeds" | "fails";

interface Fault {
  title: string;
  spec: FaultSpec;
  expect: Expectation;
  /** An operation that must show exactly one injected fault (one-shot faults). */
  oneShot?: string;
  /** The fault produces injected log records (errors and drops do; latency and windows do not). */
  injects: boolean;
}

/** Config and Tagging API requests; STS is left alone so that credentials are not the subject. */
function everyRequest(rule: Omit<FaultRule, "service">): FaultRule[] {
  return [
    { ...rule, service: "config" },
    { ...rule, service: "tagging" },
  ];
}

/**
 * A bounded storm of `kind` over Config and Tagging requests: the first request is always hit, then
 * each request with probability 1/2, at most `more` times per service. The retry may or may not
 * outlast it, so cells see both outcomes; the bound keeps the SDK's backoff (and, for throttling,
 * its adaptive client-side rate limiter) from stretching a cell over many seconds.
 */
function storm(kind: FaultRule["kind"], seed: number, more: number): FaultSpec {
  return {
    seed,
    rules: [
      { kind, service: "config", times: 1 },
      ...everyRequest({ kind, probability: 0.5, times: more }),
    ],
  };
}

const WINDOW: Fault = {
  title: "an eventual-consistency window of 600 ms",
  spec: { consistencyWindowMs: 600 },
  expect: "succeeds",
  injects: false,
};

const THROTTLING_STORM: Fault = {
  title: "a throttling storm",
  spec: storm("throttle", 7, 2),
  expect: "either",
  injects: true,
};

const GENERIC_FAULTS: Fault[] = [
  THROTTLING_STORM,
  {
    title: "a storm of 500 InternalFailure",
    spec: storm("internal-error", 11, 2),
    expect: "either",
    injects: true,
  },
  {
    title: "a storm of 503 ServiceUnavailable",
    spec: storm("unavailable", 13, 2),
    expect: "either",
    injects: true,
  },
  {
    title: "dropped connections",
    spec: storm("drop", 17, 2),
    expect: "either",
    injects: true,
  },
  {
    title: "100 ms of added latency on every request",
    spec: { rules: everyRequest({ kind: "latency", latencyMs: 100 }) },
    expect: "succeeds",
    injects: false,
  },
  WINDOW,
];

/**
 * One-shot fault variants. `reject` is not retried and fails the run; 500 and 503 are retried and
 * must be absorbed. `after`: the operation was carried out and its response lost.
 */
type Variant = "reject before" | "reject after" | "500 before" | "503 after";

const VARIANTS: Record<
  Variant,
  { rule: Omit<FaultRule, "operation" | "times">; title: string; expect: Expectation }
> = {
  "reject before": {
    rule: { kind: "reject" },
    title: "AccessDenied (not retried) before",
    expect: "fails",
  },
  "reject after": {
    rule: { kind: "reject", phase: "after" },
    title: "AccessDenied (not retried) after",
    expect: "fails",
  },
  "500 before": {
    rule: { kind: "internal-error" },
    title: "one 500 (retried) before",
    expect: "succeeds",
  },
  "503 after": {
    rule: { kind: "unavailable", phase: "after" },
    title: "one 503 (retried) after",
    expect: "succeeds",
  },
};

/** One step of an operation: the AWS operation, and the one-shot faults it gets. */
interface StepSpec {
  operation: string;
  variants: readonly Variant[];
}

function stepFaults({ operation, variants }: StepSpec): Fault[] {
  return variants.map((variant) => {
    const { rule, title, expect } = VARIANTS[variant];
    return {
      title: `${title} ${operation}`,
      spec: { rules: [{ ...rule, operation, times: 1 }] },
      expect,
      oneShot: operation,
      injects: true,
    };
  });
}

/** A Put: before and after, each not retryable and retryable. */
const put = (operation: string): StepSpec => ({
  operation,
  variants: ["reject before", "500 before", "reject after", "503 after"],
});
/** A tag step: a refusal, and a lost response that the retry repeats harmlessly. */
const tagStep = (operation: string): StepSpec => ({
  operation,
  variants: ["reject before", "503 after"],
});
/** A lookup that is refused. */
const lookup = (operation: string): StepSpec => ({ operation, variants: ["reject before"] });
/** A delete whose response is lost: carried out, then reported as failed. */
const lostDelete = (operation: string): StepSpec => ({ operation, variants: ["reject after"] });

// --- Operations --------------------------------------------------------------------------------

type OperationName = "create" | "adopt" | "update" | "read" | "delete";

interface Operation {
  /** Brings the world to the operation's starting point, without faults. */
  setup(subject: Subject, runner: ProgramRunner): Promise<void>;
  /** The run under test. */
  run(subject: Subject, runner: ProgramRunner): Promise<unknown>;
  /** Faults cleared: the next run, which must converge. */
  recover(subject: Subject, runner: ProgramRunner): Promise<void>;
  /** The desired end state; undefined for nothing at all. */
  desired(subject: Subject): Version | undefined;
  /** The generic faults this operation is tried under. */
  generic: Fault[];
  /** The recovery is another `up` of the desired program (so after a success, a no-op). */
  rerunsDesired: boolean;
}

const OPERATIONS: Record<OperationName, Operation> = {
  create: {
    setup: () => Promise.resolve(),
    run: (s, runner) => runner.up(s.v1.program),
    recover: async (s, runner) => void (await runner.up(s.v1.program)),
    desired: (s) => s.v1,
    generic: GENERIC_FAULTS,
    rerunsDesired: true,
  },
  // Create over a resource that exists, with adoptExisting: the generic faults are create's, but
  // a consistency window can hide the resource from the existence check.
  adopt: {
    setup: async (s) => s.adopt!.plant(),
    run: (s, runner) => runner.up(s.adopt!.program),
    recover: async (s, runner) => void (await runner.up(s.adopt!.program)),
    desired: (s) => ({ program: s.adopt!.program, expected: s.v1.expected }),
    generic: [WINDOW],
    rerunsDesired: true,
  },
  update: {
    setup: async (s, runner) => void (await runner.up(s.v1.program)),
    run: (s, runner) => runner.up(s.v2.program),
    recover: async (s, runner) => void (await runner.up(s.v2.program)),
    desired: (s) => s.v2,
    generic: GENERIC_FAULTS,
    rerunsDesired: true,
  },
  // Refresh after an out-of-band tag: the next refresh must record it, the next up remove it.
  read: {
    setup: async (s, runner) => {
      await runner.up(s.v1.program);
      await s.drift(runner);
    },
    run: (_s, runner) => runner.refresh(),
    recover: async (s, runner) => {
      await runner.refresh();
      assertStateMatchesEmulator(runner);
      await runner.up(s.v1.program);
    },
    desired: (s) => s.v1,
    generic: GENERIC_FAULTS,
    rerunsDesired: false,
  },
  delete: {
    setup: async (s, runner) => void (await runner.up(s.v1.program)),
    run: (_s, runner) => runner.destroy(),
    recover: async (_s, runner) => void (await runner.destroy()),
    desired: () => undefined,
    generic: GENERIC_FAULTS,
    rerunsDesired: false,
  },
};

/** After a refresh the state records the tags AWS holds, drift included. */
function assertStateMatchesEmulator(runner: ProgramRunner): void {
  const stored = new Map(
    fixture.emulator.snapshot().resources.map((r) => [r.arn, r.tags] as const),
  );
  for (const { state } of recordedResources(runner)) {
    const outputs = reveal(state.outputs);
    assert.deepEqual(outputs.tags, stored.get(String(outputs.arn)), `${state.urn}: refreshed tags`);
  }
  assert.ok(
    [...stored.values()].some((tags) => tags.drift === DRIFT_TAG.drift),
    "the out-of-band tag is there to be seen",
  );
}

/**
 * Where one-shot faults go: every Put and tag step of create, adoption (create over an existing
 * resource, the only create path with tag steps) and update, and a lost delete response. Read and
 * delete are otherwise covered by the generic faults.
 */
const STEPS: Record<string, Partial<Record<OperationName, StepSpec[]>>> = {
  ConfigurationAggregator: {
    create: [put(OP.putAggregator)],
    adopt: [put(OP.putAggregator), lookup(OP.listTags), tagStep(OP.untag), tagStep(OP.tag)],
    update: [put(OP.putAggregator), tagStep(OP.untag), tagStep(OP.tag)],
    read: [],
    delete: [lostDelete(OP.deleteAggregator)],
  },
  AggregationAuthorization: {
    create: [put(OP.putAuthorization)],
    adopt: [put(OP.putAuthorization), lookup(OP.listTags), tagStep(OP.untag), tagStep(OP.tag)],
    // No Put: an authorization's only in-place change is its tags.
    update: [tagStep(OP.untag), tagStep(OP.tag)],
    read: [],
    delete: [lostDelete(OP.deleteAuthorization)],
  },
  // The aggregator's own Put is the ConfigurationAggregator row's; here, the authorizations in the
  // source accounts, and tag steps that hit whichever child comes first.
  MultiAccountAggregation: {
    create: [put(OP.putAuthorization)],
    // The new account's authorizations are created within the update.
    update: [tagStep(OP.untag), tagStep(OP.tag), put(OP.putAuthorization)],
    read: [],
    delete: [lostDelete(OP.deleteAuthorization)],
  },
};

let fixture: EmulatorFixture;

interface Cell {
  subject: Subject;
  name: OperationName;
  operation: Operation;
  fault: Fault;
}

function cellsOf(subject: Subject): Cell[] {
  return (Object.entries(OPERATIONS) as [OperationName, Operation][]).flatMap(
    ([name, operation]) => {
      const steps = STEPS[subject.title]?.[name];
      if (steps === undefined) return [];
      return [...operation.generic, ...steps.flatMap(stepFaults)].map((fault) => ({
        subject,
        name,
        operation,
        fault,
      }));
    },
  );
}

describe("fault matrix", function () {
  this.timeout(30_000);
  this.slow(3_000);
  fixture = useEmulator();
  // One stack and one provider host for the whole matrix; every cell starts from an empty world.
  let runner: ProgramRunner;
  before(() => (runner = newRunner(fixture, REGIONS.A)));
  after(() => runner.close());
  afterEach(async function () {
    fixture.emulator.setFaults({});
    // The fixture resets the emulator before the next cell; the state is emptied here (with a fresh
    // runner if even a fault-free destroy fails).
    if ((await outcomeOf(runner.destroy())) !== undefined) {
      await runner.close();
      runner = newRunner(fixture, REGIONS.A);
    }
  });

  const register = ({ subject, name, operation, fault }: Cell, prefix = "") => {
    const title = `${prefix}${name}: ${fault.title}`;
    it(title, () => cell(subject, operation, fault, () => runner));
  };

  const subjects = [aggregatorSubject, authorizationSubject, multiSubject];
  for (const subject of subjects) {
    describe(subject.title, function () {
      for (const c of cellsOf(subject)) if (c.fault !== THROTTLING_STORM) register(c);
    });
  }
  // Throttling engages the SDK's adaptive client-side rate limiter, which outlives the cell in the
  // host's cached clients and slows every later request of the host: the storms go last.
  describe("throttling storms", function () {
    for (const subject of subjects) {
      for (const c of cellsOf(subject)) {
        if (c.fault === THROTTLING_STORM) register(c, `${subject.title} `);
      }
    }
  });
});

async function cell(
  subject: Subject,
  operation: Operation,
  fault: Fault,
  runner: () => ProgramRunner,
): Promise<void> {
  const emulator = fixture.emulator;
  await operation.setup(subject, runner());
  // What exists before the run and is not ours (a resource to adopt) may stay unrecorded.
  const foreign = new Set(emulator.snapshot().resources.map((r) => r.arn));
  for (const { state } of recordedResources(runner()))
    foreign.delete(String(reveal(state.outputs).arn));

  emulator.clearRequests();
  emulator.setFaults(fault.spec);
  const failure = await outcomeOf(operation.run(subject, runner()));
  // The command ends here, and its provider host with it: under the real engine, a retry still in
  // flight when a run fails never outlives the command.
  await runner().endProcess();
  const log = emulator.requests();
  emulator.setFaults({});

  assertFaultHit(fault, log);
  if (fault.expect === "succeeds") assert.equal(failure?.message, undefined, "the run succeeds");
  if (fault.expect === "fails") {
    assert.ok(failure, "the run fails");
    assert.match(failure.message, new RegExp(`${fault.oneShot!} failed for .*AccessDenied`));
  }
  assertNothingUnrecorded(runner(), emulator, foreign);
  assertPartialsExist(runner(), fault);

  const desired = operation.desired(subject);
  if (failure === undefined && operation.rerunsDesired) {
    // The run succeeded: the next run, faults cleared, must find nothing left to do.
    await assertNoOp(runner(), emulator, desired!.program);
    await assertConverged(runner(), emulator, desired!.expected);
    return;
  }
  await operation.recover(subject, runner());
  if (desired === undefined) {
    assert.deepEqual(emulator.snapshot().resources, [], "nothing is left in the emulator");
    assert.equal(runner().state.size, 0, "nothing is left in the state");
    return;
  }
  await assertConverged(runner(), emulator, desired.expected);
  await assertNoOp(runner(), emulator, desired.program);
}

/**
 * A resource recorded as half-done exists; a refused tag step, which comes after the resource
 * exists, leaves exactly such a partial resource in the state.
 */
function assertPartialsExist(runner: ProgramRunner, fault: Fault): void {
  const stored = new Set(fixture.emulator.snapshot().resources.map((r) => r.arn));
  const partial = recordedResources(runner).filter(({ state }) => state.initErrors !== undefined);
  for (const { state } of partial) {
    assert.ok(stored.has(String(reveal(state.outputs).arn)), `${state.urn} is partial and exists`);
  }
  if (fault.expect === "fails" && (fault.oneShot === OP.tag || fault.oneShot === OP.untag)) {
    assert.equal(partial.length, 1, "the resource whose tags failed is recorded as partial");
  }
}

function assertFaultHit(fault: Fault, log: RequestRecord[]): void {
  const injected = log.filter((r) => r.injected);
  if (fault.oneShot !== undefined) {
    assert.deepEqual(
      injected.map((r) => r.operation),
      [fault.oneShot],
      "the one-shot fault hit its step exactly once",
    );
    // A retryable fault is followed by a retry of the same operation.
    if (fault.expect === "succeeds") {
      const later = log.slice(log.indexOf(injected[0]) + 1);
      assert.ok(
        later.some((r) => r.operation === fault.oneShot),
        `${fault.oneShot} was retried`,
      );
    }
  } else if (fault.injects) {
    assert.ok(injected.length > 0, "the fault hit at least one request");
  }
}
