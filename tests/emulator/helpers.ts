import assert from "node:assert/strict";
import {
  ConfigServiceClient,
  type ConfigServiceClientConfig,
} from "@aws-sdk/client-config-service";
import { IAMClient } from "@aws-sdk/client-iam";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { STSClient } from "@aws-sdk/client-sts";
import { ORGANIZATION_ID } from "../../emulator/index.js";
import { ACCOUNTS } from "../support/fixtures.js";

/** The organization the emulator starts with by default, as its snapshot shows it. */
export const START_ORGANIZATION = {
  mode: "all",
  id: ORGANIZATION_ID,
  managementAccount: ACCOUNTS.A,
  members: "all",
  enabledServicePrincipals: [],
  delegatedAdministrators: [],
};

/** Client settings for tests: one attempt, so errors and faults surface as they are sent. */
export interface ClientSettings {
  readonly region?: string;
  readonly credentials?: ConfigServiceClientConfig["credentials"];
  readonly maxAttempts?: number;
}

const defaults = (s: ClientSettings): ClientSettings => ({ maxAttempts: 1, ...s });

/** A Config client; endpoint, region and credentials come from the fixture's environment. */
export const config = (s: ClientSettings = {}): ConfigServiceClient =>
  new ConfigServiceClient(defaults(s));
/** A Resource Groups Tagging API client. */
export const tagging = (s: ClientSettings = {}): ResourceGroupsTaggingAPIClient =>
  new ResourceGroupsTaggingAPIClient(defaults(s));
/** An STS client. */
export const sts = (s: ClientSettings = {}): STSClient => new STSClient(defaults(s));
/** An IAM client. */
export const iam = (s: ClientSettings = {}): IAMClient => new IAMClient(defaults(s));
/** An AWS Organizations client. */
export const organizations = (s: ClientSettings = {}): OrganizationsClient =>
  new OrganizationsClient(defaults(s));

/** Static credentials for a configured access key. */
export function keys(accessKeyId: string): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId, secretAccessKey: "test-secret" };
}

/** The parts of an SDK error that tests compare. */
export interface SeenError {
  readonly name: string;
  readonly message: string;
  readonly status: number | undefined;
}

/** Awaits a call that must fail and returns its code, message and HTTP status. */
export async function failure(call: Promise<unknown>): Promise<SeenError> {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  assert.fail("expected the call to fail, but it succeeded");
}

/** An AWS Organizations error as the SDK surfaces it: code, message and `Reason`, if any. */
export interface OrganizationsError {
  readonly name: string;
  readonly message: string;
  readonly reason?: string;
}

/** Awaits an Organizations call that must fail; returns its code, message and reason. */
export async function organizationsFailure(call: Promise<unknown>): Promise<OrganizationsError> {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; message: string; Reason?: string };
    return {
      name: e.name,
      message: e.message,
      ...(e.Reason === undefined ? {} : { reason: e.Reason }),
    };
  }
  assert.fail("expected the call to fail, but it succeeded");
}

/** Awaits a call that must fail and checks code and status (and the message, when given). */
export async function rejectsWith(
  call: Promise<unknown>,
  name: string,
  status: number,
  message?: string,
): Promise<void> {
  const seen = await failure(call);
  assert.deepEqual(
    {
      name: seen.name,
      status: seen.status,
      ...(message === undefined ? {} : { message: seen.message }),
    },
    { name, status, ...(message === undefined ? {} : { message }) },
  );
}
