/**
 * `npm run bench`: every figure measured in this run against the local emulator — first through
 * the real `pulumi` CLI (the engine section; `npm run bench -- --engine-large` for 200 accounts ×
 * 17 regions), then through the real `@pulumi/pulumi` dynamic-provider host. Prints the tables
 * and writes `bench/results.json`. `--only engine,startup` runs just those sections and keeps the
 * other sections' figures from the results file (the engine section alone takes a quarter hour).
 * Run `npm run build` first (the script does): the host loads the built `dist/` through the
 * package's self-link, as a consumer's program would load it from node_modules.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { benchAssumeRole, type AssumeRoleResult } from "./assume-role";
import { benchEngine, ENGINE_SCALE, ENGINE_SCALE_LARGE, type EngineResult } from "./engine";
import { benchEmulatorThroughput, type EmulatorThroughputResult } from "./emulator-throughput";
import { benchLifecycle, type LifecycleResult } from "./lifecycle";
import { benchRefresh, type ReadPhase, type RefreshResult } from "./refresh";
import { benchStartup, type StartupResult } from "./startup";
import { benchStateSize, type StateSizeResult } from "./state-size";
import { benchThrottledCreate, type ThrottledCreateResult } from "./throttled-create";
import { renderSection, writePerformancePage } from "./report";
import { providerTexts, REPO_ROOT } from "./support";
import {
  bytes,
  int,
  markdownTable,
  mebibytes,
  ms,
  operationList,
  percent,
  perSecond,
  ratio,
  seconds,
  verdict,
} from "./table";

/** Where the figures are written. */
export const RESULTS_FILE = path.join(REPO_ROOT, "bench", "results.json");

/** The largest `__provider` text issue 3 allows per resource. */
const PROVIDER_TEXT_LIMIT = 4096;

/** Everything one run measured; the shape of `bench/results.json`. */
export interface BenchResults {
  readonly meta: {
    readonly startedAt: string;
    readonly node: string;
    readonly platform: string;
    readonly cpus: number;
    /** os.loadavg() before and after: other work on the machine slows every timing here. */
    readonly loadAverageBefore: number[];
    readonly loadAverageAfter: number[];
    /** Wall time of each benchmark, ms. */
    readonly durationsMs: Record<string, number>;
    readonly totalMs: number;
    /** With `--only`: the sections this run measured; the others' figures are an earlier run's. */
    readonly sections?: string[];
  };
  engine?: EngineResult;
  lifecycle?: LifecycleResult;
  stateSize?: StateSizeResult;
  startup?: StartupResult;
  refresh?: RefreshResult;
  throttledCreate?: ThrottledCreateResult;
  assumeRole?: AssumeRoleResult;
  emulator?: EmulatorThroughputResult;
  goals: Goal[];
  /** Benchmarks that failed, with their error. */
  errors: Record<string, string>;
}

/** One stated goal and whether this run met it. */
export interface Goal {
  readonly goal: string;
  readonly measured: string;
  readonly met: boolean;
}

function lifecycleSection(r: LifecycleResult): string {
  const rows = r.rows.map((row) => [
    row.resource,
    row.step,
    row.scenario,
    String(row.ours),
    operationList(row.operations),
    row.theirs === undefined ? "—" : String(row.theirs),
    row.theirsFormula,
    ratio(row.ratio),
  ]);
  return [
    `1. AWS calls per lifecycle step, through the host (authorization: P = ${r.scanPages} pages, ` +
      `${int(r.authorizationsInRegion)} authorizations in the account+region)`,
    markdownTable(
      [
        "Resource",
        "Step",
        "Scenario",
        "Ours",
        "Our calls",
        "aws.cfg.*",
        "Theirs (anchors.md)",
        "Ratio",
      ],
      rows,
      ["left", "left", "left", "right", "left", "right", "left", "right"],
    ),
  ].join("\n");
}

