import type { Call } from "../context.js";
import { AwsError } from "../errors.js";
import { integerParam, type QueryParams } from "../protocols/query.js";
import { el, memberList, type XmlNode } from "../protocols/xml.js";
import { Violations } from "../validation.js";
import type { RoleRecord } from "./store.js";

/** IAM reports model-constraint violations as `ValidationError`. */
export function validation(): Violations {
  return new Violations("ValidationError");
}

/** `RoleName`: 1..64 characters of `[\w+=,.@-]`. */
export function checkRoleName(v: Violations, name: string | undefined): void {
  if (!v.required(name, "roleName")) return;
  v.length(name, "roleName", 1, 64);
  v.pattern(name, "roleName", "[\\w+=,.@-]+");
}

/** The caller's role of that name (any letter case), or `NoSuchEntity` (404). */
export function mustFind(call: Call, name: string): RoleRecord {
  const role = call.world.iam.find(call.account, name);
  if (role === undefined)
    throw new AwsError("NoSuchEntity", `The role with name ${name} cannot be found.`, 404);
  return role;
}

/** Checks `RoleName` and the paging parameters of a List operation, then finds the role. */
export function findForListing(params: QueryParams, call: Call): RoleRecord {
  const v = validation();
  checkRoleName(v, params.get("RoleName"));
  const maxItems = integerParam(params, "MaxItems", "maxItems");
  v.range(maxItems, "maxItems", 1, 1000);
  const marker = params.get("Marker");
  if (marker !== undefined) {
    v.length(marker, "marker", 1, 320);
    v.pattern(marker, "marker", "[\\u0020-\\u00FF]+");
  }
  const prefix = params.get("PathPrefix");
  if (prefix !== undefined) {
    v.length(prefix, "pathPrefix", 1, 512);
    v.pattern(prefix, "pathPrefix", "\\u002F[\\u0021-\\u007F]*");
  }
  v.throwIfAny();
  return mustFind(call, params.get("RoleName")!);
}

/**
 * One page of an IAM list (`MaxItems`, default 100). The `Marker` encodes the offset already
 * returned; IAM markers are opaque to callers, so nothing relies on their form.
 */
export function pagedList<T>(
  params: QueryParams,
  items: readonly T[],
  name: string,
  each: (item: T) => XmlNode,
): XmlNode {
  const size = integerParam(params, "MaxItems", "maxItems") ?? 100;
  const marker = params.get("Marker");
  const start = marker === undefined ? 0 : Number(Buffer.from(marker, "base64url").toString());
  if (!Number.isSafeInteger(start) || start < 0 || start > items.length)
    throw new AwsError("InvalidInput", "Invalid Marker.");
  const pageItems = items.slice(start, start + size);
  const truncated = start + size < items.length;
  return [
    memberList(name, pageItems, each),
    el("IsTruncated", truncated),
    truncated ? el("Marker", Buffer.from(String(start + size)).toString("base64url")) : undefined,
  ];
}
