/**
 * The bad-input corpus: inputs generated from the API's rules (lengths at and past their limits,
 * patterns, list sizes, conflicting fields, `aws:` tags, bad ARNs, wrong types, unknown fields) for
 * both resources and for the components' own validation. Every case is refused at check with the
 * exact property path and a reason that names the rule, and the whole corpus makes no AWS call.
 *
 * Resource cases go through the real dynamic-provider host's Check (inputs shaped as the resource
 * classes send them), then all at once through a `pulumi up` of one program; component cases
 * through the runner, where the program fails before registering anything.
 */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  AggregationAuthorization,
  aggregationAuthorizationProvider,
  ConfigurationAggregator,
  configurationAggregatorProvider,
  MultiAccountAggregation,
  OrganizationAggregator,
  type MultiAccountAggregationArgs,
  type OrganizationAggregatorArgs,
} from "../../index";
import type { RequestRecord } from "../../emulator";
import { useEmulator } from "../support/emulator";
import { startProviderHost, type CheckFailure, type ProviderHost } from "../support/host";
import { RunError, type ProgramRunner } from "../support/runner";
import { serializeProvider } from "../support/serialize";
import { AGGREGATOR_TYPE, AUTHORIZATION_TYPE, hostEnv, newRunner, REPO_ROOT } from "./harness";
import { ACCOUNTS, REGIONS, roleArn } from "../support/fixtures";

type Inputs = Record<string, unknown>;

/** A failure the check must report: the exact path, and a pattern of the reason. */
type Expected = readonly [property: string, reason: RegExp];

interface BadCase {
  title: string;
  /** Changes to the valid base inputs; `undefined` removes a property. */
  change: Inputs;
  failures: readonly Expected[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const quoted = (value: unknown) => escape(JSON.stringify(value));
const ROLE = roleArn(ACCOUNTS.A, "deployer");

// --- Rules shared by both resources ------------------------------------------------------------

const tagKey = (n: number) => `k${String(n).padStart(2, "0")}`;
const manyTags = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [tagKey(i), "v"]));
const TAG_CHARACTERS = /may contain only letters, digits, spaces and _ \. : \/ = \+ - @$/;

/** Tags: count, key and value lengths, characters, the reserved prefix, types. */
function tagCases(): BadCase[] {
  const keyPath = (key: string) =>
    /^[A-Za-z_$][\w$]*$/.test(key) ? `tags.${key}` : `tags[${JSON.stringify(key)}]`;
  const badKey = (title: string, key: string, reason: RegExp): BadCase => ({
    title,
    change: { tags: { [key]: "v" } },
    failures: [[keyPath(key), reason]],
  });
  const badValue = (title: string, value: unknown, reason: RegExp): BadCase => ({
    title,
    change: { tags: { team: value } },
    failures: [["tags.team", reason]],
  });
  return [
    {
      title: "51 tags (limit 50)",
      change: { tags: manyTags(51) },
      failures: [["tags", /^51 tags given; a resource may have at most 50$/]],
    },
    {
      title: "60 tags",
      change: { tags: manyTags(60) },
      failures: [["tags", /^60 tags given; a resource may have at most 50$/]],
    },
    badKey("an empty tag key", "", /^tag key "" must be 1 to 128 characters long$/),
    badKey(
      "a 129-character tag key",
      "k".repeat(129),
      /^tag key "k+" must be 1 to 128 characters long$/,
    ),
    badKey(
      "an aws: tag key",
      "aws:createdBy",
      /^tag key "aws:createdBy" uses the reserved prefix "aws:"$/,
    ),
    badKey(
      "an AWS: tag key in upper case",
      "AWS:Owner",
      /^tag key "AWS:Owner" uses the reserved prefix "aws:"$/,
    ),
    badKey("an Aws: tag key in mixed case", "Aws:cost", /uses the reserved prefix "aws:"$/),
    ...["#", "*", "<", ">", "%", "&", "?", "\\", ",", ";", "!"].map((c) =>
      badKey(
        `a tag key with "${c}"`,
        `bad${c}key`,
        new RegExp(`^tag key ${quoted(`bad${c}key`)} ${TAG_CHARACTERS.source}`),
      ),
    ),
    badValue(
      "a 257-character tag value",
      "v".repeat(257),
      /^tag value "v+" is longer than 256 characters$/,
    ),
    badValue("a tag value with '<'", "a<b", /^tag value "a<b" may contain only letters/),
    badValue("a tag value with '*'", "a*b", /^tag value "a\*b" may contain only letters/),
    badValue("a tag value with a newline", "a\nb", /^tag value "a\\nb" may contain only letters/),
    badValue("a numeric tag value", 5, /^Invalid input: expected string, received number$/),
    badValue("a boolean tag value", true, /^Invalid input: expected string, received boolean$/),
    {
      title: "tags as a string",
      change: { tags: "team=blue" },
      failures: [["tags", /^Invalid input: expected record, received string$/]],
    },
    {
      title: "tags as a list",
      change: { tags: [{ Key: "team", Value: "blue" }] },
      failures: [["tags", /^Invalid input: expected record, received array$/]],
    },
  ];
}

