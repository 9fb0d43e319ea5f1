/**
 * The real `pulumi` CLI for the end-to-end tier and the demo: a directory holding `pulumi`,
 * `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs` at the release of the
 * `@pulumi/pulumi` this repository tests against.
 *
 * Taken, in this order, from `PULUMI_CLI_DIR`, from a `pulumi` on `PATH` whose version matches, from
 * this machine's cache, or built from the published Go modules pinned in `engine/` and
 * `language-nodejs/` (see README.md beside this file) and cached outside the repository.
 */
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The three programs the CLI directory must hold. */
export const CLI_PROGRAMS = [
  "pulumi",
  "pulumi-language-nodejs",
  "pulumi-resource-pulumi-nodejs",
] as const;

/** Where a CLI directory came from. */
export type PulumiCliSource = "PULUMI_CLI_DIR" | "PATH" | "cache" | "built";

/** A directory holding a usable CLI. */
export interface PulumiCli {
  /** The directory: put it first on `PATH` (the engine finds its bundled plugins there). */
  readonly dir: string;
  /** What `pulumi version` prints, e.g. `v3.248.0`. */
  readonly version: string;
  readonly source: PulumiCliSource;
}

/** Where progress goes, one line at a time. */
export type ProgressLog = (line: string) => void;

const TOOLS_DIR = __dirname;
/** The repository's root directory. */
export const REPO_ROOT = path.resolve(TOOLS_DIR, "..", "..");
const VERSION_VARIABLE = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";
/** Release builds' flags: a static binary, no local paths in it, no user/cgo lookups or gRPC traces. */
const BUILD_TAGS = "osusergo,grpcnotrace";

/** One Go program to build: its tools module, package, and the module whose version it reports. */
interface GoProgram {
  readonly name: (typeof CLI_PROGRAMS)[number];
  readonly module: string;
  readonly pkg: string;
  readonly versionOf: string;
}

const GO_PROGRAMS: readonly GoProgram[] = [
  {
    name: "pulumi",
    module: "engine",
    pkg: "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
    versionOf: "github.com/pulumi/pulumi/pkg/v3",
  },
  {
    name: "pulumi-language-nodejs",
    module: "language-nodejs",
    pkg: "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs",
    versionOf: "github.com/pulumi/pulumi/sdk/v3",
  },
];

/** The version of a package installed in the repository, e.g. `3.248.0` for `@pulumi/pulumi`. */
export function installedVersion(name: string): string {
  const manifest = path.join(REPO_ROOT, "node_modules", name, "package.json");
  return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

/** The version of `requirement` that a tools module's go.mod pins, e.g. `v3.248.0`. */
function pinnedVersion(module: string, requirement: string): string {
  const goMod = fs.readFileSync(path.join(TOOLS_DIR, module, "go.mod"), "utf8");
  // A requirement reads `<module> v1.2.3`, alone or after `require` on its line.
  for (const line of goMod.split("\n")) {
    const words = line.trim().split(/\s+/);
    const at = words.indexOf(requirement);
    if (at >= 0 && /^v\d+\.\d+\.\d+$/.test(words[at + 1] ?? "")) return words[at + 1];
  }
  throw new Error(`tools/pulumi-cli/${module}/go.mod does not require ${requirement}`);
}

/** The CLI release pinned in `engine/go.mod` (the `pkg/v3` requirement), e.g. `v3.248.0`. */
export function pinnedCliVersion(): string {
  return pinnedVersion("engine", "github.com/pulumi/pulumi/pkg/v3");
}

/** `3.248.0` and `v3.248.7` share a release line: the same major and minor. */
function sameReleaseLine(a: string, b: string): boolean {
  const line = (version: string) => version.replace(/^v/, "").split(".").slice(0, 2).join(".");
  return line(a) === line(b);
}

/** What `<dir>/pulumi version` prints, or undefined when it cannot run. */
async function versionIn(dir: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(path.join(dir, "pulumi"), ["version"], {
      env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
    });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

function holdsAllPrograms(dir: string): boolean {
  return CLI_PROGRAMS.every((name) => fs.existsSync(path.join(dir, name)));
}

/** The first `pulumi` on `PATH`, as a directory. */
function pulumiOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir !== "" && fs.existsSync(path.join(dir, "pulumi"))) return dir;
  }
  return undefined;
}

/**
 * The cache directory for this exact build: the pinned modules, the build flags and the launcher
 * script go into its name, so a change to any of them builds afresh. The Go toolchain does not:
 * a build stays usable on a machine whose Go changed or went away.
 */
function cacheDir(version: string): string {
  const root =
    process.env.PULUMI_CLI_CACHE ??
    path.join(
      process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"),
      "pulumi-aws-config-aggregation",
      "pulumi-cli",
    );
  const hash = createHash("sha256");
  for (const program of GO_PROGRAMS) {
    for (const file of ["go.mod", "go.sum"]) {
      hash.update(fs.readFileSync(path.join(TOOLS_DIR, program.module, file)));
    }
  }
  hash.update(BUILD_TAGS);
  hash.update(fs.readFileSync(launcherScript()));
  return path.join(root, `${version}-${hash.digest("hex").slice(0, 16)}`);
}

async function goVersion(): Promise<string | undefined> {
  try {
    return (await run("go", ["version"])).stdout.trim();
  } catch {
    return undefined;
  }
}

/** The launcher that runs dynamic providers, as the installed `@pulumi/pulumi` ships it. */
function launcherScript(): string {
  return path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "pulumi-resource-pulumi-nodejs");
}

/**
 * Runs `go build` for one program into `outDir`, forwarding go's own progress (module downloads)
 * and a heartbeat while the compiler is silent. Rejects with the command and its output.
 */
