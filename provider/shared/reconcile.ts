/**
 * Bringing the tags of a resource that exists to the desired ones, for every resource type, and
 * recording a resource that exists after a failed write. The resource exists at these points, so
 * a failure is a partial failure: Pulumi records the resource with what is known of it, and the
 * next `pulumi up` finishes the job.
 *
 * A recorded state without `tags` means "tags not known" (a read of them failed, or a write's
 * response was lost): such a state always diffs as changed, and the next reconciliation reads the
 * real tags first, so tags this stack does not want are removed rather than kept.
 */
import { CONFIRM_ABSENCE_DELAYS_MS } from "./consistency";
import { errorCode, PartialFailureError, type CallContext } from "./errors";
import { applyTagDelta, configTagWriter, listTags, TagUpdateError } from "./tag-api";
import { tagDelta } from "./tags";
import type { AssumeRoleSpec, Tags } from "./types";

/** The recorded state of a taggable Config resource. */
export interface TaggableState {
  readonly arn: string;
  readonly accountId: string;
  readonly region: string;
  readonly assumeRole?: AssumeRoleSpec;
  readonly tags: Tags;
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
 * Brings the tags from `current` (read from AWS first when undefined, i.e. not known) to
 * `desired` with Untag/Tag as needed; returns the state with the tags the resource now has.
 */
export async function reconcileTags<S extends TaggableState>(
  state: S,
  ref: ResourceRef,
  current: Tags | undefined,
  desired: Tags | undefined,
): Promise<S> {
  const context = {
    resource: ref.description,
    placement: { region: state.region, assumeRole: state.assumeRole },
    accountId: state.accountId,
  };
  let known = current;
  try {
    known ??= await listTagsAfterWrite(context, state.arn);
    const writer = configTagWriter(context, state.arn);
    const tags = await applyTagDelta(context, writer, known, tagDelta(known, desired));
    return { ...state, tags };
  } catch (error) {
    const tagsNow = error instanceof TagUpdateError ? error.tagsNow : known;
    throw new PartialFailureError(
      ref.id,
      withTags({ ...ref.inputs, ...state }, tagsNow),
      error as Error,
    );
  }
}

/**
 * After a create's Put failed: when the resource exists anyway (the Put was carried out and its
 * response lost, say), throws a partial failure recording it with tags not known, so the next
 * `pulumi up` updates it instead of finding a resource "this stack did not create". Otherwise
 * rethrows the Put's error.
 */
export async function recordIfWritten<Found>(
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

/**
 * A partial-failure record with the tags as known. Tags not known are left out rather than set to
 * undefined, which the host's protobuf encoding refuses (it would never answer).
 */
function withTags(properties: object, tags: Tags | undefined): object {
  const { tags: _previous, ...rest } = properties as Record<string, unknown>;
  return tags === undefined ? rest : { ...rest, tags };
}

/**
 * The tags of a resource this process has just written. Right after a write AWS Config may not
 * list it yet (ResourceNotFoundException), so that answer is retried after the same short pauses
 * that reads use before calling a resource gone.
 */
async function listTagsAfterWrite(
  context: Omit<CallContext, "operation">,
  arn: string,
): Promise<Tags> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await listTags(context, arn);
    } catch (error) {
      const delay = CONFIRM_ABSENCE_DELAYS_MS[attempt];
      if (errorCode(error) !== "ResourceNotFoundException" || delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
