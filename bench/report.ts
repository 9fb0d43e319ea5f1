/**
 * `npm run docs:performance`: renders `bench/results.json` as `docs/performance.md`.
 *
 * {@link renderPerformancePage} is pure: the same results always give the same page, so a test
 * can tell a stale page from a fresh one. It reads the results as untrusted JSON: a section whose
 * shape it knows is rendered as tables made for it; a section it does not know, or one whose
 * shape has changed, is rendered generically (every nested key and its value) rather than dropped.
 * The tables are padded as Prettier pads them, so the written page passes `npm run lint` as is.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { bytes, int, mebibytes, ms, percent, perSecond, ratio, seconds, verdict } from "./table";

const ROOT = path.resolve(__dirname, "..");
/** The benchmark's output, which `npm run bench` writes. */
export const RESULTS_FILE = path.join(ROOT, "bench", "results.json");
/** The page rendered from it. */
export const PERFORMANCE_PAGE = path.join(ROOT, "docs", "performance.md");

/** Renders the whole page from the parsed contents of `bench/results.json`. */
export function renderPerformancePage(results: unknown): string {
  const top = isRecord(results) ? results : { results };
  const sections: string[] = [header(top.meta)];
  const order = [
    ...("engine" in top ? ["engine"] : []),
    ...KNOWN_ORDER.filter((key) => key !== "engine" && key in top),
    ...Object.keys(top).filter((key) => key !== "errors" && !KNOWN_ORDER.includes(key)),
    ...("errors" in top ? ["errors"] : []),
  ];
  for (const key of order) sections.push(renderSection(key, top[key]));
  return `${sections.join("\n\n")}\n`;
}

/** Sections in page order; `engine` always comes first, `errors` last. */
const KNOWN_ORDER = [
  "engine",
  "meta",
  "goals",
  "lifecycle",
  "refresh",
  "throttledCreate",
  "assumeRole",
  "stateSize",
  "startup",
  "emulator",
];

/** Renderers of the sections whose shape is known, by top-level key. */
const RENDERERS: Record<string, { title: string; render: (value: Reader) => string }> = {
  engine: { title: "Under the real engine", render: engineSection },
  meta: { title: "The run", render: metaSection },
  goals: { title: "Goals", render: goalsSection },
  lifecycle: { title: "AWS calls per lifecycle step", render: lifecycleSection },
  refresh: { title: "Refresh at scale", render: refreshSection },
  throttledCreate: { title: "Creating under throttling", render: throttledSection },
  assumeRole: { title: "AssumeRole across accounts", render: assumeRoleSection },
  stateSize: { title: "State size", render: stateSection },
  startup: { title: "Dynamic-provider host start-up", render: startupSection },
  emulator: { title: "Local emulator throughput", render: emulatorSection },
  errors: { title: "Failed benchmarks", render: errorsSection },
};

function header(meta: unknown): string {
  const cpus = isRecord(meta) && typeof meta.cpus === "number" ? `${meta.cpus}-core` : "";
  return [
    "# Performance",
    "",
    "<!-- Generated from bench/results.json by `npm run docs:performance`; do not edit. -->",
    "",
    paragraph(
      "Every figure on this page was measured by `npm run bench` (a run with `--only` remeasures some",
      "sections and keeps the others' figures; the table under The run names the sections it measured),",
      "against the local",
      "emulator ([emulator/README.md](../emulator/README.md)) through the real `@pulumi/pulumi`",
      `dynamic-provider host, on a shared ${cpus ? `${cpus} ` : ""}machine. Call counts are exact`,
      "(from the emulator's request log); times vary with the machine's load. `npm run bench`",
      "prints the same tables and writes `bench/results.json`; `npm run docs:performance` renders",
      "this page from it. What the figures mean for a deployment: [calls-per-step.md](calls-per-step.md).",
    ),
  ].join("\n");
}

/**
 * One section of the page, `## Title` and its tables; `npm run bench` prints the engine's this way
 * too, so the console and the page show the same figures in the same words.
 */
export function renderSection(key: string, value: unknown): string {
  const known = RENDERERS[key];
  const title = known?.title ?? titleOf(key);
  if (known) {
    try {
      return `## ${title}\n\n${known.render(new Reader(value, key))}`;
    } catch (error) {
      if (!(error instanceof ShapeError)) throw error;
      // A changed shape is still shown, in full, under the same title.
    }
  }
  return `## ${title}\n\n${genericSection(key, value)}`;
}