function goBuild(program: GoProgram, outDir: string, log: ProgressLog) {
  const version = pinnedVersion(program.module, program.versionOf);
  const args = [
    "build",
    "-trimpath",
    "-tags",
    BUILD_TAGS,
    "-ldflags",
    `-X ${VERSION_VARIABLE}=${version}`,
    "-o",
    path.join(outDir, program.name),
    program.pkg,
  ];
  const command = `(cd tools/pulumi-cli/${program.module} && go ${args.join(" ")})`;
  log(`building ${program.name} ${version}: ${command}`);
  const started = Date.now();
  return new Promise<void>((resolve, reject) => {
    const child = spawn("go", args, {
      cwd: path.join(TOOLS_DIR, program.module),
      env: {
        ...process.env,
        CGO_ENABLED: "0",
        // go.sum is the pin: never rewrite it, never let a workspace or another toolchain in.
        GOFLAGS: "-mod=readonly",
        GOWORK: "off",
        GOTOOLCHAIN: "local",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output: string[] = [];
    const heartbeat = setInterval(() => {
      log(`  still building ${program.name} (${Math.round((Date.now() - started) / 1000)} s)`);
    }, 30_000);
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (line.trim() === "") continue;
        output.push(line);
        log(`  ${line}`);
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", (error) => {
      clearInterval(heartbeat);
      reject(new Error(`${command} could not start: ${error.message}`));
    });
    child.on("close", (code) => {
      clearInterval(heartbeat);
      if (code === 0) {
        log(`built ${program.name} in ${Math.round((Date.now() - started) / 1000)} s`);
        resolve();
      } else {
        reject(new Error(`${command} failed (exit ${code}):\n${output.slice(-40).join("\n")}`));
      }
    });
  });
}

/** Builds both programs into a new directory beside `target`, then moves it into place. */
async function build(version: string, target: string, log: ProgressLog): Promise<void> {
  if ((await goVersion()) === undefined) {
    throw new Error(
      "Building the Pulumi CLI needs Go (go version failed): install Go ≥ 1.25.11, or set PULUMI_CLI_DIR to a directory holding pulumi, pulumi-language-nodejs and pulumi-resource-pulumi-nodejs.",
    );
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(`${target}.building-`);
  try {
    for (const program of GO_PROGRAMS) await goBuild(program, staging, log);
    const launcher = path.join(staging, "pulumi-resource-pulumi-nodejs");
    fs.copyFileSync(launcherScript(), launcher);
    fs.chmodSync(launcher, 0o755);
    const built = await versionIn(staging);
    if (built !== version) {
      throw new Error(`the built pulumi prints version ${JSON.stringify(built)}, not ${version}`);
    }
    fs.writeFileSync(path.join(staging, ".complete"), `${version}\n${await goVersion()}\n`);
    // Another process may have finished the same build meanwhile: both results are the same.
    if (fs.existsSync(path.join(target, ".complete"))) return;
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staging, target);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Options of {@link pulumiCli}. */
export interface PulumiCliOptions {
  /** Build the CLI when no source has it. Defaults to true; when false, resolves undefined instead. */
  readonly build?: boolean;
  /** Where progress goes. Defaults to stderr, so stdout stays one line. */
  readonly log?: ProgressLog;
}

/**
 * Finds or builds the CLI. Every source is checked: the directory must hold all three programs
 * and `pulumi version` must be on the release line of the installed `@pulumi/pulumi`.
 */
export async function pulumiCli(options?: PulumiCliOptions & { build?: true }): Promise<PulumiCli>;
export async function pulumiCli(options: PulumiCliOptions): Promise<PulumiCli | undefined>;
export async function pulumiCli({
  build: mayBuild = true,
  log = (line) => process.stderr.write(`${line}\n`),
}: PulumiCliOptions = {}): Promise<PulumiCli | undefined> {
  const sdk = installedVersion("@pulumi/pulumi");
  const pinned = pinnedCliVersion();
  if (!sameReleaseLine(sdk, pinned)) {
    throw new Error(
      `@pulumi/pulumi ${sdk} is installed but tools/pulumi-cli/engine/go.mod pins the CLI at ${pinned}: update the tools module to the same release.`,
    );
  }

  const fromEnv = process.env.PULUMI_CLI_DIR;
  if (fromEnv) {
    const version = await versionIn(fromEnv);
    if (!holdsAllPrograms(fromEnv) || version === undefined || !sameReleaseLine(version, sdk)) {
      throw new Error(
        `PULUMI_CLI_DIR=${fromEnv} must hold ${CLI_PROGRAMS.join(", ")} with pulumi at ${pinned.replace(/\.\d+$/, ".x")}; its pulumi version is ${version ?? "not runnable"}.`,
      );
    }
    return { dir: fromEnv, version, source: "PULUMI_CLI_DIR" };
  }

  const onPath = pulumiOnPath();
  if (onPath !== undefined && holdsAllPrograms(onPath)) {
    const version = await versionIn(onPath);
    if (version !== undefined && sameReleaseLine(version, sdk)) {
      return { dir: onPath, version, source: "PATH" };
    }
    log(`pulumi on PATH (${onPath}) is ${version ?? "not runnable"}, not on ${pinned}'s line`);
  }

  const dir = cacheDir(pinned);
  if (fs.existsSync(path.join(dir, ".complete"))) {
    return { dir, version: pinned, source: "cache" };
  }
  if (!mayBuild) return undefined;
  log(`no Pulumi CLI ${pinned} in ${dir}: building it from the Go modules (several minutes cold)`);
  await build(pinned, dir, log);
  return { dir, version: pinned, source: "built" };
}
