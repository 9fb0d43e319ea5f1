import assert from "node:assert/strict";
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import { ACCOUNTS } from "../support/fixtures";

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

describe("emulator: command line", () => {
  it("prints its address, serves, and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [
      "--import",
      "tsx",
      "emulator/cli.ts",
      "--port",
      String(port),
    ]);
    try {
      assert.equal(await firstLine(child), `AWS emulator listening on http://127.0.0.1:${port}`);
      const res = await fetch(`http://127.0.0.1:${port}/_emulator/state`);
      assert.deepEqual(await res.json(), {
        resources: [],
        roles: [],
        organization: {
          mode: "all",
          id: "o-exampleorgid",
          managementAccount: ACCOUNTS.A,
          members: "all",
          enabledServicePrincipals: [],
          delegatedAdministrators: [],
        },
      });
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      assert.deepEqual(await exited, [0, null]);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("starts with the organization given by --organization and --organization-members", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [
      "--import",
      "tsx",
      "emulator/cli.ts",
      "--port",
      String(port),
      "--organization",
      "consolidated-billing",
      "--organization-members",
      `${ACCOUNTS.B}, ${ACCOUNTS.C}`,
    ]);
    try {
      assert.equal(await firstLine(child), `AWS emulator listening on http://127.0.0.1:${port}`);
      const res = await fetch(`http://127.0.0.1:${port}/_emulator/organization`);
      assert.deepEqual(await res.json(), {
        mode: "consolidated-billing",
        id: "o-exampleorgid",
        managementAccount: ACCOUNTS.A,
        members: [ACCOUNTS.B, ACCOUNTS.C],
        enabledServicePrincipals: [],
        delegatedAdministrators: [],
      });
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      assert.deepEqual(await exited, [0, null]);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("refuses an unknown --organization with exit code 2", async () => {
    const child = spawn(process.execPath, [
      "--import",
      "tsx",
      "emulator/cli.ts",
      "--organization",
      "partial",
    ]);
    const stderr: Buffer[] = [];
    child.stderr.on("data", (c: Buffer) => stderr.push(c));
    const [code] = await once(child, "exit");
    assert.equal(code, 2);
    assert.equal(
      Buffer.concat(stderr).toString(),
      "Invalid organization mode: partial. Allowed values are: all, consolidated-billing, none.\n",
    );
  });

  it("refuses an invalid port with exit code 2", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "emulator/cli.ts", "--port", "http"]);
    const stderr: Buffer[] = [];
    child.stderr.on("data", (c: Buffer) => stderr.push(c));
    const [code] = await once(child, "exit");
    assert.equal(code, 2);
    assert.equal(
      Buffer.concat(stderr).toString(),
      "Invalid --port 'http': use an integer from 0 to 65535.\n",
    );
  });
});
