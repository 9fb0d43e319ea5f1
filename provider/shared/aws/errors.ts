/**
 * Errors a person can act on: every AWS failure names the operation, the resource, the account and
 * the region, and keeps AWS's error code and message. Secrets are scrubbed from every message.
 */
import { arnAccount } from "./arn";
import { actingAccount } from "./identity";
import { DescribeOrganizationCommand } from "@aws-sdk/client-organizations";
import { organizationsClient } from "./clients";
import {
  isOrganizationError,
  organizationAdvice,
  type OrganizationView,
} from "./organization-advice";
import type { Placement } from "../inputs/placement";

/** What an AWS call was about, for its error message. */
export interface CallContext {
  /** The AWS operation, e.g. `PutConfigurationAggregator`. */
  readonly operation: string;
  /** The resource in words, e.g. `aggregator "org"`. */
  readonly resource: string;
  readonly placement: Placement;
  /** The owning account when already known (from an ARN), saving a lookup. */
  readonly accountId?: string;
}

/** An AWS call that failed, with AWS's error code kept for callers that branch on it. */
export class AwsCallError extends Error {
  /** AWS's error code, e.g. `InvalidRoleException`. */
  readonly code: string;
  /** The AWS operation that failed. */
  readonly operation: string;

  constructor(message: string, code: string, operation: string) {
    super(message);
    this.name = "AwsCallError";
    this.code = code;
    this.operation = operation;
  }
}

/** AWS's error code of an SDK error, or the error's name. */
export function errorCode(error: unknown): string {
  if (error instanceof AwsCallError) return error.code;
  const named = error as { name?: unknown; Code?: unknown } | undefined;
  if (typeof named?.Code === "string") return named.Code;
  return typeof named?.name === "string" ? named.name : "Error";
}

/**
 * How many requests an SDK call made, its own retries included, whether it succeeded or failed. A
 * result or error after more than one means an earlier request may have been carried out.
 */
export function attemptsOf(resultOrError: unknown): number {
  const metadata = (resultOrError as { $metadata?: { attempts?: number } } | undefined)?.$metadata;
  return metadata?.attempts ?? 1;
}

/**
 * Runs one AWS call, turning its failure into an {@link AwsCallError} that says where and what.
 * Errors whose code is in `expected` (such as "no such aggregator" on an existence check) are not
 * failures: the call then resolves to `undefined`, without the cost of describing an error.
 */
export async function awsCall<T>(context: CallContext, call: () => Promise<T>): Promise<T>;
export async function awsCall<T>(
  context: CallContext,
  call: () => Promise<T>,
  expected: readonly string[],
): Promise<T | undefined>;
export async function awsCall<T>(
  context: CallContext,
  call: () => Promise<T>,
  expected: readonly string[] = [],
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (expected.includes(errorCode(error))) return undefined;
    throw await describeFailure(context, error);
  }
}

async function describeFailure(context: CallContext, error: unknown): Promise<AwsCallError> {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const account = await accountFor(context);
  const advice = isOrganizationError(code)
    ? organizationAdvice(code, account, await organizationSeenFrom(context.placement))
    : undefined;
  const text =
    `${context.operation} failed for ${context.resource} in ${account}/${context.placement.region}: ${code}: ${message}` +
    (advice ? ` ${advice}` : "");
  return new AwsCallError(scrubSecrets(text, context.placement), code, context.operation);
}

/**
 * The organization as the failed call's account sees it (DescribeOrganization, which members may
 * call too), for the advice on an organization error; undefined when it cannot be asked or the
 * account is in none. Only on this error path, so successful deployments never pay for it.
 */
async function organizationSeenFrom(placement: Placement): Promise<OrganizationView | undefined> {
  try {
    const { Organization: found } = await organizationsClient(placement).send(
      new DescribeOrganizationCommand({}),
    );
    if (!found?.Id || !found.MasterAccountId || !found.FeatureSet) return undefined;
    return {
      id: found.Id,
      managementAccountId: found.MasterAccountId,
      featureSet: found.FeatureSet,
    };
  } catch {
    return undefined;
  }
}

/** Replaces the external ID, should any message ever carry it, with a placeholder. */
export function scrubSecrets(text: string, placement: Placement): string {
  const secret = placement.assumeRole?.externalId;
  return secret ? text.split(secret).join("[secret]") : text;
}

/**
 * The account a failed call acted in: from the resource's ARN when known, else from the
 * credentials — asked of STS only on this error path, so successful deployments never pay for it.
 */
async function accountFor(context: CallContext): Promise<string> {
  if (context.accountId) return context.accountId;
  return actingAccount(context.placement).catch(() => "unknown account");
}

/**
 * The adoption guard's refusal: `description` exists at `arn` and this stack's state does not
 * record it. Besides another stack or tool, that is what a `pulumi up` of this very stack leaves
 * when it was interrupted mid-create: the engine drops the pending create and plans it again.
 * `replaced` says what adopting overwrites; `otherwise` what to do instead.
 */
export function alreadyExistsError(
  description: string,
  region: string,
  arn: string,
  replaced: string,
  otherwise: string,
): Error {
  return new Error(
    `${description} already exists in ${arnAccount(arn)}/${region} (${arn}), and this stack did not create it. ` +
      `To manage it from this stack, set adoptExisting: true on the resource (the program's ${replaced} then replace its own); ` +
      `otherwise ${otherwise}. ` +
      `If an earlier pulumi up of this stack was interrupted while creating it ("pending operations"), it is that up's: adopt it.`,
  );
}
