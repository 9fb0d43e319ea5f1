import { refuseReservedKeys } from "../config/tag-rules.js";
import type { Call } from "../context.js";
import { AwsError } from "../errors.js";
import { type QueryParams, stringList, structList } from "../protocols/query.js";
import { el, memberList, type XmlNode } from "../protocols/xml.js";
import type { Violations } from "../validation.js";
import { checkRoleName, findForListing, mustFind, pagedList, validation } from "./common.js";

/** IAM quota: tags per role. */
export const MAX_TAGS_PER_ROLE = 50;

const TAG_KEY = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+";
const TAG_VALUE = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*";

/** Reads `Tags.member.N.Key/Value`, checking them as IAM's model does. */
export function readTags(v: Violations, params: QueryParams): [string, string][] | undefined {
  const tags = structList(params, "Tags");
  if (tags === undefined) return undefined;
  v.count(tags, "tags", 0, MAX_TAGS_PER_ROLE);
  tags.forEach((t, i) => {
    const at = `tags.${i + 1}.member`;
    if (v.required(t.Key, `${at}.key`)) {
      v.length(t.Key, `${at}.key`, 1, 128);
      v.pattern(t.Key, `${at}.key`, TAG_KEY);
    }
    if (v.required(t.Value, `${at}.value`)) {
      v.length(t.Value, `${at}.value`, 0, 256);
      v.pattern(t.Value, `${at}.value`, TAG_VALUE);
    }
  });
  return tags.map((t) => [t.Key ?? "", t.Value ?? ""]);
}

/**
 * The service's own tag rules: no reserved `aws:` keys, and no key twice — IAM compares tag keys
 * without letter case.
 */
export function checkTagRules(tags: readonly [string, string][]): void {
  refuseReservedKeys(
    tags.map(([k]) => k),
    "InvalidInput",
  );
  const seen = new Set<string>();
  for (const [key] of tags) {
    const lower = key.toLowerCase();
    if (seen.has(lower))
      throw new AwsError(
        "InvalidInput",
        "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
      );
    seen.add(lower);
  }
}

/** Tags as IAM lists them. */
export function tagsXml(tags: readonly [string, string][]): XmlNode {
  return memberList("Tags", tags, ([k, val]) => [el("Key", k), el("Value", val)]);
}

/** TagRole: adds or overwrites (keys compared without letter case). */
export function tagRole(params: QueryParams, call: Call): XmlNode {
  const v = validation();
  checkRoleName(v, params.get("RoleName"));
  const tags = readTags(v, params);
  v.required(tags, "tags");
  v.throwIfAny();
  checkTagRules(tags!);
  const role = mustFind(call, params.get("RoleName")!);
  const next = new Map(role.tags);
  for (const [key, value] of tags!) {
    for (const existing of next.keys())
      if (existing.toLowerCase() === key.toLowerCase()) next.delete(existing);
    next.set(key, value);
  }
  if (next.size > MAX_TAGS_PER_ROLE)
    throw new AwsError(
      "LimitExceeded",
      `Cannot exceed quota for TagsPerRole: ${MAX_TAGS_PER_ROLE}`,
      409,
    );
  role.tags.clear();
  for (const [k, val] of next) role.tags.set(k, val);
  return undefined;
}

/** UntagRole: absent keys are ignored. */
export function untagRole(params: QueryParams, call: Call): XmlNode {
  const v = validation();
  checkRoleName(v, params.get("RoleName"));
  const keys = stringList(params, "TagKeys");
  if (v.required(keys, "tagKeys")) {
    v.count(keys, "tagKeys", 0, MAX_TAGS_PER_ROLE);
    v.members(keys, "tagKeys", { max: 128, min: 1, pattern: TAG_KEY });
  }
  v.throwIfAny();
  const role = mustFind(call, params.get("RoleName")!);
  const drop = new Set(keys!.map((k) => k.toLowerCase()));
  for (const key of [...role.tags.keys()]) if (drop.has(key.toLowerCase())) role.tags.delete(key);
  return undefined;
}

/** ListRoleTags, with `Marker`/`MaxItems` paging. */
export function listRoleTags(params: QueryParams, call: Call): XmlNode {
  const role = findForListing(params, call);
  return pagedList(params, [...role.tags], "Tags", ([k, val]) => [el("Key", k), el("Value", val)]);
}