const REGION_RULE = (value: string) =>
  new RegExp(`^${quoted(value)} is not an AWS region name such as "us-east-1"$`);

/** Where the resource lives, who acts, adoption. */
function placementCases(): BadCase[] {
  const badRegion = (value: string): BadCase => ({
    title: `region ${JSON.stringify(value)}`,
    change: { region: value },
    failures: [["region", REGION_RULE(value)]],
  });
  const badRole = (value: string): BadCase => ({
    title: `assumeRole.roleArn ${JSON.stringify(value.length > 60 ? `${value.slice(0, 40)}…` : value)}`,
    change: { assumeRole: { roleArn: value } },
    failures: [
      [
        "assumeRole.roleArn",
        new RegExp(
          `^${quoted(value)} is not an IAM role ARN of the form arn:aws:iam::<12-digit account>:role/<name>$`,
        ),
      ],
    ],
  });
  const role = (extra: Inputs, property: string, reason: RegExp): BadCase => ({
    title: `assumeRole.${property} ${JSON.stringify(extra[property]).slice(0, 40)}`,
    change: { assumeRole: { roleArn: ROLE, ...extra } },
    failures: [[`assumeRole.${property}`, reason]],
  });
  const hiddenLength =
    /^the external ID must be 2 to 1224 characters long \(value hidden: it is secret\)$/;
  return [
    ...[
      "moon-base-1",
      "US-EAST-1",
      "us_east_1",
      "useast1",
      "us-east",
      "us-east-123",
      "",
      " us-east-1",
    ].map(badRegion),
    {
      title: "a 65-character region",
      change: { region: `us-${"a".repeat(60)}-1` },
      failures: [["region", /^"us-a+-1" is longer than 64 characters$/]],
    },
    {
      title: "a numeric region",
      change: { region: 1 },
      failures: [["region", /^Invalid input: expected string, received number$/]],
    },
    ...[
      "not-an-arn",
      "arn:aws:iam::12345678901:role/deployer",
      "arn:aws:iam::1234567890123:role/deployer",
      `arn:aws:iam::${ACCOUNTS.A}:user/deployer`,
      `arn:aws:iam::${ACCOUNTS.A}:role/`,
      `arn:aws:iam::${ACCOUNTS.A}:role/${"r".repeat(513)}`,
      `arn:aws:iam::${ACCOUNTS.A}:role/has space`,
      `arn:aws:sts::${ACCOUNTS.A}:assumed-role/deployer/session`,
      `arn:azure:iam::${ACCOUNTS.A}:role/deployer`,
      "arn:aws:s3:::my-bucket",
    ].map(badRole),
    {
      ...badRole(`arn:aws:iam::${ACCOUNTS.A}:role/${"r".repeat(65)}`),
      title: "assumeRole.roleArn with a 65-character role name (IAM allows 64)",
    },
    {
      title: "assumeRole without roleArn",
      change: { assumeRole: { externalId: "ok-external-id" } },
      failures: [["assumeRole.roleArn", /^is required: the ARN of an IAM role$/]],
    },
    {
      title: "assumeRole as a string",
      change: { assumeRole: ROLE },
      failures: [["assumeRole", /^Invalid input: expected object, received string$/]],
    },
    role({ externalId: "x" }, "externalId", hiddenLength),
    role({ externalId: "x".repeat(1225) }, "externalId", hiddenLength),
    role(
      { externalId: "has spaces in it" },
      "externalId",
      /^the external ID may contain only letters, digits and _ \+ = , \. @ : \/ - \(value hidden: it is secret\)$/,
    ),
    role({ externalId: 1234 }, "externalId", /^Invalid input: expected string, received number$/),
    role({ sessionName: "s" }, "sessionName", /^"s" is shorter than 2 characters$/),
    role({ sessionName: "s".repeat(65) }, "sessionName", /^"s+" is longer than 64 characters$/),
    role(
      { sessionName: "bad session" },
      "sessionName",
      /^"bad session" may contain only letters, digits and _ \+ = , \. @ -$/,
    ),
    role({ durationSeconds: 899 }, "durationSeconds", /^899 is below the minimum of 900 seconds$/),
    role(
      { durationSeconds: 43201 },
      "durationSeconds",
      /^43201 is above the maximum of 43200 seconds$/,
    ),
    role(
      { durationSeconds: 3600.5 },
      "durationSeconds",
      /^3600\.5 is not a whole number of seconds$/,
    ),
    role(
      { durationSeconds: "3600" },
      "durationSeconds",
      /^Invalid input: expected number, received string$/,
    ),
    {
      title: "an unknown assumeRole property",
      change: { assumeRole: { roleArn: ROLE, profile: "dev" } },
      failures: [
        [
          "assumeRole.profile",
          /^unknown property; allowed properties are: roleArn, externalId, sessionName, durationSeconds$/,
        ],
      ],
    },
    {
      title: "adoptExisting as a string",
      change: { adoptExisting: "yes" },
      failures: [["adoptExisting", /^Invalid input: expected boolean, received string$/]],
    },
  ];
}

/** A valid input exactly at a limit: it must pass, so the limits the cases cross are the rules'. */
interface LimitCase {
  title: string;
  change: Inputs;
}

