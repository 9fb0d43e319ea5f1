import assert from "node:assert/strict";
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import { ACCOUNTS } from "../support/fixtures";
import { START_ORGANIZATION } from "./helpers";

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`exited with ${code} before printing`)));
  });
}

/** The emulator's command line, run from the repository root with `args`. */
function cli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["--import", "tsx", "emulator/cli.ts", ...args]);
}

/**
 * Starts the command line on a free port with `args`, checks the address it prints, fetches
 * `path` from it and stops it with SIGTERM, which must end it cleanly; returns what it served.
 */
async function served(args: string[], path: string): Promise<unknown> {
  const port = await freePort();
  const child = cli(["--port", String(port), ...args]);
  try {
    assert.equal(await firstLine(child), `AWS emulator listening on http://127.0.0.1:${port}`);
    const body: unknown = await (await fetch(`http://127.0.0.1:${port}${path}`)).json();
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    assert.deepEqual(await exited, [0, null]);
    return body;
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}

/** Runs the command line with `args`, which must fail: its exit code and what it wrote to stderr. */
async function refused(args: string[]): Promise<{ code: unknown; stderr: string }> {
  const child = cli(args);
  const stderr: Buffer[] = [];
  child.stderr.on("data", (c: Buffer) => stderr.push(c));
  const [code] = await once(child, "exit");
  return { code, stderr: Buffer.concat(stderr).toString() };
}

describe("emulator: command line", () => {
  it("prints its address, serves, and stops cleanly on SIGTERM", async () => {
    assert.deepEqual(await served([], "/_emulator/state"), {
      resources: [],
      roles: [],
      organization: START_ORGANIZATION,
    });
  });

  it("starts with the organization given by --organization and --organization-members", async () => {
    const args = [
      "--organization",
      "consolidated-billing",
      "--organization-members",
      `${ACCOUNTS.B}, ${ACCOUNTS.C}`,
    ];
    assert.deepEqual(await served(args, "/_emulator/organization"), {
      ...START_ORGANIZATION,
      mode: "consolidated-billing",
      members: [ACCOUNTS.B, ACCOUNTS.C],
    });
  });

  it("refuses an unknown --organization with exit code 2", async () => {
    assert.deepEqual(await refused(["--organization", "partial"]), {
      code: 2,
      stderr:
        "Invalid organization mode: partial. Allowed values are: all, consolidated-billing, none.\n",
    });
  });

  it("refuses an invalid port with exit code 2", async () => {
    assert.deepEqual(await refused(["--port", "http"]), {
      code: 2,
      stderr: "Invalid --port 'http': use an integer from 0 to 65535.\n",
    });
  });
});
