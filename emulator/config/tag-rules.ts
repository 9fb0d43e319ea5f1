import { AwsError } from "../errors.js";
import type { Violations } from "../validation.js";
import type { Taggable } from "./store.js";

/** At most this many tags per resource (AWS Config quota, not adjustable). */
export const MAX_TAGS = 50;

/**
 * Characters AWS allows in tag keys and values: Unicode letters, separators (spaces), digits and
 * `_ . : / = + - @`. The Config model carries no pattern, so this is the pattern other AWS models
 * use for the same documented rule, and violations are reported in the same form as model ones.
 */
export const TAG_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*";

/** A tag as received; the Config model marks neither member required. */
export interface TagInput {
  readonly Key?: string;
  readonly Value?: string;
}

/** Checks a tag list's size and each tag's key and value. */
export function checkTagList(
  v: Violations,
  tags: readonly TagInput[] | undefined,
  path: string,
  min: number,
): void {
  if (tags === undefined) return;
  v.count(tags, path, min, MAX_TAGS);
  tags.forEach((tag, i) => {
    const at = `${path}.${i + 1}.member`;
    // Docs: "value may be empty but not null"; a tag without a key cannot be stored either.
    if (v.required(tag.Key, `${at}.key`)) checkTagKey(v, tag.Key, `${at}.key`);
    if (v.required(tag.Value, `${at}.value`)) {
      v.length(tag.Value, `${at}.value`, 0, 256);
      v.pattern(tag.Value, `${at}.value`, TAG_PATTERN);
    }
  });
}

/** Checks one tag key's length and characters. */
export function checkTagKey(v: Violations, key: string, path: string): void {
  v.length(key, path, 1, 128);
  v.pattern(key, path, TAG_PATTERN);
}

/** Checks a list of tag keys (UntagResource). */
export function checkTagKeyList(
  v: Violations,
  keys: readonly string[] | undefined,
  path: string,
): void {
  if (keys === undefined) return;
  v.count(keys, path, 1, MAX_TAGS);
  v.members(keys, path, { max: 128, min: 1, pattern: TAG_PATTERN });
}

/**
 * Refuses keys with the reserved `aws:` prefix (in any letter case), which AWS keeps for its own
 * tags.
 */
export function refuseReservedKeys(keys: Iterable<string>, code = "ValidationException"): void {
  for (const key of keys) {
    if (key.toLowerCase().startsWith("aws:"))
      throw new AwsError(
        code,
        `Tag key '${key}' is not allowed: the 'aws:' prefix is reserved for use by AWS.`,
      );
  }
}

/**
 * Adds or overwrites tags, all or nothing: when the result would exceed {@link MAX_TAGS} nothing
 * changes and `TooManyTagsException` is thrown.
 */
export function applyTags(resource: Taggable, tags: Iterable<readonly [string, string]>): void {
  const entries = [...tags];
  const added = new Set(entries.map(([k]) => k).filter((k) => !resource.tags.has(k)));
  const total = resource.tags.size + added.size;
  if (total > MAX_TAGS)
    throw new AwsError(
      "TooManyTagsException",
      `You have reached the limit of the number of tags you can use: the resource would have ${total} tags; at most ${MAX_TAGS} are allowed.`,
    );
  for (const [k, val] of entries) resource.tags.set(k, val);
  if (entries.length > 0) resource.everTagged = true;
}

/** Removes tags by key; keys that are not present are ignored. */
export function removeTags(resource: Taggable, keys: Iterable<string>): void {
  for (const key of keys) resource.tags.delete(key);
}