/** The shared limits, each exactly at its bound. */
function sharedLimits(): LimitCase[] {
  const role = (extra: Inputs) => ({ assumeRole: { roleArn: ROLE, ...extra } });
  return [
    { title: "50 tags", change: { tags: manyTags(50) } },
    { title: "a 128-character tag key", change: { tags: { ["k".repeat(128)]: "v" } } },
    { title: "a 256-character tag value", change: { tags: { team: "v".repeat(256) } } },
    { title: "an empty tag value", change: { tags: { team: "" } } },
    {
      title: "tag text of letters, digits, spaces and _ . : / = + - @",
      change: { tags: { "a_b.c:d/e=f+g-h@i j": "Ünïcödé 1_2.3:4/5=6+7-8@9" } },
    },
    { title: "a 64-character region", change: { region: `us-${"a".repeat(59)}-1` } },
    { title: "a 2-character external ID", change: role({ externalId: "ab" }) },
    { title: "a 1224-character external ID", change: role({ externalId: "x".repeat(1224) }) },
    { title: "a 2-character session name", change: role({ sessionName: "ab" }) },
    { title: "a 64-character session name", change: role({ sessionName: "s".repeat(64) }) },
    { title: "durationSeconds 900", change: role({ durationSeconds: 900 }) },
    { title: "durationSeconds 43200", change: role({ durationSeconds: 43200 }) },
    {
      title: "a role path and a 64-character role name",
      change: role({ roleArn: `arn:aws:iam::${ACCOUNTS.A}:role/a/path/${"r".repeat(64)}` }),
    },
    {
      title: "a GovCloud role",
      change: role({ roleArn: `arn:aws-us-gov:iam::${ACCOUNTS.A}:role/deployer` }),
    },
  ];
}

function unknownFieldCases(names: string[], allowed: string): BadCase[] {
  return names.map((name) => ({
    title: `an unknown property ${JSON.stringify(name)}`,
    change: { [name]: "x" },
    failures: [
      [name, new RegExp(`^unknown property; allowed properties are: ${escape(allowed)}$`)],
    ],
  }));
}

// --- ConfigurationAggregator -------------------------------------------------------------------

const AGGREGATOR_BASE: Inputs = {
  name: "corpus",
  accountAggregationSource: { accountIds: [ACCOUNTS.B], awsRegions: [REGIONS.A] },
  autoNamePrefix: "corpus",
};
const AGGREGATOR_PROPERTIES =
  "name, accountAggregationSource, organizationAggregationSource, aggregatorFilters, tags, region, assumeRole, adoptExisting, expectedAccountId";
const NAME_CHARACTERS = (value: string) =>
  new RegExp(`^${quoted(value)} may contain only letters, digits, "_" and "-"$`);
const ACCOUNT_RULE = (value: unknown) =>
  new RegExp(`^${quoted(value)} is not an AWS account ID: expected exactly 12 digits$`);

