/**
 * Dynamic-provider host start-up: from spawning `@pulumi/pulumi/cmd/dynamic-provider` to its first
 * Check answer and its first Create answer, as the engine sees them (Configure first, then Check,
 * then Create of one authorization against the emulator).
 */
import type { ProviderHost } from "../tests/support/host";
import {
  AUTHORIZATION_TYPE,
  checkAndCreate,
  freshEmulator,
  startHost,
  urnOf,
  type ProviderTexts,
} from "./support";

/** How many hosts are started; the figures are their median, minimum and maximum. */
export const STARTUP_RUNS = 7;

/** Median, minimum and maximum of a series, in milliseconds. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Every run, in run order. */
  readonly runs: number[];
}

/** The start-up figures. */
export interface StartupResult {
  readonly runs: number;
  /** Spawn until the host printed its port. */
  readonly listeningMs: Spread;
  /** Spawn until the answer to the first Check (after Configure), which loads the provider code. */
  readonly firstCheckMs: Spread;
  /**
   * First Check answered − listening, per run: Configure plus loading this package's runtime and
   * the AWS SDK (the host loads nothing of ours before the first call).
   */
  readonly packageLoadMs: Spread;
  /** Spawn until the answer to the first Create (after that Check): SDK, credentials, 2 calls. */
  readonly firstCreateMs: Spread;
}

/** The median, minimum and maximum of `values`. */
export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN, runs: values };
}

/** Starts {@link STARTUP_RUNS} hosts one after the other and times each one's first answers. */
export async function benchStartup(texts: ProviderTexts): Promise<StartupResult> {
  const emulator = await freshEmulator();
  const listening: number[] = [];
  const check: number[] = [];
  const create: number[] = [];
  try {
    for (let run = 0; run < STARTUP_RUNS; run++) {
      let host: ProviderHost | undefined;
      try {
        host = await startHost(emulator);
        await checkAndCreate(
          host,
          urnOf(AUTHORIZATION_TYPE, `startup-${run}`),
          texts.authorization,
          {
            authorizedAccountId: String(400000000000 + run),
            authorizedAwsRegion: "eu-west-1",
          },
        );
        const { spawnedAt, readyAt, firstCallDoneAt } = host.timings;
        listening.push(readyAt - spawnedAt);
        check.push((firstCallDoneAt.check ?? NaN) - spawnedAt);
        create.push((firstCallDoneAt.create ?? NaN) - spawnedAt);
      } finally {
        await host?.stop();
      }
    }
  } finally {
    await emulator.close();
  }
  return {
    runs: STARTUP_RUNS,
    listeningMs: spread(listening),
    firstCheckMs: spread(check),
    packageLoadMs: spread(check.map((value, i) => value - (listening[i] ?? NaN))),
    firstCreateMs: spread(create),
  };
}
