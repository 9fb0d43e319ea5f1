import assert from "node:assert/strict";
import { checkAggregator } from "../../provider/aggregator/check";
import { aggregatorProvider } from "../../provider/aggregator/provider";
import { applyStackConfig } from "../../provider/shared/aws/settings";
import type { CheckFailure } from "../../provider/shared/inputs/validation";
import { clearDefaultRegion } from "./helpers";
import {
  ACCOUNTS,
  AGGREGATOR_NAME,
  ORGANIZATION_ROLE_ARN,
  OWNER_ROLE_ARN,
  REGIONS,
  RESOURCE_TYPE_BUCKET,
  RESOURCE_TYPE_INSTANCE,
  SECRET_EXTERNAL_ID,
  SERVICE_PRINCIPAL_CONFIG,
} from "../support/fixtures";
import {
  AGGREGATOR_PROPERTIES,
  ASSUME_ROLE_PROPERTIES,
  EXTERNAL_ID_CHARACTER_RULE,
  EXTERNAL_ID_LENGTH_RULE,
  NO_REGION_REASON,
  ROLE_ARN_RULE,
  TAG_CHARACTER_RULE,
} from "../support/messages";

type Raw = Record<string, unknown>;

/** A valid aggregator over one listed account, to which each row adds one mistake. */
const accountAggregator = (overrides: Raw = {}): Raw => ({
  name: AGGREGATOR_NAME,
  region: REGIONS.A,
  accountAggregationSource: { accountIds: [ACCOUNTS.A], allAwsRegions: true },
  ...overrides,
});

/** A valid aggregator over the organization, to which each row adds one mistake. */
const organizationAggregator = (overrides: Raw = {}): Raw => ({
  name: AGGREGATOR_NAME,
  region: REGIONS.A,
  organizationAggregationSource: { roleArn: ORGANIZATION_ROLE_ARN, allAwsRegions: true },
  ...overrides,
});

const accounts = (accountIds: unknown, regions: Raw = { allAwsRegions: true }): Raw =>
  accountAggregator({ accountAggregationSource: { accountIds, ...regions } });
const organization = (source: Raw): Raw =>
  organizationAggregator({ organizationAggregationSource: source });
const withRole = (assumeRole: unknown): Raw => accountAggregator({ assumeRole });
const withTags = (tags: unknown): Raw => accountAggregator({ tags });
const withFilters = (aggregatorFilters: unknown): Raw => accountAggregator({ aggregatorFilters });

const accountIdReason = (value: string) =>
  `${JSON.stringify(value)} is not an AWS account ID: expected exactly 12 digits`;
const regionReason = (value: string) =>
  `${JSON.stringify(value)} is not an AWS region name such as "us-east-1"`;
const NO_SOURCE_REGIONS =
  'no regions given: set allAwsRegions: true or list awsRegions such as ["us-east-1"]';
const BOTH_REGION_CHOICES = "give either allAwsRegions: true or a list of awsRegions, not both";
const NAME_CHARACTERS = (value: string) =>
  `${JSON.stringify(value)} may contain only letters, digits, "_" and "-"`;

interface InvalidCase {
  readonly title: string;
  readonly input: Raw;
  readonly failures: CheckFailure[];
}

const LONG_KEY = "k".repeat(129);
const LONG_VALUE = "v".repeat(257);
const LONG_PRINCIPAL = "p".repeat(129);
const LONG_SESSION = "s".repeat(65);
const TOO_MANY_ACCOUNTS = Array.from({ length: 10_001 }, (_, i) => String(100_000_000_000 + i));
const FIFTY_ONE_TAGS = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`key${i}`, "v"]));