function aggregatorCases(): BadCase[] {
  const source = (change: Inputs) => ({
    accountAggregationSource: { accountIds: [ACCOUNTS.B], awsRegions: [REGIONS.A], ...change },
  });
  const organization = (change: Inputs) => ({
    accountAggregationSource: undefined,
    organizationAggregationSource: { roleArn: ROLE, allAwsRegions: true, ...change },
  });
  const badAccount = (value: string, index = 0, list = [value]): BadCase => ({
    title: `account ID ${JSON.stringify(value)}`,
    change: source({ accountIds: list }),
    failures: [[`accountAggregationSource.accountIds[${index}]`, ACCOUNT_RULE(value)]],
  });
  const resourceType = (value: string): BadCase => ({
    title: `resource type ${JSON.stringify(value.slice(0, 40))}`,
    change: { aggregatorFilters: { resourceType: { value: ["AWS::S3::Bucket", value] } } },
    failures: [
      [
        "aggregatorFilters.resourceType.value[1]",
        new RegExp(`^${quoted(value)} is not a resource type such as "AWS::EC2::Instance"$`),
      ],
    ],
  });
  const principal = (value: string, reason: RegExp): BadCase => ({
    title: `service principal ${JSON.stringify(value.slice(0, 40))}`,
    change: { aggregatorFilters: { servicePrincipal: { value: [value] } } },
    failures: [["aggregatorFilters.servicePrincipal.value[0]", reason]],
  });
  const tooManyAccounts = Array.from({ length: 10_001 }, (_, i) => String(100_000_000_000 + i));
  return [
    { title: "an empty name", change: { name: "" }, failures: [["name", /^must not be empty$/]] },
    {
      title: "a 257-character name",
      change: { name: "n".repeat(257) },
      failures: [["name", /^"n+" is longer than 256 characters$/]],
    },
    ...["has space", "dots.in.name", "slash/name", "colon:name", "émoji-ñame", "star*"].map(
      (name): BadCase => ({
        title: `name ${JSON.stringify(name)}`,
        change: { name },
        failures: [["name", NAME_CHARACTERS(name)]],
      }),
    ),
    {
      title: "a numeric name",
      change: { name: 42 },
      failures: [["name", /^Invalid input: expected string, received number$/]],
    },
    {
      title: "both sources",
      change: { organizationAggregationSource: { roleArn: ROLE, allAwsRegions: true } },
      failures: [
        [
          "organizationAggregationSource",
          /exactly one source: give accountAggregationSource or organizationAggregationSource, not both$/,
        ],
      ],
    },
    {
      title: "no source",
      change: { accountAggregationSource: undefined },
      failures: [
        [
          "accountAggregationSource",
          /^an aggregator needs a source: give accountAggregationSource/,
        ],
      ],
    },
    {
      title: "no account IDs",
      change: source({ accountIds: [] }),
      failures: [["accountAggregationSource.accountIds", /^must list at least one account ID$/]],
    },
    {
      title: "accountIds missing",
      change: { accountAggregationSource: { awsRegions: [REGIONS.A] } },
      failures: [
        [
          "accountAggregationSource.accountIds",
          /^is required: the 12-digit IDs of the source accounts$/,
        ],
      ],
    },
    {
      title: "accountIds as a string",
      change: source({ accountIds: ACCOUNTS.B }),
      failures: [
        ["accountAggregationSource.accountIds", /^Invalid input: expected array, received string$/],
      ],
    },
    {
      title: "a numeric account ID",
      change: source({ accountIds: [222222222222] }),
      failures: [
        [
          "accountAggregationSource.accountIds[0]",
          /^Invalid input: expected string, received number$/,
        ],
      ],
    },
    ...[
      "11111111111",
      "1111111111111",
      "abcdefghijkl",
      " 11111111111",
      "11111111111a",
      "",
      "111-111-1111",
    ].map((id) => badAccount(id)),
    badAccount("x", 2, [ACCOUNTS.A, ACCOUNTS.B, "x"]),
    {
      title: "10,001 distinct accounts (limit 10,000)",
      change: source({ accountIds: tooManyAccounts }),
      failures: [
        [
          "accountAggregationSource.accountIds",
          /^10001 distinct accounts given; an aggregator may have at most 10000$/,
        ],
      ],
    },
    {
      title: "no source regions",
      change: source({ awsRegions: [] }),
      failures: [["accountAggregationSource.awsRegions", /^must list at least one region$/]],
    },
    ...["Mars", "US-WEST-2", "eu_west_1"].map((region): BadCase => ({
      title: `source region ${JSON.stringify(region)}`,
      change: source({ awsRegions: [REGIONS.A, region] }),
      failures: [["accountAggregationSource.awsRegions[1]", REGION_RULE(region)]],
    })),
    {
      title: "allAwsRegions and a region list",
      change: source({ allAwsRegions: true }),
      failures: [
        [
          "accountAggregationSource.awsRegions",
          /^give either allAwsRegions: true or a list of awsRegions, not both$/,
        ],
      ],
    },
    {
      title: "neither allAwsRegions nor regions",
      change: source({ awsRegions: undefined }),
      failures: [
        [
          "accountAggregationSource.awsRegions",
          /^no regions given: set allAwsRegions: true or list awsRegions/,
        ],
      ],
    },
    {
      title: "allAwsRegions false and no regions",
      change: source({ awsRegions: undefined, allAwsRegions: false }),
      failures: [["accountAggregationSource.awsRegions", /^no regions given/]],
    },
    {
      title: "allAwsRegions as a string",
      change: source({ allAwsRegions: "yes" }),
      failures: [
        [
          "accountAggregationSource.allAwsRegions",
          /^Invalid input: expected boolean, received string$/,
        ],
      ],
    },
    {
      title: "an unknown source property",
      change: source({ accountId: ACCOUNTS.B }),
      failures: [
        [
          "accountAggregationSource.accountId",
          /^unknown property; allowed properties are: accountIds, allAwsRegions, awsRegions$/,
        ],
      ],
    },
    {
      title: "organization source without roleArn",
      change: organization({ roleArn: undefined }),
      failures: [
        ["organizationAggregationSource.roleArn", /^is required: the ARN of an IAM role$/],
      ],
    },
    ...[
      `arn:aws:iam::${ACCOUNTS.A}:policy/ConfigRole`,
      "arn:aws:iam::aws:role/ConfigRole",
      "role/ConfigRole",
    ].map((arn): BadCase => ({
      title: `organization roleArn ${JSON.stringify(arn)}`,
      change: organization({ roleArn: arn }),
      failures: [
        [
          "organizationAggregationSource.roleArn",
          new RegExp(`^${quoted(arn)} is not an IAM role ARN`),
        ],
      ],
    })),
    {
      title: "organization source with allAwsRegions and regions",
      change: organization({ awsRegions: [REGIONS.A] }),
      failures: [
        [
          "organizationAggregationSource.awsRegions",
          /^give either allAwsRegions: true or a list of awsRegions, not both$/,
        ],
      ],
    },
    {
      title: "an unknown organization source property",
      change: organization({ accountIds: [ACCOUNTS.B] }),
      failures: [
        [
          "organizationAggregationSource.accountIds",
          /^unknown property; allowed properties are: roleArn, allAwsRegions, awsRegions$/,
        ],
      ],
    },
    {
      title: "empty aggregatorFilters",
      change: { aggregatorFilters: {} },
      failures: [
        [
          "aggregatorFilters",
          /^give resourceType or servicePrincipal \(or both\), or leave aggregatorFilters out$/,
        ],
      ],
    },
    {
      title: "no resource types",
      change: { aggregatorFilters: { resourceType: { value: [] } } },
      failures: [
        ["aggregatorFilters.resourceType.value", /^must list at least one resource type$/],
      ],
    },
    {
      title: "a resource type filter without values",
      change: { aggregatorFilters: { resourceType: { type: "INCLUDE" } } },
      failures: [
        [
          "aggregatorFilters.resourceType.value",
          /^is required: the resource types to include, such as \["AWS::EC2::Instance"\]$/,
        ],
      ],
    },
    {
      title: "filter type EXCLUDE",
      change: {
        aggregatorFilters: { resourceType: { type: "EXCLUDE", value: ["AWS::S3::Bucket"] } },
      },
      failures: [
        [
          "aggregatorFilters.resourceType.type",
          /^"EXCLUDE" is not a filter type; the only type is "INCLUDE"$/,
        ],
      ],
    },
    ...[
      "EC2::Instance",
      "AWS::EC2",
      "AWS::E::Instance",
      "AWS::EC2::Instance::Extra",
      `AWS::${"E".repeat(65)}::Instance`,
      "AWS:EC2:Instance",
    ].map(resourceType),
    {
      title: "no service principals",
      change: { aggregatorFilters: { servicePrincipal: { value: [] } } },
      failures: [
        ["aggregatorFilters.servicePrincipal.value", /^must list at least one service principal$/],
      ],
    },
    principal(
      "config amazonaws com",
      /is not a service principal such as "config\.amazonaws\.com"$/,
    ),
    principal(
      "config/amazonaws.com",
      /is not a service principal such as "config\.amazonaws\.com"$/,
    ),
    principal(
      `${"s".repeat(115)}.amazonaws.com`,
      /^"s+\.amazonaws\.com" is longer than 128 characters$/,
    ),
    {
      title: "an unknown filter",
      change: {
        aggregatorFilters: {
          resourceType: { value: ["AWS::S3::Bucket"] },
          resourceTypes: { value: ["AWS::S3::Bucket"] },
        },
      },
      failures: [
        [
          "aggregatorFilters.resourceTypes",
          /^unknown property; allowed properties are: resourceType, servicePrincipal$/,
        ],
      ],
    },
    ...tagCases(),
    ...placementCases(),
    ...unknownFieldCases(
      ["nmae", "tag", "accountAggregationSources", "Name"],
      AGGREGATOR_PROPERTIES,
    ),
  ];
}

