/**
 * The engine section: what users wait for. A `MultiAccountAggregation` of many accounts × regions
 * goes through the real `pulumi` CLI (from `npm run --silent pulumi:path`, built if need be)
 * against the emulator answering every request after an AWS round trip and throttling AWS Config
 * per operation, account and region. Beside it, the engine's floor: the same `pulumi up` with the
 * emulator answering at once and never throttling — what the engine and the host cost by
 * themselves, so the ratio shows what AWS's latency and throttling add through this provider.
 *
 * Every command runs with `--skip-preview`: a `pulumi up` that previews first runs the program
 * and every Check and Diff twice, which measures the preview as much as the deployment.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { Emulator, FaultSpec, RequestRecord } from "../emulator";
import { PulumiProject, pulumiCliDir } from "../tests/e2e/support/pulumi";
import {
  AUTHORIZATION_TYPE,
  countByOperation,
  freshEmulator,
  peakMemoryBytes,
  REPO_ROOT,
} from "./support";

/** One size of the engine benchmark. */
export interface EngineScale {
  readonly accounts: number;
  readonly regions: number;
}

/** The default size: 100 accounts × 10 regions, 1,000 authorizations. */
export const ENGINE_SCALE: EngineScale = { accounts: 100, regions: 10 };
/** The size `npm run bench -- --engine-large` runs: 200 × 17, 3,400 authorizations. */
export const ENGINE_SCALE_LARGE: EngineScale = { accounts: 200, regions: 17 };

/** Milliseconds the emulator waits before answering each request: an AWS round trip. */
export const ENGINE_LATENCY_MS = 50;
/** AWS Config requests/s allowed per operation, account and region. */
export const ENGINE_THROTTLE_PER_SECOND = 10;

/** Commercial regions, in the order the benchmark takes them. */
const REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-north-1",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ca-central-1",
  "sa-east-1",
  "ap-northeast-3",
];

/** The stack config of one run of the benchmark program. */
interface ProgramConfig {
  readonly accounts: number;
  readonly regions: readonly string[];
  /** The value of the `round` tag on every child: changing it changes every child's tags. */
  readonly round: string;
}

/** What one `pulumi` command cost. */
export interface EngineStep {
  readonly command: string;
  readonly exitCode: number;
  readonly seconds: number;
  /** Requests the emulator logged (retries included). */
  readonly awsCalls: number;
  /** The same, by operation. */
  readonly awsCallsByOperation: Record<string, number>;
  /** Requests the emulator throttled (each one retried by the SDK or the provider). */
  readonly retries: number;
  /** Resources the engine reported failed (its `error:` diagnostics). */
  readonly failures: number;
  /** Error answers other than throttling, by code (an existence check's "not found" among them). */
  readonly awsErrors: Record<string, number>;
  /** Peak resident memory of the `pulumi` engine process, bytes. */
  readonly enginePeakBytes: number;
  /** Peak resident memory of the dynamic-provider host, bytes. */
  readonly providerHostPeakBytes: number;
  /** Peak resident memory of the Node.js process running the program, bytes. */
  readonly programPeakBytes: number;
}

/** The engine section of `bench/results.json`. */
export interface EngineResult {
  readonly scale: EngineScale;
  readonly latencyMs: number;
  readonly throttlePerSecond: number;
  readonly create: EngineStep & {
    readonly authorizations: number;
    readonly floorSeconds: number;
    /** Wall time of the create / that of the floor. */
    readonly ratio: number;
  };
  readonly floor: EngineStep;
  readonly noop: EngineStep;
  readonly refresh: EngineStep & {
    /** DescribeAggregationAuthorizations calls (each page counts). */
    readonly scans: number;
    /** Account+region pairs holding authorizations. */
    readonly placements: number;
    readonly getResources: number;
    /**
     * Σ⌈N/100⌉ over the placements, N the authorizations in each, plus one per aggregator (an
     * aggregator's refresh reads its own tags: one GetResources).
     */
    readonly getResourcesBound: number;
  };
  readonly tagChange: EngineStep;
  readonly destroy: EngineStep;
  /** `pulumi stack export` bytes / resources in it, after the create. */
  readonly stateBytesPerResource: number;
  /** Where an authorization's state goes, in compact JSON bytes (averaged). */
  readonly authorizationStateBytes: StateBreakdown;
  readonly stateBytes: number;
  readonly stateResources: number;
}

/** An average resource's state, in compact JSON bytes, by who writes it. */
export interface StateBreakdown {
  readonly total: number;
  /** `__provider` in inputs and outputs: this package's text, stored twice by Pulumi. */
  readonly providerText: number;
  /** Inputs and outputs without `__provider`: this package's properties. */
  readonly properties: number;
  /** `sourcePosition` and `stackTrace`: where the program made the resource, recorded by Pulumi. */
  readonly sourcePositions: number;
  /** Everything else: URN, parent, provider reference, dependencies, timestamps. */
  readonly engine: number;
}

