/** Reading ARNs, and the patterns of the ARNs and IDs this package accepts. */

/** A 12-digit AWS account ID. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
/** The ARN of an IAM role, in any partition: an optional path, then a name of 1–64 characters. */
export const IAM_ROLE_ARN_PATTERN =
  /^arn:aws(-[a-z]+)*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/** The account a role ARN belongs to, or undefined when it is not a role ARN. */
export function roleAccount(roleArn: string): string | undefined {
  return IAM_ROLE_ARN_PATTERN.exec(roleArn)?.[2];
}

/** The account field of an ARN (`arn:partition:service:region:account:resource`). */
export function arnAccount(arn: string): string {
  return arn.split(":")[4] ?? "";
}

/** The ARN partition of a region: `aws-cn` for China, `aws-us-gov` for GovCloud, else `aws`. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}
