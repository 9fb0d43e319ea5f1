/**
 * What every benchmark shares: the local emulator, the real dynamic-provider host started in the
 * repository root and pointed at it, the `__provider` texts, URNs with the real type tokens, and
 * counting over the emulator's request log.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import {
  ConfigServiceClient,
  DescribeAggregationAuthorizationsCommand,
  PutAggregationAuthorizationCommand,
} from "@aws-sdk/client-config-service";
import {
  DEFAULT_ACCOUNT,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type RequestRecord,
} from "../emulator";
import { startProviderHost, type PropertyMap, type ProviderHost } from "../tests/support/host";
import { providerText } from "../provider/shared/stub";

/**
 * The repository root: the host's working directory, as a Pulumi program's directory would be, so
 * that the serialized stubs' `require("pulumi-aws-config-aggregation/runtime")` resolves through the
 * self-link in node_modules to the built `dist/`.
 */
export const REPO_ROOT = path.resolve(__dirname, "..");

/** The account the default credentials act as. */
export const HOME_ACCOUNT = DEFAULT_ACCOUNT;
/** The region of the default credentials and of the stack config `aws:region`. */
export const HOME_REGION = "us-east-1";
/** The access key the benchmarks use (the emulator maps any unknown key to {@link HOME_ACCOUNT}). */
const ACCESS_KEY_ID = "AKIABENCHMARK0000001";
const SECRET_ACCESS_KEY = "benchmark-secret-access-key";

/** The type token `new ConfigurationAggregator(...)` registers. */
export const AGGREGATOR_TYPE = "pulumi-nodejs:dynamic/aws-config:ConfigurationAggregator";
/** The type token `new AggregationAuthorization(...)` registers. */
export const AUTHORIZATION_TYPE = "pulumi-nodejs:dynamic/aws-config:AggregationAuthorization";

/** A resource URN in stack `bench` of project `bench`. */
export function urnOf(type: string, name: string): string {
  return `urn:pulumi:bench::bench::${type}::${name}`;
}

/** `arn:aws:iam::<account>:role/<name>`; the emulator lets any role be assumed. */
export function roleArn(account: string, name = "PulumiBenchmark"): string {
  return `arn:aws:iam::${account}:role/${name}`;
}

/**
 * The environment the host needs to reach the emulator, given explicitly: the host is another
 * process, and a developer's profile, session token or config files must not leak into it.
 */
export function emulatorEnv(emulator: Emulator): Record<string, string | undefined> {
  return {
    AWS_ENDPOINT_URL: emulator.url,
    AWS_ACCESS_KEY_ID: ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
    AWS_REGION: HOME_REGION,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_DEFAULT_REGION: undefined,
    AWS_MAX_ATTEMPTS: undefined,
    AWS_RETRY_MODE: undefined,
    AWS_CONFIG_FILE: "/nonexistent/bench/config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/bench/credentials",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/** A fresh emulator on a free port (each benchmark gets its own world and its own log). */
export function freshEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, maxLogEntries: 1_000_000, ...options });
}

/**
 * Starts the host in the repository root against `emulator` and sends Configure with the stack's
 * `aws:region`, as the engine does before any other call.
 */
export async function startHost(emulator: Emulator): Promise<ProviderHost> {
  const host = await startProviderHost({
    cwd: REPO_ROOT,
    env: emulatorEnv(emulator),
    project: "bench",
  });
  try {
    await host.configure({ "aws:region": HOME_REGION });
  } catch (error) {
    await host.stop();
    throw error;
  }
  return host;
}

/** The `__provider` texts, exactly as `pulumi.dynamic.Resource` stores them for each resource type. */
export interface ProviderTexts {
  readonly aggregator: string;
  readonly authorization: string;
  readonly serviceRole: string;
}

/** The `__provider` texts the three resources store. */
export function providerTexts(): ProviderTexts {
  return {
    aggregator: providerText("aggregator"),
    authorization: providerText("authorization"),
    serviceRole: providerText("role"),
  };
}

/** `{ __provider }` plus the properties, as the engine sends a resource's inputs. */
export function withProvider(code: string, properties: PropertyMap): PropertyMap {
  return { ...properties, __provider: code };
}

/** A resource as the engine keeps it after create: id, checked inputs and outputs. */
export interface Created {
  readonly urn: string;
  readonly id: string;
  readonly inputs: PropertyMap;
  readonly outputs: PropertyMap;
}