// --- AggregationAuthorization ------------------------------------------------------------------

const AUTHORIZATION_BASE: Inputs = {
  authorizedAccountId: ACCOUNTS.B,
  authorizedAwsRegion: REGIONS.A,
};
const AUTHORIZATION_PROPERTIES =
  "authorizedAccountId, authorizedAwsRegion, tags, region, assumeRole, adoptExisting";

function authorizationCases(): BadCase[] {
  return [
    {
      title: "authorizedAccountId missing",
      change: { authorizedAccountId: undefined },
      failures: [
        [
          "authorizedAccountId",
          /^is required: the 12-digit account ID of the aggregator to authorize$/,
        ],
      ],
    },
    {
      title: "authorizedAwsRegion missing",
      change: { authorizedAwsRegion: undefined },
      failures: [
        [
          "authorizedAwsRegion",
          /^is required: the region of the aggregator to authorize, such as "us-east-1"$/,
        ],
      ],
    },
    {
      title: "a numeric authorizedAccountId",
      change: { authorizedAccountId: 222222222222 },
      failures: [["authorizedAccountId", /^Invalid input: expected string, received number$/]],
    },
    ...["2222222222", "2222222222222", "twelve-digit", "2222 2222 2222"].map((id): BadCase => ({
      title: `authorizedAccountId ${JSON.stringify(id)}`,
      change: { authorizedAccountId: id },
      failures: [["authorizedAccountId", ACCOUNT_RULE(id)]],
    })),
    ...["Mars", "us-east", "EU-WEST-1"].map((region): BadCase => ({
      title: `authorizedAwsRegion ${JSON.stringify(region)}`,
      change: { authorizedAwsRegion: region },
      failures: [["authorizedAwsRegion", REGION_RULE(region)]],
    })),
    ...tagCases(),
    ...placementCases(),
    ...unknownFieldCases(["name", "authorizedAccount", "awsRegion"], AUTHORIZATION_PROPERTIES),
  ];
}

// --- Components --------------------------------------------------------------------------------

interface ComponentCase {
  title: string;
  program: () => void;
  /** The exact error the run reports. */
  error: string;
}

const SOURCE_ROLE = "ConfigDeployer";
const MULTI_BASE: MultiAccountAggregationArgs = {
  // With the account given by a role ARN, the component itself needs no STS call.
  aggregator: {
    name: "corpus-multi",
    region: REGIONS.A,
    accountId: ACCOUNTS.A,
    assumeRole: { roleArn: ROLE },
  },
  sourceAccountIds: [ACCOUNTS.B],
  sourceRoleName: SOURCE_ROLE,
  regions: [REGIONS.A],
};

