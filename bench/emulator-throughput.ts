/**
 * The emulator's requests/s, from `bench/emulator.ts` (another engineer's benchmark, which exports
 * nothing and runs on import): run as a child process and its printed lines parsed.
 */
import { spawn } from "node:child_process";
import { REPO_ROOT } from "./support";

/** Seconds per measured run passed to `bench/emulator.ts` (its default is 5). */
export const EMULATOR_SECONDS = 3;

/** One line of `bench/emulator.ts`: a client kind and what it achieved. */
export interface EmulatorRun {
  readonly label: string;
  readonly requestsPerSecond: number;
  /** Requests per second of the emulator's own CPU time, when printed. */
  readonly perEmulatorCpuSecond: number | undefined;
}

/** The emulator-throughput figures. */
export interface EmulatorThroughputResult {
  readonly command: string;
  readonly runs: EmulatorRun[];
  /** The "capacity on one core" line, requests/s, when printed. */
  readonly capacityOnOneCore: number | undefined;
  /** Everything it printed, for the record. */
  readonly output: string;
}

const RUN_LINE = /^(.+?): \d+ requests in [\d.]+ s = (\d+) requests\/s/;
const PER_CPU = /\((\d+) requests per CPU-second\)/;
const CAPACITY = /capacity on one core: (\d+) requests\/s/;

/** Parses the output of `bench/emulator.ts`; throws when no run line is found. */
export function parseEmulatorOutput(output: string): Omit<EmulatorThroughputResult, "command"> {
  const runs: EmulatorRun[] = [];
  for (const line of output.split("\n")) {
    const run = RUN_LINE.exec(line);
    if (!run) continue;
    const perCpu = PER_CPU.exec(line)?.[1];
    runs.push({
      label: run[1],
      requestsPerSecond: Number(run[2]),
      perEmulatorCpuSecond: perCpu === undefined ? undefined : Number(perCpu),
    });
  }
  if (runs.length === 0) throw new Error(`bench/emulator.ts printed no figures:\n${output}`);
  const capacity = CAPACITY.exec(output)?.[1];
  return {
    runs,
    capacityOnOneCore: capacity === undefined ? undefined : Number(capacity),
    output: output.trim(),
  };
}

/** Runs `bench/emulator.ts` with tsx and parses what it prints. */
export async function benchEmulatorThroughput(): Promise<EmulatorThroughputResult> {
  const args = ["--import", "tsx", "bench/emulator.ts", "--seconds", String(EMULATOR_SECONDS)];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`bench/emulator.ts exited with ${code}:\n${stdout}${stderr}`)),
    );
  });
  return { command: `node ${args.join(" ")}`, ...parseEmulatorOutput(output) };
}