// ----- known sections ---------------------------------------------------------------------------

function engineSection(r: Reader): string {
  const scale = r.reader("scale");
  const create = r.reader("create");
  const noop = r.reader("noop");
  const tagChange = r.reader("tagChange");
  const resources = r.number("stateResources");
  const steps: [string, string][] = [
    ["floor: create, no latency or throttling", "floor"],
    ["create", "create"],
    ["unchanged up", "noop"],
    ["refresh", "refresh"],
    ["tag change on every child", "tagChange"],
    ["destroy", "destroy"],
  ];
  const state = r.reader("authorizationStateBytes");
  const perThousand = (step: Reader) => (step.number("seconds") * 1000) / (resources / 1000);
  return [
    paragraph(
      "`pulumi up`, `refresh` and `destroy` through the real `pulumi` CLI (the engine, its",
      "dynamic-provider host and the program), on a MultiAccountAggregation of",
      `${int(scale.number("accounts"))} accounts × ${int(scale.number("regions"))} regions`,
      `(${int(create.number("authorizations"))} authorizations), every command with`,
      "`--skip-preview`. The emulator answers every request after",
      `${int(r.number("latencyMs"))} ms, as an AWS round trip takes, and throttles AWS Config at`,
      `${int(r.number("throttlePerSecond"))} requests/s per operation, account and region. The floor`,
      "is the same create with the emulator answering at once: what the engine and the host cost",
      "by themselves. Peaks are resident memory, read from /proc.",
    ),
    "",
    table(
      [
        "Step",
        "Wall",
        "AWS calls",
        "Retries",
        "Failed",
        "Engine peak",
        "Host peak",
        "Program peak",
      ],
      steps.map(([label, key]) => {
        const step = r.reader(key);
        return [
          label,
          seconds(step.number("seconds") * 1000),
          `${int(step.number("awsCalls"))} (${operationList(step.record("awsCallsByOperation"))})`,
          int(step.number("retries")),
          int(step.number("failures")),
          mebibytes(step.number("enginePeakBytes")),
          mebibytes(step.number("providerHostPeakBytes")),
          mebibytes(step.number("programPeakBytes")),
        ];
      }),
      ["left", "right", "left", "right", "right", "right", "right", "right"],
    ),
    "",
    paragraph(
      `Create / floor: ${ratio(create.number("ratio"))} (floor`,
      `${seconds(create.number("floorSeconds") * 1000)}). State:`,
      `${bytes(r.number("stateBytesPerResource"))} per resource`,
      `(${bytes(r.number("stateBytes"))} for ${int(resources)} resources, from \`pulumi stack export\`);`,
      `an authorization in compact JSON: ${bytes(state.number("total"))} =`,
      `${bytes(state.number("properties"))} properties +`,
      `${bytes(state.number("providerText"))} \`__provider\` (stored twice) +`,
      `${bytes(state.number("sourcePositions"))} source positions (Pulumi's own, with no opt-out) +`,
      `${bytes(state.number("engine"))} engine bookkeeping.`,
    ),
    "",
    "### When to split a stack",
    "",
    paragraph(
      "The engine writes the whole state after every step, so each step costs time in proportion",
      "to the stack's size, and the floor is the engine's own work rather than AWS's. In this run",
      `a stack of ${int(resources)} resources took ${seconds(perThousand(create))} of create and`,
      `${seconds(perThousand(tagChange))} of a change to every child per 1,000 resources, and an`,
      `unchanged \`pulumi up\` took ${seconds(noop.number("seconds") * 1000)}. Past about that size,`,
      "or when an unchanged run takes longer than a team will wait for, split by organizational",
      "unit or region group: the aggregator in a stack of its own (a `ConfigurationAggregator`",
      "listing every account, exporting its account ID and region), and one stack per group of",
      "source accounts with its `AggregationAuthorization`s, naming the aggregator's account from a",
      "`StackReference`. Each stack then pays only for its own resources, and a change in one group",
      "neither waits for nor risks the others.",
    ),
  ].join("\n");
}

