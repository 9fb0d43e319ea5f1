/**
 * AggregationAuthorization inputs: the rules of the AWS Config API reference, checked before any
 * AWS call, and the shapes `check` returns and state records.
 */
import { z } from "zod";
import { accountId, awsRegion, required, tagMap } from "../shared/inputs/rules";
import { type AssumeRoleSpec, placement } from "../shared/inputs/placement";
import type { Tags } from "../shared/tags/values";

/** The schema of the inputs the resource class sends (`__provider` removed). */
export const authorizationInputSchema = z.strictObject({
  authorizedAccountId: z
    .string({ error: required("the 12-digit account ID of the aggregator to authorize") })
    .pipe(accountId),
  authorizedAwsRegion: z
    .string({ error: required('the region of the aggregator to authorize, such as "us-east-1"') })
    .pipe(awsRegion),
  tags: tagMap.optional(),
  ...placement,
});

/** The inputs `check` returns. */
export interface AggregationAuthorizationInputs {
  /** The account of the aggregator allowed to collect this account's data. */
  readonly authorizedAccountId: string;
  /** The region of that aggregator. */
  readonly authorizedAwsRegion: string;
  /** The source region, where the authorization is created. */
  readonly region: string;
  readonly tags?: Tags;
  readonly assumeRole?: AssumeRoleSpec;
  readonly adoptExisting?: boolean;
}

/** The outputs recorded in state. */
export interface AggregationAuthorizationState extends AggregationAuthorizationInputs {
  readonly arn: string;
  /** The account granting the authorization, read from the ARN. */
  readonly accountId: string;
  readonly creationTime?: string;
  readonly tags: Tags;
}

/** The resource ID: `<authorizedAccountId>:<authorizedAwsRegion>`, as pulumi-aws and Terraform use. */
export function authorizationId(
  inputs: Pick<AggregationAuthorizationInputs, "authorizedAccountId" | "authorizedAwsRegion">,
): string {
  return `${inputs.authorizedAccountId}:${inputs.authorizedAwsRegion}`;
}
