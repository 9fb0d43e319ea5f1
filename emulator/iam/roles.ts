import { randomInt } from "node:crypto";
import type { Call } from "../context.js";
import { AwsError } from "../errors.js";
import { integerParam, type QueryParams } from "../protocols/query.js";
import { el, opt, type XmlNode } from "../protocols/xml.js";
import { checkRoleName, mustFind, validation } from "./common.js";
import { checkTagRules, readTags, tagsXml } from "./role-tags.js";
import type { RoleRecord } from "./store.js";

const PATH = "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)";
const DESCRIPTION = "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*";

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * A role as IAM returns it. The trust policy is URL-encoded, as IAM sends it; callers decode it
 * with `decodeURIComponent`.
 */
function roleXml(r: RoleRecord, withLastUsed: boolean): XmlNode {
  return el(
    "Role",
    el("Path", r.path),
    el("RoleName", r.name),
    el("RoleId", r.id),
    el("Arn", r.arn),
    el("CreateDate", isoSeconds(r.createdAt)),
    el("AssumeRolePolicyDocument", encodeURIComponent(r.assumeRolePolicyDocument)),
    opt("Description", r.description),
    el("MaxSessionDuration", r.maxSessionDuration),
    r.permissionsBoundary === undefined
      ? undefined
      : el(
          "PermissionsBoundary",
          el("PermissionsBoundaryType", "Policy"),
          el("PermissionsBoundaryArn", r.permissionsBoundary),
        ),
    r.tags.size === 0 ? undefined : tagsXml([...r.tags]),
    withLastUsed ? el("RoleLastUsed") : undefined,
  );
}

/** CreateRole. */
export function createRole(params: QueryParams, call: Call): XmlNode {
  const v = validation();
  const name = params.get("RoleName");
  const path = params.get("Path") ?? "/";
  const document = params.get("AssumeRolePolicyDocument");
  const description = params.get("Description");
  const maxSession = integerParam(params, "MaxSessionDuration", "maxSessionDuration");
  const boundary = params.get("PermissionsBoundary");
  checkRoleName(v, name);
  v.length(path, "path", 1, 512);
  v.pattern(path, "path", PATH);
  if (v.required(document, "assumeRolePolicyDocument"))
    v.length(document, "assumeRolePolicyDocument", 1, 131072);
  v.length(description, "description", 0, 1000);
  v.pattern(description, "description", DESCRIPTION);
  v.range(maxSession, "maxSessionDuration", 3600, 43200);
  v.length(boundary, "permissionsBoundary", 20, 2048);
  const tags = readTags(v, params) ?? [];
  v.throwIfAny();
  checkTagRules(tags);
  checkPolicyDocument(document!);
  const roles = call.world.iam.roles(call.account);
  if (roles.has(name!.toLowerCase()))
    throw new AwsError("EntityAlreadyExists", `Role with name ${name!} already exists.`, 409);
  const role: RoleRecord = {
    account: call.account,
    name: name!,
    path,
    id: `AROA${randomChars(17)}`,
    arn: `arn:aws:iam::${call.account}:role${path}${name!}`,
    createdAt: call.now,
    assumeRolePolicyDocument: document!,
    ...(description === undefined ? {} : { description }),
    maxSessionDuration: maxSession ?? 3600,
    ...(boundary === undefined ? {} : { permissionsBoundary: boundary }),
    tags: new Map(tags),
    attached: [],
  };
  roles.set(name!.toLowerCase(), role);
  return roleXml(role, false);
}

function checkPolicyDocument(document: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw new AwsError("MalformedPolicyDocument", "This policy contains invalid Json");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw new AwsError("MalformedPolicyDocument", "Syntax errors in policy.");
}

/** GetRole. */
export function getRole(params: QueryParams, call: Call): XmlNode {
  const v = validation();
  checkRoleName(v, params.get("RoleName"));
  v.throwIfAny();
  return roleXml(mustFind(call, params.get("RoleName")!), true);
}

/** DeleteRole: refused while managed policies are attached, as in IAM. */
export function deleteRole(params: QueryParams, call: Call): XmlNode {
  const v = validation();
  checkRoleName(v, params.get("RoleName"));
  v.throwIfAny();
  const role = mustFind(call, params.get("RoleName")!);
  if (role.attached.length > 0)
    throw new AwsError(
      "DeleteConflict",
      "Cannot delete entity, must detach all policies first.",
      409,
    );
  call.world.iam.roles(call.account).delete(role.name.toLowerCase());
  return undefined;
}

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function randomChars(n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return out;
}