/** The average {@link StateBreakdown} of the resources of `type` in a `pulumi stack export`. */
export function stateBreakdown(exported: string, type: string): StateBreakdown {
  interface Stored {
    type: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    [key: string]: unknown;
  }
  const resources = (
    JSON.parse(exported) as { deployment: { resources: Stored[] } }
  ).deployment.resources.filter((resource) => resource.type === type);
  const size = (value: unknown): number =>
    value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value));
  const sum = { total: 0, providerText: 0, properties: 0, sourcePositions: 0, engine: 0 };
  for (const resource of resources) {
    const { inputs = {}, outputs = {}, sourcePosition, stackTrace, ...rest } = resource;
    const { __provider: inputText, ...inputProperties } = inputs;
    const { __provider: outputText, ...outputProperties } = outputs;
    sum.total += size(resource);
    sum.providerText += size(inputText) + size(outputText);
    sum.properties += size(inputProperties) + size(outputProperties);
    sum.sourcePositions += size(sourcePosition) + size(stackTrace);
    sum.engine += size(rest);
  }
  const average = (bytes: number): number => Math.round(bytes / Math.max(resources.length, 1));
  return {
    total: average(sum.total),
    providerText: average(sum.providerText),
    properties: average(sum.properties),
    sourcePositions: average(sum.sourcePositions),
    engine: average(sum.engine),
  };
}