function stateSection(r: StateSizeResult): string {
  return [
    "2. State size",
    markdownTable(
      ["Item", "Size"],
      [
        ["`__provider`, ConfigurationAggregator", bytes(r.providerBytes.ConfigurationAggregator)],
        ["`__provider`, AggregationAuthorization", bytes(r.providerBytes.AggregationAuthorization)],
        ["`__provider`, ServiceRole", bytes(r.providerBytes.ServiceRole)],
        [
          `state of ${int(r.resources)} authorizations`,
          `${bytes(r.stateBytes)} (${mebibytes(r.stateBytes)})`,
        ],
        ["  per resource", bytes(r.stateBytesPerResource)],
        ["  of which `__provider` (inputs + outputs)", percent(r.providerShareOfState)],
      ],
      ["left", "right"],
    ),
    `   (${r.method}; the up took ${seconds(r.upMs)})`,
  ].join("\n");
}

function startupSection(r: StartupResult): string {
  const row = (label: string, s: StartupResult["firstCheckMs"]) => [
    label,
    ms(s.median),
    ms(s.min),
    ms(s.max),
  ];
  return [
    `3. Dynamic-provider host start-up, from spawn (${r.runs} runs)`,
    markdownTable(
      ["Milestone", "Median", "Min", "Max"],
      [
        row("listening (port printed)", r.listeningMs),
        row("first Check answered", r.firstCheckMs),
        row("  of which loading this package (Check − listening)", r.packageLoadMs),
        row("first Create answered", r.firstCreateMs),
      ],
      ["left", "right", "right", "right"],
    ),
  ].join("\n");
}

function refreshSection(r: RefreshResult): string {
  const placements = r.accounts * r.regions;
  const phases = [r.allAtOnce, r.parallel16, r.inProcess];
  const perPlacement = (p: { total: number; maxPerPlacement: number }) =>
    `${int(p.total)} (max ${int(p.maxPerPlacement)})`;
  const row = (figure: string, goal: string, value: (p: ReadPhase) => string) => [
    figure,
    ...phases.map(value),
    goal,
  ];
  return [
    `4. Refresh of ${int(r.resources)} tagged authorizations over ${r.accounts} accounts × ${r.regions} ` +
      `regions (${placements} account+regions; a full scan of one is ${r.pagesPerScan} page(s), counted); ` +
      "the figure is the first column, the others show where the calls come from",
    markdownTable(
      ["Figure (max = most in one account+region)", ...phases.map((p) => p.how), "Goal"],
      [
        row("DescribeAggregationAuthorizations pages", "", (p) => perPlacement(p.describePages)),
        row("full scans", `≤ 1 per account+region (${placements})`, (p) => perPlacement(p.scans)),
        row("reads per scan", "", (p) => p.readsPerScan.toFixed(1)),
        row(
          "GetResources",
          `≤ Σ⌈N/100⌉ = ${r.getResourcesGoal} (⌈${int(r.resources)}/100⌉ = ${r.getResourcesGlobalBound} ignores regions)`,
          (p) => perPlacement(p.getResources),
        ),
        row("ListTagsForResource", "0 (all tagged)", (p) => int(p.listTagsForResource)),
        row("AssumeRole", `${r.accounts} (one per role)`, (p) => int(p.assumeRole)),
        row("other calls", "none", (p) => operationList(p.otherCalls)),
        row("reads correct (found, same tags)", `${int(r.resources)}`, (p) => int(p.readsCorrect)),
        row("first to last Describe", "", (p) => seconds(p.describeSpreadMs)),
        row("wall time of the reads", "", (p) => seconds(p.wallMs)),
      ],
      ["left", "right", "right", "right", "left"],
    ),
  ].join("\n");
}

