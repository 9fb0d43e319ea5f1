import { HostError, type PropertyMap, type ProviderHost } from "./host";
import { annotateSecrets, changedKeys, reveal, sameValue, secret } from "./properties";

/** What happened (or, in a preview, would happen) to one resource. */
export type StepOp = "create" | "update" | "replace" | "delete" | "same" | "refresh";

/** One resource's step. */
export interface Step {
  urn: string;
  type: string;
  name: string;
  op: StepOp;
  /**
   * Top-level input keys whose values changed, sorted, `__provider` ignored: every key for a create,
   * none for a delete, and for a refresh the output keys that drifted.
   */
  changedKeys: string[];
  error?: string;
}

/** The steps of a run (registrations in registration order, then deletions) and stack outputs. */
export interface RunResult {
  steps: Step[];
  /** Resolved stack outputs; in a preview, values not yet known are `UNKNOWN`. */
  outputs: Record<string, unknown>;
}

/**
 * One resource in the state. Values are kept as the engine keeps them: secrets stay wrapped (see
 * `isSecret` and `reveal` in `./properties`).
 */
export interface ResourceState {
  urn: string;
  type: string;
  name: string;
  /** The parent's URN, or "". */
  parent: string;
  /** False for component resources, which have no provider and no id. */
  custom: boolean;
  id: string;
  inputs: PropertyMap;
  outputs: PropertyMap;
  /** Registration sequence number; deletions run in decreasing order. */
  order: number;
  /** Set after a partial failure: the next `up` updates the resource instead of creating it. */
  initErrors?: string[];
  /**
   * Set on a resource that a create-before-delete replacement superseded in a run that then
   * failed: the engine keeps it in the state, marked for deletion, and the next successful run
   * deletes it. It is held under {@link pendingDeletionKey}, beside its replacement's URN.
   */
  pendingDeletion?: true;
}

/** The state key of a resource pending deletion: its URN is its replacement's key already. */
export function pendingDeletionKey(state: ResourceState): string {
  return `${state.urn}#pending-deletion-${state.order}`;
}

/** The key `state` is held under in the state map. */
function keyOf(state: ResourceState): string {
  return state.pendingDeletion ? pendingDeletionKey(state) : state.urn;
}

/** What step generation made of a registration: a component's result, or a resource's plan. */
type Generated = { step: Step; registered: Registered } | { step: Step; plan: Plan };

/** A registration the engine never got to: an earlier Check failed (its error is the message). */
class NotScheduled extends Error {
  constructor(failed: Step) {
    super(failed.error);
  }
}

/** A run that recorded errors; what succeeded is already in the state. */
export class RunError extends Error {
  override readonly name = "RunError";

  constructor(
    readonly operation: string,
    readonly errors: string[],
    readonly result: RunResult,
  ) {
    super(`${operation} failed:\n${errors.map((e) => `  ${e}`).join("\n")}`);
  }
}

/** One registration request, reduced to what the deployment needs. */
export interface Registration {
  urn: string;
  type: string;
  name: string;
  parent: string;
  custom: boolean;
  /** Wire format: secrets wrapped, unknowns as `UNKNOWN`. */
  inputs: PropertyMap;
  /** The `deleteBeforeReplace` resource option, when set. */
  deleteBeforeReplace: boolean | undefined;
  additionalSecretOutputs: string[];
  order: number;
}

/** The result a registration hands back to the SDK: the id and the outputs. */
export interface Registered {
  id: string;
  state: PropertyMap;
}

interface Plan {
  op: "create" | "update" | "replace" | "same";
  inputs: PropertyMap;
  deleteBeforeReplace: boolean;
}

/**
 * One preview, up, refresh or destroy: the engine's step generation and execution for dynamic and
 * component resources, applied to `state` (left untouched in a preview).
 */
