/**
 * Helpers for protocol tests: the real dynamic-provider host, started in the repository root (where
 * `pulumi-aws-config-aggregation/runtime` resolves through the self-link in node_modules) and
 * pointed at the emulator, plus URNs with the real type tokens and the request log as names.
 */
import type { Emulator, RequestRecord } from "../../emulator";
import { type EmulatorFixture } from "../support/emulator";
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
