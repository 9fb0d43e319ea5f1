import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { UNKNOWN, type PropertyMap } from "../support/host";
import { isSecret, reveal, SECRET_SIG, SIG_KEY } from "../support/properties";
import { ProgramRunner, RunError, type RunResult } from "../support/runner";
import { serializeProvider } from "../support/serialize";
import { newWorld, readWorld, Toy, ToyGroup, toyProvider, writeWorld } from "./toy";

const THING = "pulumi-nodejs:dynamic/toy:Thing";
const urnOf = (name: string) => `urn:pulumi:stack::project::${THING}::${name}`;

/** Steps as `<op> <name> [changed keys]`, which reads like a plan. */
function plan(result: RunResult): string[] {
  return result.steps.map(({ op, name, changedKeys, error }) =>
    [
      op,
      name,
      changedKeys.length > 0 ? `[${changedKeys.join(",")}]` : "",
      error ? `! ${error}` : "",
    ]
      .filter((part) => part !== "")
      .join(" "),
  );
}

/**
 * The plan, sorted. Independent resources register in an order the SDK picks (a resource waits for
 * its inputs and its parent), so only dependencies order steps.
 */
function sortedPlan(result: RunResult): string[] {
  return plan(result).sort();
}

/** Methods of the host calls made since `before`. */
function callsSince(runner: ProgramRunner, before: number): string[] {
  return runner.host!.calls.slice(before).map((c) => c.method);
}