export class Deployment {
  readonly errors: string[] = [];
  /** URNs registered in this run. */
  readonly registered = new Set<string>();
  private readonly steps: { step: Step; order: number }[] = [];
  /** Old states replaced create-before-delete, to delete at the end. */
  private readonly replaced: ResourceState[] = [];
  /** The state when the run began. */
  private readonly olds: ReadonlyMap<string, ResourceState>;
  /** Step generation (Check and Diff) runs one registration at a time, as the engine's does. */
  private generation: Promise<unknown> = Promise.resolve();
  /** The first failed step generation (Check, Diff): the engine schedules no new step after it. */
  private halt: Step | undefined;

  constructor(
    private readonly host: ProviderHost,
    readonly preview: boolean,
    private readonly state: Map<string, ResourceState>,
  ) {
    this.olds = new Map(state);
  }

  /**
   * Registers a resource; rejects (after recording the error) when its step fails. After a failed
   * step generation (a Check's failures, a Diff error), later registrations get no step at all
   * and reject with that error.
   */
  async register(reg: Registration): Promise<Registered> {
    const duplicate = this.registered.has(reg.urn);
    this.registered.add(reg.urn);
    const old = this.olds.get(reg.urn);
    const planned = this.serially<Generated>(async () => {
      if (this.halt) throw new NotScheduled(this.halt);
      const step = this.record(reg, old ? "update" : "create", reg.order);
      try {
        if (duplicate) throw new Error(`duplicate resource URN ${reg.urn}`);
        if (!reg.custom) return { step, registered: this.registerComponent(reg, step, old) };
        if (!reg.type.startsWith("pulumi-nodejs:dynamic")) {
          throw new Error(`the runner drives only dynamic and component resources`);
        }
        return { step, plan: await this.plan(reg, step, old) };
      } catch (e) {
        this.fail(step, messageOf(e));
        this.halt = step;
        throw new Error(step.error);
      }
    });
    const generated = await planned;
    if ("registered" in generated) return generated.registered;
    const { step, plan } = generated;
    try {
      return this.preview ? previewResult(plan, old) : await this.execute(reg, plan, old);
    } catch (e) {
      this.fail(step, messageOf(e));
      throw new Error(step.error);
    }
  }

  /** Runs `generate` after every earlier registration's step generation has ended. */
  private serially<T>(generate: () => Promise<T>): Promise<T> {
    const next = this.generation.then(generate);
    this.generation = next.catch(() => undefined);
    return next;
  }

  /**
   * Deletes what the program no longer registers, what was replaced, and what earlier failed runs
   * left pending deletion. After a failed run the engine deletes nothing: it keeps what was
   * replaced in the state, pending deletion, for the next run.
   */
  async deleteUnregistered(): Promise<void> {
    if (this.errors.length > 0) {
      if (!this.preview) {
        for (const old of this.replaced) {
          const pending: ResourceState = { ...old, pendingDeletion: true };
          this.state.set(pendingDeletionKey(pending), pending);
        }
      }
      return;
    }
    const gone = [...this.olds.entries()]
      .filter(([key]) => !this.registered.has(key))
      .map(([, state]) => state);
    await this.deleteAll([...this.replaced, ...gone]);
  }

  /** Deletes every resource in the state. */
  async destroy(): Promise<void> {
    await this.deleteAll([...this.olds.values()]);
  }

  /** Reads every custom resource, concurrently as `pulumi refresh` does, and records the result. */
  async refresh(): Promise<void> {
    const custom = [...this.olds.values()].filter((s) => s.custom);
    await Promise.all(custom.map((old) => this.refreshOne(old)));
  }

  /** True when `message` stems from an error this run already recorded. */
  explains(message: string): boolean {
    return this.steps.some(({ step }) => step.error !== undefined && message.includes(step.error));
  }

  /** The result; throws a {@link RunError} carrying it when anything failed. */
  finish(operation: string, outputs: Record<string, unknown>): RunResult {
    // A stable sort keeps deletions, which share one order, in the order they ran.
    const steps = [...this.steps].sort((a, b) => a.order - b.order).map(({ step }) => step);
    const result = { steps, outputs };
    if (this.errors.length > 0) throw new RunError(operation, this.errors, result);
    return result;
  }