const INVALID: InvalidCase[] = [
  // Account IDs.
  {
    title: "an account ID of 11 digits",
    input: accounts(["11111111111"]),
    failures: [
      {
        property: "accountAggregationSource.accountIds[0]",
        reason: accountIdReason("11111111111"),
      },
    ],
  },
  {
    title: "an account ID of 13 digits",
    input: accounts([ACCOUNTS.A, "1111111111111"]),
    failures: [
      {
        property: "accountAggregationSource.accountIds[1]",
        reason: accountIdReason("1111111111111"),
      },
    ],
  },
  {
    title: "an account ID with a letter",
    input: accounts(["11111111111a"]),
    failures: [
      {
        property: "accountAggregationSource.accountIds[0]",
        reason: accountIdReason("11111111111a"),
      },
    ],
  },
  {
    title: "an account ID given as a number",
    input: accounts([111111111111]),
    failures: [
      {
        property: "accountAggregationSource.accountIds[0]",
        reason: "Invalid input: expected string, received number",
      },
    ],
  },
  {
    title: "an empty accountIds list",
    input: accounts([]),
    failures: [
      {
        property: "accountAggregationSource.accountIds",
        reason: "must list at least one account ID",
      },
    ],
  },
  {
    title: "accountIds left out",
    input: accountAggregator({ accountAggregationSource: { allAwsRegions: true } }),
    failures: [
      {
        property: "accountAggregationSource.accountIds",
        reason: "is required: the 12-digit IDs of the source accounts",
      },
    ],
  },
  {
    title: "accountIds given as an object",
    input: accounts({ first: ACCOUNTS.A }),
    failures: [
      {
        property: "accountAggregationSource.accountIds",
        reason: "Invalid input: expected array, received object",
      },
    ],
  },
  {
    title: "accountIds given as one string",
    input: accounts(ACCOUNTS.A),
    failures: [
      {
        property: "accountAggregationSource.accountIds",
        reason: "Invalid input: expected array, received string",
      },
    ],
  },
  {
    title: "more than 10,000 accounts",
    input: accounts(TOO_MANY_ACCOUNTS),
    failures: [
      {
        property: "accountAggregationSource.accountIds",
        reason: "10001 distinct accounts given; an aggregator may have at most 10000",
      },
    ],
  },
  // Sources.
  {
    title: "both sources",
    input: accountAggregator({
      organizationAggregationSource: { roleArn: ORGANIZATION_ROLE_ARN, allAwsRegions: true },
    }),
    failures: [
      {
        property: "organizationAggregationSource",
        reason:
          "an aggregator takes exactly one source: give accountAggregationSource or organizationAggregationSource, not both",
      },
    ],
  },
  {
    title: "neither source",
    input: { name: AGGREGATOR_NAME, region: REGIONS.A },
    failures: [
      {
        property: "accountAggregationSource",
        reason:
          "an aggregator needs a source: give accountAggregationSource (listed accounts) or organizationAggregationSource (the whole organization)",
      },
    ],
  },
  {
    title: "a source given as a string",
    input: accountAggregator({ accountAggregationSource: "all of them" }),
    failures: [
      {
        property: "accountAggregationSource",
        reason: "Invalid input: expected object, received string",
      },
    ],
  },
  {
    title: "a source given as null",
    input: organizationAggregator({ organizationAggregationSource: null }),
    failures: [
      {
        property: "organizationAggregationSource",
        reason: "Invalid input: expected object, received null",
      },
    ],
  },
  // Regions of a source.
  {
    title: "allAwsRegions: true together with awsRegions",
    input: accounts([ACCOUNTS.A], { allAwsRegions: true, awsRegions: [REGIONS.A] }),
    failures: [{ property: "accountAggregationSource.awsRegions", reason: BOTH_REGION_CHOICES }],
  },
  {
    title: "allAwsRegions: true together with awsRegions, in the organization source",
    input: organization({
      roleArn: ORGANIZATION_ROLE_ARN,
      allAwsRegions: true,
      awsRegions: [REGIONS.A],
    }),
    failures: [
      { property: "organizationAggregationSource.awsRegions", reason: BOTH_REGION_CHOICES },
    ],
  },
  {
    title: "no regions in the account source",
    input: accounts([ACCOUNTS.A], {}),
    failures: [{ property: "accountAggregationSource.awsRegions", reason: NO_SOURCE_REGIONS }],
  },
  {
    title: "no regions in the organization source",
    input: organization({ roleArn: ORGANIZATION_ROLE_ARN }),
    failures: [{ property: "organizationAggregationSource.awsRegions", reason: NO_SOURCE_REGIONS }],
  },
  {
    title: "allAwsRegions: false and no awsRegions",
    input: accounts([ACCOUNTS.A], { allAwsRegions: false }),
    failures: [{ property: "accountAggregationSource.awsRegions", reason: NO_SOURCE_REGIONS }],
  },
  {
    title: "an empty awsRegions list",
    input: accounts([ACCOUNTS.A], { awsRegions: [] }),
    failures: [
      { property: "accountAggregationSource.awsRegions", reason: "must list at least one region" },
    ],
  },
  {
    title: "region names that are not region names",
    input: accounts([ACCOUNTS.A], {
      awsRegions: [REGIONS.A, "US-EAST-1", "useast1", "us-east-100"],
    }),
    failures: [
      { property: "accountAggregationSource.awsRegions[1]", reason: regionReason("US-EAST-1") },
      { property: "accountAggregationSource.awsRegions[2]", reason: regionReason("useast1") },
      { property: "accountAggregationSource.awsRegions[3]", reason: regionReason("us-east-100") },
    ],
  },
  {
    title: "a bad region name in the organization source",
    input: organization({ roleArn: ORGANIZATION_ROLE_ARN, awsRegions: ["virginia"] }),
    failures: [
      { property: "organizationAggregationSource.awsRegions[0]", reason: regionReason("virginia") },
    ],
  },
  {
    title: "a region given as a number",
    input: accounts([ACCOUNTS.A], { awsRegions: [1] }),
    failures: [
      {
        property: "accountAggregationSource.awsRegions[0]",
        reason: "Invalid input: expected string, received number",
      },
    ],
  },
  {
    title: "allAwsRegions given as a string",
    input: accounts([ACCOUNTS.A], { allAwsRegions: "true", awsRegions: [REGIONS.A] }),
    failures: [
      {
        property: "accountAggregationSource.allAwsRegions",
        reason: "Invalid input: expected boolean, received string",
      },
    ],
  },
  {
    title: "allAwsRegions given as a string, with no region list: the type failure only",
    input: accounts([ACCOUNTS.A], { allAwsRegions: "true" }),
    failures: [
      {
        property: "accountAggregationSource.allAwsRegions",
        reason: "Invalid input: expected boolean, received string",
      },
    ],
  },
  // Where the aggregator lives.
  {
    title: "a region input that is not a region",
    input: accountAggregator({ region: "Virginia" }),
    failures: [{ property: "region", reason: regionReason("Virginia") }],
  },
  {
    title: "a region input longer than 64 characters",
    input: accountAggregator({ region: `us-${"a".repeat(60)}-1` }),
    failures: [
      {
        property: "region",
        reason: `${JSON.stringify(`us-${"a".repeat(60)}-1`)} is longer than 64 characters`,
      },
    ],
  },
  {
    title: "a region input given as a number",
    input: accountAggregator({ region: 1 }),
    failures: [{ property: "region", reason: "Invalid input: expected string, received number" }],
  },
  // Name.
  {
    title: "a name of 257 characters",
    input: accountAggregator({ name: "a".repeat(257) }),
    failures: [
      {
        property: "name",
        reason: `${JSON.stringify("a".repeat(257))} is longer than 256 characters`,
      },
    ],
  },
  {
    title: "a name with spaces and punctuation",
    input: accountAggregator({ name: "my aggregator!" }),
    failures: [{ property: "name", reason: NAME_CHARACTERS("my aggregator!") }],
  },
  {
    title: "a name with a dot",
    input: accountAggregator({ name: "org.aggregator" }),
    failures: [{ property: "name", reason: NAME_CHARACTERS("org.aggregator") }],
  },
  {
    title: "an empty name",
    input: accountAggregator({ name: "" }),
    failures: [{ property: "name", reason: "must not be empty" }],
  },
  {
    title: "a name given as a number",
    input: accountAggregator({ name: 42 }),
    failures: [{ property: "name", reason: "Invalid input: expected string, received number" }],
  },
  // Organization role.
  {
    title: "an organization role ARN that is not IAM",
    input: organization({ roleArn: "arn:aws:s3:::my-bucket", allAwsRegions: true }),
    failures: [
      {
        property: "organizationAggregationSource.roleArn",
        reason: `"arn:aws:s3:::my-bucket" ${ROLE_ARN_RULE}`,
      },
    ],
  },
  {
    title: "a role ARN of another service than IAM",
    input: organization({
      roleArn: `arn:aws:sts::${ACCOUNTS.A}:role/config`,
      allAwsRegions: true,
    }),
    failures: [
      {
        property: "organizationAggregationSource.roleArn",
        reason: `"arn:aws:sts::${ACCOUNTS.A}:role/config" ${ROLE_ARN_RULE}`,
      },
    ],
  },
  {
    title: "an organization role ARN without an account",
    input: organization({ roleArn: "arn:aws:iam:::role/config", allAwsRegions: true }),
    failures: [
      {
        property: "organizationAggregationSource.roleArn",
        reason: `"arn:aws:iam:::role/config" ${ROLE_ARN_RULE}`,
      },
    ],
  },
  {
    title: "an organization role ARN naming a user",
    input: organization({
      roleArn: `arn:aws:iam::${ACCOUNTS.A}:user/alice`,
      allAwsRegions: true,
    }),
    failures: [
      {
        property: "organizationAggregationSource.roleArn",
        reason: `"arn:aws:iam::${ACCOUNTS.A}:user/alice" ${ROLE_ARN_RULE}`,
      },
    ],
  },
  {
    title: "an organization source without a role",
    input: organization({ allAwsRegions: true }),
    failures: [
      {
        property: "organizationAggregationSource.roleArn",
        reason: "is required: the ARN of an IAM role",
      },
    ],
  },
  // Filters.
  {
    title: "a resource type with two parts",
    input: withFilters({ resourceType: { value: [RESOURCE_TYPE_INSTANCE, "AWS::EC2"] } }),
    failures: [
      {
        property: "aggregatorFilters.resourceType.value[1]",
        reason: '"AWS::EC2" is not a resource type such as "AWS::EC2::Instance"',
      },
    ],
  },
  {
    title: "a resource type with a wildcard",
    input: withFilters({ resourceType: { value: ["AWS::EC2::*"] } }),
    failures: [
      {
        property: "aggregatorFilters.resourceType.value[0]",
        reason: '"AWS::EC2::*" is not a resource type such as "AWS::EC2::Instance"',
      },
    ],
  },
  {
    title: "a service principal of 129 characters",
    input: withFilters({ servicePrincipal: { value: [LONG_PRINCIPAL] } }),
    failures: [
      {
        property: "aggregatorFilters.servicePrincipal.value[0]",
        reason: `${JSON.stringify(LONG_PRINCIPAL)} is longer than 128 characters`,
      },
    ],
  },
  {
    title: "a service principal with spaces",
    input: withFilters({ servicePrincipal: { value: ["config amazonaws com"] } }),
    failures: [
      {
        property: "aggregatorFilters.servicePrincipal.value[0]",
        reason: '"config amazonaws com" is not a service principal such as "config.amazonaws.com"',
      },
    ],
  },
  {
    title: "a filter type other than INCLUDE",
    input: withFilters({ resourceType: { type: "EXCLUDE", value: [RESOURCE_TYPE_INSTANCE] } }),
    failures: [
      {
        property: "aggregatorFilters.resourceType.type",
        reason: '"EXCLUDE" is not a filter type; the only type is "INCLUDE"',
      },
    ],
  },
  {
    title: "a lowercase filter type",
    input: withFilters({
      servicePrincipal: { type: "include", value: [SERVICE_PRINCIPAL_CONFIG] },
    }),
    failures: [
      {
        property: "aggregatorFilters.servicePrincipal.type",
        reason: '"include" is not a filter type; the only type is "INCLUDE"',
      },
    ],
  },
  {
    title: "empty aggregatorFilters",
    input: withFilters({}),
    failures: [
      {
        property: "aggregatorFilters",
        reason: "give resourceType or servicePrincipal (or both), or leave aggregatorFilters out",
      },
    ],
  },
  {
    title: "a filter with an empty value list",
    input: withFilters({ resourceType: { value: [] } }),
    failures: [
      {
        property: "aggregatorFilters.resourceType.value",
        reason: "must list at least one resource type",
      },
    ],
  },
  {
    title: "a service-principal filter with an empty value list",
    input: withFilters({ servicePrincipal: { value: [] } }),
    failures: [
      {
        property: "aggregatorFilters.servicePrincipal.value",
        reason: "must list at least one service principal",
      },
    ],
  },
  {
    title: "a filter without values",
    input: withFilters({ resourceType: { type: "INCLUDE" } }),
    failures: [
      {
        property: "aggregatorFilters.resourceType.value",
        reason: 'is required: the resource types to include, such as ["AWS::EC2::Instance"]',
      },
    ],
  },
  // Tags.
  {
    title: "51 tags",
    input: withTags(FIFTY_ONE_TAGS),
    failures: [{ property: "tags", reason: "51 tags given; a resource may have at most 50" }],
  },
  {
    title: "a tag key of 129 characters",
    input: withTags({ [LONG_KEY]: "v" }),
    failures: [
      {
        property: `tags.${LONG_KEY}`,
        reason: `tag key ${JSON.stringify(LONG_KEY)} must be 1 to 128 characters long`,
      },
    ],
  },
  {
    title: "an empty tag key",
    input: withTags({ "": "v" }),
    failures: [{ property: 'tags[""]', reason: 'tag key "" must be 1 to 128 characters long' }],
  },
  {
    title: "a tag value of 257 characters",
    input: withTags({ team: LONG_VALUE }),
    failures: [
      {
        property: "tags.team",
        reason: `tag value ${JSON.stringify(LONG_VALUE)} is longer than 256 characters`,
      },
    ],
  },
  {
    title: "a lowercase aws: tag key",
    input: withTags({ "aws:cloudformation:stack-name": "x" }),
    failures: [
      {
        property: 'tags["aws:cloudformation:stack-name"]',
        reason: 'tag key "aws:cloudformation:stack-name" uses the reserved prefix "aws:"',
      },
    ],
  },
  {
    title: "an uppercase AWS: tag key",
    input: withTags({ "AWS:Owner": "x" }),
    failures: [
      {
        property: 'tags["AWS:Owner"]',
        reason: 'tag key "AWS:Owner" uses the reserved prefix "aws:"',
      },
    ],
  },
  {
    title: "a mixed-case Aws: tag key",
    input: withTags({ "aWs:x": "x" }),
    failures: [
      { property: 'tags["aWs:x"]', reason: 'tag key "aWs:x" uses the reserved prefix "aws:"' },
    ],
  },
  {
    title: "a tag key with a character outside the allowed set",
    input: withTags({ "cost#center": "x" }),
    failures: [
      { property: 'tags["cost#center"]', reason: `tag key "cost#center" ${TAG_CHARACTER_RULE}` },
    ],
  },
  {
    title: "a tag value with a character outside the allowed set",
    input: withTags({ team: "a;b" }),
    failures: [{ property: "tags.team", reason: `tag value "a;b" ${TAG_CHARACTER_RULE}` }],
  },
  {
    title: "a tag value given as a number",
    input: withTags({ team: 7 }),
    failures: [
      { property: "tags.team", reason: "Invalid input: expected string, received number" },
    ],
  },
  {
    title: "tags given as a list",
    input: withTags([{ Key: "team", Value: "x" }]),
    failures: [{ property: "tags", reason: "Invalid input: expected record, received array" }],
  },
  // Unknown properties.
  {
    title: "an unknown top-level property",
    input: accountAggregator({ aggregatorName: "x" }),
    failures: [
      {
        property: "aggregatorName",
        reason: `unknown property; allowed properties are: ${AGGREGATOR_PROPERTIES}`,
      },
    ],
  },
  {
    title: "an unknown property of the account source",
    input: accountAggregator({
      accountAggregationSource: { accountIds: [ACCOUNTS.A], allAwsRegions: true, regions: [] },
    }),
    failures: [
      {
        property: "accountAggregationSource.regions",
        reason: "unknown property; allowed properties are: accountIds, allAwsRegions, awsRegions",
      },
    ],
  },
  {
    title: "an unknown property of the organization source",
    input: organization({ roleArn: ORGANIZATION_ROLE_ARN, allAwsRegions: true, accountIds: [] }),
    failures: [
      {
        property: "organizationAggregationSource.accountIds",
        reason: "unknown property; allowed properties are: roleArn, allAwsRegions, awsRegions",
      },
    ],
  },
  {
    title: "an unknown filter",
    input: withFilters({
      resourceType: { value: [RESOURCE_TYPE_INSTANCE] },
      tag: { value: ["x"] },
    }),
    failures: [
      {
        property: "aggregatorFilters.tag",
        reason: "unknown property; allowed properties are: resourceType, servicePrincipal",
      },
    ],
  },
  {
    title: "an unknown property of a filter",
    input: withFilters({ resourceType: { value: [RESOURCE_TYPE_INSTANCE], values: [] } }),
    failures: [
      {
        property: "aggregatorFilters.resourceType.values",
        reason: "unknown property; allowed properties are: type, value",
      },
    ],
  },
  {
    title: "an unknown property of assumeRole",
    input: withRole({ roleArn: OWNER_ROLE_ARN, region: REGIONS.A }),
    failures: [
      {
        property: "assumeRole.region",
        reason: `unknown property; allowed properties are: ${ASSUME_ROLE_PROPERTIES}`,
      },
    ],
  },
  // Wrong types elsewhere.
  {
    title: "adoptExisting given as a string",
    input: accountAggregator({ adoptExisting: "yes" }),
    failures: [
      { property: "adoptExisting", reason: "Invalid input: expected boolean, received string" },
    ],
  },
  {
    title: "assumeRole given as a string",
    input: withRole(OWNER_ROLE_ARN),
    failures: [
      { property: "assumeRole", reason: "Invalid input: expected object, received string" },
    ],
  },
  // assumeRole.
  {
    title: "an assumeRole ARN that is not a role",
    input: withRole({ roleArn: `arn:aws:iam::${ACCOUNTS.A}:policy/deploy` }),
    failures: [
      {
        property: "assumeRole.roleArn",
        reason: `"arn:aws:iam::${ACCOUNTS.A}:policy/deploy" ${ROLE_ARN_RULE}`,
      },
    ],
  },
  {
    title: "an assumeRole without a roleArn",
    input: withRole({ sessionName: "deploy" }),
    failures: [
      {
        property: "assumeRole.roleArn",
        reason: "is required: the ARN of an IAM role",
      },
    ],
  },
  {
    title: "an external ID of one character",
    input: withRole({ roleArn: OWNER_ROLE_ARN, externalId: "Q" }),
    failures: [{ property: "assumeRole.externalId", reason: EXTERNAL_ID_LENGTH_RULE }],
  },
  {
    title: "an external ID of 1225 characters",
    input: withRole({
      roleArn: OWNER_ROLE_ARN,
      externalId: SECRET_EXTERNAL_ID.repeat(69).slice(0, 1225),
    }),
    failures: [{ property: "assumeRole.externalId", reason: EXTERNAL_ID_LENGTH_RULE }],
  },
  {
    title: "an external ID with a space",
    input: withRole({ roleArn: OWNER_ROLE_ARN, externalId: `${SECRET_EXTERNAL_ID} x` }),
    failures: [{ property: "assumeRole.externalId", reason: EXTERNAL_ID_CHARACTER_RULE }],
  },
  {
    title: "a session name with a space",
    input: withRole({ roleArn: OWNER_ROLE_ARN, sessionName: "pulumi deploy" }),
    failures: [
      {
        property: "assumeRole.sessionName",
        reason: '"pulumi deploy" may contain only letters, digits and _ + = , . @ -',
      },
    ],
  },
  {
    title: "a session name of one character",
    input: withRole({ roleArn: OWNER_ROLE_ARN, sessionName: "p" }),
    failures: [{ property: "assumeRole.sessionName", reason: '"p" is shorter than 2 characters' }],
  },
  {
    title: "a session name of 65 characters",
    input: withRole({ roleArn: OWNER_ROLE_ARN, sessionName: LONG_SESSION }),
    failures: [
      {
        property: "assumeRole.sessionName",
        reason: `${JSON.stringify(LONG_SESSION)} is longer than 64 characters`,
      },
    ],
  },
  {
    title: "a duration of 899 seconds",
    input: withRole({ roleArn: OWNER_ROLE_ARN, durationSeconds: 899 }),
    failures: [
      { property: "assumeRole.durationSeconds", reason: "899 is below the minimum of 900 seconds" },
    ],
  },
  {
    title: "a duration of 43201 seconds",
    input: withRole({ roleArn: OWNER_ROLE_ARN, durationSeconds: 43201 }),
    failures: [
      {
        property: "assumeRole.durationSeconds",
        reason: "43201 is above the maximum of 43200 seconds",
      },
    ],
  },
  {
    title: "a duration of 1.5 seconds",
    input: withRole({ roleArn: OWNER_ROLE_ARN, durationSeconds: 1.5 }),
    failures: [
      { property: "assumeRole.durationSeconds", reason: "1.5 is not a whole number of seconds" },
    ],
  },
  {
    title: "a duration given as a string",
    input: withRole({ roleArn: OWNER_ROLE_ARN, durationSeconds: "3600" }),
    failures: [
      {
        property: "assumeRole.durationSeconds",
        reason: "Invalid input: expected number, received string",
      },
    ],
  },
  // Several at once.
  {
    title: "several mistakes at once, each listed",
    input: {
      name: "a b",
      region: "xx",
      accountAggregationSource: { accountIds: ["1", ACCOUNTS.A, "x"] },
      tags: { "aws:x": "y" },
      assumeRole: { roleArn: OWNER_ROLE_ARN, durationSeconds: 60 },
    },
    failures: [
      { property: "name", reason: NAME_CHARACTERS("a b") },
      { property: "accountAggregationSource.accountIds[0]", reason: accountIdReason("1") },
      { property: "accountAggregationSource.accountIds[2]", reason: accountIdReason("x") },
      { property: 'tags["aws:x"]', reason: 'tag key "aws:x" uses the reserved prefix "aws:"' },
      { property: "region", reason: regionReason("xx") },
      { property: "assumeRole.durationSeconds", reason: "60 is below the minimum of 900 seconds" },
      { property: "accountAggregationSource.awsRegions", reason: NO_SOURCE_REGIONS },
    ],
  },
];

