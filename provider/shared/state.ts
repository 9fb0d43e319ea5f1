/**
 * What the engine records, for every resource type: outputs built from inputs (which fields AWS
 * computes, and which the program decides), and the record of a resource that exists after a step
 * failed part-way, or after a read.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ensureFoundInOwnAccount, ensureOwnAccount } from "./aws/identity";
import { placementOf, type AssumeRoleSpec } from "./inputs/placement";

/**
 * The state after an update: the computed fields of the old state, then the new inputs. Nothing
 * else of the old state survives, so an input the program dropped (an `assumeRole`, say) is gone
 * from the outputs too, instead of lingering there — unencrypted, once no input of that name is
 * secret — and showing as a change on every run.
 */
export function carryComputed<S extends object>(
  olds: S,
  computed: readonly (keyof S)[],
  news: object,
): S {
  const kept = Object.fromEntries(
    computed.filter((key) => olds[key] !== undefined).map((key) => [key, olds[key]]),
  );
  return { ...kept, ...news } as S;
}

/** The inputs a refreshed state implies (the state without its computed fields), so drift shows in the next diff. */
export function inputsOf<S extends object, I>(state: S, computed: readonly (keyof S)[]): I {
  return Object.fromEntries(
    Object.entries(state).filter(([key]) => !(computed as readonly PropertyKey[]).includes(key)),
  ) as I;
}

/**
 * A failure after the resource exists. Pulumi's dynamic-provider host turns an error carrying `id`
 * and `properties` into a partial-failure result, so the engine records the resource and the next
 * `pulumi up` completes it through update instead of losing track of it.
 */
export class PartialFailureError extends Error {
  /** The ID of the resource that now exists. */
  readonly id: string;
  /** Its properties as they are, `__provider` included, so that later steps can load the provider. */
  readonly properties: object;
  /** Why the operation did not complete. */
  readonly reasons: string[];

  constructor(id: string, properties: object, cause: Error) {
    super(
      `${cause.message} (the resource exists and has been recorded; run \`pulumi up\` again to finish)`,
    );
    this.name = "PartialFailureError";
    this.id = id;
    this.properties = properties;
    this.reasons = [cause.message];
  }
}

/** Which resource, for messages and for the partial-failure record. */
export interface ResourceRef {
  /** The Pulumi ID. */
  readonly id: string;
  /** The resource in words, e.g. `aggregator "org"`. */
  readonly description: string;
  /** The inputs of the operation, `__provider` included, recorded on a partial failure. */
  readonly inputs: object;
}

/**
 * After a create's Put failed, always throws: when the resource exists anyway (the Put was carried
 * out and its response lost, say), a partial failure recording it with tags not known, so the next
 * `pulumi up` updates it instead of finding a resource "this stack did not create"; otherwise the
 * Put's own error.
 */
export async function rethrowRecordingIfWritten<Found>(
  putError: unknown,
  ref: ResourceRef,
  lookUp: () => Promise<Found | undefined>,
  stateOf: (found: Found) => object,
): Promise<never> {
  const found = await lookUp().catch(() => undefined);
  if (found === undefined) throw putError;
  // Tags are left out, not set to undefined: the host's protobuf encoding refuses undefined.
  const { tags: _unknown, ...recorded } = { ...ref.inputs, ...stateOf(found) } as Record<
    string,
    unknown
  >;
  throw new PartialFailureError(ref.id, recorded, putError as Error);
}

/** What a `read` found, and how it becomes the refreshed state, for {@link readResult}. */
export interface ReadBack<Found, S> {
  /** What the lookup found, or undefined when it found nothing. */
  readonly found: Found | undefined;
  /** The ARN of what was found: its account says whether it is this resource. */
  readonly arnOf: (found: Found) => string;
  /** The refreshed state of what was found (reading its tags, say). */
  readonly refresh: (found: Found, arn: string) => Promise<S>;
  /** The outputs AWS computes, left out of the inputs the read reports. */
  readonly computed: readonly (keyof S)[];
}

/**
 * The end of every `read`. Nothing found means gone — once the credentials are known to act in
 * the resource's account, since in another account "not found" says nothing about it. Something
 * found in another account is a namesake, and refused. Otherwise the refreshed state, with as
 * inputs that state without its computed fields, so that drift shows in the next diff
 * (`ReadResult` types `inputs` as the outputs type; the host forwards them as the new inputs).
 */
export async function readResult<
  Found,
  S extends {
    readonly region: string;
    readonly assumeRole?: AssumeRoleSpec;
    readonly accountId?: string;
  },
>(
  id: string,
  recorded: S,
  description: string,
  back: ReadBack<Found, S>,
): Promise<pulumi.dynamic.ReadResult<S>> {
  if (back.found === undefined) {
    await ensureOwnAccount(placementOf(recorded), recorded.accountId, description);
    return {};
  }
  const arn = back.arnOf(back.found);
  ensureFoundInOwnAccount(arn, recorded.accountId, description);
  const refreshed = await back.refresh(back.found, arn);
  return { id, props: refreshed, inputs: inputsOf<S, S>(refreshed, back.computed) };
}
