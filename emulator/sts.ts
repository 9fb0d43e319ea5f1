import { createHash } from "node:crypto";
import { issueCredentials, readSessionToken } from "./auth.js";
import type { Call } from "./context.js";
import { AwsError } from "./errors.js";
import { integerParam, type QueryParams } from "./protocols/query.js";
import { el, type XmlNode } from "./protocols/xml.js";
import type { QueryService } from "./services.js";
import { Violations } from "./validation.js";

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\u0021-\u007e]*\/)?([\w+=,.@-]{1,64})$/;
const DEFAULT_DURATION_SECONDS = 3600;

/** The ARN the caller acts as: the assumed-role session for issued keys, else the account root. */
function callerArn(call: Call): string {
  const session = readSessionToken(call.sessionToken);
  if (session !== undefined && session.account === call.account)
    return `arn:aws:sts::${session.account}:assumed-role/${session.roleName}/${session.sessionName}`;
  return `arn:aws:iam::${call.account}:root`;
}

function getCallerIdentity(_params: QueryParams, call: Call): XmlNode {
  const session = readSessionToken(call.sessionToken);
  const userId =
    session !== undefined && session.account === call.account
      ? `${session.roleId}:${session.sessionName}`
      : call.account;
  return [el("Arn", callerArn(call)), el("UserId", userId), el("Account", call.account)];
}

/**
 * AssumeRole. The role need not exist (cross-account tests rarely create it); when it does exist in
 * the emulated IAM, its MaxSessionDuration applies. Refusals come from `deniedRoles` and
 * `roleExternalIds`. The external ID is a secret shared with the role's owner: it never appears in
 * a response or error message.
 */
function assumeRole(params: QueryParams, call: Call): XmlNode {
  const roleArn = params.get("RoleArn");
  const sessionName = params.get("RoleSessionName");
  const externalId = params.get("ExternalId");
  const duration = integerParam(params, "DurationSeconds", "durationSeconds");
  const v = new Violations("ValidationError");
  if (v.required(roleArn, "roleArn")) v.length(roleArn, "roleArn", 20, 2048);
  if (v.required(sessionName, "roleSessionName")) {
    v.length(sessionName, "roleSessionName", 2, 64);
    v.pattern(sessionName, "roleSessionName", "[\\w+=,.@-]*");
  }
  v.range(duration, "durationSeconds", 900, 43200);
  v.length(externalId, "externalId", 2, 1224, true);
  v.pattern(externalId, "externalId", "[\\w+=,.@:\\/-]*", true);
  v.throwIfAny();
  const match = ROLE_ARN.exec(roleArn!);
  if (match === null) throw new AwsError("ValidationError", "Request ARN is invalid");
  const [, account, roleName] = match as unknown as [string, string, string];
  const { options, iam } = call.world;
  const required = Object.hasOwn(options.roleExternalIds, roleArn!)
    ? options.roleExternalIds[roleArn!]
    : undefined;
  if (options.deniedRoles.has(roleArn!) || (required !== undefined && externalId !== required))
    throw new AwsError(
      "AccessDenied",
      `User: ${callerArn(call)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn!}`,
      403,
    );
  const seconds = duration ?? DEFAULT_DURATION_SECONDS;
  const role = iam.find(account, roleName);
  if (role !== undefined && seconds > role.maxSessionDuration)
    throw new AwsError(
      "ValidationError",
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  const expires = Math.floor(call.now / 1000 + seconds) * 1000;
  const id = role?.id ?? derivedRoleId(roleArn!);
  const creds = issueCredentials({
    account,
    roleArn: roleArn!,
    roleName,
    roleId: id,
    sessionName: sessionName!,
    expires,
  });
  return [
    el(
      "Credentials",
      el("AccessKeyId", creds.accessKeyId),
      el("SecretAccessKey", creds.secretAccessKey),
      el("SessionToken", creds.sessionToken),
      el("Expiration", new Date(expires).toISOString().replace(".000Z", "Z")),
    ),
    el(
      "AssumedRoleUser",
      el("AssumedRoleId", `${id}:${sessionName!}`),
      el("Arn", `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName!}`),
    ),
    el("PackedPolicySize", 0),
  ];
}

/** A stable `AROA…` unique ID for a role the emulated IAM does not hold. */
function derivedRoleId(roleArn: string): string {
  const digest = createHash("sha256").update(roleArn).digest("hex").toUpperCase();
  return `AROA${digest.replace(/[^A-Z0-9]/g, "").slice(0, 17)}`;
}

/**
 * AWS STS (query protocol): GetCallerIdentity and AssumeRole — enough for the SDK's
 * temporary-credential providers to act across accounts.
 */
export const stsService: QueryService = {
  protocol: "query",
  name: "sts",
  version: "2011-06-15",
  xmlns: "https://sts.amazonaws.com/doc/2011-06-15/",
  operations: { GetCallerIdentity: getCallerIdentity, AssumeRole: assumeRole },
};