  private registerComponent(reg: Registration, step: Step, old?: ResourceState): Registered {
    step.op = !old ? "create" : sameValue(old.inputs, reg.inputs) ? "same" : "update";
    step.changedKeys = changedKeys(old?.inputs ?? {}, reg.inputs);
    if (!this.preview) this.state.set(reg.urn, stateOf(reg, "", reg.inputs, old?.outputs ?? {}));
    return { id: "", state: reg.inputs };
  }

  /** Check, then Diff against the old outputs: the engine's step generation. */
  private async plan(reg: Registration, step: Step, old?: ResourceState): Promise<Plan> {
    const inputs = await this.check(reg, old ? reveal(old.inputs) : {});
    step.changedKeys = changedKeys(old?.inputs ?? {}, inputs);
    if (!old) return { op: "create", inputs, deleteBeforeReplace: false };
    const oldInputs = reveal(old.inputs);
    const diff = await this.host.diff(
      old.id,
      reg.urn,
      reveal(old.outputs),
      reveal(inputs),
      oldInputs,
    );
    // With no answer from the provider, the engine compares the inputs itself.
    const changes =
      diff.changes !== "unknown" ? diff.changes : sameValue(old.inputs, inputs) ? "none" : "some";
    if (changes === "some" && diff.replaces.length > 0) {
      step.op = "replace";
      // The engine checks again without olds, so that defaults such as generated names are redone.
      const fresh = await this.check(reg, {});
      step.changedKeys = changedKeys(old.inputs, fresh);
      const deleteBeforeReplace = reg.deleteBeforeReplace ?? diff.deleteBeforeReplace;
      return { op: "replace", inputs: fresh, deleteBeforeReplace };
    }
    // A partial failure is completed by an update even when nothing changed.
    step.op = changes === "some" || old.initErrors ? "update" : "same";
    return { op: step.op, inputs, deleteBeforeReplace: false };
  }

  /** Runs Check; returns the checked inputs with the secrecy of the registered inputs restored. */
  private async check(reg: Registration, olds: PropertyMap): Promise<PropertyMap> {
    const { inputs, failures } = await this.host.check(reg.urn, olds, reveal(reg.inputs));
    if (failures.length > 0) {
      const list = failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
      throw new Error(`check failed: ${list}`);
    }
    return annotateSecrets(inputs, reg.inputs) as PropertyMap;
  }

  private async execute(reg: Registration, plan: Plan, old?: ResourceState): Promise<Registered> {
    const { host } = this;
    const { inputs } = plan;
    if (plan.op === "same" && old) {
      this.state.set(reg.urn, stateOf(reg, old.id, inputs, old.outputs));
      return { id: old.id, state: old.outputs };
    }
    if (plan.op === "update" && old) {
      const olds = reveal(old.outputs);
      const update = host.update(old.id, reg.urn, olds, reveal(inputs), reveal(old.inputs));
      return this.save(
        reg,
        inputs,
        update.then(({ outputs }) => ({ id: old.id, outputs })),
      );
    }
    if (plan.op === "replace" && old && plan.deleteBeforeReplace) {
      await host.delete(old.id, reg.urn, reveal(old.outputs));
      this.state.delete(reg.urn);
    }
    try {
      return await this.save(reg, inputs, host.create(reg.urn, reveal(inputs)));
    } finally {
      // Create-before-delete: once a replacement exists, even partially, the old one goes at the end.
      const current = this.state.get(reg.urn);
      const createBeforeDelete = plan.op === "replace" && !plan.deleteBeforeReplace;
      if (createBeforeDelete && old && current && current !== old) this.replaced.push(old);
    }
  }