function multi(change: Partial<MultiAccountAggregationArgs>, problems: string): ComponentCase {
  return {
    title: `MultiAccountAggregation: ${problems}`,
    program: () => void new MultiAccountAggregation("m", { ...MULTI_BASE, ...change }),
    error: `program failed: MultiAccountAggregation "m": ${problems}`,
  };
}

function organization(args: OrganizationAggregatorArgs, problems: string): ComponentCase {
  return {
    title: `OrganizationAggregator: ${problems}`,
    program: () => void new OrganizationAggregator("o", { roleArn: ROLE, ...args }),
    error: `program failed: OrganizationAggregator "o": ${problems}`,
  };
}

const COMPONENT_CASES: ComponentCase[] = [
  multi(
    { sourceAccounts: [{ accountId: ACCOUNTS.B }] },
    "give sourceAccounts or sourceAccountIds, not both",
  ),
  multi(
    { sourceAccountIds: [] },
    "sourceAccountIds is empty; list at least one 12-digit account ID",
  ),
  multi(
    { sourceAccountIds: [ACCOUNTS.B, "2222"] },
    'sourceAccountIds[1] "2222" is not a 12-digit account ID',
  ),
  multi(
    { sourceAccountIds: [ACCOUNTS.B, ACCOUNTS.B] },
    'sourceAccountIds[1] "222222222222" is listed twice',
  ),
  multi(
    { sourceRoleName: undefined },
    "sourceAccountIds needs sourceRoleName: the role to assume in each source account",
  ),
  multi(
    { sourceRoleName: "has space" },
    'sourceRoleName "has space" is not an IAM role name (1–64 letters, digits and _+=,.@-)',
  ),
  multi(
    { sourceRoleName: "r".repeat(65) },
    `sourceRoleName "${"r".repeat(65)}" is not an IAM role name (1–64 letters, digits and _+=,.@-)`,
  ),
  multi(
    { sourceAccountIds: undefined, sourceRoleName: undefined },
    "no source accounts: give sourceAccounts, or sourceAccountIds with sourceRoleName",
  ),
  multi(
    {
      sourceAccountIds: undefined,
      sourceRoleName: undefined,
      sourceAccounts: [{ accountId: "x" }],
    },
    'sourceAccounts[0] "x" is not a 12-digit account ID',
  ),
  multi(
    {
      sourceAccountIds: undefined,
      sourceRoleName: undefined,
      sourceAccounts: [
        { accountId: ACCOUNTS.B, assumeRole: { roleArn: roleArn(ACCOUNTS.A, "r") } },
      ],
    },
    `sourceAccounts[0].assumeRole.roleArn "${roleArn(ACCOUNTS.A, "r")}" is in account ${ACCOUNTS.A}, not ${ACCOUNTS.B}`,
  ),
  multi({ regions: [] }, 'regions is empty; list at least one region such as "us-east-1"'),
  multi({ regions: [REGIONS.A, REGIONS.B, REGIONS.A] }, 'regions[2] "us-east-1" is listed twice'),
  multi(
    { sourceAccountIds: ["1"], regions: [] },
    'sourceAccountIds[0] "1" is not a 12-digit account ID; regions is empty; list at least one region such as "us-east-1"',
  ),
  organization(
    { awsRegions: [] },
    'awsRegions is empty; list at least one region such as "us-east-1"',
  ),
  organization(
    { awsRegions: [REGIONS.A], allAwsRegions: true },
    "give either allAwsRegions: true or a list of awsRegions, not both",
  ),
  organization(
    { allAwsRegions: false },
    "allAwsRegions is false but no awsRegions are listed; list the regions to aggregate",
  ),
  multi(
    // An unquoted account ID in YAML stack config arrives as a number.
    { sourceAccountIds: [Number(ACCOUNTS.B) as unknown as string] },
    `sourceAccountIds[0] must be a string such as "123456789012" (quoted in YAML stack config), not the number ${ACCOUNTS.B}`,
  ),
  multi({ regions: ["Mars"] }, 'regions[0] "Mars" is not an AWS region name such as "us-east-1"'),
  multi(
    { regions: [` ${REGIONS.A}`, REGIONS.A.toUpperCase()] },
    `regions[0] " ${REGIONS.A}" is not an AWS region name such as "us-east-1"; ` +
      `regions[1] "${REGIONS.A.toUpperCase()}" is not an AWS region name such as "us-east-1"`,
  ),
  multi(
    { sourceAccountIds: undefined, sourceAccounts: [{ accountId: ACCOUNTS.B }] },
    "sourceRoleName applies only to sourceAccountIds; with sourceAccounts give each account its own assumeRole",
  ),
  multi(
    {
      sourceAccountIds: undefined,
      sourceRoleName: undefined,
      sourceAccounts: [
        { accountId: ACCOUNTS.B, assumeRole: { roleArn: `arn:aws:iam::${ACCOUNTS.B}:user/S` } },
      ],
    },
    `sourceAccounts[0].assumeRole.roleArn "arn:aws:iam::${ACCOUNTS.B}:user/S" is not an IAM role ARN of the form arn:aws:iam::<12-digit account>:role/<name>`,
  ),
  multi(
    { aggregator: { region: "useast1" } },
    'aggregator.region "useast1" is not an AWS region name such as "us-east-1"',
  ),
  multi(
    { aggregator: { region: REGIONS.A, accountId: "1234" } },
    'aggregator.accountId "1234" is not a 12-digit account ID',
  ),
  multi(
    {
      aggregator: {
        region: REGIONS.A,
        accountId: ACCOUNTS.C,
        assumeRole: { roleArn: roleArn(ACCOUNTS.A, "r") },
      },
    },
    `aggregator.accountId "${ACCOUNTS.C}" differs from the account of aggregator.assumeRole.roleArn, ${ACCOUNTS.A}, where the aggregator is created`,
  ),
  organization(
    { roleArn: "not-an-arn" },
    'roleArn "not-an-arn" is not an IAM role ARN of the form arn:aws:iam::<12-digit account>:role/<name>',
  ),
  organization({ awsRegions: [REGIONS.B, REGIONS.B] }, 'awsRegions[1] "eu-west-1" is listed twice'),
  organization(
    { region: "Europe" },
    'region "Europe" is not an AWS region name such as "us-east-1"',
  ),
];

