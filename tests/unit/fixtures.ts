/**
 * Named values shared by the unit tests, so that a table row reads as what it means rather than
 * as a string of digits.
 */

/** The account every aggregator and authorization in these tests lives in. */
export const OWNER_ACCOUNT = "111111111111";
/** The account of the aggregator an authorization is granted to. */
export const AGGREGATOR_ACCOUNT = "222222222222";
/** A third account, for "the role moved to another account". */
export const OTHER_ACCOUNT = "333333333333";
/** A fourth account, for source lists. */
export const SOURCE_ACCOUNT = "444444444444";

export const REGION = "us-east-1";
export const OTHER_REGION = "us-west-2";
export const THIRD_REGION = "eu-west-1";

export const AGGREGATOR_NAME = "org-aggregator";

/** An aggregator's ARN as AWS returns it, owned by {@link OWNER_ACCOUNT}. */
export const AGGREGATOR_ARN = `arn:aws:config:${REGION}:${OWNER_ACCOUNT}:config-aggregator/config-aggregator-abcd1234`;
/** An authorization's ARN as AWS returns it, granted by {@link OWNER_ACCOUNT}. */
export const AUTHORIZATION_ARN = `arn:aws:config:${REGION}:${OWNER_ACCOUNT}:aggregation-authorization/${AGGREGATOR_ACCOUNT}/${OTHER_REGION}`;

/** The role AWS Config uses to read the organization, in the owner account. */
export const ORGANIZATION_ROLE_ARN = `arn:aws:iam::${OWNER_ACCOUNT}:role/service-role/AWSConfigRoleForOrganizations`;
/** A role to assume in the owner account. */
export const OWNER_ROLE_ARN = `arn:aws:iam::${OWNER_ACCOUNT}:role/pulumi-deployer`;
/** A role of the same name in another account. */
export const OTHER_ACCOUNT_ROLE_ARN = `arn:aws:iam::${OTHER_ACCOUNT}:role/pulumi-deployer`;

/** An external ID that must never show up in a failure message. */
export const SECRET_EXTERNAL_ID = "s3cr3t-Ext3rnal-1d";

export const RESOURCE_TYPE_INSTANCE = "AWS::EC2::Instance";
export const RESOURCE_TYPE_BUCKET = "AWS::S3::Bucket";
export const SERVICE_PRINCIPAL_CONFIG = "config.amazonaws.com";

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
