/**
 * Bringing the tags of a resource that exists to the desired ones, for every resource type. The
 * resource exists at this point, so a failure is a partial failure: Pulumi records the resource
 * with the tags it really has, and the next `pulumi up` finishes the job.
 */
import { PartialFailureError } from "./errors";
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
 * Takes over the tags of a resource that existed before this stack adopted it: Put ignores tags
 * on a resource that exists, so they are read and reconciled apart. The adopting Put has already
 * changed the resource, so a failure of either step is a partial failure.
 */
export async function adoptTags<S extends TaggableState>(
  state: S,
  ref: ResourceRef,
  desired: Tags | undefined,
): Promise<S> {
  let current: Tags;
  try {
    current = await listTags(
      {
        resource: ref.description,
        placement: { region: state.region, assumeRole: state.assumeRole },
        accountId: state.accountId,
      },
      state.arn,
    );
  } catch (error) {
    throw new PartialFailureError(ref.id, { ...ref.inputs, ...state, tags: {} }, error as Error);
  }
  return reconcileTags(state, ref, current, desired);
}

/** Untags and tags as needed; returns the state with the tags the resource now has. */
export async function reconcileTags<S extends TaggableState>(
  state: S,
  ref: ResourceRef,
  current: Tags,
  desired: Tags | undefined,
): Promise<S> {
  try {
    const context = {
      resource: ref.description,
      placement: { region: state.region, assumeRole: state.assumeRole },
      accountId: state.accountId,
    };
    const writer = configTagWriter(context, state.arn);
    const tags = await applyTagDelta(context, writer, current, tagDelta(current, desired));
    return { ...state, tags };
  } catch (error) {
    const tagsNow = error instanceof TagUpdateError ? error.tagsNow : current;
    throw new PartialFailureError(
      ref.id,
      { ...ref.inputs, ...state, tags: tagsNow },
      error as Error,
    );
  }
}
