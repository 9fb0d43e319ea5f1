/**
 * Credentials per process: the SDK's default chain (with the stack's `aws:profile`), and for
 * `assumeRole`, the SDK's temporary-credential provider — one per distinct role, shared by every
 * client and resource that uses that role, so a stack of many resources in one account makes one
 * AssumeRole call rather than one per resource or per client.
 */
import { createHash } from "node:crypto";
import { fromNodeProviderChain, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { homeRegionOf, partitionOf } from "./arn";
import { PatientRetryStrategy } from "./retry";
import { currentSettings, defaultRegion } from "./settings";
import type { AssumeRoleSpec } from "../inputs/placement";

/** Session name used when `assumeRole.sessionName` is not given. */
export const DEFAULT_SESSION_NAME = "pulumi-aws-config-aggregation";
/** Refresh temporary credentials this long before they expire. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

const providers = new Map<string, AwsCredentialIdentityProvider>();

/**
 * A stable key for "who acts": the profile and, with `assumeRole`, the role, session settings and
 * a digest of the external ID (the key may show up in a debugger; the secret should not).
 */
export function credentialsKey(assumeRole: AssumeRoleSpec | undefined): string {
  const base = `${environmentKey()}|profile=${currentSettings().profile ?? ""}`;
  if (!assumeRole) return base;
  const externalId = assumeRole.externalId
    ? createHash("sha256").update(assumeRole.externalId).digest("hex").slice(0, 16)
    : "";
  return [
    base,
    `role=${assumeRole.roleArn}`,
    `session=${assumeRole.sessionName ?? ""}`,
    `duration=${assumeRole.durationSeconds ?? ""}`,
    `external=${externalId}`,
  ].join("|");
}

/**
 * The credential provider for `assumeRole`, or for the default chain when it is absent.
 * `undefined` means "let the SDK use its default chain" (no profile configured, no role).
 */
export function credentialsFor(
  assumeRole: AssumeRoleSpec | undefined,
): AwsCredentialIdentityProvider | undefined {
  const { profile } = currentSettings();
  if (!assumeRole && !profile) return undefined;
  const key = credentialsKey(assumeRole);
  let provider = providers.get(key);
  if (!provider) {
    provider = memoize(
      assumeRole ? assumedRole(assumeRole, profile) : fromNodeProviderChain({ profile }),
    );
    providers.set(key, provider);
  }
  return provider;
}

function assumedRole(
  role: AssumeRoleSpec,
  profile: string | undefined,
): AwsCredentialIdentityProvider {
  return fromTemporaryCredentials({
    params: {
      RoleArn: role.roleArn,
      RoleSessionName: role.sessionName ?? DEFAULT_SESSION_NAME,
      ExternalId: role.externalId,
      DurationSeconds: role.durationSeconds,
    },
    masterCredentials: profile ? fromNodeProviderChain({ profile }) : undefined,
    clientConfig: { region: stsRegion(role.roleArn), retryStrategy: new PatientRetryStrategy() },
  });
}

/**
 * The region STS is called in: the stack's default region when it is in the role's partition,
 * else that partition's main region. One region per role, whatever regions the role acts in, so
 * one role costs one AssumeRole call.
 */
function stsRegion(roleArn: string): string {
  const partition = roleArn.split(":")[1] ?? "aws";
  const preferred = defaultRegion();
  if (preferred && partitionOf(preferred) === partition) return preferred;
  return homeRegionOf(partition);
}

/**
 * Shares one in-flight or fresh credential fetch among all callers, and fetches again shortly
 * before expiry. A failed fetch is not cached, so the next call tries again.
 */
function memoize(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  const fetch = (): Promise<AwsCredentialIdentity> => {
    const pending = provider().catch((error: unknown) => {
      if (current === pending) current = undefined;
      throw error;
    });
    current = pending;
    return pending;
  };
  return async () => {
    const identity = await (current ?? fetch());
    const expiresAt = identity.expiration?.getTime();
    if (expiresAt !== undefined && expiresAt - Date.now() < EXPIRY_MARGIN_MS) return fetch();
    return identity;
  };
}

/**
 * The parts of the environment the SDK reads when it builds a client: the endpoint override and the
 * default access key. They are fixed for a deployment; keying the caches by them keeps a client
 * from outliving the endpoint or identity it was built for in a process that changes them.
 */
function environmentKey(): string {
  const endpoints = Object.keys(process.env)
    .filter((name) => name.startsWith("AWS_ENDPOINT_URL"))
    .sort()
    .map((name) => `${name}=${process.env[name]}`);
  return [...endpoints, `key=${process.env.AWS_ACCESS_KEY_ID ?? ""}`].join(",");
}
