/**
 * Bringing the tags of a resource that exists to the desired ones, for every resource type. The
 * resource exists at this point, so a failure is a partial failure: Pulumi records the resource with what is known of it, and the
 * next `pulumi up` finishes the job.
 *
 * A recorded state without `tags` means "tags not known" (a read of them failed, or a write's
 * response was lost): such a state always diffs as changed, and the next reconciliation reads the
 * real tags first, so tags this stack does not want are removed rather than kept.
 */
import { CONFIRM_ABSENCE_DELAYS_MS } from "../aws/consistency";
import { errorCode, type CallContext } from "../aws/errors";
import { retryAfterDelays } from "../aws/retry";
import type { AssumeRoleSpec } from "../inputs/placement";
import { PartialFailureError, type ResourceRef } from "../state";
import { applyTagDelta, configTagWriter, listTags, TagUpdateError, type TagWriter } from "./api";
import { tagDelta, type Tags } from "./values";

/** The recorded state of a taggable resource. */
export interface TaggableState {
  readonly arn: string;
  readonly accountId: string;
  readonly region: string;
  readonly assumeRole?: AssumeRoleSpec;
  readonly tags: Tags;
}

/**
 * Brings the tags from `current` to `desired` with the untag and tag calls of `writer` (AWS
 * Config's by default) as needed; returns the state with the tags the resource now has. When
 * `current` is undefined (not known), the tags are read first, through AWS Config's
 * ListTagsForResource: pass `current` for resources of other services.
 */
export async function reconcileTags<S extends TaggableState>(
  state: S,
  ref: ResourceRef,
  current: Tags | undefined,
  desired: Tags | undefined,
  writer?: TagWriter,
): Promise<S> {
  const context = {
    resource: ref.description,
    placement: { region: state.region, assumeRole: state.assumeRole },
    accountId: state.accountId,
  };
  let known = current;
  try {
    known ??= await listTagsAfterWrite(context, state.arn);
    const calls = writer ?? configTagWriter(context, state.arn);
    const tags = await applyTagDelta(context, calls, known, tagDelta(known, desired));
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
  return retryAfterDelays(
    CONFIRM_ABSENCE_DELAYS_MS,
    () => listTags(context, arn),
    (outcome) => !outcome.ok && errorCode(outcome.error) === "ResourceNotFoundException",
  );
}
