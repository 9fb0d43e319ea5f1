/* eslint-disable @typescript-eslint/no-require-imports -- serialized provider code must load
   modules when it runs in the host, not capture them from this process */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

/** The toy's inputs. `dir` holds the world file, so every test has its own world. */
export interface ToyInputs {
  dir: string;
  name: string;
  size: number;
  tags?: Record<string, string>;
  password?: string;
  /** Ask `diff` for delete-before-replace when `name` changes. */
  deleteBeforeReplace?: boolean;
}

/** The toy's outputs: its inputs plus a `serial` the world assigns. */
export interface ToyState extends ToyInputs {
  serial: number;
}

/** The world file: live toys by id, the writes made (`<op> <name>`), and an armed fault. */
export interface ToyWorld {
  next: number;
  resources: Record<string, ToyState>;
  log: string[];
  /** When set, the next create or update writes the world and then fails partially. */
  failNext?: boolean;
}

/**
 * A self-contained dynamic provider for testing the harness: `name` changes replace, anything else
 * updates. Methods load what they need with `require` in their bodies, so the serialized text
 * captures nothing from this module, and use synchronous file I/O so that concurrent calls in the
 * host never interleave a read-modify-write of the world.
 */
export const toyProvider: pulumi.dynamic.ResourceProvider<ToyInputs, ToyState> = {
  check(_olds, news) {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const failures: pulumi.dynamic.CheckFailure[] = [];
    const name: unknown = news.name;
    if (name !== unknown && !/^[a-z][a-z0-9-]*$/.test(String(name))) {
      failures.push({ property: "name", reason: `"${String(name)}" is not lower-case kebab` });
    }
    const size: unknown = news.size;
    if (size !== unknown && !(Number.isInteger(size) && Number(size) >= 1 && Number(size) <= 10)) {
      failures.push({ property: "size", reason: `${String(size)} is not an integer in 1..10` });
    }
    return Promise.resolve({ inputs: news, failures });
  },

  diff(_id, olds, news) {
    const same = (a: unknown, b: unknown) =>
      JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
    const keys = ["name", "size", "tags", "password"] as const;
    const changed = keys.filter((k) => !same(olds[k], news[k]));
    return Promise.resolve({
      changes: changed.length > 0,
      replaces: changed.filter((k) => k === "name"),
      deleteBeforeReplace: news.deleteBeforeReplace === true,
    });
  },

  create(inputs) {
    const fs = require("node:fs") as typeof import("node:fs");
    const file = `${inputs.dir}/world.json`;
    const world = JSON.parse(fs.readFileSync(file, "utf8")) as ToyWorld;
    const outs: ToyState = { ...inputs, serial: world.next++ };
    const id = `${inputs.name}-${outs.serial}`;
    const live: Partial<Record<string, unknown>> = { ...outs };
    delete live.__provider;
    world.resources[id] = live as unknown as ToyState;
    world.log.push(`create ${inputs.name}`);
    const fail = world.failNext === true;
    delete world.failNext;
    fs.writeFileSync(file, JSON.stringify(world));
    // The host does not add __provider to a partial failure's properties; later calls need it.
    const partial = { id, properties: outs, reasons: ["tags not applied"] };
    if (fail) return Promise.reject(Object.assign(new Error(`tagging ${id} failed`), partial));
    return Promise.resolve({ id, outs });
  },

  read(id, props) {
    const fs = require("node:fs") as typeof import("node:fs");
    const world = JSON.parse(fs.readFileSync(`${props!.dir}/world.json`, "utf8")) as ToyWorld;
    const live = world.resources[id];
    if (live === undefined) return Promise.resolve({});
    const inputs: Partial<ToyState> = { ...live };
    delete inputs.serial;
    const result: pulumi.dynamic.ReadResult = { id, props: live, inputs };
    return Promise.resolve(result);
  },

  update(id, _olds, news) {
    const fs = require("node:fs") as typeof import("node:fs");
    const file = `${news.dir}/world.json`;
    const world = JSON.parse(fs.readFileSync(file, "utf8")) as ToyWorld;
    const outs: ToyState = { ...news, serial: world.resources[id].serial };
    const live: Partial<Record<string, unknown>> = { ...outs };
    delete live.__provider;
    world.resources[id] = live as unknown as ToyState;
    world.log.push(`update ${news.name}`);
    const fail = world.failNext === true;
    delete world.failNext;
    fs.writeFileSync(file, JSON.stringify(world));
    const partial = { id, properties: outs, reasons: ["tags not applied"] };
    if (fail) return Promise.reject(Object.assign(new Error(`tagging ${id} failed`), partial));
    return Promise.resolve({ outs });
  },

  delete(id, props) {
    const fs = require("node:fs") as typeof import("node:fs");
    const file = `${props.dir}/world.json`;
    const world = JSON.parse(fs.readFileSync(file, "utf8")) as ToyWorld;
    const live = world.resources[id];
    if (live === undefined) return Promise.reject(new Error(`no toy ${id}`));
    delete world.resources[id];
    world.log.push(`delete ${live.name}`);
    fs.writeFileSync(file, JSON.stringify(world));
    return Promise.resolve();
  },
};

/** The toy's resource arguments: every field may be an Output, and so may each tag. */
export type ToyArgs = {
  [K in keyof Omit<ToyInputs, "tags">]: pulumi.Input<ToyInputs[K]>;
} & { tags?: pulumi.Input<Record<string, pulumi.Input<string>>> };

/** A toy as a `pulumi.dynamic.Resource`, with type token `pulumi-nodejs:dynamic/toy:Thing`. */
export class Toy extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly size: pulumi.Output<number>;
  declare readonly serial: pulumi.Output<number>;

  constructor(name: string, args: ToyArgs, opts?: pulumi.CustomResourceOptions) {
    super(toyProvider, name, { serial: undefined, ...args }, opts, "toy", "Thing");
  }
}

/** A component with one toy per entry of `sizes`, each named `<name>-<key>`. */
export class ToyGroup extends pulumi.ComponentResource {
  /** The children by key. */
  readonly toys: Record<string, Toy>;

  constructor(
    name: string,
    args: { dir: string; sizes: Record<string, number> },
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("toy:index:ToyGroup", name, {}, opts);
    this.toys = Object.fromEntries(
      Object.entries(args.sizes).map(([key, size]) => {
        const child = `${name}-${key}`;
        return [key, new Toy(child, { dir: args.dir, name: child, size }, { parent: this })];
      }),
    );
    this.registerOutputs({ count: Object.keys(this.toys).length });
  }
}

/** Creates an empty world in a fresh temporary directory and returns the directory. */
export function newWorld(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "toy-world-"));
  writeWorld(dir, { next: 1, resources: {}, log: [] });
  return dir;
}

/** Reads the world in `dir`. */
export function readWorld(dir: string): ToyWorld {
  return JSON.parse(fs.readFileSync(path.join(dir, "world.json"), "utf8")) as ToyWorld;
}

/** Replaces the world in `dir`, e.g. to change resources out of band or arm a fault. */
export function writeWorld(dir: string, world: ToyWorld): void {
  fs.writeFileSync(path.join(dir, "world.json"), JSON.stringify(world));
}