function throttledSection(r: ThrottledCreateResult): string {
  const ops = Object.entries(r.byOperation).map(([op, t]) => [
    `  ${op}`,
    `${int(t.requests)} requests, ${int(t.successes)} ok, ${int(t.throttled)} throttled`,
  ]);
  return [
    `5. Create ${int(r.resources)} authorizations, ${r.inFlight} in flight, throttle ${r.ratePerSecond}/s ` +
      `per operation × account × region (${r.putBuckets} account+region buckets)`,
    markdownTable(
      ["Figure", "Value"],
      [
        ["wall time", seconds(r.wallMs)],
        ["achieved Put rate", perSecond(r.achievedPutsPerSecond)],
        [
          "throttle ceiling for Put",
          `${perSecond(r.ceilingPerSecond)} (${r.ratePerSecond}/s × ${r.putBuckets})`,
        ],
        ["fraction of ceiling", percent(r.fractionOfCeiling)],
        [
          "best the throttle allows for the Puts",
          `${seconds(r.bestPossibleSeconds * 1000)} (${percent(r.bestPossibleSeconds / (r.wallMs / 1000))} of this wall time)`,
        ],
        [
          "best it allows for the Describe pages spent",
          `${seconds(r.bestPossibleSecondsGivenScans * 1000)} (${percent(r.bestPossibleSecondsGivenScans / (r.wallMs / 1000))} of this wall time)`,
        ],
        [
          "existence-check pages per create (successful Describe / creates)",
          r.describePagesPerCreate.toFixed(2),
        ],
        ["retries spent (requests − successes)", int(r.retries)],
        ...ops,
        ["creates failed / stored afterwards", `${int(r.failedCreates)} / ${int(r.stored)}`],
        [
          "host CPU / bench-process CPU",
          `${r.hostCpuMs === undefined ? "n/a" : seconds(r.hostCpuMs)} / ${seconds(r.benchCpuMs)}`,
        ],
        [
          "host peak memory (VmHWM)",
          r.hostPeakMemoryBytes === undefined ? "n/a" : mebibytes(r.hostPeakMemoryBytes),
        ],
      ],
      ["left", "right"],
    ),
  ].join("\n");
}

function assumeRoleSection(r: AssumeRoleResult): string {
  return [
    `6. STS calls for ${r.accounts} accounts (${r.resources} authorizations, 2 regions per role, all at once)`,
    markdownTable(
      ["Figure", "Value", "Goal"],
      [
        ["AssumeRole", int(r.assumeRoleCalls), `${r.distinctRoles} (one per distinct role)`],
        ["AssumeRole per role", ratio(r.callsPerRole), "1.00"],
        ["GetCallerIdentity", int(r.getCallerIdentityCalls), ""],
        ["creates failed", int(r.failedCreates), "0"],
      ],
      ["left", "right", "left"],
    ),
  ].join("\n");
}

function emulatorSection(r: EmulatorThroughputResult): string {
  const rows = r.runs.map((run) => [
    run.label,
    perSecond(run.requestsPerSecond),
    run.perEmulatorCpuSecond === undefined ? "—" : `${int(run.perEmulatorCpuSecond)} per CPU-s`,
  ]);
  if (r.capacityOnOneCore !== undefined)
    rows.push(["emulator capacity on one core", perSecond(r.capacityOnOneCore), ""]);
  return [
    `7. Emulator throughput (${r.command})`,
    markdownTable(["Client", "Requests", "Emulator CPU"], rows, ["left", "right", "right"]),
  ].join("\n");
}

/** The most this package may add to the dynamic-provider host's first call, ms (median). */
const PACKAGE_LOAD_LIMIT_MS = 100;

/** The largest state per resource, in `pulumi stack export` bytes, issue 12 allows. */
const STATE_BYTES_PER_RESOURCE_LIMIT = 2048;
/** The most a create may take relative to the engine's floor. */
const ENGINE_RATIO_LIMIT = 1.5;

function engineGoals(engine: EngineResult): Goal[] {
  const { create, noop, refresh } = engine;
  return [
    {
      goal: "engine create: ≥ 1,000 authorizations, none failed",
      measured: `${int(create.authorizations)} created, ${int(create.failures)} failed`,
      met: create.authorizations >= 1000 && create.failures === 0,
    },
    {
      goal: `engine create: wall time ≤ ${ENGINE_RATIO_LIMIT} × the engine's floor`,
      measured: `${ratio(create.ratio)} (${seconds(create.seconds * 1000)} / ${seconds(create.floorSeconds * 1000)})`,
      met: create.ratio <= ENGINE_RATIO_LIMIT,
    },
    {
      goal: "engine unchanged up: ≤ 1 AWS call",
      measured: operationList(noop.awsCallsByOperation) || "0",
      met: noop.awsCalls <= 1,
    },
    {
      goal: "engine refresh: scans ≤ placements, GetResources ≤ Σ⌈N/100⌉",
      measured: `${int(refresh.scans)} scans / ${int(refresh.placements)} placements, ${int(refresh.getResources)} GetResources / ${int(refresh.getResourcesBound)}`,
      met: refresh.scans <= refresh.placements && refresh.getResources <= refresh.getResourcesBound,
    },
    {
      goal: `engine state ≤ ${bytes(STATE_BYTES_PER_RESOURCE_LIMIT)} per resource`,
      measured: bytes(engine.stateBytesPerResource),
      met: engine.stateBytesPerResource <= STATE_BYTES_PER_RESOURCE_LIMIT,
    },
  ];
}

