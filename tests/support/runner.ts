import * as crypto from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { isUnknown } from "@pulumi/pulumi/output";
import type * as respb from "@pulumi/pulumi/proto/resource_pb";
import type { MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";
import {
  Deployment,
  messageOf,
  type Registered,
  type ResourceState,
  type RunResult,
} from "./deployment";
import { startProviderHost, UNKNOWN, type ProviderHost } from "./host";
import { sealSecrets } from "./properties";

export { RunError } from "./deployment";
export type { ResourceState, RunResult, Step, StepOp } from "./deployment";

/** Where the provider host runs and what the stack looks like. */
export interface RunnerOptions {
  /** The program directory; serialized providers resolve their `require()`s from here. */
  cwd: string;
  /** Environment changes for the host process (undefined removes a variable). */
  env?: Record<string, string | undefined>;
  /** Stack config for the host's Configure, namespaces kept: `{"aws:region": "us-east-1"}`. */
  config?: Record<string, string>;
  /** Default "project". */
  project?: string;
  /** Default "stack". */
  stack?: string;
  /**
   * Model each run as the separate processes a `pulumi` command starts: a new provider host per
   * run, and `onNewProcess` to clear what the program's modules remember. Default false: one host
   * for the runner's life, which is faster.
   */
  processPerRun?: boolean;
  /** Called before each run when {@link processPerRun} is set. */
  onNewProcess?: () => void;
}

/** A Pulumi program: it constructs resources and may return stack outputs, now or later. */
export type Program = () => void | Outputs | Promise<void | Outputs>;

/** Stack outputs as a program returns them: values, promises or Outputs. */
export type Outputs = Record<string, unknown>;

/**
 * Runs Pulumi programs under `pulumi.runtime.setMocks`, routing every `pulumi-nodejs:dynamic*`
 * resource to a real dynamic-provider host and keeping state between runs, like `pulumi up` with a
 * local backend. One host process per runner, started on first use and stopped by {@link close}.
 * Runs of all runners take turns, because Pulumi's runtime settings are global to the process.
 *
 * Follows the real engine (checked against `pulumi` 3.248 in tests/e2e/ and recorded here):
 * Check and Diff run one registration at a time and the first failed Check or Diff ends step
 * generation, so one run reports one bad resource; a list that held a secret is stored secret as a whole;
 * after a failed run, what a create-before-delete replacement superseded stays in the state
 * pending deletion, and the next successful run deletes it.
 *
 * Not modelled: resource options other than `parent`, `deleteBeforeReplace` and
 * `additionalSecretOutputs` (no `ignoreChanges`, `replaceOnChanges`, `protect`, aliases, `import`
 * or `get`); dependents of a delete-before-replace resource are not replaced with it; deletes run
 * one at a time in reverse registration order, where the engine runs independent deletes in
 * parallel (up to `--parallel`) following dependencies; refresh reads all resources at once, where
 * the engine bounds them by `--parallel`; a failed Create, Update or Delete stops nothing here,
 * where the engine schedules no new step after it either; no pending operations (an interrupted `pulumi up`), no
 * stack outputs diffing, and the engine's display and `--expect-no-changes` are not reproduced.
 */
export class ProgramRunner {
  private readonly resources = new Map<string, ResourceState>();
  private readonly sealKey = crypto.randomBytes(32);
  private hostStart: Promise<ProviderHost> | undefined;
  private started: ProviderHost | undefined;
  private sequence = 0;

  constructor(private readonly options: RunnerOptions) {}

  /** The current state by URN. */
  get state(): ReadonlyMap<string, ResourceState> {
    return this.resources;
  }

  /** The host, once a run has started it; its `calls` log every provider call. */
  get host(): ProviderHost | undefined {
    return this.started;
  }

  /** Check and Diff only: reports the plan and changes nothing. */
  preview(program: Program): Promise<RunResult> {
    return exclusive(() => this.run(program, true));
  }

  /** Runs the program and applies its steps, then deletes what it no longer registers. */
  up(program: Program): Promise<RunResult> {
    return exclusive(() => this.run(program, false));
  }

  /** Reads every resource through its provider and records what it finds. */
  refresh(): Promise<RunResult> {
    return exclusive(async () => {
      if (this.options.processPerRun) await this.startOver();
      const deployment = new Deployment(await this.ensureHost(), false, this.resources);
      await deployment.refresh();
      return deployment.finish("refresh", {});
    });
  }

  /** Deletes every resource, in reverse registration order. */
  destroy(): Promise<RunResult> {
    return exclusive(async () => {
      if (this.options.processPerRun) await this.startOver();
      const deployment = new Deployment(await this.ensureHost(), false, this.resources);
      await deployment.destroy();
      return deployment.finish("destroy", {});
    });
  }

  /**
   * The state as JSON, in registration order. Secrets are sealed as the engine seals them,
   * `{"4dabf1…": "1b47…", "ciphertext": …}`, with a key that exists only in this runner.
   */
  stateText(): string {
    const seal = (plain: unknown) => {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv("aes-256-gcm", this.sealKey, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(plain), "utf8"), cipher.final()]);
      return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
    };
    const resources = [...this.resources.values()].sort((a, b) => a.order - b.order);
    return JSON.stringify({ resources: sealSecrets(resources, seal) }, null, 2);
  }

  /** Stops the host process. */
  async close(): Promise<void> {
    const host = await this.hostStart?.catch(() => undefined);
    await host?.stop();
  }

  /**
   * Ends the current host as the end of a `pulumi` command ends its provider host, so that what a
   * run left in flight (a retry of a read whose refresh has already failed) dies with it instead
   * of reaching AWS during the next run. The next run starts a new host.
   */
  async endProcess(): Promise<void> {
    await this.startOver();
  }

  /** Stops the host, so the next run starts a new one, and lets the program forget its caches. */
  private async startOver(): Promise<void> {
    await this.close();
    this.hostStart = undefined;
    this.started = undefined;
    this.options.onNewProcess?.();
  }

  private ensureHost(): Promise<ProviderHost> {
    this.hostStart ??= (async () => {
      const { cwd, env, project = "project", config = {} } = this.options;
      const host = await startProviderHost({ cwd, env, project });
      try {
        await host.configure(config);
      } catch (e) {
        await host.stop();
        throw e;
      }
      this.started = host;
      return host;
    })();
    return this.hostStart;
  }

  private async run(program: Program, preview: boolean): Promise<RunResult> {
    if (this.options.processPerRun) await this.startOver();
    const deployment = new Deployment(await this.ensureHost(), preview, this.resources);
    // Outputs of a failed registration reject with nobody listening; without a handler Node exits.
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => void rejections.push(reason);
    process.on("unhandledRejection", onRejection);
    let outputs: Outputs = {};
    try {
      await this.installMocks(deployment);
      try {
        outputs = await settleOutputs(deployment, (await program()) ?? {});
      } catch (e) {
        deployment.errors.push(`program failed: ${messageOf(e)}`);
      }
      await drain();
    } finally {
      process.off("unhandledRejection", onRejection);
    }
    for (const message of new Set(rejections.map(messageOf))) {
      if (!deployment.explains(message)) deployment.errors.push(`unhandled rejection: ${message}`);
    }
    await deployment.deleteUnregistered();
    return deployment.finish(preview ? "preview" : "up", outputs);
  }

  /** Points the Pulumi runtime at mocks that hand every registration to `deployment`. */
  private async installMocks(deployment: Deployment): Promise<void> {
    const { project = "project", stack = "stack" } = this.options;
    const requests: respb.RegisterResourceRequest[] = [];
    const mocks: pulumi.runtime.Mocks = {
      newResource: (args) => this.register(deployment, requests, args),
      call: (args) => {
        throw new Error(`invokes are not supported by the runner (${args.token})`);
      },
    };
    await pulumi.runtime.setMocks(mocks, project, stack, deployment.preview);
    // `newResource` gets no URN, parent or options, so keep each raw request for it to pick up.
    const monitor = settings.getMonitor() as unknown as MockMonitor;
    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
      requests.push(req);
      return registerResource(req, callback);
    };
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, callback) => {
      const component = deployment.preview ? undefined : this.resources.get(req.getUrn());
      if (component) component.outputs = req.getOutputs()?.toJavaScript() ?? {};
      return registerOutputs(req, callback);
    };
    // The engine qualifies a type with its parent's whole type chain; the mock keeps one link.
    monitor.newUrn = (parent, type, name) => {
      const qualified = parent ? `${parent.split("::")[2]}$${type}` : type;
      return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
    };
  }

  private register(
    deployment: Deployment,
    requests: respb.RegisterResourceRequest[],
    args: MockResourceArgs,
  ): Promise<Registered> {
    const index = requests.findIndex((r) => r.getType() === args.type && r.getName() === args.name);
    if (index < 0) {
      const reason = "reading existing resources (get, import) is not supported";
      return Promise.reject(new Error(`${args.type} ${args.name}: ${reason}`));
    }
    const [req] = requests.splice(index, 1) as [respb.RegisterResourceRequest];
    const monitor = settings.getMonitor() as unknown as MockMonitor;
    return deployment.register({
      urn: monitor.newUrn(req.getParent(), req.getType(), req.getName()),
      type: req.getType(),
      name: req.getName(),
      parent: req.getParent(),
      custom: req.getCustom(),
      // The raw request keeps secrets where they are and unknowns as UNKNOWN, as on the wire.
      inputs: req.getObject()?.toJavaScript() ?? {},
      deleteBeforeReplace: req.getDeletebeforereplacedefined()
        ? req.getDeletebeforereplace()
        : undefined,
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      order: ++this.sequence,
    });
  }
}

