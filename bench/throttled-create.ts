/**
 * Creating 2,000 authorizations through the host with 64 in flight while the emulator throttles
 * every operation at 10 requests/s per account and region: how close the provider gets to the
 * throttle's ceiling, how many requests it spends on retries, and the host's peak memory.
 */
import type { RequestRecord } from "../emulator";
import type { ProviderHost } from "../tests/support/host";
import {
  AUTHORIZATION_TYPE,
  checkAndCreate,
  cpuMs,
  freshEmulator,
  inParallel,
  ofOperation,
  peakMemoryBytes,
  placementsOf,
  roleArn,
  startHost,
  succeeded,
  timed,
  urnOf,
  type ProviderTexts,
} from "./support";

/** Authorizations created. */
export const THROTTLED_COUNT = 2000;
/** Creates in flight at once, as `pulumi up --parallel 64`. */
export const IN_FLIGHT = 64;
/** The emulator's throttle: requests/s per (service, operation, account, region) token bucket. */
export const THROTTLE_RATE_PER_SECOND = 10;
/**
 * The granting accounts (reached with `assumeRole`) and source regions: 10 account+region buckets,
 * a ceiling of 100 Puts/s. Few enough buckets that 64 creates in flight offer more than the
 * ceiling, so the throttle and not the benchmark machine sets the pace (on an idle machine).
 */
export const THROTTLED_ACCOUNTS = [
  "220000000001",
  "220000000002",
  "220000000003",
  "220000000004",
  "220000000005",
];
/** See {@link THROTTLED_ACCOUNTS}. */
export const THROTTLED_REGIONS = ["us-east-1", "eu-west-1"];

/** Requests of one operation: sent, answered with success, and throttled. */
export interface OperationTally {
  readonly requests: number;
  readonly successes: number;
  readonly throttled: number;
}

/** The throttled-create figures. */
export interface ThrottledCreateResult {
  readonly resources: number;
  readonly inFlight: number;
  readonly ratePerSecond: number;
  /** Account+region buckets the Puts went to. */
  readonly putBuckets: number;
  /** The throttle's ceiling for Put: rate × buckets, requests/s. */
  readonly ceilingPerSecond: number;
  /** Successful Puts / wall time of the whole run. */
  readonly achievedPutsPerSecond: number;
  /** achievedPutsPerSecond / ceilingPerSecond. */
  readonly fractionOfCeiling: number;
  /**
   * The shortest time the throttle allows for all Puts: each bucket starts full (burst = rate), so
   * (Puts − buckets × burst) / ceiling seconds; the best possible fraction is that over the wall time.
   */
  readonly bestPossibleSeconds: number;
  /**
   * The shortest time the throttle allows for the Describe pages this run needed (same formula,
   * with the successful Describe pages): when it exceeds {@link bestPossibleSeconds}, the existence
   * checks, not the Puts, set the pace.
   */
  readonly bestPossibleSecondsGivenScans: number;
  /** Wall time from the first Check sent to the last Create answered. */
  readonly wallMs: number;
  /** Creates that failed (the run must converge with none). */
  readonly failedCreates: number;
  /**
   * Successful DescribeAggregationAuthorizations pages per create: the existence checks. Below 1
   * when concurrent creates in one account+region share a scan; each scan is ⌈N/100⌉ pages.
   */
  readonly describePagesPerCreate: number;
  /** Every request − every success, over all operations: requests spent on retries. */
  readonly retries: number;
  /** Requests that were not answered with success, by error code. */
  readonly errors: Record<string, number>;
  readonly byOperation: Record<string, OperationTally>;
  /** The host's peak resident memory (VmHWM), bytes. */
  readonly hostPeakMemoryBytes: number | undefined;
  /** CPU the host used during the run, ms: near wallMs means the host, not the throttle, was the limit. */
  readonly hostCpuMs: number | undefined;
  /** CPU this process (emulator and gRPC client) used during the run, ms. */
  readonly benchCpuMs: number;
  /** Authorizations the emulator holds afterwards from this run (2,000 when nothing was lost). */
  readonly stored: number;
}

function tally(requests: readonly RequestRecord[]): Record<string, OperationTally> {
  const result: Record<string, OperationTally> = {};
  for (const operation of [...new Set(requests.map((r) => r.operation))].sort()) {
    const ofOp = ofOperation(requests, operation);
    result[operation] = {
      requests: ofOp.length,
      successes: ofOp.filter(succeeded).length,
      throttled: ofOp.filter((r) => r.injected === true && r.status === 400).length,
    };
  }
  return result;
}

