/**
 * Where a resource lives and who acts on it: the `region` and `assumeRole` inputs every resource
 * shares, in their three shapes — the public `AssumeRoleArgs` a program passes, the zod rule that
 * `check` applies, and the validated `AssumeRoleSpec` the providers act with — plus the secret
 * handling of the external ID.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { awsRegion, iamRoleArn, show } from "./rules";

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

/** How to act in another account: an IAM role to assume through STS (validated). */
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

/** Where a resource acts, from its inputs or its state. */
export function placementOf(inputs: { region: string; assumeRole?: AssumeRoleSpec }): Placement {
  return { region: inputs.region, assumeRole: inputs.assumeRole };
}

const EXTERNAL_ID = /^[\w+=,.@:/-]+$/;
const SESSION_NAME = /^[\w+=,.@-]+$/;

/**
 * Acting in another account. The external ID is a secret: its messages never repeat its value.
 */
export const assumeRole = z.strictObject({
  roleArn: iamRoleArn,
  externalId: z
    .string()
    .min(2, {
      error: "the external ID must be 2 to 1224 characters long (value hidden: it is secret)",
    })
    .max(1224, {
      error: "the external ID must be 2 to 1224 characters long (value hidden: it is secret)",
    })
    .regex(EXTERNAL_ID, {
      error:
        "the external ID may contain only letters, digits and _ + = , . @ : / - (value hidden: it is secret)",
    })
    .optional(),
  sessionName: z
    .string()
    .min(2, { error: (issue) => `${show(issue.input)} is shorter than 2 characters` })
    .max(64, { error: (issue) => `${show(issue.input)} is longer than 64 characters` })
    .regex(SESSION_NAME, {
      error: (issue) => `${show(issue.input)} may contain only letters, digits and _ + = , . @ -`,
    })
    .optional(),
  durationSeconds: z
    .number()
    .int({ error: (issue) => `${show(issue.input)} is not a whole number of seconds` })
    .min(900, { error: (issue) => `${show(issue.input)} is below the minimum of 900 seconds` })
    .max(43200, { error: (issue) => `${show(issue.input)} is above the maximum of 43200 seconds` })
    .optional(),
});

/** Where the resource lives, who acts, and whether an existing resource may be taken over. */
export const placement = {
  region: awsRegion.optional(),
  assumeRole: assumeRole.optional(),
  adoptExisting: z.boolean().optional(),
};

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
