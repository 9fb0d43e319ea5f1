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

/**
 * AWS partitions other than `aws`: the region prefix that selects each (as in the AWS SDK's
 * published partition data) and the region its global services (STS, IAM) answer in.
 */
const PARTITIONS: readonly { prefix: string; partition: string; homeRegion: string }[] = [
  { prefix: "cn-", partition: "aws-cn", homeRegion: "cn-north-1" },
  { prefix: "us-gov-", partition: "aws-us-gov", homeRegion: "us-gov-west-1" },
  { prefix: "us-iso-", partition: "aws-iso", homeRegion: "us-iso-east-1" },
  { prefix: "us-isob-", partition: "aws-iso-b", homeRegion: "us-isob-east-1" },
  { prefix: "eu-isoe-", partition: "aws-iso-e", homeRegion: "eu-isoe-west-1" },
  { prefix: "us-isof-", partition: "aws-iso-f", homeRegion: "us-isof-south-1" },
  { prefix: "eusc-", partition: "aws-eusc", homeRegion: "eusc-de-east-1" },
];

/** The ARN partition of a region: `aws-cn` for China, `aws-us-gov` for GovCloud, …, else `aws`. */
export function partitionOf(region: string): string {
  return PARTITIONS.find((p) => region.startsWith(p.prefix))?.partition ?? "aws";
}

/** The main region of a partition, where its global services answer. */
export function homeRegionOf(partition: string): string {
  return PARTITIONS.find((p) => p.partition === partition)?.homeRegion ?? "us-east-1";
}