function metaSection(meta: Reader): string {
  const load = (key: string) =>
    meta
      .array(key)
      .map((l) => l.number().toFixed(2))
      .join(" ");
  const durations = meta.record("durationsMs");
  return [
    table(
      ["Item", "Value"],
      [
        ["started", meta.string("startedAt")],
        ["Node.js", meta.string("node")],
        ["platform", meta.string("platform")],
        ["CPUs", int(meta.number("cpus"))],
        [
          "load average before / after",
          `${load("loadAverageBefore")} / ${load("loadAverageAfter")}`,
        ],
        ["total wall time", seconds(meta.number("totalMs"))],
        ...(Array.isArray(meta.value.sections)
          ? [
              [
                "sections measured in this run",
                (meta.value.sections as unknown[]).map(String).join(", "),
              ],
            ]
          : []),
        ...Object.keys(durations.value).map((name) => [
          `${name} benchmark`,
          seconds(durations.number(name)),
        ]),
      ],
      ["left", "right"],
    ),
  ].join("\n");
}

function goalsSection(goals: Reader): string {
  return table(
    ["Goal", "Measured", "Verdict"],
    goals
      .array()
      .map((goal) => [goal.string("goal"), goal.string("measured"), verdict(goal.boolean("met"))]),
  );
}

function lifecycleSection(r: Reader): string {
  const rows = r
    .array("rows")
    .map((row) => [
      row.string("resource"),
      row.string("step"),
      row.string("scenario"),
      int(row.number("ours")),
      operationList(row.record("operations")),
      row.optionalNumber("theirs") === undefined ? "—" : int(row.number("theirs")),
      row.string("theirsFormula"),
      ratio(row.optionalNumber("ratio")),
    ]);
  return [
    paragraph(
      "Ours against the bridged `aws.cfg.*` resources (Terraform's code, counted from its source).",
      `An authorization's full scan here is P = ${int(r.number("scanPages"))} pages:`,
      `${int(r.number("authorizationsInRegion"))} authorizations in the account and region.`,
      "A GetCallerIdentity is the account check of resources without `assumeRole`: one per",
      "provider process, before its first Put-update or delete.",
    ),
    "",
    table(
      ["Resource", "Step", "Scenario", "Ours", "Our calls", "aws.cfg.*", "Theirs", "Ratio"],
      rows,
      ["left", "left", "left", "right", "left", "right", "left", "right"],
    ),
  ].join("\n");
}

function refreshSection(r: Reader): string {
  const placements = r.number("accounts") * r.number("regions");
  const phases = ["allAtOnce", "parallel16", "inProcess"].map((key) => r.reader(key));
  const perPlacement = (p: Reader) =>
    `${int(p.number("total"))} (max ${int(p.number("maxPerPlacement"))})`;
  const row = (figure: string, goal: string, value: (p: Reader) => string) => [
    figure,
    ...phases.map(value),
    goal,
  ];
  return [
    paragraph(
      `${int(r.number("resources"))} tagged authorizations over ${int(r.number("accounts"))}`,
      `accounts × ${int(r.number("regions"))} regions (${int(placements)} account+regions; a full`,
      `scan of one is ${count(r.number("pagesPerScan"), "page")}), read as \`pulumi refresh\``,
      "sends the reads. The first column is the figure; the other two show where the calls come",
      "from. max = the most in one account+region.",
    ),
    "",
    table(
      ["Figure", ...phases.map((p) => p.string("how")), "Goal"],
      [
        row("DescribeAggregationAuthorizations pages", "", (p) =>
          perPlacement(p.reader("describePages")),
        ),
        row("full scans", `≤ 1 per account+region (${int(placements)})`, (p) =>
          perPlacement(p.reader("scans")),
        ),
        row("reads per scan", "", (p) => p.number("readsPerScan").toFixed(1)),
        row(
          "GetResources",
          `≤ Σ⌈N/100⌉ = ${int(r.number("getResourcesGoal"))} (⌈N/100⌉ over all = ` +
            `${int(r.number("getResourcesGlobalBound"))} ignores regions)`,
          (p) => perPlacement(p.reader("getResources")),
        ),
        row("ListTagsForResource", "0 (all tagged)", (p) => int(p.number("listTagsForResource"))),
        row("AssumeRole", `${int(r.number("accounts"))} (one per role)`, (p) =>
          int(p.number("assumeRole")),
        ),
        row("other calls", "none", (p) => operationList(p.record("otherCalls"))),
        row("reads correct (found, same tags)", int(r.number("resources")), (p) =>
          int(p.number("readsCorrect")),
        ),
        row("first to last Describe", "", (p) => seconds(p.number("describeSpreadMs"))),
        row("wall time of the reads", "", (p) => seconds(p.number("wallMs"))),
      ],
      ["left", "right", "right", "right", "left"],
    ),
  ].join("\n");
}