describe("program runner", function () {
  let dir: string;
  let runner: ProgramRunner;

  beforeEach(function () {
    dir = newWorld();
    runner = new ProgramRunner({ cwd: dir, config: { "aws:region": "us-east-1" } });
  });
  afterEach(async function () {
    await runner.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const v1 = () => {
    new ToyGroup("g", { dir, sizes: { a: 1, b: 2 } });
    new Toy("x", { dir, name: "x", size: 1 });
    new Toy("y", { dir, name: "y", size: 1 });
    new Toy("z", { dir, name: "z", size: 1 });
  };
  const v2 = () => {
    new ToyGroup("g", { dir, sizes: { a: 5 } });
    new Toy("x", { dir, name: "x2", size: 1 });
    new Toy("y", { dir, name: "y", size: 1 });
    new Toy("w", { dir, name: "w", size: 2 });
  };
  const v2Plan = [
    "create w [dir,name,size]",
    "delete g-b",
    "delete z",
    "replace x [name]",
    "same g",
    "same y",
    "update g-a [size]",
  ];

  it("records component children under URNs qualified by the component's type", async function () {
    const result = await runner.up(v1);
    assert.deepEqual(sortedPlan(result), [
      "create g",
      "create g-a [dir,name,size]",
      "create g-b [dir,name,size]",
      "create x [dir,name,size]",
      "create y [dir,name,size]",
      "create z [dir,name,size]",
    ]);
    const child = `urn:pulumi:stack::project::toy:index:ToyGroup$${THING}::g-a`;
    assert.deepEqual(
      result.steps.find((step) => step.name === "g-a"),
      {
        urn: child,
        type: THING,
        name: "g-a",
        op: "create",
        changedKeys: ["dir", "name", "size"],
      },
    );
    const state = runner.state.get(child)!;
    assert.deepEqual(
      [state.parent, state.custom, state.id, state.outputs.size],
      [
        "urn:pulumi:stack::project::toy:index:ToyGroup::g",
        true,
        `g-a-${String(state.outputs.serial)}`,
        1,
      ],
    );
    assert.deepEqual(
      runner.state.get("urn:pulumi:stack::project::toy:index:ToyGroup::g")!.outputs,
      {
        count: 2,
      },
    );
  });

  it("updates, replaces, creates, deletes and keeps exactly what the change asks", async function () {
    await runner.up(v1);
    const before = runner.host!.calls.length;
    assert.deepEqual(sortedPlan(await runner.up(v2)), v2Plan);
    const world = readWorld(dir);
    // Deletions, of the replaced x too, come after every registration.
    assert.deepEqual(world.log.slice(5, 8).sort(), ["create w", "create x2", "update g-a"]);
    assert.deepEqual(world.log.slice(8).sort(), ["delete g-b", "delete x", "delete z"]);
    assert.deepEqual(
      Object.values(world.resources)
        .map((r) => r.name)
        .sort(),
      ["g-a", "w", "x2", "y"],
    );
    assert.equal(callsSince(runner, before).filter((m) => m === "create").length, 2);

    const again = runner.host!.calls.length;
    assert.deepEqual(sortedPlan(await runner.up(v2)), [
      "same g",
      "same g-a",
      "same w",
      "same x",
      "same y",
    ]);
    assert.deepEqual(
      [...new Set(callsSince(runner, again))].sort(),
      ["check", "diff"],
      "an unchanged program only checks and diffs",
    );
  });

  it("deletes before creating when the provider asks for it", async function () {
    await runner.up(
      () => void new Toy("d", { dir, name: "d1", size: 1, deleteBeforeReplace: true }),
    );
    const result = await runner.up(
      () => void new Toy("d", { dir, name: "d2", size: 1, deleteBeforeReplace: true }),
    );
    assert.deepEqual(plan(result), ["replace d [name]"]);
    assert.deepEqual(readWorld(dir).log, ["create d1", "delete d1", "create d2"]);
    assert.equal(runner.state.get(urnOf("d"))!.inputs.name, "d2");
  });

  it("previews the plan with Check and Diff alone", async function () {
    await runner.up(v1);
    const world = readWorld(dir);
    const state = structuredClone([...runner.state.entries()]);
    const before = runner.host!.calls.length;
    assert.deepEqual(sortedPlan(await runner.preview(v2)), v2Plan);
    assert.deepEqual([...new Set(callsSince(runner, before))].sort(), ["check", "diff"]);
    assert.deepEqual(readWorld(dir), world);
    assert.deepEqual([...runner.state.entries()], state);
  });

  it("hands dependents unknown values in a preview and real ones in an up", async function () {
    const program = () => {
      const x = new Toy("x", { dir, name: "x", size: 3 });
      const y = new Toy("y", { dir, name: "y", size: x.serial });
      return Promise.resolve({ xName: x.name, ySize: y.size, ySerial: y.serial });
    };
    const preview = await runner.preview(program);
    // The toy's check accepts only 1..10 or the sentinel, so passing proves the sentinel reached it.
    assert.deepEqual(plan(preview), ["create x [dir,name,size]", "create y [dir,name,size]"]);
    assert.deepEqual(preview.outputs, { xName: "x", ySize: UNKNOWN, ySerial: UNKNOWN });

    const up = await runner.up(program);
    assert.deepEqual(up.outputs, { xName: "x", ySize: 1, ySerial: 2 });
    assert.equal(runner.state.get(urnOf("y"))!.inputs.size, 1);
  });

  it("destroys everything in reverse registration order and empties the state", async function () {
    // Each resource waits for the one before it, so the registration order is fixed.
    await runner.up(() => {
      const g = new ToyGroup("g", { dir, sizes: { a: 1 } });
      const x = new Toy("x", { dir, name: "x", size: g.toys.a.size });
      new Toy("y", { dir, name: "y", size: x.size });
    });
    const result = await runner.destroy();
    assert.deepEqual(plan(result), ["delete y", "delete x", "delete g-a", "delete g"]);
    assert.equal(runner.state.size, 0);
    const world = readWorld(dir);
    assert.deepEqual(world.resources, {});
    assert.deepEqual(world.log, [
      "create g-a",
      "create x",
      "create y",
      "delete y",
      "delete x",
      "delete g-a",
    ]);
  });

  it("never writes secret inputs, or outputs made from them, into the state text", async function () {
    await runner.up(() => {
      const tags = { owner: pulumi.secret("alice-xyzzy"), team: "ops" };
      new Toy("s", { dir, name: "s", size: 1, password: pulumi.secret("hunter2-xyzzy"), tags });
      new Toy("t", { dir, name: "t", size: 1 }, { additionalSecretOutputs: ["serial"] });
    });
    const text = runner.stateText();
    assert.equal(text.includes("xyzzy"), false);
    const { resources } = JSON.parse(text) as {
      resources: { urn: string; outputs: PropertyMap }[];
    };
    const sealed = resources.find((r) => r.urn === urnOf("s"))!.outputs.password as PropertyMap;
    assert.deepEqual(Object.keys(sealed), [SIG_KEY, "ciphertext"]);
    assert.equal(sealed[SIG_KEY], SECRET_SIG);

    const s = runner.state.get(urnOf("s"))!;
    assert.deepEqual(
      [isSecret(s.inputs.password), isSecret(s.outputs.password), reveal(s.outputs.password)],
      [true, true, "hunter2-xyzzy"],
    );
    const tags = s.outputs.tags as Record<string, unknown>;
    assert.deepEqual([isSecret(tags.owner), tags.team], [true, "ops"]);
    assert.equal(isSecret(runner.state.get(urnOf("t"))!.outputs.serial), true);
    // The provider itself must see plain values: the host cannot take secrets.
    assert.equal(readWorld(dir).resources[s.id].password, "hunter2-xyzzy");
  });

  it("fails the run on check failures, listing every property and reason", async function () {
    const program = () => {
      new Toy("ok", { dir, name: "ok", size: 1 });
      new Toy("bad", { dir, name: "Bad", size: 11 });
    };
    const reason =
      'check failed: name: "Bad" is not lower-case kebab; size: 11 is not an integer in 1..10';
    await assert.rejects(runner.up(program), (e: unknown) => {
      assert.ok(e instanceof RunError);
      assert.equal(e.message, `up failed:\n  ${urnOf("bad")}: ${reason}`);
      assert.deepEqual(sortedPlan(e.result), [
        `create bad ! ${reason}`,
        "create ok [dir,name,size]",
      ]);
      return true;
    });
    assert.deepEqual([...runner.state.keys()], [urnOf("ok")]);
  });

  it("schedules no step after a failed Check, as the engine does", async function () {
    const program = () => {
      new Toy("bad", { dir, name: "Bad", size: 1 });
      new Toy("later", { dir, name: "later", size: 1 });
    };
    const reason = 'check failed: name: "Bad" is not lower-case kebab';
    await assert.rejects(runner.up(program), (e: unknown) => {
      assert.ok(e instanceof RunError);
      assert.equal(e.message, `up failed:\n  ${urnOf("bad")}: ${reason}`);
      assert.deepEqual(plan(e.result), [`create bad ! ${reason}`]);
      return true;
    });
    assert.deepEqual(
      runner.host!.calls.map((c) => c.method).filter((m) => m !== "configure"),
      ["check"],
    );
    assert.equal(runner.state.size, 0);
  });

  it("after a failed run keeps a replaced resource pending deletion; the next up deletes it", async function () {
    await runner.up(() => void new Toy("x", { dir, name: "x", size: 1 }));
    writeWorld(dir, { ...readWorld(dir), failNext: true });
    const renamed = () => void new Toy("x", { dir, name: "x2", size: 1 });
    await assert.rejects(runner.up(renamed), RunError);
    assert.deepEqual(
      Object.values(readWorld(dir).resources)
        .map((r) => r.name)
        .sort(),
      ["x", "x2"],
      "the engine deletes nothing after a failed run",
    );
    const pending = [...runner.state.values()].filter((s) => s.pendingDeletion);
    assert.deepEqual(
      pending.map((s) => [s.urn, s.outputs.name]),
      [[urnOf("x"), "x"]],
    );

    assert.deepEqual(sortedPlan(await runner.up(renamed)), ["delete x", "update x"]);
    assert.deepEqual(
      Object.values(readWorld(dir).resources).map((r) => r.name),
      ["x2"],
    );
    assert.deepEqual([...runner.state.keys()], [urnOf("x")]);
  });

  it("keeps a partial failure in the state and completes it with an update", async function () {
    const program = () => void new Toy("p", { dir, name: "p", size: 1 });
    writeWorld(dir, { ...readWorld(dir), failNext: true });
    await assert.rejects(runner.up(program), (e: unknown) => {
      assert.ok(e instanceof RunError);
      assert.deepEqual(e.errors, [
        `${urnOf("p")}: create failed (gRPC UNKNOWN): tagging p-1 failed`,
      ]);
      return true;
    });
    const partial = runner.state.get(urnOf("p"))!;
    assert.deepEqual(
      [partial.id, partial.outputs.serial, partial.initErrors],
      ["p-1", 1, ["tags not applied"]],
    );

    const before = runner.host!.calls.length;
    assert.deepEqual(plan(await runner.up(program)), ["update p"]);
    assert.deepEqual(callsSince(runner, before), ["check", "diff", "update"]);
    assert.equal(runner.state.get(urnOf("p"))!.initErrors, undefined);
    assert.deepEqual(readWorld(dir).log, ["create p", "update p"]);
  });

  it("refreshes drift into the state and forgets what is gone", async function () {
    const program = () => {
      new Toy("a", { dir, name: "a", size: 1 });
      new Toy("b", { dir, name: "b", size: 1 });
    };
    await runner.up(program);
    const world = readWorld(dir);
    const a = runner.state.get(urnOf("a"))!.id;
    world.resources[a].size = 7;
    delete world.resources[runner.state.get(urnOf("b"))!.id];
    writeWorld(dir, world);

    assert.deepEqual(sortedPlan(await runner.refresh()), ["delete b", "refresh a [size]"]);
    const refreshed = runner.state.get(urnOf("a"))!;
    assert.deepEqual([refreshed.inputs.size, refreshed.outputs.size], [7, 7]);
    assert.equal(runner.state.has(urnOf("b")), false);
    assert.deepEqual(sortedPlan(await runner.up(program)), [
      "create b [dir,name,size]",
      "update a [size]",
    ]);
  });

  it("fails the run with the program's own error after registering what it built", async function () {
    await assert.rejects(
      runner.up(() => {
        new Toy("a", { dir, name: "a", size: 1 });
        throw new Error("boom");
      }),
      (e: unknown) => {
        assert.ok(e instanceof RunError);
        assert.deepEqual(e.errors, ["program failed: boom"]);
        assert.deepEqual(plan(e.result), ["create a [dir,name,size]"]);
        return true;
      },
    );
  });

  it("stores the __provider text that serializeProvider produces", async function () {
    await runner.up(() => void new Toy("a", { dir, name: "a", size: 1 }));
    const code = await serializeProvider(toyProvider);
    const a = runner.state.get(urnOf("a"))!;
    assert.deepEqual([a.inputs.__provider, a.outputs.__provider], [code, code]);
  });

  it("with processPerRun, starts a new host and calls onNewProcess for every run, keeping the state", async function () {
    let newProcesses = 0;
    const perRun = new ProgramRunner({
      cwd: dir,
      config: { "aws:region": "us-east-1" },
      processPerRun: true,
      onNewProcess: () => newProcesses++,
    });
    try {
      const program = () => void new Toy("x", { dir, name: "x", size: 1 });
      await perRun.up(program);
      const firstHost = perRun.host;
      const second = await perRun.up(program);
      assert.notEqual(perRun.host, firstHost, "a new host for the second run");
      assert.deepEqual(plan(second), ["same x"]);
      assert.deepEqual(
        perRun.host!.calls.map((c) => c.method),
        ["configure", "check", "diff"],
        "the new host got its own Configure",
      );
      await perRun.destroy();
      assert.equal(newProcesses, 3);
      assert.deepEqual(readWorld(dir).log, ["create x", "delete x"], "created once, kept, deleted");
    } finally {
      await perRun.close();
    }
  });
});
