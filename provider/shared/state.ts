/**
 * What the engine records, for every resource type: outputs built from inputs (which fields AWS
 * computes, and which the program decides), and the record of a resource that exists after a step
 * failed part-way.
 */

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