function throttledSection(r: Reader): string {
  const wallSeconds = r.number("wallMs") / 1000;
  const byOperation = r.record("byOperation");
  const hostCpu = r.optionalNumber("hostCpuMs");
  const hostMemory = r.optionalNumber("hostPeakMemoryBytes");
  return [
    paragraph(
      `${int(r.number("resources"))} authorizations created, ${int(r.number("inFlight"))} in`,
      `flight, while AWS Config throttles at ${int(r.number("ratePerSecond"))} requests/s per`,
      `operation, account and region (${int(r.number("putBuckets"))} account+region buckets, each`,
      "starting full).",
    ),
    "",
    table(
      ["Figure", "Value"],
      [
        ["wall time", seconds(r.number("wallMs"))],
        ["achieved Put rate", perSecond(r.number("achievedPutsPerSecond"))],
        ["throttle ceiling for Put", perSecond(r.number("ceilingPerSecond"))],
        ["fraction of the ceiling", percent(r.number("fractionOfCeiling"))],
        [
          "best the throttle allows for the Puts",
          `${seconds(r.number("bestPossibleSeconds") * 1000)} ` +
            `(${percent(r.number("bestPossibleSeconds") / wallSeconds)} of this wall time)`,
        ],
        [
          "best it allows for the Describe pages spent",
          `${seconds(r.number("bestPossibleSecondsGivenScans") * 1000)} ` +
            `(${percent(r.number("bestPossibleSecondsGivenScans") / wallSeconds)} of this wall time)`,
        ],
        ["existence-check pages per create", r.number("describePagesPerCreate").toFixed(2)],
        ["retries (requests − successes)", int(r.number("retries"))],
        ["errors", operationList(r.record("errors"))],
        ...Object.keys(byOperation.value).map((op) => {
          const t = byOperation.reader(op);
          return [
            `${op} requests`,
            `${int(t.number("requests"))}, ${int(t.number("successes"))} ok, ` +
              `${int(t.number("throttled"))} throttled`,
          ];
        }),
        [
          "creates failed / stored afterwards",
          `${int(r.number("failedCreates"))} / ${int(r.number("stored"))}`,
        ],
        [
          "host CPU / bench-process CPU",
          `${hostCpu === undefined ? "n/a" : seconds(hostCpu)} / ${seconds(r.number("benchCpuMs"))}`,
        ],
        ["host peak memory (VmHWM)", hostMemory === undefined ? "n/a" : mebibytes(hostMemory)],
      ],
      ["left", "right"],
    ),
  ].join("\n");
}

function assumeRoleSection(r: Reader): string {
  return [
    `${int(r.number("resources"))} authorizations in ${int(r.number("accounts"))} accounts, ` +
      "each account entered through its own role, all created at once.",
    "",
    table(
      ["Figure", "Value", "Goal"],
      [
        [
          "AssumeRole",
          int(r.number("assumeRoleCalls")),
          `${int(r.number("distinctRoles"))} (one per role)`,
        ],
        ["AssumeRole per role", ratio(r.number("callsPerRole")), "1.00"],
        ["GetCallerIdentity", int(r.number("getCallerIdentityCalls")), ""],
        ["creates failed", int(r.number("failedCreates")), "0"],
      ],
      ["left", "right", "left"],
    ),
  ].join("\n");
}

function stateSection(r: Reader): string {
  const provider = r.record("providerBytes");
  return [
    paragraph(
      "`__provider` is the provider text Pulumi stores with every dynamic resource; here it is a",
      "stub that loads the installed package. Pulumi stores it twice (inputs and outputs).",
    ),
    "",
    table(
      ["Item", "Size"],
      [
        ...Object.keys(provider.value).map((type) => [
          `\`__provider\`, ${type}`,
          bytes(provider.number(type)),
        ]),
        [
          `state of ${int(r.number("resources"))} authorizations`,
          `${bytes(r.number("stateBytes"))} (${mebibytes(r.number("stateBytes"))})`,
        ],
        ["per resource", bytes(r.number("stateBytesPerResource"))],
        ["of which `__provider`", percent(r.number("providerShareOfState"))],
      ],
      ["left", "right"],
    ),
    "",
    paragraph(`Measured by ${r.string("method")}; the up took ${seconds(r.number("upMs"))}.`),
  ].join("\n");
}