/**
 * 2,000 authorizations round-robin over 5 accounts (via `assumeRole`) × 2 regions, created with
 * {@link IN_FLIGHT} in flight under a throttle rule with no operation filter, so every operation of
 * every account+region has its own 10/s bucket.
 */
export async function benchThrottledCreate(texts: ProviderTexts): Promise<ThrottledCreateResult> {
  const emulator = await freshEmulator({
    faults: { rules: [{ kind: "throttle", ratePerSecond: THROTTLE_RATE_PER_SECOND }] },
  });
  let host: ProviderHost | undefined;
  try {
    host = await startHost(emulator);
    const running = host;
    emulator.clearRequests();
    const hostCpuBefore = cpuMs(host.pid);
    const benchCpuBefore = process.cpuUsage();
    const items = Array.from({ length: THROTTLED_COUNT }, (_, i) => i);
    let failedCreates = 0;
    const { ms } = await timed(() =>
      inParallel(items, IN_FLIGHT, async (i) => {
        const account = THROTTLED_ACCOUNTS[i % THROTTLED_ACCOUNTS.length];
        const region =
          THROTTLED_REGIONS[Math.floor(i / THROTTLED_ACCOUNTS.length) % THROTTLED_REGIONS.length];
        try {
          await checkAndCreate(running, urnOf(AUTHORIZATION_TYPE, `t-${i}`), texts.authorization, {
            authorizedAccountId: String(600000000000 + i),
            authorizedAwsRegion: "us-east-1",
            region,
            assumeRole: { roleArn: roleArn(account) },
            tags: { stack: "bench" },
          });
        } catch {
          failedCreates++;
        }
      }),
    );
    const hostPeakMemoryBytes = peakMemoryBytes(host.pid);
    const hostCpuAfter = cpuMs(host.pid);
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const requests = emulator.requests();
    const puts = ofOperation(requests, "PutAggregationAuthorization");
    const successfulPuts = puts.filter(succeeded).length;
    const putBuckets = placementsOf(puts).length;
    const ceilingPerSecond = THROTTLE_RATE_PER_SECOND * putBuckets;
    const achievedPutsPerSecond = successfulPuts / (ms / 1000);
    const errors: Record<string, number> = {};
    for (const r of requests.filter((r) => !succeeded(r))) {
      const code = r.errorCode ?? String(r.status);
      errors[code] = (errors[code] ?? 0) + 1;
    }
    const describeBuckets = placementsOf(
      ofOperation(requests, "DescribeAggregationAuthorizations"),
    ).length;
    const successfulDescribes = ofOperation(requests, "DescribeAggregationAuthorizations").filter(
      succeeded,
    ).length;
    const stored = emulator
      .snapshot()
      .resources.filter((r) => r.kind === "authorization" && r.id.startsWith("6000")).length;
    return {
      resources: THROTTLED_COUNT,
      inFlight: IN_FLIGHT,
      ratePerSecond: THROTTLE_RATE_PER_SECOND,
      putBuckets,
      ceilingPerSecond,
      achievedPutsPerSecond,
      fractionOfCeiling: achievedPutsPerSecond / ceilingPerSecond,
      bestPossibleSeconds:
        Math.max(0, successfulPuts - putBuckets * THROTTLE_RATE_PER_SECOND) / ceilingPerSecond,
      bestPossibleSecondsGivenScans:
        Math.max(0, successfulDescribes - describeBuckets * THROTTLE_RATE_PER_SECOND) /
        (THROTTLE_RATE_PER_SECOND * describeBuckets),
      wallMs: ms,
      failedCreates,
      describePagesPerCreate: successfulDescribes / THROTTLED_COUNT,
      retries: requests.length - requests.filter(succeeded).length,
      errors,
      byOperation: tally(requests),
      hostPeakMemoryBytes,
      hostCpuMs:
        hostCpuBefore === undefined || hostCpuAfter === undefined
          ? undefined
          : hostCpuAfter - hostCpuBefore,
      benchCpuMs: (benchCpu.user + benchCpu.system) / 1000,
      stored,
    };
  } finally {
    await host?.stop();
    await emulator.close();
  }
}