/** The parts of @pulumi/pulumi's (internal) MockMonitor that the runner wraps. */
interface MockMonitor {
  registerResource(req: respb.RegisterResourceRequest, callback: unknown): unknown;
  registerResourceOutputs(req: respb.RegisterResourceOutputsRequest, callback: unknown): unknown;
  newUrn(parent: string, type: string, name: string): string;
}

/** The internal Output API: `promise()` rejects when a resource fails, where `apply` hangs. */
interface InternalOutput {
  promise(withUnknowns?: boolean): Promise<unknown>;
}

/** Resolves stack outputs to plain values; one that fails is an error unless a step explains it. */
async function settleOutputs(deployment: Deployment, outputs: Outputs): Promise<Outputs> {
  const settled: Outputs = {};
  for (const [key, value] of Object.entries(outputs)) {
    try {
      const output = pulumi.output(value) as unknown as InternalOutput;
      settled[key] = replaceUnknowns(await output.promise(true));
    } catch (e) {
      if (!deployment.explains(messageOf(e))) {
        deployment.errors.push(`output ${key}: ${messageOf(e)}`);
      }
    }
  }
  return settled;
}

function replaceUnknowns(value: unknown): unknown {
  if (isUnknown(value)) return UNKNOWN;
  if (Array.isArray(value)) return value.map(replaceUnknowns);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceUnknowns(v)]));
  }
  return value;
}

/** Waits until the SDK has no RPC in flight, and for the rejections that follow a failure. */
async function drain(): Promise<void> {
  const internal = settings as unknown as { waitForRPCs(): Promise<void> };
  await internal.waitForRPCs();
  // Node reports unobserved rejections once the microtask queue is empty: give it two turns.
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  await internal.waitForRPCs();
}

// The tail of the queue of runs, across all runners.
let turn: Promise<unknown> = Promise.resolve();
function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const result = turn.then(task, task);
  turn = result.catch(() => undefined);
  return result;
}