function startupSection(r: Reader): string {
  const row = (label: string, key: string) => {
    const spread = r.reader(key);
    return [label, ms(spread.number("median")), ms(spread.number("min")), ms(spread.number("max"))];
  };
  return [
    `From spawning the host to each milestone, over ${int(r.number("runs"))} runs.`,
    "",
    table(
      ["Milestone", "Median", "Min", "Max"],
      [
        row("listening (port printed)", "listeningMs"),
        row("first Check answered", "firstCheckMs"),
        row("of which loading this package", "packageLoadMs"),
        row("first Create answered", "firstCreateMs"),
      ],
      ["left", "right", "right", "right"],
    ),
  ].join("\n");
}

function emulatorSection(r: Reader): string {
  const rows = r.array("runs").map((run) => {
    const cpu = run.optionalNumber("perEmulatorCpuSecond");
    return [
      run.string("label"),
      `${int(run.number("requestsPerSecond"))}/s`,
      cpu === undefined ? "—" : `${int(cpu)} per CPU-s`,
    ];
  });
  const capacity = r.optionalNumber("capacityOnOneCore");
  if (capacity !== undefined)
    rows.push(["emulator capacity on one core", `${int(capacity)}/s`, ""]);
  return [
    paragraph(
      `Measured with \`${r.string("command")}\`. Through the AWS SDK the client, not the`,
      "emulator, is the limit.",
    ),
    "",
    table(["Client", "Requests", "Emulator CPU"], rows, ["left", "right", "right"]),
    "",
    "What it printed:",
    "",
    fence(r.string("output")),
  ].join("\n");
}

function errorsSection(r: Reader): string {
  const names = Object.keys(r.record().value);
  if (names.length === 0) return "None: every benchmark completed.";
  return names.map((name) => `\`${name}\`:\n\n${fence(r.string(name))}`).join("\n\n");
}

// ----- generic rendering ------------------------------------------------------------------------

/** Any value as a table of every leaf: its path (`a.b[0].c`) and its value. */
function genericSection(key: string, value: unknown): string {
  const rows: string[][] = [];
  flatten(value, key, rows);
  if (rows.length === 0) return "(empty)";
  return [
    `Every value of the \`${key}\` section, by path:`,
    "",
    table(["Key", "Value"], rows),
  ].join("\n");
}

function flatten(value: unknown, at: string, rows: string[][]): void {
  if (Array.isArray(value) && value.length > 0 && !value.every(isScalar)) {
    value.forEach((item, i) => flatten(item, `${at}[${i}]`, rows));
  } else if (isRecord(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value))
      flatten(child, at ? `${at}.${key}` : key, rows);
  } else {
    rows.push([at, scalar(value)]);
  }
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== "object";
}

function scalar(value: unknown): string {
  if (typeof value === "number") return figure(value);
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(scalar).join(", ");
  if (isRecord(value)) return "none";
  return String(value);
}

