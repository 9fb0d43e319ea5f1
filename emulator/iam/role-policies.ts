import type { Call } from "../context.js";
import { AwsError } from "../errors.js";
import type { QueryParams } from "../protocols/query.js";
import { el, type XmlNode } from "../protocols/xml.js";
import type { Violations } from "../validation.js";
import type { RoleRecord } from "./store.js";
import { checkRoleName, findForListing, mustFind, pagedList, validation } from "./common.js";

/** IAM quota: managed policies per role (the default; AWS can raise it to 20). */
const MAX_POLICIES_PER_ROLE = 10;

/** A managed policy ARN: AWS-owned or customer-owned, with a path. Groups: owner, path, name. */
const POLICY_ARN =
  /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy((?:\/[\u0021-\u007e]+)*\/)([\w+=,.@-]+)$/;

function readPolicyArn(params: QueryParams, v: Violations): string | undefined {
  const arn = params.get("PolicyArn");
  if (v.required(arn, "policyArn")) v.length(arn, "policyArn", 20, 2048);
  return arn;
}

/** Checks RoleName and PolicyArn, then finds the role. */
function target(params: QueryParams, call: Call): { arn: string; role: RoleRecord } {
  const v = validation();
  checkRoleName(v, params.get("RoleName"));
  const arn = readPolicyArn(params, v);
  v.throwIfAny();
  if (!POLICY_ARN.test(arn!)) throw new AwsError("InvalidInput", `ARN ${arn!} is not valid.`);
  return { arn: arn!, role: mustFind(call, params.get("RoleName")!) };
}

/**
 * AttachRolePolicy. Managed policies are not emulated, so any well-formed policy ARN attaches;
 * attaching one twice changes nothing, as in IAM.
 */
export function attachRolePolicy(params: QueryParams, call: Call): XmlNode {
  const { arn, role } = target(params, call);
  if (role.attached.includes(arn)) return undefined;
  if (role.attached.length >= MAX_POLICIES_PER_ROLE)
    throw new AwsError(
      "LimitExceeded",
      `Cannot exceed quota for PoliciesPerRole: ${MAX_POLICIES_PER_ROLE}`,
      409,
    );
  role.attached.push(arn);
  return undefined;
}

/** DetachRolePolicy. */
export function detachRolePolicy(params: QueryParams, call: Call): XmlNode {
  const { arn, role } = target(params, call);
  const index = role.attached.indexOf(arn);
  if (index < 0) throw new AwsError("NoSuchEntity", `Policy ${arn} was not found.`, 404);
  role.attached.splice(index, 1);
  return undefined;
}

/** ListAttachedRolePolicies, with `PathPrefix` and `Marker`/`MaxItems` paging. */
export function listAttachedRolePolicies(params: QueryParams, call: Call): XmlNode {
  const role = findForListing(params, call);
  const prefix = params.get("PathPrefix");
  const policies = role.attached
    .map((arn) => POLICY_ARN.exec(arn)!)
    .filter((m) => prefix === undefined || m[2].startsWith(prefix))
    .map((m) => ({ arn: m[0], name: m[3] }));
  return pagedList(params, policies, "AttachedPolicies", (p) => [
    el("PolicyName", p.name),
    el("PolicyArn", p.arn),
  ]);
}