function goalsOf(results: BenchResults): Goal[] {
  const goals: Goal[] = results.engine ? engineGoals(results.engine) : [];
  const { lifecycle, stateSize, refresh, throttledCreate, assumeRole, startup } = results;
  if (startup) {
    const median = startup.packageLoadMs.median;
    goals.push({
      goal: `start-up: loading this package adds ≤ ${PACKAGE_LOAD_LIMIT_MS} ms to the host's first call (median)`,
      measured: ms(median),
      met: median <= PACKAGE_LOAD_LIMIT_MS,
    });
  }
  if (lifecycle) {
    const worst = Math.max(...lifecycle.rows.map((row) => row.ratio ?? 0));
    goals.push({
      goal: "every lifecycle step: no more AWS calls than aws.cfg.* (ratio ≤ 1)",
      measured: `highest ratio ${ratio(worst)}`,
      met: worst <= 1,
    });
    const noOps = lifecycle.rows.filter((row) => row.step === "no-op");
    goals.push({
      goal: "no-op: zero AWS calls",
      measured: noOps.map((row) => `${row.resource} ${row.ours}`).join(", "),
      met: noOps.every((row) => row.ours === 0),
    });
    const tagOnly = lifecycle.rows.filter((row) => row.step === "tag-only update");
    goals.push({
      goal: "tag-only update: ≤ 2 tag calls and no Put",
      measured: tagOnly.map((row) => `${row.resource} ${operationList(row.operations)}`).join("; "),
      met: tagOnly.every(
        (row) => row.ours <= 2 && !Object.keys(row.operations).some((op) => op.startsWith("Put")),
      ),
    });
  }
  if (stateSize) {
    const largest = Math.max(...Object.values(stateSize.providerBytes));
    goals.push({
      goal: "`__provider` ≤ 4 KiB per resource",
      measured: bytes(largest),
      met: largest <= PROVIDER_TEXT_LIMIT,
    });
  }
  if (refresh) {
    const { scans, getResources, listTagsForResource, readsCorrect } = refresh.allAtOnce;
    goals.push({
      goal: "refresh: ≤ 1 authorization scan per account+region",
      measured: `${int(scans.total)} scans, up to ${int(scans.maxPerPlacement)} in one account+region`,
      met: scans.maxPerPlacement <= 1,
    });
    goals.push({
      goal: `refresh: ≤ Σ⌈N/100⌉ = ${refresh.getResourcesGoal} GetResources, all tagged`,
      measured: `${int(getResources.total)} GetResources, ${listTagsForResource} ListTagsForResource`,
      met: getResources.total <= refresh.getResourcesGoal && listTagsForResource === 0,
    });
    goals.push({
      goal: "refresh: every read finds its resource with its tags",
      measured: `${int(readsCorrect)} of ${int(refresh.resources)}`,
      met: readsCorrect === refresh.resources,
    });
  }
  if (throttledCreate) {
    goals.push({
      goal: "throttled create converges: every create succeeds, nothing lost",
      measured: `${throttledCreate.failedCreates} failed, ${int(throttledCreate.stored)} stored`,
      met:
        throttledCreate.failedCreates === 0 && throttledCreate.stored === throttledCreate.resources,
    });
  }
  if (assumeRole) {
    goals.push({
      goal: "one AssumeRole per distinct role",
      measured: `${assumeRole.assumeRoleCalls} calls for ${assumeRole.distinctRoles} roles`,
      met: assumeRole.assumeRoleCalls === assumeRole.distinctRoles,
    });
  }
  return goals;
}

function goalsSection(goals: readonly Goal[]): string {
  return [
    "Goals",
    markdownTable(
      ["Goal", "Measured", "Verdict"],
      goals.map((g) => [g.goal, g.measured, verdict(g.met)]),
    ),
  ].join("\n");
}