/** A number as a reader wants it: thousands separators, at most two decimals. */
function figure(value: number): string {
  return Number.isInteger(value)
    ? int(value)
    : value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** `someKey` as "Some key". */
function titleOf(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// ----- Markdown ---------------------------------------------------------------------------------

type Align = "left" | "right";

/**
 * A Markdown table as Prettier prints one: every column padded to its widest cell (at least 3),
 * figures right-aligned, `|` escaped and line breaks kept as `<br>` so that a cell stays a cell.
 */
function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
): string {
  const clean = (cell: string) => cell.trim().replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
  const body = [headers, ...rows].map((row) => headers.map((_, i) => clean(row[i] ?? "")));
  const width = (cell: string) => [...cell].length;
  const widths = headers.map((_, i) => Math.max(3, ...body.map((row) => width(row[i]))));
  const pad = (cell: string, i: number) => {
    const fill = " ".repeat(widths[i] - width(cell));
    return align[i] === "right" ? fill + cell : cell + fill;
  };
  const line = (cells: readonly string[]) => `| ${cells.map(pad).join(" | ")} |`;
  const rule = `| ${widths
    .map((w, i) => (align[i] === "right" ? `${"-".repeat(w - 1)}:` : "-".repeat(w)))
    .join(" | ")} |`;
  return [line(body[0]), rule, ...body.slice(1).map(line)].join("\n");
}

/** Words joined into one paragraph, wrapped at 100 characters as the rest of the project is. */
function paragraph(...parts: string[]): string {
  const lines: string[] = [];
  let line = "";
  for (const word of parts.join(" ").split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > 100) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join("\n");
}

/** `1 page`, `3 pages`. */
function count(n: number, noun: string): string {
  return `${int(n)} ${noun}${n === 1 ? "" : "s"}`;
}

/** A fenced block long enough not to be closed by the text inside it. */
function fence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const marks = "`".repeat(longest + 1);
  return `${marks}text\n${text.replace(/\s+$/, "")}\n${marks}`;
}

/** `{A: 1, B: 3}` as `A 1, B 3`, or `none`. */
function operationList(counts: Reader): string {
  const names = Object.keys(counts.value);
  return names.length === 0 ? "none" : names.map((op) => `${op} ${counts.number(op)}`).join(", ");
}

// ----- reading untrusted JSON -------------------------------------------------------------------

/** The section does not have the shape its renderer expects; it is rendered generically. */
class ShapeError extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A typed view of one JSON value that throws {@link ShapeError} at the first unexpected shape. */
class Reader {
  constructor(
    private readonly raw: unknown,
    private readonly at: string,
  ) {}

  /** The value as an object (for its keys). */
  get value(): Record<string, unknown> {
    if (!isRecord(this.raw)) throw new ShapeError(`${this.at}: expected an object`);
    return this.raw;
  }

  reader(key: string): Reader {
    return new Reader(this.value[key], `${this.at}.${key}`);
  }

  record(key?: string): Reader {
    const reader = key === undefined ? this : this.reader(key);
    void reader.value;
    return reader;
  }

  array(key?: string): Reader[] {
    const raw = key === undefined ? this.raw : this.value[key];
    const at = key === undefined ? this.at : `${this.at}.${key}`;
    if (!Array.isArray(raw)) throw new ShapeError(`${at}: expected an array`);
    return raw.map((item, i) => new Reader(item, `${at}[${i}]`));
  }

  number(key?: string): number {
    const raw = key === undefined ? this.raw : this.value[key];
    if (typeof raw !== "number") throw new ShapeError(`${this.at}.${key}: expected a number`);
    return raw;
  }

  optionalNumber(key: string): number | undefined {
    return this.value[key] === undefined ? undefined : this.number(key);
  }

  string(key: string): string {
    const raw = this.value[key];
    if (typeof raw !== "string") throw new ShapeError(`${this.at}.${key}: expected a string`);
    return raw;
  }

  boolean(key: string): boolean {
    const raw = this.value[key];
    if (typeof raw !== "boolean") throw new ShapeError(`${this.at}.${key}: expected a boolean`);
    return raw;
  }
}

// ----- command line -----------------------------------------------------------------------------

/** Renders the page from the results file as written, and writes it; returns the page's path. */
export function writePerformancePage(): string {
  writeFileSync(PERFORMANCE_PAGE, renderPage());
  return PERFORMANCE_PAGE;
}

function renderPage(): string {
  return renderPerformancePage(JSON.parse(readFileSync(RESULTS_FILE, "utf8")));
}

/** Writes the page, or with `--check` fails when the written page is not the one rendered now. */
function main(argv: readonly string[]): void {
  const page = renderPage();
  const shown = path.relative(process.cwd(), PERFORMANCE_PAGE);
  if (argv.includes("--check")) {
    let written = "";
    try {
      written = readFileSync(PERFORMANCE_PAGE, "utf8");
    } catch {
      // A missing page is stale.
    }
    if (written !== page) {
      process.stderr.write(`${shown} is stale: run npm run docs:performance\n`);
      process.exitCode = 1;
    }
    return;
  }
  writePerformancePage();
  process.stdout.write(`Wrote ${shown}.\n`);
}

if (require.main === module) main(process.argv.slice(2));
