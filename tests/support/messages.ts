/**
 * Message parts that several tests expect verbatim: written once, so that a change of wording is
 * one edit here and still fails every test that would see the old words.
 */

/** The last sentence of the adoption guard's refusal (`alreadyExistsError`). */
export const INTERRUPTED_UP_HINT =
  'If an earlier pulumi up of this stack was interrupted while creating it ("pending operations"), it is that up\'s: adopt it.';
/** The message of an input that `z.strictObject` does not know, for the top-level aggregator. */
export const AGGREGATOR_PROPERTIES =
  "name, accountAggregationSource, organizationAggregationSource, aggregatorFilters, tags, region, assumeRole, adoptExisting, expectedAccountId";
/** The properties `assumeRole` accepts. */
export const ASSUME_ROLE_PROPERTIES = "roleArn, externalId, sessionName, durationSeconds";
/** The properties the authorization accepts. */
export const AUTHORIZATION_PROPERTIES =
  "authorizedAccountId, authorizedAwsRegion, tags, region, assumeRole, adoptExisting";

/** The tag-character rule as the failure messages state it. */
export const TAG_CHARACTER_RULE = "may contain only letters, digits, spaces and _ . : / = + - @";
/** The role-ARN rule as the failure messages state it. */
export const ROLE_ARN_RULE =
  "is not an IAM role ARN of the form arn:aws:iam::<12-digit account>:role/<name>";
/** The external-ID length message, which hides the value. */
export const EXTERNAL_ID_LENGTH_RULE =
  "the external ID must be 2 to 1224 characters long (value hidden: it is secret)";
/** The external-ID character message, which hides the value. */
export const EXTERNAL_ID_CHARACTER_RULE =
  "the external ID may contain only letters, digits and _ + = , . @ : / - (value hidden: it is secret)";
/** What `check` says when no region can be found anywhere. */
export const NO_REGION_REASON =
  'no region given: set the "region" input, the stack config "aws:region", or the AWS_REGION environment variable';