  /** Records the outcome of a Create or Update, including a partial failure, as the engine does. */
  private async save(
    reg: Registration,
    inputs: PropertyMap,
    call: Promise<{ id: string; outputs: PropertyMap }>,
  ): Promise<Registered> {
    const record = (id: string, outputs: PropertyMap, initErrors?: string[]) => {
      // The host cannot return secrets, so the engine re-marks outputs after the secret inputs.
      const state = annotateSecrets(outputs, inputs) as PropertyMap;
      for (const key of reg.additionalSecretOutputs) {
        if (key in state) state[key] = secret(state[key]);
      }
      this.state.set(reg.urn, stateOf(reg, id, inputs, state, initErrors));
      return { id, state };
    };
    try {
      const { id, outputs } = await call;
      return record(id, outputs);
    } catch (e) {
      const failure = e instanceof HostError ? e.initFailure : undefined;
      if (failure) record(failure.id, failure.properties, failure.reasons);
      throw e;
    }
  }

  /** Deletes in reverse registration order, stopping at the first failure as the engine does. */
  private async deleteAll(doomed: ResourceState[]): Promise<void> {
    for (const old of [...doomed].sort((a, b) => b.order - a.order)) {
      // A replaced resource's deletion belongs to its replace step; anything else gets its own.
      const replaced = this.replaced.includes(old);
      const step = replaced
        ? this.steps.find(({ step }) => step.urn === old.urn)!.step
        : this.record(old, "delete", Number.MAX_SAFE_INTEGER);
      if (this.preview) continue;
      try {
        if (old.custom) await this.host.delete(old.id, old.urn, reveal(old.outputs));
        if (!replaced) this.state.delete(keyOf(old));
      } catch (e) {
        this.fail(step, `delete failed: ${messageOf(e)}`);
        return;
      }
    }
  }

  private async refreshOne(old: ResourceState): Promise<void> {
    const step = this.record(old, "refresh", old.order);
    try {
      const read = await this.host.read(old.id, old.urn, reveal(old.outputs), reveal(old.inputs));
      if (!read.id) {
        step.op = "delete";
        this.state.delete(keyOf(old));
        return;
      }
      // Whatever was secret before stays secret, whether it was an input or an output.
      const outputs = annotateSecrets(annotateSecrets(read.outputs, old.inputs), old.outputs);
      const inputs = read.inputs ? annotateSecrets(read.inputs, old.inputs) : old.inputs;
      step.changedKeys = changedKeys(old.outputs, outputs as PropertyMap);
      this.state.set(keyOf(old), {
        ...old,
        id: read.id,
        inputs: inputs as PropertyMap,
        outputs: outputs as PropertyMap,
      });
    } catch (e) {
      this.fail(step, `read failed: ${messageOf(e)}`);
    }
  }

  private record(res: { urn: string; type: string; name: string }, op: StepOp, order: number) {
    const step: Step = { urn: res.urn, type: res.type, name: res.name, op, changedKeys: [] };
    this.steps.push({ step, order });
    return step;
  }

  private fail(step: Step, error: string): void {
    step.error = error;
    this.errors.push(`${step.urn}: ${error}`);
  }
}

/**
 * What a preview hands back: old outputs for a same, otherwise the checked inputs, whose missing
 * output keys the SDK reads as unknown, as the engine does for a provider without preview support.
 */
function previewResult(plan: Plan, old?: ResourceState): Registered {
  if (plan.op === "same" && old) return { id: old.id, state: old.outputs };
  return { id: plan.op === "update" && old ? old.id : "", state: plan.inputs };
}

function stateOf(
  reg: Registration,
  id: string,
  inputs: PropertyMap,
  outputs: PropertyMap,
  initErrors?: string[],
): ResourceState {
  const { urn, type, name, parent, custom, order } = reg;
  const state = { urn, type, name, parent, custom, id, inputs, outputs, order };
  return initErrors ? { ...state, initErrors } : state;
}

/** The message of an error, or the string form of anything else thrown. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