/** The program every stack of the benchmark runs (plain JavaScript: no build step). */
const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { MultiAccountAggregation } = require("pulumi-aws-config-aggregation");
const config = new pulumi.Config();
const accounts = config.requireNumber("accounts");
const regions = config.requireObject("regions");
new MultiAccountAggregation("org", {
  aggregator: { name: "bench-engine", region: "us-east-1", accountId: "111111111111" },
  sourceAccountIds: Array.from({ length: accounts }, (_, i) => String(300000000001 + i)),
  sourceRoleName: "PulumiBenchmark",
  regions,
  tags: { round: config.require("round") },
});
`;

/** A project directory running {@link PROGRAM} with this repository's package. */
function engineProjectDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-engine-"));
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    "name: bench-engine\nruntime: nodejs\ndescription: The engine benchmark.\n",
  );
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "bench-engine", main: "index.js" }),
  );
  fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

/** The fault spec of the measured runs: every request late, AWS Config throttled. */
export const AWS_LIKE_FAULTS: FaultSpec = {
  rules: [
    { kind: "latency", latencyMs: ENGINE_LATENCY_MS },
    { kind: "throttle", service: "config", ratePerSecond: ENGINE_THROTTLE_PER_SECOND },
  ],
};

/** Runs the engine benchmark at `scale`; `log` gets one line per step. */
export async function benchEngine(
  scale: EngineScale = ENGINE_SCALE,
  log: (line: string) => void = () => undefined,
): Promise<EngineResult> {
  const cli = await pulumiCliDir();
  const emulator = await freshEmulator();
  const dir = engineProjectDir();
  const project = new PulumiProject(dir, cli, emulator.url);
  const config: ProgramConfig = {
    accounts: scale.accounts,
    regions: REGIONS.slice(0, scale.regions),
    round: "1",
  };
  const step = async (stack: string, args: string[]): Promise<EngineStep> => {
    const result = await measured(project, emulator, cli, [...args, "--stack", stack]);
    log(
      `  ${result.command}: ${result.seconds.toFixed(1)} s, ${result.awsCalls} calls, exit ${result.exitCode}`,
    );
    return result;
  };
  try {
    await project.initStack("floor", stackConfig(config));
    emulator.setFaults({});
    const floor = await step("floor", ["up", "--yes", "--skip-preview"]);
    await project.ok(["destroy", "--yes", "--skip-preview", "--stack", "floor"]);
    emulator.reset();

    await project.initStack("bench", stackConfig(config));
    emulator.setFaults(AWS_LIKE_FAULTS);
    const create = await step("bench", ["up", "--yes", "--skip-preview"]);
    const authorizations = emulator
      .snapshot()
      .resources.filter((resource) => resource.kind === "authorization").length;
    const state = await project.exportState("bench");
    const stateResources = (JSON.parse(state) as { deployment: { resources: unknown[] } })
      .deployment.resources.length;
    const noop = await step("bench", ["up", "--yes", "--skip-preview"]);
    const refresh = await step("bench", ["refresh", "--yes", "--skip-preview"]);
    const refreshRequests = emulator.requests();
    await project.setConfig("bench", { round: "2" });
    const tagChange = await step("bench", ["up", "--yes", "--skip-preview"]);
    const destroy = await step("bench", ["destroy", "--yes", "--skip-preview"]);

    const perPlacement = scanPlacements(refreshRequests);
    return {
      scale,
      latencyMs: ENGINE_LATENCY_MS,
      throttlePerSecond: ENGINE_THROTTLE_PER_SECOND,
      create: {
        ...create,
        authorizations,
        floorSeconds: floor.seconds,
        ratio: create.seconds / floor.seconds,
      },
      floor,
      noop,
      refresh: {
        ...refresh,
        scans: refresh.awsCallsByOperation.DescribeAggregationAuthorizations ?? 0,
        placements: perPlacement.size,
        getResources: refresh.awsCallsByOperation.GetResources ?? 0,
        getResourcesBound:
          [...perPlacement.values()].reduce((sum, n) => sum + Math.ceil(n / 100), 0) + 1,
      },
      tagChange,
      destroy,
      authorizationStateBytes: stateBreakdown(state, AUTHORIZATION_TYPE),
      stateBytes: Buffer.byteLength(state),
      stateResources,
      stateBytesPerResource: Math.round(Buffer.byteLength(state) / stateResources),
    };
  } finally {
    project.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
    await emulator.close();
  }
}

/** The stack config of `config`; lists as one JSON string (see `PulumiProject.setConfig`). */
function stackConfig(config: ProgramConfig): Record<string, string> {
  return {
    accounts: String(config.accounts),
    regions: JSON.stringify(config.regions),
    round: config.round,
  };
}

/** Authorizations per account+region, from the placements the refresh scanned. */
function scanPlacements(requests: readonly RequestRecord[]): Map<string, number> {
  const placements = new Map<string, number>();
  for (const request of requests) {
    if (request.operation !== "DescribeAggregationAuthorizations") continue;
    // One authorization per source account and region in this benchmark's program.
    placements.set(`${request.account}/${request.region}`, 1);
  }
  return placements;
}

/**
 * Runs one `pulumi` command, timing it, sampling the peak memory of the engine, the program and
 * the provider host while it runs, and tallying the emulator's requests it caused.
 */
async function measured(
  project: PulumiProject,
  emulator: Emulator,
  cli: string,
  args: string[],
): Promise<EngineStep> {
  emulator.clearRequests();
  const started = performance.now();
  const child = spawn(path.join(cli, "pulumi"), [...args, "--non-interactive", "--color=never"], {
    cwd: project.dir,
    env: project.env(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const peaks = { engine: 0, host: 0, program: 0 };
  const sample = (): void => {
    if (child.pid === undefined) return;
    peaks.engine = Math.max(peaks.engine, peakMemoryBytes(child.pid) ?? 0);
    for (const pid of descendantsOf(child.pid)) {
      const role = roleOf(pid);
      if (role === undefined) continue;
      peaks[role] = Math.max(peaks[role], peakMemoryBytes(pid) ?? 0);
    }
  };
  const poll = setInterval(sample, 200);
  const exitCode = await new Promise<number>((resolve) =>
    child.on("exit", (code) => resolve(code ?? 1)),
  );
  clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  const requests = emulator.requests();
  const throttled = (r: RequestRecord): boolean =>
    r.injected === true && /^Throttl/.test(r.errorCode ?? "");
  return {
    command: `pulumi ${args.filter((arg) => !arg.startsWith("--")).join(" ")}`,
    exitCode,
    seconds,
    awsCalls: requests.length,
    awsCallsByOperation: countByOperation(requests),
    retries: requests.filter(throttled).length,
    failures: output.split("\n").filter((line) => /^\s+error: /.test(line)).length,
    awsErrors: countByCode(requests.filter((r) => r.status >= 400 && !throttled(r))),
    enginePeakBytes: peaks.engine,
    providerHostPeakBytes: peaks.host,
    programPeakBytes: peaks.program,
  };
}

/** Requests per error code. */
function countByCode(requests: readonly RequestRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { errorCode = "" } of requests) counts[errorCode] = (counts[errorCode] ?? 0) + 1;
  return counts;
}

/** Every live descendant of `root`, from /proc (Linux only; empty elsewhere). */
function descendantsOf(root: number): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const entry of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while being read.
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop() ?? -1) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Which measured process `pid` is: the provider host, the program, or neither. */
function roleOf(pid: number): "host" | "program" | undefined {
  let commandLine: string;
  try {
    commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return undefined;
  }
  if (!commandLine.startsWith(process.execPath) && !/(^|\/)node\0/.test(commandLine)) {
    return undefined;
  }
  if (commandLine.includes("@pulumi/pulumi/cmd/dynamic-provider")) return "host";
  if (commandLine.includes("@pulumi/pulumi/cmd/run")) return "program";
  return undefined;
}
