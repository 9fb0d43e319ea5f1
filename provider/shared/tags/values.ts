/**
 * Tags as values, written once for every resource: user tags versus AWS's, conversions, and the
 * smallest change between two tag sets. Tags with the reserved `aws:` prefix belong to AWS: they
 * are never shown as user tags and never touched. (The calls that apply tags are in api.ts.)
 */

/** User tags as a map. */
export type Tags = Record<string, string>;

/** True for keys AWS reserves for itself. */
export function isAwsTagKey(key: string): boolean {
  return key.toLowerCase().startsWith("aws:");
}

/** The user tags among `tags`, dropping `aws:` keys. */
export function userTags(tags: Tags | undefined): Tags {
  return Object.fromEntries(Object.entries(tags ?? {}).filter(([key]) => !isAwsTagKey(key)));
}

/** A tag map as the tag list of the Config and IAM APIs. */
export function toTagList(tags: Tags | undefined): { Key: string; Value: string }[] {
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
