/**
 * Tags, written once for both resources. Put* applies tags only when it creates a resource, so
 * every later tag change is a separate UntagResource / TagResource step. Tags with the reserved
 * `aws:` prefix belong to AWS: they are never shown as user tags and never touched.
 */
import {
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type Tag,
} from "@aws-sdk/client-config-service";
import { GetResourcesCommand } from "@aws-sdk/client-resource-groups-tagging-api";
import { BatcherPool } from "./batch";
import { configClient, placementKey, taggingClient } from "./clients";
import { awsCall, type CallContext } from "./errors";
import type { Placement, Tags } from "./types";

/** Most ARNs one GetResources call may name. */
export const GET_RESOURCES_ARN_LIMIT = 100;

/** True for keys AWS reserves for itself. */
export function isAwsTagKey(key: string): boolean {
  return key.toLowerCase().startsWith("aws:");
}

/** The user tags among `tags`, dropping `aws:` keys. */
export function userTags(tags: Tags | undefined): Tags {
  return Object.fromEntries(Object.entries(tags ?? {}).filter(([key]) => !isAwsTagKey(key)));
}

/** A tag map as the Config API's tag list. */
export function toTagList(tags: Tags | undefined): Tag[] {
  return Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
}

/** A tag list from AWS as a map of user tags. */
export function fromTagList(list: readonly { Key?: string; Value?: string }[] | undefined): Tags {
  // fromEntries defines own properties, so even a key such as "__proto__" stays a plain tag.
  const entries = (list ?? []).flatMap(({ Key, Value }) =>
    Key === undefined ? [] : [[Key, Value ?? ""]],
  );
  return userTags(Object.fromEntries(entries) as Tags);
}

/** What it takes to go from `current` to `desired` user tags. */
export interface TagDelta {
  /** Keys to remove with UntagResource. */
  readonly removeKeys: string[];
  /** Tags to add or change with TagResource. */
  readonly set: Tags;
}

/** The smallest change from `current` to `desired`, leaving `aws:` keys alone. */
export function tagDelta(current: Tags | undefined, desired: Tags | undefined): TagDelta {
  const have = userTags(current);
  const want = userTags(desired);
  return {
    removeKeys: Object.keys(have).filter((key) => !Object.hasOwn(want, key)),
    set: Object.fromEntries(Object.entries(want).filter(([key, value]) => have[key] !== value)),
  };
}

/** True when the delta changes nothing. */
export function isEmptyDelta(delta: TagDelta): boolean {
  return delta.removeKeys.length === 0 && Object.keys(delta.set).length === 0;
}

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

/**
 * Applies a tag delta to a resource whose user tags are `current`: UntagResource for removed
 * keys, then TagResource for added or changed ones, each only when it has something to do.
 * Returns the tags the resource has afterwards; on failure throws {@link TagUpdateError} saying
 * what the tags are after the steps that succeeded.
 */
export async function applyTagDelta(
  context: Omit<CallContext, "operation">,
  arn: string,
  current: Tags,
  delta: TagDelta,
): Promise<Tags> {
  const client = configClient(context.placement);
  let tags = { ...current };
  try {
    if (delta.removeKeys.length > 0) {
      await awsCall({ ...context, operation: "UntagResource" }, () =>
        client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: delta.removeKeys })),
      );
      tags = Object.fromEntries(
        Object.entries(tags).filter(([key]) => !delta.removeKeys.includes(key)),
      );
    }
    if (Object.keys(delta.set).length > 0) {
      await awsCall({ ...context, operation: "TagResource" }, () =>
        client.send(new TagResourceCommand({ ResourceArn: arn, Tags: toTagList(delta.set) })),
      );
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
