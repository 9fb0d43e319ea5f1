/**
 * ServiceRole inputs: an IAM role that an AWS service assumes, with managed policies attached.
 * The organization aggregator uses one for `config.amazonaws.com`.
 */
import { z } from "zod";
import { partitionOf } from "../shared/aws/arn";
import { awsRegion, show, tagMap } from "../shared/inputs/rules";
import { assumeRole, type AssumeRoleSpec } from "../shared/inputs/placement";
import type { Tags } from "../shared/tags/values";

/** The managed policy AWS Config needs to read an organization, in the partition of `region`. */
export function configOrganizationsPolicyArn(region: string): string {
  return `arn:${partitionOf(region)}:iam::aws:policy/service-role/AWSConfigRoleForOrganizations`;
}
/** The service principal of AWS Config. */
export const CONFIG_SERVICE_PRINCIPAL = "config.amazonaws.com";

const ROLE_NAME = /^[\w+=,.@-]+$/;
const POLICY_ARN = /^arn:aws(-[a-z]+)*:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/;
const SERVICE = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;

/** The schema of the inputs the resource class sends (`__provider` removed). */
export const roleInputSchema = z.strictObject({
  name: z
    .string()
    .min(1, { error: "must not be empty" })
    .max(64, { error: (issue) => `${show(issue.input)} is longer than 64 characters` })
    .regex(ROLE_NAME, {
      error: (issue) => `${show(issue.input)} may contain only letters, digits and _ + = , . @ -`,
    })
    .optional(),
  trustedService: z
    .string()
    .regex(SERVICE, {
      error: (issue) =>
        `${show(issue.input)} is not a service principal such as "config.amazonaws.com"`,
    })
    .optional(),
  managedPolicyArns: z
    .array(
      z.string().regex(POLICY_ARN, {
        error: (issue) => `${show(issue.input)} is not an IAM managed policy ARN`,
      }),
    )
    .max(20, { error: "a role may have at most 20 managed policies attached" })
    .optional(),
  tags: tagMap.optional(),
  region: awsRegion.optional(),
  assumeRole: assumeRole.optional(),
  autoNamePrefix: z.string().optional(),
});

/** The inputs `check` returns: defaults applied, policy list sorted. */
export interface ServiceRoleInputs {
  readonly name: string;
  readonly trustedService: string;
  readonly managedPolicyArns: string[];
  /** Region of the IAM endpoint; IAM is global, so this only selects the partition. */
  readonly region: string;
  readonly tags?: Tags;
  readonly assumeRole?: AssumeRoleSpec;
  readonly autoNamePrefix?: string;
}

/** The outputs recorded in state. */
export interface ServiceRoleState extends ServiceRoleInputs {
  readonly arn: string;
  readonly accountId: string;
  readonly tags: Tags;
}

/** The trust policy letting `service` assume the role. */
export function trustPolicy(service: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });
}
