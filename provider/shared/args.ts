/**
 * Public argument shapes both resources share, and the secret handling of `assumeRole`.
 */
import * as pulumi from "@pulumi/pulumi";

/** Act in another account by assuming an IAM role there (through STS AssumeRole). */
export interface AssumeRoleArgs {
  /** ARN of the role to assume. Its account is the account the resource lives in. */
  readonly roleArn: pulumi.Input<string>;
  /** The external ID the role's trust policy requires. Stored as a secret. */
  readonly externalId?: pulumi.Input<string>;
  /** Session name shown in CloudTrail. Defaults to `pulumi-aws-config-aggregation`. */
  readonly sessionName?: pulumi.Input<string>;
  /** Lifetime of the temporary credentials, 900–43200 seconds. Defaults to 3600. */
  readonly durationSeconds?: pulumi.Input<number>;
}

/**
 * `assumeRole` as the resource sends it: secret as a whole when it carries an external ID, so the
 * engine stores it, and the output of the same name, encrypted. Without an external ID the role
 * stays readable in previews.
 */
export function protectExternalId(
  assumeRole: pulumi.Input<AssumeRoleArgs> | undefined,
): pulumi.Output<pulumi.Unwrap<AssumeRoleArgs>> | undefined {
  if (assumeRole === undefined) return undefined;
  return pulumi
    .output(assumeRole)
    .apply((role) => (role.externalId === undefined ? pulumi.output(role) : pulumi.secret(role)));
}
