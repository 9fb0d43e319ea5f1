/**
 * Helpers for protocol tests: the real dynamic-provider host, started in the repository root (where
 * `pulumi-aws-config-aggregation/runtime` resolves through the self-link in node_modules) and
 * pointed at the emulator, plus URNs with the real type tokens and the request log as names.
 */
import * as assert from "node:assert/strict";
import type { Emulator, RequestRecord } from "../../emulator";
import { type EmulatorFixture, useEmulator } from "../support/emulator";
import type { EmulatorOptions } from "../../emulator";
import { startProviderHost, type PropertyMap, type ProviderHost } from "../support/host";
import { REPO_ROOT } from "../support/consumer";
import { providerText } from "../../provider/shared/stub";
import { ACCOUNTS, REGIONS, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from "../support/fixtures";

/** The repository root: the host's working directory, as a Pulumi program's directory would be. */
export { REPO_ROOT };

/** The type token `new ConfigurationAggregator(...)` registers. */
export const AGGREGATOR_TYPE = "pulumi-nodejs:dynamic/aws-config:ConfigurationAggregator";
/** The type token `new AggregationAuthorization(...)` registers. */
export const AUTHORIZATION_TYPE = "pulumi-nodejs:dynamic/aws-config:AggregationAuthorization";

/** A resource URN in stack `test` of project `project`. */
export function urnOf(type: string, name: string): string {
  return `urn:pulumi:test::project::${type}::${name}`;
}

/** The URN of `new ConfigurationAggregator(name, ...)`. */
export const aggregatorUrn = (name: string): string => urnOf(AGGREGATOR_TYPE, name);
/** The URN of the aggregator most protocol tests deploy, `new ConfigurationAggregator("org", ...)`. */
export const AGGREGATOR_URN = aggregatorUrn("org");
/** The URN of the authorization most protocol tests deploy, `new AggregationAuthorization("auth", ...)`. */
export const AUTHORIZATION_URN = urnOf(AUTHORIZATION_TYPE, "auth");

/** A date long before any test ran: state that was last written well outside any consistency window. */
export const LONG_AGO = "2025-01-01T00:00:00.000Z";

/**
 * The environment the host needs to reach the emulator, given explicitly: the host is another
 * process, and a developer's profile or session token must not leak into it.
 */
export function emulatorEnv(fixture: EmulatorFixture): Record<string, string | undefined> {
  return {
    AWS_ENDPOINT_URL: fixture.url,
    AWS_ACCESS_KEY_ID: TEST_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: TEST_SECRET_ACCESS_KEY,
    AWS_REGION: REGIONS.A,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_DEFAULT_REGION: undefined,
    AWS_CONFIG_FILE: "/nonexistent/protocol-tests/config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/protocol-tests/credentials",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/**
 * Mocha fixture, to call inside `describe` after `useEmulator`: starts one host for the block in the
 * repository root, sends Configure with `config` first (as the engine does), and stops the host
 * afterwards.
 */
export function useProviderHost(
  fixture: EmulatorFixture,
  config: Record<string, string>,
): { readonly host: ProviderHost } {
  let running: ProviderHost | undefined;
  before(async function () {
    running = await startProviderHost({ cwd: REPO_ROOT, env: emulatorEnv(fixture) });
    await running.configure(config);
    await learnDefaultAccount(running, fixture.emulator);
  });
  after(async () => {
    await running?.stop();
    running = undefined;
  });
  return {
    get host(): ProviderHost {
      if (running === undefined) throw new Error("useProviderHost: the host runs only in tests");
      return running;
    },
  };
}

/**
 * Lets the host learn which account the default credentials act in, as the first update or delete
 * of any deployment does (one STS call per process): the exact counts of every test then hold
 * whichever test runs first. Deleting an aggregator that does not exist triggers just that.
 */
async function learnDefaultAccount(host: ProviderHost, emulator: Emulator): Promise<void> {
  const code = providerText("aggregator");
  await host.delete("account-check", urnOf(AGGREGATOR_TYPE, "account-check"), {
    __provider: code,
    name: "account-check",
    region: REGIONS.A,
    accountId: ACCOUNTS.A,
  });
  emulator.clearRequests();
}

/** The operations the emulator served since the last clear, in order. */
export function operations(emulator: Emulator): string[] {
  return emulator.requests().map((request: RequestRecord) => request.operation);
}

/** `{ __provider }` plus the properties, as the engine sends a resource's inputs. */
export function withProvider(code: string, properties: PropertyMap): PropertyMap {
  return { ...properties, __provider: code };
}

/** A timestamp as the providers record it: ISO 8601 in UTC with milliseconds. */
export const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** What a protocol test block works with: the emulator, the host and each provider's text. */
export interface HostedProviders {
  /** The block's emulator fixture. */
  readonly fixture: EmulatorFixture;
  /** The running emulator. */
  readonly emulator: () => Emulator;
  /** The running host. */
  readonly host: () => ProviderHost;
  /** What `new ConfigurationAggregator(...)` sends as `__provider`. */
  readonly aggregatorCode: string;
  /** What `new AggregationAuthorization(...)` sends as `__provider`. */
  readonly authorizationCode: string;
}

/**
 * Mocha fixture, to call inside `describe`: one emulator (with `options`) and one host configured
 * with `aws:region` {@link REGIONS}.A, as most protocol blocks need.
 */
export function useHostedProviders(options?: EmulatorOptions): HostedProviders {
  const fixture = useEmulator(options);
  const hosted = useProviderHost(fixture, { "aws:region": REGIONS.A });
  return {
    fixture,
    emulator: () => fixture.emulator,
    host: () => hosted.host,
    aggregatorCode: providerText("aggregator"),
    authorizationCode: providerText("authorization"),
  };
}

/**
 * Check then create, as `pulumi up` does for a new resource (check must accept the inputs); the
 * request log is then cleared.
 */
export async function checkAndCreate(
  hosted: HostedProviders,
  urn: string,
  code: string,
  inputs: PropertyMap,
): Promise<{ inputs: PropertyMap; id: string; outputs: PropertyMap }> {
  const checked = await hosted.host().check(urn, {}, withProvider(code, inputs));
  if (checked.failures.length > 0)
    throw new Error(`check refused ${urn}: ${JSON.stringify(checked.failures)}`);
  const result = await hosted.host().create(urn, checked.inputs);
  hosted.emulator().clearRequests();
  return { inputs: checked.inputs, id: result.id, outputs: result.outputs };
}

/**
 * Asserts what a plan shows for changing `existing` to `inputs`: check accepts them, diff reports
 * a replacement of exactly `replaces`, and neither makes an AWS call.
 */
export async function assertReplaces(
  hosted: HostedProviders,
  urn: string,
  code: string,
  existing: { id: string; inputs: PropertyMap; outputs: PropertyMap },
  inputs: PropertyMap,
  replaces: string[],
): Promise<void> {
  const { id, outputs } = existing;
  const news = await hosted.host().check(urn, existing.inputs, withProvider(code, inputs));
  assert.deepEqual(news.failures, []);
  assert.deepEqual(await hosted.host().diff(id, urn, outputs, news.inputs, existing.inputs), {
    changes: "some",
    replaces,
    deleteBeforeReplace: false,
  });
  assert.deepEqual(operations(hosted.emulator()), []);
}

/** A protocol block about one resource: the hosted providers, its URN, its code and its program. */
export interface HostedResource extends HostedProviders {
  /** The URN of the resource the block deploys. */
  readonly urn: string;
  /** What the resource sends as `__provider`. */
  readonly code: string;
  /** The inputs the program sends to check, with `extra` on top. */
  readonly programInputs: (extra?: PropertyMap) => PropertyMap;
  /** Check then create of the program's inputs with `extra` ({@link checkAndCreate}). */
  readonly created: (
    extra?: PropertyMap,
  ) => Promise<{ inputs: PropertyMap; id: string; outputs: PropertyMap }>;
}

/**
 * Mocha fixture, to call inside `describe`: {@link useHostedProviders}, for the resource of `kind`
 * at `urn` whose program sends `programInputs`.
 */
export function useHostedResource(
  kind: "aggregator" | "authorization",
  urn: string,
  programInputs: (extra?: PropertyMap) => PropertyMap,
): HostedResource {
  const hosted = useHostedProviders();
  const code = kind === "aggregator" ? hosted.aggregatorCode : hosted.authorizationCode;
  return {
    ...hosted,
    urn,
    code,
    programInputs,
    created: (extra: PropertyMap = {}) => checkAndCreate(hosted, urn, code, programInputs(extra)),
  };
}

/** A change of the program and the replacement its diff must report (none for an update). */
export interface DiffCase {
  readonly title: string;
  readonly change: PropertyMap;
  readonly replaces: string[];
}

/** Declares one test per case: {@link assertReplaces} of the created resource changed by it. */
export function itDiffs(resource: HostedResource, cases: readonly DiffCase[]): void {
  for (const { title, change, replaces } of cases) {
    it(`diffs ${title}, replaces ${JSON.stringify(replaces)}`, async () => {
      const { urn, code, programInputs, created } = resource;
      await assertReplaces(resource, urn, code, await created(), programInputs(change), replaces);
    });
  }
}

/**
 * Check then update of a created resource to the program's inputs with `extra`, as `pulumi up`
 * does for a changed program.
 */
export async function checkAndUpdate(
  resource: HostedResource,
  existing: { id: string; inputs: PropertyMap; outputs: PropertyMap },
  extra: PropertyMap,
): Promise<{ outputs: PropertyMap }> {
  const { id, inputs, outputs } = existing;
  const { urn, code } = resource;
  const news = await resource
    .host()
    .check(urn, inputs, withProvider(code, resource.programInputs(extra)));
  return resource.host().update(id, urn, outputs, news.inputs, inputs);
}
