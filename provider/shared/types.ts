/**
 * Shapes shared by both resources, after validation.
 */

/** How to act in another account: an IAM role to assume through STS. */
export interface AssumeRoleSpec {
  /** ARN of the role to assume; its account is the account the resource lives in. */
  readonly roleArn: string;
  /** The external ID the role's trust policy requires. Secret. */
  readonly externalId?: string;
  /** Session name shown in CloudTrail. Defaults to `pulumi-aws-config-aggregation`. */
  readonly sessionName?: string;
  /** Lifetime of the temporary credentials. Defaults to 3600 seconds. */
  readonly durationSeconds?: number;
}

/** Where a resource lives and who acts on it. */
export interface Placement {
  readonly region: string;
  readonly assumeRole?: AssumeRoleSpec;
}

/** User tags as a map. */
export type Tags = Record<string, string>;