/**
 * Inputs the components pass through unchecked, refused by their children's check: the step error
 * names the child and the exact property.
 */
interface ChildCase {
  title: string;
  program: () => void;
  /** URN → the check failure text expected for it. */
  errors: Record<string, string>;
}

const MULTI_TYPE = "aws-config-aggregation:index:MultiAccountAggregation";
const childUrn = (type: string, name: string) =>
  `urn:pulumi:stack::project::${MULTI_TYPE}$${type}::${name}`;

const CHILD_CASES: ChildCase[] = [
  {
    title:
      "MultiAccountAggregation with an aws: tag: its first child refuses it and nothing runs after",
    program: () =>
      void new MultiAccountAggregation("m", { ...MULTI_BASE, tags: { "aws:owner": "me" } }),
    errors: {
      [childUrn(AGGREGATOR_TYPE, "m")]:
        'check failed: tags["aws:owner"]: tag key "aws:owner" uses the reserved prefix "aws:"',
    },
  },
];

// --- The tests ---------------------------------------------------------------------------------

interface Resource {
  title: string;
  provider: pulumi.dynamic.ResourceProvider;
  type: string;
  base: Inputs;
  cases: BadCase[];
  limits: LimitCase[];
  /** The program registering one case as the resource class would. */
  register: (name: string, inputs: Inputs) => void;
}

const RESOURCES: Resource[] = [
  {
    title: "ConfigurationAggregator",
    provider: configurationAggregatorProvider,
    type: AGGREGATOR_TYPE,
    base: AGGREGATOR_BASE,
    cases: aggregatorCases(),
    limits: [
      ...sharedLimits(),
      { title: "a 256-character name", change: { name: "n".repeat(256) } },
      {
        title: "10,000 distinct accounts",
        change: {
          accountAggregationSource: {
            accountIds: Array.from({ length: 10_000 }, (_, i) => String(100_000_000_000 + i)),
            allAwsRegions: true,
          },
        },
      },
      {
        title: "10,001 account IDs of which 10,000 are distinct",
        change: {
          accountAggregationSource: {
            accountIds: [
              ...Array.from({ length: 10_000 }, (_, i) => String(100_000_000_000 + i)),
              "100000000000",
            ],
            allAwsRegions: true,
          },
        },
      },
      {
        title: "64-character resource type segments",
        change: {
          aggregatorFilters: {
            resourceType: { value: [`${"A".repeat(64)}::${"B".repeat(64)}::${"C".repeat(64)}`] },
          },
        },
      },
      {
        title: "a 128-character service principal",
        change: {
          aggregatorFilters: {
            servicePrincipal: { value: [`${"s".repeat(114)}.amazonaws.com`] },
          },
        },
      },
    ],
    register: (name, { autoNamePrefix: _prefix, ...inputs }) =>
      void new ConfigurationAggregator(name, inputs),
  },
  {
    title: "AggregationAuthorization",
    provider: aggregationAuthorizationProvider,
    type: AUTHORIZATION_TYPE,
    base: AUTHORIZATION_BASE,
    cases: authorizationCases(),
    limits: sharedLimits(),
    register: (name, inputs) => void new AggregationAuthorization(name, inputs as never),
  },
];

/** The base inputs with a case's changes; a change to `undefined` removes the property. */
function inputsOf(base: Inputs, change: Inputs): Inputs {
  const inputs: Inputs = { ...base, ...change };
  for (const [key, value] of Object.entries(change)) if (value === undefined) delete inputs[key];
  return inputs;
}

/** A reason pattern as part of a longer one: its anchors dropped, or padded where it had none. */
function inner(reason: RegExp): string {
  const start = reason.source.startsWith("^") ? reason.source.slice(1) : `.*${reason.source}`;
  return start.endsWith("$") ? start.slice(0, -1) : `${start}.*`;
}

