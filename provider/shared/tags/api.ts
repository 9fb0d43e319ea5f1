/**
 * The calls that read and write tags, for every Config resource. Put* applies tags only when it
 * creates a resource, so every later tag change is a separate UntagResource / TagResource step;
 * refresh reads tags in bulk through the Tagging API.
 */
import {
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-config-service";
import { TagRoleCommand, UntagRoleCommand } from "@aws-sdk/client-iam";
import { GetResourcesCommand } from "@aws-sdk/client-resource-groups-tagging-api";
import { BatcherPool } from "../aws/batch";
import { configClient, iamClient, placementKey, taggingClient } from "../aws/clients";
import { awsCall, type CallContext } from "../aws/errors";
import { fromTagList, toTagList, type TagDelta } from "./values";
import type { Placement } from "../inputs/placement";
import type { Tags } from "./values";

/** Most ARNs one GetResources call may name. */
export const GET_RESOURCES_ARN_LIMIT = 100;

/** A tag step that failed part-way, with the tags the resource has now. */
export class TagUpdateError extends Error {
  /** The user tags after the steps that did succeed. */
  readonly tagsNow: Tags;

  constructor(cause: Error, tagsNow: Tags) {
    super(cause.message);
    this.name = "TagUpdateError";
    this.tagsNow = tagsNow;
  }
}

/** The two calls that change tags, for one resource in one API. */
export interface TagWriter {
  /** The operation names, for error messages: e.g. `UntagResource` / `TagResource`. */
  readonly untagOperation: string;
  readonly tagOperation: string;
  untag(keys: string[]): Promise<unknown>;
  tag(tags: Tags): Promise<unknown>;
}

/** The tag calls of AWS Config for the resource `arn`. */
export function configTagWriter(context: Omit<CallContext, "operation">, arn: string): TagWriter {
  const client = configClient(context.placement);
  return {
    untagOperation: "UntagResource",
    tagOperation: "TagResource",
    untag: (keys) => client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: keys })),
    tag: (tags) => client.send(new TagResourceCommand({ ResourceArn: arn, Tags: toTagList(tags) })),
  };
}

/** The tag calls of IAM for the role named `roleName` (IAM addresses roles by name). */
export function iamRoleTagWriter(placement: Placement, roleName: string): TagWriter {
  const client = iamClient(placement);
  return {
    untagOperation: "UntagRole",
    tagOperation: "TagRole",
    untag: (keys) => client.send(new UntagRoleCommand({ RoleName: roleName, TagKeys: keys })),
    tag: (tags) => client.send(new TagRoleCommand({ RoleName: roleName, Tags: toTagList(tags) })),
  };
}

/**
 * Applies a tag delta to a resource whose user tags are `current`: the untag call for removed
 * keys, then the tag call for added or changed ones, each only when it has something to do.
 * Returns the tags the resource has afterwards; on failure throws {@link TagUpdateError} saying
 * what the tags are after the steps that succeeded.
 */
export async function applyTagDelta(
  context: Omit<CallContext, "operation">,
  writer: TagWriter,
  current: Tags,
  delta: TagDelta,
): Promise<Tags> {
  let tags = { ...current };
  try {
    if (delta.removeKeys.length > 0) {
      await awsCall({ ...context, operation: writer.untagOperation }, () =>
        writer.untag(delta.removeKeys),
      );
      tags = Object.fromEntries(
        Object.entries(tags).filter(([key]) => !delta.removeKeys.includes(key)),
      );
    }
    if (Object.keys(delta.set).length > 0) {
      await awsCall({ ...context, operation: writer.tagOperation }, () => writer.tag(delta.set));
      tags = { ...tags, ...delta.set };
    }
  } catch (error) {
    throw new TagUpdateError(error as Error, tags);
  }
  return tags;
}

/** The user tags of one resource through ListTagsForResource, all pages. */
export async function listTags(
  context: Omit<CallContext, "operation">,
  arn: string,
): Promise<Tags> {
  const client = configClient(context.placement);
  const tags: Tags = {};
  let nextToken: string | undefined;
  do {
    const page = await awsCall({ ...context, operation: "ListTagsForResource" }, () =>
      client.send(new ListTagsForResourceCommand({ ResourceArn: arn, NextToken: nextToken })),
    );
    Object.assign(tags, fromTagList(page.Tags));
    nextToken = page.NextToken;
  } while (nextToken);
  return tags;
}

interface TagRead {
  readonly arn: string;
  readonly placement: Placement;
  readonly resource: string;
}

const tagReaders = new BatcherPool<TagRead, Tags>(() => readTagBatch);

/**
 * The user tags of a resource, read together with the other reads of the same account and region
 * that arrive at the same time: one GetResources per hundred ARNs, then ListTagsForResource for
 * any ARN GetResources leaves out (it omits untagged resources).
 */
export function readTags(placement: Placement, arn: string, resource: string): Promise<Tags> {
  return tagReaders.for(placementKey(placement)).request({ arn, placement, resource });
}

async function readTagBatch(reads: TagRead[]): Promise<Tags[]> {
  const first = reads[0];
  if (!first) return [];
  const arns = [...new Set(reads.map((read) => read.arn))];
  const found = new Map<string, Tags>();
  const chunks: string[][] = [];
  for (let i = 0; i < arns.length; i += GET_RESOURCES_ARN_LIMIT)
    chunks.push(arns.slice(i, i + GET_RESOURCES_ARN_LIMIT));
  const context = {
    placement: first.placement,
    resource: `the tags of ${arns.length} resource(s)`,
    operation: "GetResources",
  };
  await Promise.all(
    chunks.map(async (chunk) => {
      const page = await awsCall(context, () =>
        taggingClient(first.placement).send(new GetResourcesCommand({ ResourceARNList: chunk })),
      );
      for (const mapping of page.ResourceTagMappingList ?? []) {
        if (mapping.ResourceARN) found.set(mapping.ResourceARN, fromTagList(mapping.Tags));
      }
    }),
  );
  const missing = arns.filter((arn) => !found.has(arn));
  await Promise.all(
    missing.map(async (arn) => {
      const read = reads.find((r) => r.arn === arn) as TagRead;
      found.set(arn, await listTags({ placement: read.placement, resource: read.resource }, arn));
    }),
  );
  return reads.map((read) => found.get(read.arn) ?? {});
}
