import type { Call } from "../context.js";
import { AwsError } from "../errors.js";
import { configPageSize, configResumeAfter, page } from "../pagination.js";
import { s } from "../protocols/shapes.js";
import { Violations } from "../validation.js";
import { type ConfigResource, isVisible, type Tag } from "./store.js";
import {
  applyTags,
  checkTagKeyList,
  checkTagList,
  MAX_TAGS,
  refuseReservedKeys,
  removeTags,
  type TagInput,
} from "./tag-rules.js";

/** Input shape of TagResource. */
export const tagResourceShape = s.struct({
  ResourceArn: s.string,
  Tags: s.list(s.struct({ Key: s.string, Value: s.string })),
});

/** Input shape of UntagResource. */
export const untagResourceShape = s.struct({ ResourceArn: s.string, TagKeys: s.list(s.string) });

/** Input shape of ListTagsForResource. */
export const listTagsShape = s.struct({
  ResourceArn: s.string,
  Limit: s.integer,
  NextToken: s.string,
});

function checkArn(v: Violations, arn: string | undefined): void {
  if (v.required(arn, "resourceArn")) v.length(arn, "resourceArn", 1, 1000);
}

/**
 * The Config resource an ARN names in the caller's account and region, or
 * `ResourceNotFoundException`. Resources of other accounts or regions are not found, as in AWS.
 */
export function findResource(call: Call, arn: string, honourWindow = false): ConfigResource {
  const resource = call.world.config.region(call.account, call.region).byArn.get(arn);
  const windowMs = honourWindow ? call.world.faults.consistencyWindowMs : 0;
  if (resource === undefined || !isVisible(resource, call.now, windowMs))
    throw new AwsError(
      "ResourceNotFoundException",
      `You have specified a resource that does not exist: ${arn}`,
    );
  return resource;
}

/** TagResource: adds or overwrites tags; other tags stay. */
export function tagResource(
  input: { readonly ResourceArn?: string; readonly Tags?: TagInput[] },
  call: Call,
): undefined {
  const v = new Violations();
  checkArn(v, input.ResourceArn);
  if (v.required(input.Tags, "tags")) checkTagList(v, input.Tags, "tags", 1);
  v.throwIfAny();
  const tags = input.Tags!.map((t) => [t.Key!, t.Value!] as const);
  refuseReservedKeys(tags.map(([k]) => k));
  applyTags(findResource(call, input.ResourceArn!), tags);
  return undefined;
}

/** UntagResource: removes tags by key; absent keys are ignored. */
export function untagResource(
  input: { readonly ResourceArn?: string; readonly TagKeys?: string[] },
  call: Call,
): undefined {
  const v = new Violations();
  checkArn(v, input.ResourceArn);
  if (v.required(input.TagKeys, "tagKeys")) checkTagKeyList(v, input.TagKeys, "tagKeys");
  v.throwIfAny();
  refuseReservedKeys(input.TagKeys!);
  removeTags(findResource(call, input.ResourceArn!), input.TagKeys!);
  return undefined;
}

/**
 * ListTagsForResource. Its documentation caps `Limit` at 50 (the model says 100; the docs win,
 * since a resource cannot hold more than 50 tags anyway).
 */
export function listTagsForResource(
  input: { readonly ResourceArn?: string; readonly Limit?: number; readonly NextToken?: string },
  call: Call,
): unknown {
  const v = new Violations();
  checkArn(v, input.ResourceArn);
  v.throwIfAny();
  const size = configPageSize(input.Limit, MAX_TAGS);
  const scope = `ListTagsForResource|${call.account}|${call.region}|${input.ResourceArn!}`;
  const after = configResumeAfter(input.NextToken, scope);
  const resource = findResource(call, input.ResourceArn!, true);
  const numbered = [...resource.tags].map(([Key, Value], i) => ({ tag: { Key, Value }, n: i + 1 }));
  const result = page(numbered, (t) => t.n, after, size, scope, call.now);
  const tags: Tag[] = result.items.map((t) => t.tag);
  return { Tags: tags, ...(result.next === undefined ? {} : { NextToken: result.next }) };
}