/** The sections named by `--only a,b`, or undefined to run them all. */
function onlySections(): string[] | undefined {
  const at = process.argv.indexOf("--only");
  return at < 0 ? undefined : (process.argv[at + 1] ?? "").split(",").filter(Boolean);
}

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function main(): Promise<void> {
  // The SDK's Node 20 support notice is noise in a benchmark's output (the host gets it too).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const started = performance.now();
  const durationsMs: Record<string, number> = {};
  const only = onlySections();
  const kept: Partial<BenchResults> =
    only && existsSync(RESULTS_FILE)
      ? (JSON.parse(readFileSync(RESULTS_FILE, "utf8")) as Partial<BenchResults>)
      : {};
  const results: BenchResults = {
    ...kept,
    meta: {
      startedAt: new Date().toISOString(),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpus: os.cpus().length,
      loadAverageBefore: os.loadavg(),
      loadAverageAfter: [],
      durationsMs,
      totalMs: 0,
      ...(only ? { sections: only } : {}),
    },
    goals: [],
    errors: {},
  };
  const texts = providerTexts();

  const engineScale = process.argv.includes("--engine-large") ? ENGINE_SCALE_LARGE : ENGINE_SCALE;
  const sections: [keyof BenchResults, () => Promise<unknown>][] = [
    ["engine", () => benchEngine(engineScale, progress)],
    ["emulator", () => benchEmulatorThroughput()],
    ["startup", () => benchStartup(texts)],
    ["lifecycle", () => benchLifecycle(texts)],
    ["assumeRole", () => benchAssumeRole(texts)],
    ["refresh", () => benchRefresh(texts)],
    ["throttledCreate", () => benchThrottledCreate(texts)],
    ["stateSize", () => benchStateSize(texts)],
  ];
  const unknown = only?.filter((name) => !sections.some(([section]) => section === name)) ?? [];
  if (unknown.length > 0) {
    throw new Error(
      `--only: no section ${unknown.map((name) => JSON.stringify(name)).join(", ")}; the sections are ${sections.map(([name]) => name).join(", ")}`,
    );
  }
  for (const [name, run] of sections.filter(([name]) => !only || only.includes(name))) {
    progress(`bench: ${name}…`);
    const t0 = performance.now();
    try {
      (results as unknown as Record<string, unknown>)[name] = await run();
    } catch (error) {
      results.errors[name] =
        error instanceof Error ? (error.stack ?? error.message) : String(error);
      progress(`bench: ${name} failed: ${results.errors[name]}`);
    }
    durationsMs[name] = performance.now() - t0;
    progress(`bench: ${name} took ${seconds(durationsMs[name])}`);
  }
  results.goals = goalsOf(results);
  const meta = results.meta as { loadAverageAfter: number[]; totalMs: number };
  meta.loadAverageAfter = os.loadavg();
  meta.totalMs = performance.now() - started;

  const printed = [
    `pulumi-aws-config-aggregation benchmarks — ${results.meta.startedAt}, Node ${results.meta.node}, ` +
      `${results.meta.cpus} CPUs, load average ${results.meta.loadAverageBefore.map((l) => l.toFixed(2)).join(" ")} ` +
      `before / ${meta.loadAverageAfter.map((l) => l.toFixed(2)).join(" ")} after, total ${seconds(meta.totalMs)}`,
    results.engine && renderSection("engine", results.engine),
    results.lifecycle && lifecycleSection(results.lifecycle),
    results.stateSize && stateSection(results.stateSize),
    results.startup && startupSection(results.startup),
    results.refresh && refreshSection(results.refresh),
    results.throttledCreate && throttledSection(results.throttledCreate),
    results.assumeRole && assumeRoleSection(results.assumeRole),
    results.emulator && emulatorSection(results.emulator),
    goalsSection(results.goals),
    ...Object.entries(results.errors).map(([name, error]) => `${name} FAILED: ${error}`),
  ].filter((part): part is string => typeof part === "string");
  console.log(printed.join("\n\n"));
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  const page = writePerformancePage();
  console.log(
    `\nWrote ${path.relative(process.cwd(), RESULTS_FILE)} and ${path.relative(process.cwd(), page)}.`,
  );
  if (Object.keys(results.errors).length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
