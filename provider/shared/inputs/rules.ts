/**
 * Field rules shared by every resource, written once: the API reference's lengths and patterns
 * plus the service's documented rules (tag characters, reserved `aws:` keys). Each message names
 * the value and the rule, so a failed preview says what to fix.
 */
import { z } from "zod";
import { ACCOUNT_ID_PATTERN, IAM_ROLE_ARN_PATTERN } from "../aws/arn";

/** Most tags a Config resource may carry. */
export const MAX_TAGS = 50;

/**
 * Region names as AWS forms them: `us-east-1`, `us-gov-west-1`, `cn-north-1`, `us-isob-east-1`,
 * `eusc-de-east-1` (the European Sovereign Cloud's four-letter prefix).
 */
export const AWS_REGION_PATTERN = /^(?:[a-z]{2}|eusc)(-[a-z]+)+-\d{1,2}$/;
/** Allowed tag characters per the AWS Config tagging documentation. */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
/** The Organizations API's ServicePrincipal pattern; emptiness is the length rule's to report. */
const SERVICE_PRINCIPAL = /^[\w+=,.@-]*$/;

/** A value as it appears in a message: quoted like JSON, so blanks and types are visible. */
export const show = (value: unknown): string => JSON.stringify(value);

/**
 * What a value that breaks a pattern rule "is not", in every message about it: the resources'
 * checks and the components' early validation say it in the same words.
 */
export const EXPECTED = {
  accountId: "an AWS account ID: expected exactly 12 digits",
  region: 'an AWS region name such as "us-east-1"',
  roleArn: "an IAM role ARN of the form arn:aws:iam::<12-digit account>:role/<name>",
} as const;

/** A 12-digit AWS account ID. */
export const accountId = z.string().regex(ACCOUNT_ID_PATTERN, {
  error: (issue) => `${show(issue.input)} is not ${EXPECTED.accountId}`,
});

/**
 * A service principal as AWS Organizations takes it (ServicePrincipal: 1–128 characters of
 * letters, digits and `_ + = , . @ -`), such as `config.amazonaws.com`.
 */
export const servicePrincipal = z
  .string({ error: required('the service principal, such as "config.amazonaws.com"') })
  .min(1, { error: "must not be empty" })
  .max(128, { error: (issue) => `${show(issue.input)} is longer than 128 characters` })
  .regex(SERVICE_PRINCIPAL, {
    error: (issue) =>
      `${show(issue.input)} is not a service principal such as "config.amazonaws.com": it may contain only letters, digits and _ + = , . @ -`,
  });

/** An AWS region name. */
export const awsRegion = z
  .string()
  .max(64, { error: (issue) => `${show(issue.input)} is longer than 64 characters` })
  .regex(AWS_REGION_PATTERN, {
    error: (issue) => `${show(issue.input)} is not ${EXPECTED.region}`,
  });

/** The ARN of an IAM role. */
export const iamRoleArn = z
  .string({ error: required("the ARN of an IAM role") })
  .regex(IAM_ROLE_ARN_PATTERN, {
    error: (issue) => `${show(issue.input)} is not ${EXPECTED.roleArn}`,
  });

/** The message of a required input that is missing; other type errors keep zod's wording. */
export function required(what: string) {
  return (issue: { input: unknown }): string | undefined =>
    issue.input === undefined ? `is required: ${what}` : undefined;
}

/** A non-empty list of items; `requiredAs` names it when it is a required input. */
export function nonEmptyList<T extends z.ZodType>(item: T, what: string, requiredAs?: string) {
  return z
    .array(item, requiredAs ? { error: required(requiredAs) } : undefined)
    .min(1, { error: `must list at least one ${what}` });
}

/** A map of user tags: at most 50, key 1–128 and value ≤256 allowed characters, no `aws:` keys. */
export const tagMap = z.record(z.string(), z.string()).superRefine((tags, ctx) => {
  const keys = Object.keys(tags);
  if (keys.length > MAX_TAGS) {
    ctx.addIssue({
      code: "custom",
      message: `${keys.length} tags given; a resource may have at most ${MAX_TAGS}`,
    });
  }
  for (const [key, value] of Object.entries(tags)) {
    for (const reason of tagKeyProblems(key))
      ctx.addIssue({ code: "custom", path: [key], message: reason });
    for (const reason of tagValueProblems(value))
      ctx.addIssue({ code: "custom", path: [key], message: reason });
  }
});

function tagKeyProblems(key: string): string[] {
  const problems: string[] = [];
  if (key.length < 1 || key.length > 128)
    problems.push(`tag key ${show(key)} must be 1 to 128 characters long`);
  if (key.toLowerCase().startsWith("aws:"))
    problems.push(`tag key ${show(key)} uses the reserved prefix "aws:"`);
  if (!TAG_TEXT.test(key)) problems.push(`tag key ${show(key)} ${CHARACTER_RULE}`);
  return problems;
}

function tagValueProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 256) problems.push(`tag value ${show(value)} is longer than 256 characters`);
  if (!TAG_TEXT.test(value)) problems.push(`tag value ${show(value)} ${CHARACTER_RULE}`);
  return problems;
}

const CHARACTER_RULE = "may contain only letters, digits, spaces and _ . : / = + - @";
