/**
 * Helpers for component tests: a program runner wired to the emulator, plans as readable lines,
 * the request log counted per operation, and readers of what the emulator holds.
 */
import * as path from "node:path";
import {
  ConfigServiceClient,
  DescribeAggregationAuthorizationsCommand,
  DescribeConfigurationAggregatorsCommand,
  type ConfigurationAggregator as AwsAggregator,
} from "@aws-sdk/client-config-service";
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import type { Emulator, EmulatorOptions } from "../../emulator";
import { callerAccount } from "../../components/caller-account";
import { type EmulatorFixture, useEmulator } from "../support/emulator";
import { SIG_KEY } from "../support/properties";
import { ProgramRunner, type RunResult } from "../support/runner";
import {
  accessKeyOf,
  ACCOUNTS,
  REGIONS,
  TEST_ACCESS_KEY_ID,
  TEST_SECRET_ACCESS_KEY,
} from "../support/fixtures";

/** Type tokens as the runner reports them. */
export const TYPES = {
  multi: "aws-config-aggregation:index:MultiAccountAggregation",
  organization: "aws-config-aggregation:index:OrganizationAggregator",
  aggregator: "pulumi-nodejs:dynamic/aws-config:ConfigurationAggregator",
  authorization: "pulumi-nodejs:dynamic/aws-config:AggregationAuthorization",
  role: "pulumi-nodejs:dynamic/aws-config:ServiceRole",
} as const;

/** The URN the runner gives a resource of `type` (parent types joined with `$`). */
export function urnOf(type: string, name: string): string {
  return `urn:pulumi:stack::project::${type}::${name}`;
}

/** The signature of a resource reference in component outputs, as on the wire. */
export const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/**
 * A component's output that references its child `name` of type `child` (with ID `id`), as the
 * runner records it: the reference signature, the ID and the child's URN under `component`.
 */
export function childReference(component: string, child: string, name: string, id: string) {
  return {
    [SIG_KEY]: RESOURCE_REFERENCE_SIG,
    id,
    urn: urnOf(`${component}$${child}`, name),
  };
}

/** The managed policy the organization role gets. */
export const ORGANIZATIONS_POLICY =
  "arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations";