describe("checkAggregator", () => {
  describe("rejects invalid inputs with the exact property and reason", () => {
    it("has at least 40 invalid cases", () => {
      assert.ok(INVALID.length >= 40, `only ${INVALID.length} cases`);
    });
    for (const { title, input, failures } of INVALID) {
      it(title, () => {
        assert.deepStrictEqual(checkAggregator(undefined, input).failures, failures);
      });
    }
  });

  describe("never repeats the external ID in a reason", () => {
    const secrets = [
      "Q",
      `${SECRET_EXTERNAL_ID} x`,
      `${SECRET_EXTERNAL_ID}!`,
      SECRET_EXTERNAL_ID.repeat(69).slice(0, 1225),
    ];
    for (const externalId of secrets) {
      it(`hides an invalid external ID of ${externalId.length} characters`, () => {
        const { failures } = checkAggregator(
          undefined,
          withRole({ roleArn: OWNER_ROLE_ARN, externalId, sessionName: "bad session" }),
        );
        assert.equal(failures.length, 2);
        for (const failure of failures) {
          assert.ok(!failure.reason.includes(externalId), failure.reason);
          assert.ok(!failure.reason.includes(SECRET_EXTERNAL_ID), failure.reason);
        }
      });
    }
  });

  describe("accepts values at the limits", () => {
    const rows: { title: string; input: Raw }[] = [
      { title: "a name of 256 characters", input: accountAggregator({ name: "a".repeat(256) }) },
      { title: "a name of one character", input: accountAggregator({ name: "_" }) },
      {
        title: "50 tags, a key of 128 and a value of 256 characters",
        input: withTags({
          ...Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`key${i}`, ""])),
          ["k".repeat(128)]: "v".repeat(256),
          "cost center: Größe/@+=.-_": "ünïcödé value 1",
        }),
      },
      { title: "a tag key that merely contains aws:", input: withTags({ "my-aws:key": "x" }) },
      {
        title: "a GovCloud region and a role in another partition",
        input: organizationAggregator({
          region: "us-gov-west-1",
          organizationAggregationSource: {
            roleArn: `arn:aws-us-gov:iam::${ACCOUNTS.A}:role/config`,
            awsRegions: ["us-gov-east-1"],
          },
        }),
      },
      {
        title: "assumeRole at its limits",
        input: withRole({
          roleArn: OWNER_ROLE_ARN,
          externalId: "x".repeat(1224),
          sessionName: "s".repeat(64),
          durationSeconds: 43200,
        }),
      },
      {
        title: "the shortest assumeRole values",
        input: withRole({
          roleArn: OWNER_ROLE_ARN,
          externalId: "ab",
          sessionName: "ab",
          durationSeconds: 900,
        }),
      },
    ];
    for (const { title, input } of rows) {
      it(title, () => {
        assert.deepStrictEqual(checkAggregator(undefined, input).failures, []);
      });
    }
  });

  describe("normalizes valid inputs", () => {
    it("counts distinct accounts against the 10,000 limit: 10,000 plus a repeat passes", () => {
      const ids = Array.from({ length: 10_000 }, (_, i) => String(100000000000 + i));
      const result = checkAggregator(undefined, accounts([...ids, ids[0]]));
      assert.deepStrictEqual(result.failures, []);
      assert.equal((result.inputs.accountAggregationSource?.accountIds ?? []).length, 10_000);
    });

    it("sorts and de-duplicates account IDs and regions", () => {
      const { inputs, failures } = checkAggregator(
        undefined,
        accounts([ACCOUNTS.D, ACCOUNTS.A, ACCOUNTS.D], {
          awsRegions: [REGIONS.C, REGIONS.B, REGIONS.A, REGIONS.C],
        }),
      );
      assert.deepStrictEqual(failures, []);
      assert.deepStrictEqual(inputs, {
        name: AGGREGATOR_NAME,
        region: REGIONS.A,
        accountAggregationSource: {
          accountIds: [ACCOUNTS.A, ACCOUNTS.D],
          awsRegions: [REGIONS.B, REGIONS.A, REGIONS.C],
        },
      });
    });

    it("keeps only the regions when allAwsRegions is false", () => {
      const { inputs } = checkAggregator(
        undefined,
        organization({
          roleArn: ORGANIZATION_ROLE_ARN,
          allAwsRegions: false,
          awsRegions: [REGIONS.C, REGIONS.A],
        }),
      );
      assert.deepStrictEqual(inputs.organizationAggregationSource, {
        roleArn: ORGANIZATION_ROLE_ARN,
        awsRegions: [REGIONS.A, REGIONS.C],
      });
    });

    it("keeps allAwsRegions: true as the only region setting", () => {
      const { inputs } = checkAggregator(undefined, organizationAggregator());
      assert.deepStrictEqual(inputs.organizationAggregationSource, {
        roleArn: ORGANIZATION_ROLE_ARN,
        allAwsRegions: true,
      });
    });

    it("defaults the filter type to INCLUDE and sorts and de-duplicates filter values", () => {
      const { inputs } = checkAggregator(
        undefined,
        withFilters({
          resourceType: {
            value: [RESOURCE_TYPE_INSTANCE, RESOURCE_TYPE_BUCKET, RESOURCE_TYPE_INSTANCE],
          },
          servicePrincipal: {
            type: "INCLUDE",
            value: ["z.amazonaws.com", SERVICE_PRINCIPAL_CONFIG],
          },
        }),
      );
      assert.deepStrictEqual(inputs.aggregatorFilters, {
        resourceType: { type: "INCLUDE", value: [RESOURCE_TYPE_INSTANCE, RESOURCE_TYPE_BUCKET] },
        servicePrincipal: { type: "INCLUDE", value: [SERVICE_PRINCIPAL_CONFIG, "z.amazonaws.com"] },
      });
    });

    it("passes tags, assumeRole and adoptExisting through unchanged", () => {
      const assumeRole = {
        roleArn: OWNER_ROLE_ARN,
        externalId: SECRET_EXTERNAL_ID,
        sessionName: "deploy",
        durationSeconds: 900,
      };
      const { inputs } = checkAggregator(
        undefined,
        accountAggregator({
          tags: { team: "platform", "cost center": "42" },
          assumeRole,
          adoptExisting: true,
        }),
      );
      assert.deepStrictEqual(inputs, {
        name: AGGREGATOR_NAME,
        region: REGIONS.A,
        accountAggregationSource: { accountIds: [ACCOUNTS.A], allAwsRegions: true },
        tags: { team: "platform", "cost center": "42" },
        assumeRole,
        adoptExisting: true,
      });
    });

    it("drops __provider", () => {
      const { inputs } = checkAggregator(
        undefined,
        accountAggregator({ __provider: "serialized" }),
      );
      assert.deepStrictEqual(inputs, checkAggregator(undefined, accountAggregator()).inputs);
      assert.ok(!("__provider" in inputs));
    });
  });

  describe("region", () => {
    let restore: () => void;
    beforeEach(() => {
      restore = clearDefaultRegion();
    });
    afterEach(() => restore());

    const noRegion = (): Raw => {
      const { region: _region, ...rest } = accountAggregator();
      return rest;
    };

    it("fails when no region is given and none is configured", () => {
      assert.deepStrictEqual(checkAggregator(undefined, noRegion()).failures, [
        { property: "region", reason: NO_REGION_REASON },
      ]);
    });

    it("lists the missing region after the other failures", () => {
      assert.deepStrictEqual(checkAggregator(undefined, { ...noRegion(), name: "" }).failures, [
        { property: "name", reason: "must not be empty" },
        { property: "region", reason: NO_REGION_REASON },
      ]);
    });

    it("defaults the region from AWS_REGION", () => {
      process.env.AWS_REGION = REGIONS.C;
      process.env.AWS_DEFAULT_REGION = REGIONS.B;
      const { inputs, failures } = checkAggregator(undefined, noRegion());
      assert.deepStrictEqual(failures, []);
      assert.equal(inputs.region, REGIONS.C);
    });

    it("defaults the region from AWS_DEFAULT_REGION when AWS_REGION is unset", () => {
      process.env.AWS_DEFAULT_REGION = REGIONS.B;
      assert.equal(checkAggregator(undefined, noRegion()).inputs.region, REGIONS.B);
    });

    it("prefers the stack config aws:region over the environment", () => {
      process.env.AWS_REGION = REGIONS.C;
      applyStackConfig({ get: (key) => (key === "aws:region" ? REGIONS.B : undefined) });
      assert.equal(checkAggregator(undefined, noRegion()).inputs.region, REGIONS.B);
    });

    it("prefers the region input over every default", () => {
      process.env.AWS_REGION = REGIONS.C;
      applyStackConfig({ get: (key) => (key === "aws:region" ? REGIONS.B : undefined) });
      assert.equal(checkAggregator(undefined, accountAggregator()).inputs.region, REGIONS.A);
    });
  });

  describe("generated names", () => {
    const unnamed = (autoNamePrefix: string, olds?: Raw) => {
      const { name: _name, ...rest } = accountAggregator({ autoNamePrefix });
      return checkAggregator(olds, rest);
    };

    it("generates <resource name>-<7 lowercase letters or digits> when name is omitted", () => {
      const { inputs, failures } = unnamed("org-aggregator");
      assert.deepStrictEqual(failures, []);
      assert.match(inputs.name, /^org-aggregator-[a-z0-9]{7}$/);
      assert.equal(inputs.autoNamePrefix, "org-aggregator");
    });

    it("generates a different suffix each time for a new resource", () => {
      const names = new Set(
        Array.from({ length: 20 }, () => unnamed("org-aggregator").inputs.name),
      );
      assert.ok(names.size > 1, `all 20 generated names were ${[...names].join(", ")}`);
    });

    it("keeps the generated name when the old inputs have one with the same prefix", () => {
      const first = unnamed("org-aggregator").inputs;
      const second = unnamed("org-aggregator", { ...first }).inputs;
      assert.equal(second.name, first.name);
    });

    it("regenerates the name when the resource name (prefix) changed", () => {
      const first = unnamed("org-aggregator").inputs;
      const second = unnamed("central", { ...first }).inputs;
      assert.match(second.name, /^central-[a-z0-9]{7}$/);
    });

    it("regenerates the name when the prefix changed but sanitizes to the same text", () => {
      const first = unnamed("org aggregator").inputs;
      assert.match(first.name, /^org-aggregator-[a-z0-9]{7}$/);
      const second = unnamed("org-aggregator", { ...first }).inputs;
      assert.match(second.name, /^org-aggregator-[a-z0-9]{7}$/);
      assert.notEqual(second.name, first.name);
    });

    it("does not keep an old name that was not generated from the prefix", () => {
      const olds = {
        ...accountAggregator({ name: "hand-named", autoNamePrefix: "org-aggregator" }),
      };
      assert.match(unnamed("org-aggregator", olds).inputs.name, /^org-aggregator-[a-z0-9]{7}$/);
    });

    it("replaces characters a name may not have with '-'", () => {
      assert.match(unnamed("my app.prod/eu").inputs.name, /^my-app-prod-eu-[a-z0-9]{7}$/);
    });

    it("shortens a long resource name so that the whole name fits 256 characters", () => {
      const { inputs, failures } = unnamed("r".repeat(300));
      assert.deepStrictEqual(failures, []);
      assert.equal(inputs.name.length, 256);
      assert.match(inputs.name, new RegExp(`^${"r".repeat(248)}-[a-z0-9]{7}$`));
    });

    it("uses the given name over the prefix", () => {
      const { inputs } = checkAggregator(undefined, accountAggregator({ autoNamePrefix: "other" }));
      assert.equal(inputs.name, AGGREGATOR_NAME);
    });
  });

  describe("the provider's check", () => {
    it("returns what checkAggregator returns, without __provider", async () => {
      const news = accountAggregator({
        __provider: "serialized",
        accountAggregationSource: {
          accountIds: [ACCOUNTS.D, ACCOUNTS.A],
          allAwsRegions: true,
        },
      });
      const result = await aggregatorProvider.check!({} as never, news as never);
      assert.deepStrictEqual(result, {
        failures: [],
        inputs: {
          name: AGGREGATOR_NAME,
          region: REGIONS.A,
          accountAggregationSource: {
            accountIds: [ACCOUNTS.A, ACCOUNTS.D],
            allAwsRegions: true,
          },
        },
      });
    });

    it("returns failures instead of throwing", async () => {
      const result = await aggregatorProvider.check!(
        {} as never,
        accountAggregator({ name: "a b" }) as never,
      );
      assert.deepStrictEqual(result.failures, [
        { property: "name", reason: NAME_CHARACTERS("a b") },
      ]);
    });
  });
});
