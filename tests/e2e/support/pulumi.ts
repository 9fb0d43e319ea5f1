/**
 * The end-to-end tier's access to the real `pulumi` CLI (from `npm run --silent pulumi:path`): a
 * project directory, a `file://` backend and a `PULUMI_HOME` in a temp dir, the emulator's
 * endpoint and credentials, and nothing of the developer's own Pulumi or AWS setup.
 */
import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pulumiCli } from "../../../tools/pulumi-cli/cli";
import { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from "../../support/fixtures";

/** What one `pulumi` command did. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** One step of `pulumi preview --json`. */
export interface PreviewStep {
  readonly op: string;
  readonly urn: string;
  readonly replaceReasons?: string[];
}

/** `pulumi preview --json`, as far as these tests read it. */
export interface PreviewJson {
  readonly steps: PreviewStep[];
  readonly changeSummary: Record<string, number>;
}

let cliDir: Promise<string> | undefined;

/** The CLI directory, found or built once per test process. */
export function pulumiCliDir(): Promise<string> {
  cliDir ??= pulumiCli().then((cli) => cli.dir);
  return cliDir;
}

/** A Pulumi project with its own backend and home, run against the emulator at `endpoint`. */
export class PulumiProject {
  private readonly scratch = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-pulumi-"));
  /** Every command's stdout and stderr, in order: for checks that span a whole scenario. */
  readonly transcript: string[] = [];

  constructor(
    /** The project directory (holds Pulumi.yaml). */
    readonly dir: string,
    private readonly cli: string,
    private readonly endpoint: string,
  ) {
    fs.mkdirSync(path.join(this.scratch, "home"));
    fs.mkdirSync(path.join(this.scratch, "state"));
  }

  /** The environment every command runs with. */
  env(): NodeJS.ProcessEnv {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(AWS_|PULUMI_)/.test(name)),
    );
    return {
      ...inherited,
      // The CLI's directory first: the engine takes its bundled plugins from PATH.
      PATH: [this.cli, path.dirname(process.execPath), process.env.PATH].join(path.delimiter),
      PULUMI_HOME: path.join(this.scratch, "home"),
      PULUMI_BACKEND_URL: `file://${path.join(this.scratch, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      AWS_ENDPOINT_URL: this.endpoint,
      AWS_ACCESS_KEY_ID: TEST_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: TEST_SECRET_ACCESS_KEY,
      AWS_REGION: "us-east-1",
      AWS_CONFIG_FILE: path.join(this.scratch, "no-aws-config"),
      AWS_SHARED_CREDENTIALS_FILE: path.join(this.scratch, "no-aws-credentials"),
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    };
  }

  /** Runs `pulumi <args>` in the project; resolves with its exit code, whatever it is. */
  run(args: string[]): Promise<CommandResult> {
    return new Promise((resolve) => {
      execFile(
        path.join(this.cli, "pulumi"),
        [...args, "--non-interactive", "--color=never"],
        { cwd: this.dir, env: this.env(), maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          this.transcript.push(stdout, stderr);
          const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  /**
   * Starts `pulumi <args>` in a process group of its own and kills the whole group (the CLI, the
   * language host, the program and the provider host) with SIGKILL as soon as `when()` holds, as
   * when the machine running a deployment dies. Resolves once the group is gone.
   */
  killWhen(args: string[], when: () => boolean): Promise<void> {
    const child = spawn(path.join(this.cli, "pulumi"), [...args, "--non-interactive"], {
      cwd: this.dir,
      env: this.env(),
      detached: true,
      stdio: "ignore",
    });
    return new Promise((resolve, reject) => {
      const poll = setInterval(() => {
        if (!when()) return;
        clearInterval(poll);
        process.kill(-child.pid!, "SIGKILL");
      }, 2);
      child.on("exit", (code, signal) => {
        clearInterval(poll);
        if (signal === "SIGKILL") resolve();
        else reject(new Error(`pulumi ${args.join(" ")} ended (${code}) before it was killed`));
      });
    });
  }

  /** Runs a command that must succeed; rejects with its output otherwise. */
  async ok(args: string[]): Promise<CommandResult> {
    const result = await this.run(args);
    if (result.code !== 0) {
      throw new Error(
        `pulumi ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`,
      );
    }
    return result;
  }

  /** `pulumi preview --json`, parsed. */
  async previewJson(stack: string, extra: string[] = []): Promise<PreviewJson> {
    const { stdout } = await this.ok(["preview", "--json", "--stack", stack, ...extra]);
    return JSON.parse(stdout) as PreviewJson;
  }

  /** Creates `stack` and sets its config (`secret` values through `--secret`). */
  async initStack(
    stack: string,
    config: Record<string, string> = {},
    secrets: Record<string, string> = {},
  ): Promise<void> {
    await this.ok(["stack", "init", stack]);
    await this.setConfig(stack, config, secrets);
  }

  /**
   * Sets config values of `stack`. A list or map is one JSON string (`requireObject` parses it):
   * `--path` would store numbers as numbers and fill gaps with null.
   */
  async setConfig(
    stack: string,
    config: Record<string, string>,
    secrets: Record<string, string> = {},
  ): Promise<void> {
    for (const [key, value] of Object.entries(config)) {
      await this.ok(["config", "set", "--stack", stack, key, value]);
    }
    for (const [key, value] of Object.entries(secrets)) {
      await this.ok(["config", "set", "--stack", stack, "--secret", key, value]);
    }
  }

  /** `pulumi stack export` of `stack`, as text. */
  async exportState(stack: string): Promise<string> {
    return (await this.ok(["stack", "export", "--stack", stack])).stdout;
  }

  /** Removes the backend and home. The project directory belongs to the caller. */
  dispose(): void {
    fs.rmSync(this.scratch, { recursive: true, force: true });
  }
}

/** `"<op> <resource name>"` for every step that is not `same`, sorted. */
export function changedSteps(preview: PreviewJson): string[] {
  return preview.steps
    .filter((step) => step.op !== "same")
    .map((step) => `${step.op} ${step.urn.split("::").pop()}`)
    .sort();
}

/** The "Resources:" block of a command's output, one entry per line, e.g. `["+ 2 created", "3 unchanged"]`. */
export function resourceSummary(stdout: string): string[] {
  const lines = stdout.split("\n");
  const start = lines.lastIndexOf("Resources:");
  if (start < 0) throw new Error(`no "Resources:" block in:\n${stdout}`);
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === "") break;
    block.push(line.trim());
  }
  return block;
}
