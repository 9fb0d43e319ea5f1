import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import { HostError, startProviderHost, UNKNOWN, type ProviderHost } from "../support/host";
import { serializeProvider } from "../support/serialize";
import { newWorld, readWorld, toyProvider, writeWorld } from "./toy";

const urnOf = (name: string) =>
  `urn:pulumi:stack::project::pulumi-nodejs:dynamic/toy:Thing::${name}`;

describe("provider host client", function () {
  let host: ProviderHost;
  let code: string;
  let dir: string;

  before(async function () {
    code = await serializeProvider(toyProvider);
    host = await startProviderHost({ cwd: os.tmpdir() });
    await host.configure({ "aws:region": "us-east-1" });
  });
  after(() => host.stop());
  beforeEach(() => (dir = newWorld()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("returns every check failure as a property and a reason", async function () {
    const news = { __provider: code, dir, name: "Bad", size: 11 };
    const result = await host.check(urnOf("bad"), {}, news);
    assert.deepEqual(result, {
      inputs: news,
      failures: [
        { property: "name", reason: '"Bad" is not lower-case kebab' },
        { property: "size", reason: "11 is not an integer in 1..10" },
      ],
    });
  });

  it("passes preview unknowns through check as the engine's sentinel", async function () {
    const news = { __provider: code, dir, name: UNKNOWN, size: UNKNOWN };
    assert.deepEqual(await host.check(urnOf("u"), {}, news), { inputs: news, failures: [] });
  });

  const diffs = [
    { change: {}, expected: { changes: "none", replaces: [], deleteBeforeReplace: false } },
    {
      change: { size: 2 },
      expected: { changes: "some", replaces: [], deleteBeforeReplace: false },
    },
    {
      change: { name: "b" },
      expected: { changes: "some", replaces: ["name"], deleteBeforeReplace: false },
    },
    {
      change: { name: "b", deleteBeforeReplace: true },
      expected: { changes: "some", replaces: ["name"], deleteBeforeReplace: true },
    },
  ];
  for (const { change, expected } of diffs) {
    it(`diffs ${JSON.stringify(change)} as ${JSON.stringify(expected)}`, async function () {
      const olds = { __provider: code, dir, name: "a", size: 1, serial: 1 };
      const news = { __provider: code, dir, name: "a", size: 1, ...change };
      const oldInputs = { __provider: code, dir, name: "a", size: 1 };
      assert.deepEqual(await host.diff("a-1", urnOf("a"), olds, news, oldInputs), expected);
    });
  }

  it("creates, reads, updates and deletes", async function () {
    const inputs = { __provider: code, dir, name: "a", size: 1 };
    const created = await host.create(urnOf("a"), inputs);
    assert.deepEqual(created, { id: "a-1", outputs: { ...inputs, serial: 1 } });

    const read = await host.read("a-1", urnOf("a"), created.outputs, inputs);
    assert.deepEqual(read, { id: "a-1", outputs: { ...inputs, serial: 1 }, inputs });

    const news = { ...inputs, size: 4 };
    const updated = await host.update("a-1", urnOf("a"), created.outputs, news, inputs);
    assert.deepEqual(updated, { outputs: { ...news, serial: 1 } });

    await host.delete("a-1", urnOf("a"), updated.outputs);
    assert.deepEqual(readWorld(dir), {
      next: 2,
      resources: {},
      log: ["create a", "update a", "delete a"],
    });
    // A provider that finds nothing returns {}; the host still attaches __provider.
    const gone = await host.read("a-1", urnOf("a"), updated.outputs, news);
    assert.deepEqual(gone, { id: "", outputs: { __provider: code }, inputs: undefined });
  });

  it("decodes a partial failure's id, properties and reasons from the gRPC status", async function () {
    writeWorld(dir, { ...readWorld(dir), failNext: true });
    const inputs = { __provider: code, dir, name: "p", size: 1 };
    await assert.rejects(host.create(urnOf("p"), inputs), (e: unknown) => {
      assert.ok(e instanceof HostError);
      assert.deepEqual(
        { method: e.method, code: e.code, details: e.details, initFailure: e.initFailure },
        {
          method: "create",
          code: 2,
          details: "tagging p-1 failed",
          initFailure: {
            id: "p-1",
            properties: { ...inputs, serial: 1 },
            reasons: ["tags not applied"],
          },
        },
      );
      assert.equal(e.message, "create failed (gRPC UNKNOWN): tagging p-1 failed");
      return true;
    });
  });

  it("reports a plain provider error without partial-failure details", async function () {
    const props = { __provider: code, dir, name: "n", size: 1 };
    await assert.rejects(host.delete("n-9", urnOf("n"), props), (e: unknown) => {
      assert.ok(e instanceof HostError);
      assert.deepEqual([e.code, e.details, e.initFailure], [2, "no toy n-9", undefined]);
      return true;
    });
  });

  it("logs each call with its method and URN, in order", async function () {
    const before = host.calls.length;
    const inputs = { __provider: code, dir, name: "l", size: 1 };
    await host.check(urnOf("l"), {}, inputs);
    const { id, outputs } = await host.create(urnOf("l"), inputs);
    await host.delete(id, urnOf("l"), outputs);
    const calls = host.calls
      .slice(before)
      .map(({ method, urn, error }) => ({ method, urn, error }));
    assert.deepEqual(calls, [
      { method: "check", urn: urnOf("l"), error: undefined },
      { method: "create", urn: urnOf("l"), error: undefined },
      { method: "delete", urn: urnOf("l"), error: undefined },
    ]);
    assert.deepEqual(Object.keys(host.timings.firstCallDoneAt).slice(0, 2), ["configure", "check"]);
  });
});