function assertFailures(actual: CheckFailure[], expected: readonly Expected[]): void {
  assert.deepEqual(
    actual.map((f) => f.property),
    expected.map(([property]) => property),
    `failures: ${JSON.stringify(actual)}`,
  );
  expected.forEach(([, reason], i) => assert.match(actual[i].reason, reason));
}

describe("bad-input corpus", function () {
  const fixture = useEmulator();
  let host: ProviderHost;
  let runner: ProgramRunner;
  // The fixture empties the request log before each test; every test's calls are kept here.
  const calls: RequestRecord[] = [];

  before(async function () {
    host = await startProviderHost({ cwd: REPO_ROOT, env: hostEnv(fixture, REGIONS.A) });
    await host.configure({ "aws:region": REGIONS.A });
    runner = newRunner(fixture, REGIONS.A);
  });
  afterEach(() => void calls.push(...fixture.emulator.requests()));
  after(async function () {
    await host.stop();
    await runner.close();
  });

  describe("size", function () {
    it("has over 100 generated cases, each refusing a rule of the API", function () {
      const count = RESOURCES.reduce((n, r) => n + r.cases.length, 0) + COMPONENT_CASES.length;
      assert.ok(count >= 100, `${count} cases`);
      for (const { title, cases } of RESOURCES) {
        const titles = cases.map((c) => c.title);
        assert.equal(new Set(titles).size, titles.length, `${title}: case titles are distinct`);
      }
    });
  });

  for (const resource of RESOURCES) {
    describe(`${resource.title} check`, function () {
      let code: string;
      before(async () => (code = await serializeProvider(resource.provider)));
      // Refused inputs only mean something if the base they are made from is accepted.
      it("accepts the valid base the cases are made from", async function () {
        const urn = `urn:pulumi:stack::project::${resource.type}::base`;
        const result = await host.check(urn, {}, { __provider: code, ...resource.base });
        assert.deepEqual(result.failures, []);
      });

      for (const limit of resource.limits) {
        it(`accepts ${limit.title} (at the limit)`, async function () {
          const urn = `urn:pulumi:stack::project::${resource.type}::limit`;
          const news = { __provider: code, ...inputsOf(resource.base, limit.change) };
          assert.deepEqual((await host.check(urn, {}, news)).failures, []);
        });
      }

      for (const badCase of resource.cases) {
        const title = `refuses ${badCase.title}`;
        const test = async () => {
          const urn = `urn:pulumi:stack::project::${resource.type}::bad`;
          const news = { __provider: code, ...inputsOf(resource.base, badCase.change) };
          const { failures } = await host.check(urn, {}, news);
          assertFailures(failures, badCase.failures);
        };
        it(title, test);
      }
    });
  }

  describe("pulumi up", function () {
    it("stops at the first refused resource, as the engine does: one step, its check's message", async function () {
      this.timeout(60_000);
      const registered: { urn: string; failures: readonly Expected[] }[] = [];
      const program = () => {
        for (const resource of RESOURCES) {
          resource.cases.forEach((badCase, i) => {
            const name = `${resource.title}-${i}`;
            const urn = `urn:pulumi:stack::project::${resource.type}::${name}`;
            registered.push({ urn, failures: badCase.failures });
            resource.register(name, inputsOf(resource.base, badCase.change));
          });
        }
      };
      await assert.rejects(runner.up(program), (error: unknown) => {
        assert.ok(error instanceof RunError);
        // Every case's message is pinned by the check tests above; through the engine, the first
        // failed Check ends step generation, so exactly one resource reports.
        assert.equal(error.result.steps.length, 1);
        const [step] = error.result.steps;
        const first = registered.find(({ urn }) => urn === step.urn);
        assert.ok(first, step.urn);
        assert.equal(step.op, "create");
        const listed = first.failures.map(
          ([property, reason]) => `${escape(property)}: ${inner(reason)}`,
        );
        assert.match(step.error ?? "", new RegExp(`^check failed: ${listed.join("; ")}$`));
        assert.equal(error.errors.length, 1);
        return true;
      });
      assert.equal(runner.state.size, 0, "nothing is recorded");
    });
  });

  describe("components", function () {
    const custom = () => [...runner.state.values()].filter((s) => s.custom);

    for (const c of COMPONENT_CASES) {
      it(`refuses ${c.title}`, async function () {
        await assert.rejects(runner.up(c.program), (error: unknown) => {
          assert.ok(error instanceof RunError);
          assert.deepEqual(error.errors, [c.error]);
          return true;
        });
        assert.deepEqual(custom(), [], "no resource is registered");
      });
    }

    for (const c of CHILD_CASES) {
      it(`refuses ${c.title}`, async function () {
        await assert.rejects(runner.up(c.program), (error: unknown) => {
          assert.ok(error instanceof RunError);
          const failed = Object.fromEntries(
            error.result.steps.filter((s) => s.error).map((s) => [s.urn, s.error]),
          );
          assert.deepEqual(failed, c.errors);
          return true;
        });
        assert.deepEqual(custom(), [], "no resource is recorded");
      });
    }
  });

  describe("AWS calls", function () {
    it("none for the whole corpus", function () {
      assert.deepEqual(calls, []);
    });
  });
});