/** A runner whose host talks to the fixture's emulator as {@link ACCOUNTS.A}, from the repo root. */
export function emulatorRunner(fixture: EmulatorFixture): ProgramRunner {
  return new ProgramRunner({
    // Serialized providers require "pulumi-aws-config-aggregation/runtime" from here.
    cwd: path.resolve(__dirname, "../.."),
    env: {
      AWS_ENDPOINT_URL: fixture.url,
      AWS_ACCESS_KEY_ID: TEST_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: TEST_SECRET_ACCESS_KEY,
      AWS_REGION: REGIONS.A,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
    config: { "aws:region": REGIONS.A },
  });
}

/**
 * The program's own STS GetCallerIdentity happens once per test process (as `aws.getCallerIdentity`
 * once per `pulumi up`); ask it before the tests so that call counts do not depend on test order.
 */
export async function warmCallerAccount(): Promise<void> {
  const account = await callerAccount();
  if (account !== ACCOUNTS.A) throw new Error(`caller account is ${account}, not ${ACCOUNTS.A}`);
}

/**
 * Steps as `<op> <name> [changed keys]` (a create lists none: every key is new), sorted, since
 * independent resources register in whatever order their inputs resolve.
 */
export function plan(result: RunResult): string[] {
  return result.steps
    .map(({ op, name, changedKeys, error }) =>
      [
        op,
        name,
        changedKeys.length > 0 && op !== "create" ? `[${changedKeys.join(",")}]` : "",
        error ? `! ${error}` : "",
      ]
        .filter((part) => part !== "")
        .join(" "),
    )
    .sort();
}

/** Requests since the last clear, counted by `service:operation` (and error code, if any). */
export function callCounts(emulator: Emulator): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { service, operation, errorCode } of emulator.requests()) {
    const key = `${service}:${operation}${errorCode ? ` (${errorCode})` : ""}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The accounts that AWS Config calls since the last clear acted in, sorted. */
export function configCallAccounts(emulator: Emulator): string[] {
  const accounts = emulator
    .requests()
    .filter((r) => r.service === "config")
    .map((r) => r.account);
  return [...new Set(accounts)].sort();
}

/** A Config client acting in `account` (through its mapped access key) in `region`. */
export function configIn(account: string, region: string): ConfigServiceClient {
  return new ConfigServiceClient({
    region,
    credentials: { accessKeyId: accessKeyOf(account), secretAccessKey: TEST_SECRET_ACCESS_KEY },
  });
}

/** Authorizations of one account and region as `<authorized account>:<region> <arn> <created>`. */
export async function authorizationsIn(account: string, region: string): Promise<string[]> {
  const page = await configIn(account, region).send(
    new DescribeAggregationAuthorizationsCommand({}),
  );
  return (page.AggregationAuthorizations ?? []).map(
    (a) =>
      `${a.AuthorizedAccountId}:${a.AuthorizedAwsRegion} ${a.AggregationAuthorizationArn} ${a.CreationTime?.toISOString()}`,
  );
}

/** The aggregator `name` in account A, us-east-1, as AWS describes it. */
export async function aggregatorNamed(name: string): Promise<AwsAggregator | undefined> {
  const page = await configIn(ACCOUNTS.A, REGIONS.A).send(
    new DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: [name] }),
  );
  return page.ConfigurationAggregators?.[0];
}

/**
 * A transformation that records every resource a component registers as
 * `<type> <name> <parent type>::<parent name>`, in registration order.
 */
export function recorder(): {
  registrations: string[];
  transformation: pulumi.ResourceTransformation;
} {
  const names = new Map<pulumi.Resource, string>();
  const registrations: string[] = [];
  const transformation: pulumi.ResourceTransformation = ({ resource, type, name, opts }) => {
    names.set(resource, `${type}::${name}`);
    const parent = opts.parent ? (names.get(opts.parent) ?? "(unknown parent)") : "(stack)";
    registrations.push(`${type} ${name} ${parent}`);
    return undefined;
  };
  return { registrations, transformation };
}

/** What a component test block works with: its emulator and the current test's runner. */
export interface ComponentWorld {
  /** The block's emulator fixture. */
  readonly fixture: EmulatorFixture;
  /** The running emulator. */
  readonly emulator: () => Emulator;
  /** This test's runner: a fresh one for every test, closed after it. */
  readonly runner: () => ProgramRunner;
}

/**
 * Mocha fixture, to call inside `describe`: one emulator for the block (with `options`), the
 * caller account asked once before its tests ({@link warmCallerAccount}), and a fresh
 * {@link emulatorRunner} for each test, closed after it.
 */
export function useComponentWorld(options?: EmulatorOptions): ComponentWorld {
  const fixture = useEmulator(options);
  let current: ProgramRunner | undefined;
  before(warmCallerAccount);
  beforeEach(() => {
    current = emulatorRunner(fixture);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    fixture,
    emulator: () => fixture.emulator,
    runner: () => {
      if (current === undefined)
        throw new Error("useComponentWorld: the runner exists only in tests");
      return current;
    },
  };
}

/**
 * The plan lines of a MultiAccountAggregation's authorizations, `<op> <name>-auth-<account>-<region>`
 * for every account and region, in the order {@link plan} sorts them. Regions default to the
 * `eu-west-1` and `us-east-1` ({@link REGIONS}.B and .A) most component tests deploy to.
 */
export function authorizationSteps(
  op: string,
  name: string,
  accounts: readonly string[],
  regions: readonly string[] = [REGIONS.B, REGIONS.A],
): string[] {
  return accounts
    .flatMap((account) => regions.map((region) => `${op} ${name}-auth-${account}-${region}`))
    .sort();
}

/** What `pulumi.runtime.setMocks` was asked to create: type, name and inputs. */
export interface MockRegistration {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

/**
 * Mocha fixture, to call inside `describe`: before each test, `pulumi.runtime.setMocks` (preview
 * mode) with mocks that record every registration, as awsx's tests do. `settled()` waits until the
 * SDK has no registration in flight (an internal API, as the runner uses) and returns them.
 */
export function useRecordingMocks(): {
  readonly registered: () => readonly MockRegistration[];
  readonly settled: () => Promise<readonly MockRegistration[]>;
} {
  let registered: MockRegistration[] = [];
  beforeEach(async () => {
    registered = [];
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push({ type: args.type, name: args.name, inputs: args.inputs });
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      true,
    );
  });
  return {
    registered: () => registered,
    settled: async () => {
      await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
      return registered;
    },
  };
}
