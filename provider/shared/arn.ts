/** Reading ARNs. */

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