/** Check then Create, as `pulumi up` does for a new resource; throws on check failures. */
export async function checkAndCreate(
  host: ProviderHost,
  urn: string,
  code: string,
  properties: PropertyMap,
): Promise<Created> {
  const checked = await host.check(urn, {}, withProvider(code, properties));
  if (checked.failures.length > 0) {
    const list = checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
    throw new Error(`check of ${urn} failed: ${list}`);
  }
  const { id, outputs } = await host.create(urn, checked.inputs);
  return { urn, id, inputs: checked.inputs, outputs };
}

/** Runs `task` for every item with at most `limit` in flight, as the engine's `--parallel` does. */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Requests per operation name. */
export function countByOperation(requests: readonly RequestRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { operation } of requests) counts[operation] = (counts[operation] ?? 0) + 1;
  return counts;
}

/** The requests of one operation. */
export function ofOperation(
  requests: readonly RequestRecord[],
  operation: string,
): RequestRecord[] {
  return requests.filter((request) => request.operation === operation);
}

/** True for a request the emulator answered with success. */
export function succeeded(request: RequestRecord): boolean {
  return request.status >= 200 && request.status < 300;
}

/** The distinct `account/region` pairs among `requests`. */
export function placementsOf(requests: readonly RequestRecord[]): string[] {
  return [...new Set(requests.map((r) => `${r.account}/${r.region}`))].sort();
}

/** Milliseconds `task` took, and its result. */
export async function timed<R>(task: () => Promise<R>): Promise<{ ms: number; result: R }> {
  const started = performance.now();
  const result = await task();
  return { ms: performance.now() - started, result };
}

/**
 * The access key that acts as `account` in an emulator started with {@link accessKeysFor} (the
 * emulator maps keys to accounts); the default key acts as {@link HOME_ACCOUNT}.
 */
export function accessKeyFor(account: string = HOME_ACCOUNT): string {
  return account === HOME_ACCOUNT ? ACCESS_KEY_ID : `AKIABENCH${account}`;
}

/** The emulator's `accessKeys` option for the bench process to act directly in `accounts`. */
export function accessKeysFor(accounts: readonly string[]): Record<string, string> {
  return Object.fromEntries(accounts.map((account) => [accessKeyFor(account), account]));
}

/** A Config client in the bench process, for seeding and inspecting the world (not counted). */
export function seedingClient(
  emulator: Emulator,
  region: string,
  account: string = HOME_ACCOUNT,
): ConfigServiceClient {
  return new ConfigServiceClient({
    endpoint: emulator.url,
    region,
    credentials: { accessKeyId: accessKeyFor(account), secretAccessKey: SECRET_ACCESS_KEY },
  });
}

/**
 * Puts `count` authorizations that this stack does not manage into the home account and `region`
 * (for accounts `300000000000 + i`), so that a full scan there has several pages.
 */
export async function seedForeignAuthorizations(
  emulator: Emulator,
  region: string,
  count: number,
): Promise<void> {
  const client = seedingClient(emulator, region);
  try {
    await inParallel(
      Array.from({ length: count }, (_, i) => String(300000000000 + i)),
      16,
      (account) =>
        client.send(
          new PutAggregationAuthorizationCommand({
            AuthorizedAccountId: account,
            AuthorizedAwsRegion: "ap-southeast-2",
          }),
        ),
    );
  } finally {
    client.destroy();
  }
}

/**
 * The pages a full DescribeAggregationAuthorizations scan of `account` (default: the home account)
 * and `region` takes now, at the API's largest page size (100): the P of Terraform's read. Counted
 * by scanning from the bench process; the caller clears or filters the request log.
 */
export async function fullScanPages(
  emulator: Emulator,
  region: string,
  account: string = HOME_ACCOUNT,
): Promise<number> {
  const client = seedingClient(emulator, region, account);
  let pages = 0;
  let nextToken: string | undefined;
  try {
    do {
      const page = await client.send(
        new DescribeAggregationAuthorizationsCommand({ Limit: 100, NextToken: nextToken }),
      );
      pages++;
      nextToken = page.NextToken;
    } while (nextToken);
  } finally {
    client.destroy();
  }
  return pages;
}

/**
 * CPU time a process has used so far (user + system), in milliseconds, from /proc/<pid>/stat;
 * undefined off Linux. Assumes the usual 100 clock ticks per second.
 */
export function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesized command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Peak resident memory (VmHWM) of a process, in bytes, from /proc; undefined off Linux. */
export function peakMemoryBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}
