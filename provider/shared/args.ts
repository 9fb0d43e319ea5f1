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
 * `assumeRole` as the resource sends it, with the external ID secret so that the engine stores it
 * encrypted, in the input and in the output of the same name.
 *
 * Given as an object, only `externalId` is wrapped: the other fields stay readable in previews, and
 * an external ID not known until apply (a generated password, say) leaves the role ARN known, so
 * the preview can tell that the account stays the same instead of planning a replacement. Given as
 * one Output, it can only be made secret as a whole.
 */
export function protectExternalId(
  assumeRole: pulumi.Input<AssumeRoleArgs> | undefined,
): pulumi.Input<AssumeRoleArgs> | undefined {
  if (assumeRole === undefined) return undefined;
  if (pulumi.Output.isInstance(assumeRole) || assumeRole instanceof Promise) {
    return pulumi
      .output(assumeRole)
      .apply((role) => (role.externalId === undefined ? pulumi.output(role) : pulumi.secret(role)));
  }
  const { externalId } = assumeRole;
  return externalId === undefined
    ? assumeRole
    : { ...assumeRole, externalId: pulumi.secret(externalId) };
}
