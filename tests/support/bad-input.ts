/**
 * The bad-input corpus: inputs each resource's check must refuse, with the exact property path and
 * the exact reason. The unit tier runs every case through `checkAggregator` / `checkAuthorization`,
 * the reliability tier through the real dynamic-provider host's Check and a `pulumi up`.
 *
 * Two kinds of case make it up: generated ones (lengths at and past their limits, patterns, list
 * sizes, conflicting fields, `aws:` tags, bad ARNs, wrong types, unknown fields), each one change
 * to a valid base; and hand-written rows, several mistakes at once or a mistake in context.
 */
import {
  ACCOUNTS,
  FILTER_VALUES,
  ORGANIZATION_ROLE_ARN,
  OWNER_ROLE_ARN,
  REGIONS,
  roleArn,
  AGGREGATOR_NAME,
} from "./fixtures";
import {
  AGGREGATOR_PROPERTIES,
  ASSUME_ROLE_PROPERTIES,
  AUTHORIZATION_PROPERTIES,
  ROLE_ARN_RULE,
  TAG_CHARACTER_RULE,
} from "./messages";

/** Inputs as a program gives them (before check). */
export type Inputs = Record<string, unknown>;

/** One failure check must report. */
export interface Failure {
  readonly property: string;
  readonly reason: string;
}

/** Inputs check must refuse, and exactly the failures it must report, in order. */
export interface BadInput {
  readonly title: string;
  readonly input: Inputs;
  readonly failures: readonly Failure[];
}

/** Valid inputs exactly at a limit: check must accept them. */
export interface AtLimit {
  readonly title: string;
  readonly input: Inputs;
}

/** A failure as a generated case writes it: the property and the exact reason. */
type Expected = readonly [property: string, reason: string];

interface BadCase {
  title: string;
  /** Changes to the valid base inputs; `undefined` removes a property. */
  change: Inputs;
  failures: readonly Expected[];
}

/** The role the generated cases assume. */
export const ROLE = roleArn(ACCOUNTS.A, "deployer");

// --- Rules shared by both resources ------------------------------------------------------------

const tagKey = (n: number) => `k${String(n).padStart(2, "0")}`;
const manyTags = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [tagKey(i), "v"]));

/** Tags: count, key and value lengths, characters, the reserved prefix, types. */
function tagCases(): BadCase[] {
  const keyPath = (key: string) =>
    /^[A-Za-z_$][\w$]*$/.test(key) ? `tags.${key}` : `tags[${JSON.stringify(key)}]`;
  const badKey = (title: string, key: string, reason: string): BadCase => ({
    title,
    change: { tags: { [key]: "v" } },
    failures: [[keyPath(key), reason]],
  });
  const badValue = (title: string, value: unknown, reason: string): BadCase => ({
    title,
    change: { tags: { team: value } },
    failures: [["tags.team", reason]],
  });
  return [
    {
      title: "51 tags (limit 50)",
      change: { tags: manyTags(51) },
      failures: [["tags", "51 tags given; a resource may have at most 50"]],
    },
    {
      title: "60 tags",
      change: { tags: manyTags(60) },
      failures: [["tags", "60 tags given; a resource may have at most 50"]],
    },
    badKey("an empty tag key", "", 'tag key "" must be 1 to 128 characters long'),
    badKey(
      "a 129-character tag key",
      "k".repeat(129),
      `tag key "${"k".repeat(129)}" must be 1 to 128 characters long`,
    ),
    badKey(
      "an aws: tag key",
      "aws:createdBy",
      'tag key "aws:createdBy" uses the reserved prefix "aws:"',
    ),
    badKey(
      "an AWS: tag key in upper case",
      "AWS:Owner",
      'tag key "AWS:Owner" uses the reserved prefix "aws:"',
    ),
    badKey(
      "an Aws: tag key in mixed case",
      "Aws:cost",
      'tag key "Aws:cost" uses the reserved prefix "aws:"',
    ),
    ...["#", "*", "<", ">", "%", "&", "?", "\\", ",", ";", "!"].map((c) =>
      badKey(
        `a tag key with "${c}"`,
        `bad${c}key`,
        `tag key ${JSON.stringify(`bad${c}key`)} ${TAG_CHARACTER_RULE}`,
      ),
    ),
    badValue(
      "a 257-character tag value",
      "v".repeat(257),
      `tag value "${"v".repeat(257)}" is longer than 256 characters`,
    ),
    badValue("a tag value with '<'", "a<b", `tag value "a<b" ${TAG_CHARACTER_RULE}`),
    badValue("a tag value with '*'", "a*b", `tag value "a*b" ${TAG_CHARACTER_RULE}`),
    badValue("a tag value with a newline", "a\nb", `tag value "a\\nb" ${TAG_CHARACTER_RULE}`),
    badValue("a numeric tag value", 5, "Invalid input: expected string, received number"),
    badValue("a boolean tag value", true, "Invalid input: expected string, received boolean"),
    {
      title: "tags as a string",
      change: { tags: "team=blue" },
      failures: [["tags", "Invalid input: expected record, received string"]],
    },
    {
      title: "tags as a list",
      change: { tags: [{ Key: "team", Value: "blue" }] },
      failures: [["tags", "Invalid input: expected record, received array"]],
    },
  ];
}

const regionReason = (value: string) =>
  `${JSON.stringify(value)} is not an AWS region name such as "us-east-1"`;

/** Where the resource lives, who acts, adoption. */
function placementCases(): BadCase[] {
  const badRegion = (value: string): BadCase => ({
    title: `region ${JSON.stringify(value)}`,
    change: { region: value },
    failures: [["region", regionReason(value)]],
  });
  const badRole = (value: string): BadCase => ({
    title: `assumeRole.roleArn ${JSON.stringify(value.length > 60 ? `${value.slice(0, 40)}…` : value)}`,
    change: { assumeRole: { roleArn: value } },
    failures: [
      [
        "assumeRole.roleArn",
        `${JSON.stringify(value)} is not an IAM role ARN of the form arn:aws:iam::<12-digit account>:role/<name>`,
      ],
    ],
  });
  const role = (extra: Inputs, property: string, reason: string): BadCase => ({
    title: `assumeRole.${property} ${JSON.stringify(extra[property]).slice(0, 40)}`,
    change: { assumeRole: { roleArn: ROLE, ...extra } },
    failures: [[`assumeRole.${property}`, reason]],
  });
  const hiddenLength =
    "the external ID must be 2 to 1224 characters long (value hidden: it is secret)";
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
      failures: [["region", `"us-${"a".repeat(60)}-1" is longer than 64 characters`]],
    },
    {
      title: "a numeric region",
      change: { region: 1 },
      failures: [["region", "Invalid input: expected string, received number"]],
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
      failures: [["assumeRole.roleArn", "is required: the ARN of an IAM role"]],
    },
    {
      title: "assumeRole as a string",
      change: { assumeRole: ROLE },
      failures: [["assumeRole", "Invalid input: expected object, received string"]],
    },
    role({ externalId: "x" }, "externalId", hiddenLength),
    role({ externalId: "x".repeat(1225) }, "externalId", hiddenLength),
    role(
      { externalId: "has spaces in it" },
      "externalId",
      "the external ID may contain only letters, digits and _ + = , . @ : / - (value hidden: it is secret)",
    ),
    role({ externalId: 1234 }, "externalId", "Invalid input: expected string, received number"),
    role({ sessionName: "s" }, "sessionName", '"s" is shorter than 2 characters'),
    role(
      { sessionName: "s".repeat(65) },
      "sessionName",
      `"${"s".repeat(65)}" is longer than 64 characters`,
    ),
    role(
      { sessionName: "bad session" },
      "sessionName",
      '"bad session" may contain only letters, digits and _ + = , . @ -',
    ),
    role({ durationSeconds: 899 }, "durationSeconds", "899 is below the minimum of 900 seconds"),
    role(
      { durationSeconds: 43201 },
      "durationSeconds",
      "43201 is above the maximum of 43200 seconds",
    ),
    role({ durationSeconds: 3600.5 }, "durationSeconds", "3600.5 is not a whole number of seconds"),
    role(
      { durationSeconds: "3600" },
      "durationSeconds",
      "Invalid input: expected number, received string",
    ),
    {
      title: "an unknown assumeRole property",
      change: { assumeRole: { roleArn: ROLE, profile: "dev" } },
      failures: [
        [
          "assumeRole.profile",
          "unknown property; allowed properties are: roleArn, externalId, sessionName, durationSeconds",
        ],
      ],
    },
    {
      title: "adoptExisting as a string",
      change: { adoptExisting: "yes" },
      failures: [["adoptExisting", "Invalid input: expected boolean, received string"]],
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
    failures: [[name, `unknown property; allowed properties are: ${allowed}`]],
  }));
}

// --- ConfigurationAggregator -------------------------------------------------------------------

const AGGREGATOR_BASE: Inputs = {
  name: "corpus",
  region: REGIONS.A,
  accountAggregationSource: { accountIds: [ACCOUNTS.B], awsRegions: [REGIONS.A] },
  autoNamePrefix: "corpus",
};
/** The name rule as the failure messages state it. */
export const NAME_CHARACTERS = (value: string) =>
  `${JSON.stringify(value)} may contain only letters, digits, "_" and "-"`;
const accountIdReason = (value: unknown) =>
  `${JSON.stringify(value)} is not an AWS account ID: expected exactly 12 digits`;

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
    failures: [[`accountAggregationSource.accountIds[${index}]`, accountIdReason(value)]],
  });
  const resourceType = (value: string): BadCase => ({
    title: `resource type ${JSON.stringify(value.slice(0, 40))}`,
    change: { aggregatorFilters: { resourceType: { value: ["AWS::S3::Bucket", value] } } },
    failures: [
      [
        "aggregatorFilters.resourceType.value[1]",
        `${JSON.stringify(value)} is not a resource type such as "AWS::EC2::Instance"`,
      ],
    ],
  });
  const principal = (value: string, reason: string): BadCase => ({
    title: `service principal ${JSON.stringify(value.slice(0, 40))}`,
    change: { aggregatorFilters: { servicePrincipal: { value: [value] } } },
    failures: [["aggregatorFilters.servicePrincipal.value[0]", reason]],
  });
  const tooManyAccounts = Array.from({ length: 10_001 }, (_, i) => String(100_000_000_000 + i));
  return [
    { title: "an empty name", change: { name: "" }, failures: [["name", "must not be empty"]] },
    {
      title: "a 257-character name",
      change: { name: "n".repeat(257) },
      failures: [["name", `"${"n".repeat(257)}" is longer than 256 characters`]],
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
      failures: [["name", "Invalid input: expected string, received number"]],
    },
    {
      title: "both sources",
      change: { organizationAggregationSource: { roleArn: ROLE, allAwsRegions: true } },
      failures: [
        [
          "organizationAggregationSource",
          "an aggregator takes exactly one source: give accountAggregationSource or organizationAggregationSource, not both",
        ],
      ],
    },
    {
      title: "no source",
      change: { accountAggregationSource: undefined },
      failures: [
        [
          "accountAggregationSource",
          "an aggregator needs a source: give accountAggregationSource (listed accounts) or organizationAggregationSource (the whole organization)",
        ],
      ],
    },
    {
      title: "no account IDs",
      change: source({ accountIds: [] }),
      failures: [["accountAggregationSource.accountIds", "must list at least one account ID"]],
    },
    {
      title: "accountIds missing",
      change: { accountAggregationSource: { awsRegions: [REGIONS.A] } },
      failures: [
        [
          "accountAggregationSource.accountIds",
          "is required: the 12-digit IDs of the source accounts",
        ],
      ],
    },
    {
      title: "accountIds as a string",
      change: source({ accountIds: ACCOUNTS.B }),
      failures: [
        ["accountAggregationSource.accountIds", "Invalid input: expected array, received string"],
      ],
    },
    {
      title: "a numeric account ID",
      change: source({ accountIds: [222222222222] }),
      failures: [
        [
          "accountAggregationSource.accountIds[0]",
          "Invalid input: expected string, received number",
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
          "10001 distinct accounts given; an aggregator may have at most 10000",
        ],
      ],
    },
    {
      title: "no source regions",
      change: source({ awsRegions: [] }),
      failures: [["accountAggregationSource.awsRegions", "must list at least one region"]],
    },
    ...["Mars", "US-WEST-2", "eu_west_1"].map((region): BadCase => ({
      title: `source region ${JSON.stringify(region)}`,
      change: source({ awsRegions: [REGIONS.A, region] }),
      failures: [["accountAggregationSource.awsRegions[1]", regionReason(region)]],
    })),
    {
      title: "allAwsRegions and a region list",
      change: source({ allAwsRegions: true }),
      failures: [
        [
          "accountAggregationSource.awsRegions",
          "give either allAwsRegions: true or a list of awsRegions, not both",
        ],
      ],
    },
    {
      title: "neither allAwsRegions nor regions",
      change: source({ awsRegions: undefined }),
      failures: [["accountAggregationSource.awsRegions", NO_SOURCE_REGIONS]],
    },
    {
      title: "allAwsRegions false and no regions",
      change: source({ awsRegions: undefined, allAwsRegions: false }),
      failures: [["accountAggregationSource.awsRegions", NO_SOURCE_REGIONS]],
    },
    {
      title: "allAwsRegions as a string",
      change: source({ allAwsRegions: "yes" }),
      failures: [
        [
          "accountAggregationSource.allAwsRegions",
          "Invalid input: expected boolean, received string",
        ],
      ],
    },
    {
      title: "an unknown source property",
      change: source({ accountId: ACCOUNTS.B }),
      failures: [
        [
          "accountAggregationSource.accountId",
          "unknown property; allowed properties are: accountIds, allAwsRegions, awsRegions",
        ],
      ],
    },
    {
      title: "organization source without roleArn",
      change: organization({ roleArn: undefined }),
      failures: [["organizationAggregationSource.roleArn", "is required: the ARN of an IAM role"]],
    },
    ...[
      `arn:aws:iam::${ACCOUNTS.A}:policy/ConfigRole`,
      "arn:aws:iam::aws:role/ConfigRole",
      "role/ConfigRole",
    ].map((arn): BadCase => ({
      title: `organization roleArn ${JSON.stringify(arn)}`,
      change: organization({ roleArn: arn }),
      failures: [
        ["organizationAggregationSource.roleArn", `${JSON.stringify(arn)} ${ROLE_ARN_RULE}`],
      ],
    })),
    {
      title: "organization source with allAwsRegions and regions",
      change: organization({ awsRegions: [REGIONS.A] }),
      failures: [
        [
          "organizationAggregationSource.awsRegions",
          "give either allAwsRegions: true or a list of awsRegions, not both",
        ],
      ],
    },
    {
      title: "an unknown organization source property",
      change: organization({ accountIds: [ACCOUNTS.B] }),
      failures: [
        [
          "organizationAggregationSource.accountIds",
          "unknown property; allowed properties are: roleArn, allAwsRegions, awsRegions",
        ],
      ],
    },
    {
      title: "empty aggregatorFilters",
      change: { aggregatorFilters: {} },
      failures: [
        [
          "aggregatorFilters",
          "give resourceType or servicePrincipal (or both), or leave aggregatorFilters out",
        ],
      ],
    },
    {
      title: "no resource types",
      change: { aggregatorFilters: { resourceType: { value: [] } } },
      failures: [["aggregatorFilters.resourceType.value", "must list at least one resource type"]],
    },
    {
      title: "a resource type filter without values",
      change: { aggregatorFilters: { resourceType: { type: "INCLUDE" } } },
      failures: [
        [
          "aggregatorFilters.resourceType.value",
          'is required: the resource types to include, such as ["AWS::EC2::Instance"]',
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
          '"EXCLUDE" is not a filter type; the only type is "INCLUDE"',
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
        ["aggregatorFilters.servicePrincipal.value", "must list at least one service principal"],
      ],
    },
    principal(
      "config amazonaws com",
      '"config amazonaws com" is not a service principal such as "config.amazonaws.com"',
    ),
    principal(
      "config/amazonaws.com",
      '"config/amazonaws.com" is not a service principal such as "config.amazonaws.com"',
    ),
    principal(
      `${"s".repeat(115)}.amazonaws.com`,
      `"${"s".repeat(115)}.amazonaws.com" is longer than 128 characters`,
    ),
    {
      title: "an unknown filter (resourceTypes)",
      change: {
        aggregatorFilters: {
          resourceType: { value: ["AWS::S3::Bucket"] },
          resourceTypes: { value: ["AWS::S3::Bucket"] },
        },
      },
      failures: [
        [
          "aggregatorFilters.resourceTypes",
          "unknown property; allowed properties are: resourceType, servicePrincipal",
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
  region: REGIONS.A,
  authorizedAccountId: ACCOUNTS.B,
  authorizedAwsRegion: REGIONS.A,
};

function authorizationCases(): BadCase[] {
  return [
    {
      title: "authorizedAccountId missing",
      change: { authorizedAccountId: undefined },
      failures: [
        [
          "authorizedAccountId",
          "is required: the 12-digit account ID of the aggregator to authorize",
        ],
      ],
    },
    {
      title: "authorizedAwsRegion missing",
      change: { authorizedAwsRegion: undefined },
      failures: [
        [
          "authorizedAwsRegion",
          'is required: the region of the aggregator to authorize, such as "us-east-1"',
        ],
      ],
    },
    {
      title: "a numeric authorizedAccountId",
      change: { authorizedAccountId: 222222222222 },
      failures: [["authorizedAccountId", "Invalid input: expected string, received number"]],
    },
    ...["2222222222", "2222222222222", "twelve-digit", "2222 2222 2222"].map((id): BadCase => ({
      title: `authorizedAccountId ${JSON.stringify(id)}`,
      change: { authorizedAccountId: id },
      failures: [["authorizedAccountId", accountIdReason(id)]],
    })),
    ...["Mars", "us-east", "EU-WEST-1"].map((region): BadCase => ({
      title: `authorizedAwsRegion ${JSON.stringify(region)}`,
      change: { authorizedAwsRegion: region },
      failures: [["authorizedAwsRegion", regionReason(region)]],
    })),
    ...tagCases(),
    ...placementCases(),
    ...unknownFieldCases(["name", "authorizedAccount", "awsRegion"], AUTHORIZATION_PROPERTIES),
  ];
}

/** Valid aggregators at the limits only the aggregator has. */
const AGGREGATOR_LIMITS: LimitCase[] = [
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
];

// --- Hand-written rows: ConfigurationAggregator ------------------------------------------------

/** A valid aggregator over one listed account, to which each row adds one mistake. */
export const accountAggregator = (overrides: Inputs = {}): Inputs => ({
  name: AGGREGATOR_NAME,
  region: REGIONS.A,
  accountAggregationSource: { accountIds: [ACCOUNTS.A], allAwsRegions: true },
  ...overrides,
});

/** A valid aggregator over the organization, to which each row adds one mistake. */
export const organizationAggregator = (overrides: Inputs = {}): Inputs => ({
  name: AGGREGATOR_NAME,
  region: REGIONS.A,
  organizationAggregationSource: { roleArn: ORGANIZATION_ROLE_ARN, allAwsRegions: true },
  ...overrides,
});

/** A valid aggregator over `accountIds`, in every region unless `regions` says otherwise. */
export const accounts = (accountIds: unknown, regions: Inputs = { allAwsRegions: true }): Inputs =>
  accountAggregator({ accountAggregationSource: { accountIds, ...regions } });
/** A valid aggregator over the organization with this `organizationAggregationSource`. */
export const organization = (source: Inputs): Inputs =>
  organizationAggregator({ organizationAggregationSource: source });
/** The valid account aggregator with this `assumeRole`. */
export const withRole = (assumeRole: unknown): Inputs => accountAggregator({ assumeRole });
/** The valid account aggregator with these `tags`. */
export const withTags = (tags: unknown): Inputs => accountAggregator({ tags });
/** The valid account aggregator with these `aggregatorFilters`. */
export const withFilters = (aggregatorFilters: unknown): Inputs =>
  accountAggregator({ aggregatorFilters });

const NO_SOURCE_REGIONS =
  'no regions given: set allAwsRegions: true or list awsRegions such as ["us-east-1"]';

const LONG_PRINCIPAL = "p".repeat(129);

const AGGREGATOR_ROWS: BadInput[] = [
  // Account IDs.
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
    title: "accountIds given as an object",
    input: accounts({ first: ACCOUNTS.A }),
    failures: [
      {
        property: "accountAggregationSource.accountIds",
        reason: "Invalid input: expected array, received object",
      },
    ],
  },
  // Sources.
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
    title: "no regions in the organization source",
    input: organization({ roleArn: ORGANIZATION_ROLE_ARN }),
    failures: [{ property: "organizationAggregationSource.awsRegions", reason: NO_SOURCE_REGIONS }],
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
  // Filters.
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
    title: "a lowercase filter type",
    input: withFilters({
      servicePrincipal: { type: "include", value: [FILTER_VALUES.configPrincipal] },
    }),
    failures: [
      {
        property: "aggregatorFilters.servicePrincipal.type",
        reason: '"include" is not a filter type; the only type is "INCLUDE"',
      },
    ],
  },
  // Tags.
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
    title: "an unknown filter (tag)",
    input: withFilters({
      resourceType: { value: [FILTER_VALUES.instance] },
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
    input: withFilters({ resourceType: { value: [FILTER_VALUES.instance], values: [] } }),
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
    title: "a duration of 1.5 seconds",
    input: withRole({ roleArn: OWNER_ROLE_ARN, durationSeconds: 1.5 }),
    failures: [
      { property: "assumeRole.durationSeconds", reason: "1.5 is not a whole number of seconds" },
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

// --- Hand-written rows: AggregationAuthorization -----------------------------------------------

/** A valid authorization, to which each row adds one mistake. */
export const authorization = (overrides: Inputs = {}): Inputs => ({
  authorizedAccountId: ACCOUNTS.B,
  authorizedAwsRegion: REGIONS.C,
  region: REGIONS.A,
  ...overrides,
});

/** The valid authorization without `key`. */
export const without = (key: string): Inputs => {
  const copy = authorization();
  delete copy[key];
  return copy;
};

/** What check says when `authorizedAccountId` is missing. */
export const ACCOUNT_REQUIRED =
  "is required: the 12-digit account ID of the aggregator to authorize";
/** What check says when `authorizedAwsRegion` is missing. */
export const REGION_REQUIRED =
  'is required: the region of the aggregator to authorize, such as "us-east-1"';

const AUTHORIZATION_ROWS: BadInput[] = [
  {
    title: "an authorized account ID of 11 digits",
    input: authorization({ authorizedAccountId: "22222222222" }),
    failures: [{ property: "authorizedAccountId", reason: accountIdReason("22222222222") }],
  },
  {
    title: "an authorized account ID with a letter",
    input: authorization({ authorizedAccountId: "22222222222b" }),
    failures: [{ property: "authorizedAccountId", reason: accountIdReason("22222222222b") }],
  },
  {
    title: "an authorized account ID given as null",
    input: authorization({ authorizedAccountId: null }),
    failures: [
      { property: "authorizedAccountId", reason: "Invalid input: expected string, received null" },
    ],
  },
  {
    title: "an authorized region that is not a region",
    input: authorization({ authorizedAwsRegion: "mars-1" }),
    failures: [{ property: "authorizedAwsRegion", reason: regionReason("mars-1") }],
  },
  {
    title: "an uppercase authorized region",
    input: authorization({ authorizedAwsRegion: "US-WEST-2" }),
    failures: [{ property: "authorizedAwsRegion", reason: regionReason("US-WEST-2") }],
  },
  {
    title: "an authorized region given as a list",
    input: authorization({ authorizedAwsRegion: [REGIONS.C] }),
    failures: [
      { property: "authorizedAwsRegion", reason: "Invalid input: expected string, received array" },
    ],
  },
  {
    title: "a source region that is not a region",
    input: authorization({ region: "Virginia" }),
    failures: [{ property: "region", reason: regionReason("Virginia") }],
  },
  {
    title: "an unknown property of assumeRole",
    input: authorization({ assumeRole: { roleArn: OWNER_ROLE_ARN, role: "x" } }),
    failures: [
      {
        property: "assumeRole.role",
        reason: `unknown property; allowed properties are: ${ASSUME_ROLE_PROPERTIES}`,
      },
    ],
  },
  {
    title: "an assumeRole ARN of an account of 11 digits",
    input: authorization({ assumeRole: { roleArn: "arn:aws:iam::11111111111:role/deploy" } }),
    failures: [
      {
        property: "assumeRole.roleArn",
        reason: `"arn:aws:iam::11111111111:role/deploy" ${ROLE_ARN_RULE}`,
      },
    ],
  },
  {
    title: "adoptExisting given as a number",
    input: authorization({ adoptExisting: 1 }),
    failures: [
      { property: "adoptExisting", reason: "Invalid input: expected boolean, received number" },
    ],
  },
  {
    title: "several mistakes at once, each listed",
    input: {
      authorizedAccountId: "2",
      authorizedAwsRegion: "west",
      region: REGIONS.A,
      tags: { "a#b": "c" },
    },
    failures: [
      { property: "authorizedAccountId", reason: accountIdReason("2") },
      { property: "authorizedAwsRegion", reason: regionReason("west") },
      { property: 'tags["a#b"]', reason: `tag key "a#b" ${TAG_CHARACTER_RULE}` },
    ],
  },
];

// --- ServiceAccess and DelegatedAdministrator ---------------------------------------------------

const CONFIG_PRINCIPAL = "config.amazonaws.com";
const SERVICE_ACCESS_BASE: Inputs = { servicePrincipal: CONFIG_PRINCIPAL };
const DELEGATED_ADMINISTRATOR_BASE: Inputs = {
  accountId: ACCOUNTS.B,
  servicePrincipal: CONFIG_PRINCIPAL,
};
const principalReason = (value: string) =>
  `${JSON.stringify(value)} is not a service principal such as "config.amazonaws.com": it may contain only letters, digits and _ + = , . @ -`;

/** The service principal as AWS Organizations takes it: 1–128 of `[\w+=,.@-]`, required. */
function servicePrincipalCases(): BadCase[] {
  return [
    {
      title: "servicePrincipal missing",
      change: { servicePrincipal: undefined },
      failures: [
        ["servicePrincipal", 'is required: the service principal, such as "config.amazonaws.com"'],
      ],
    },
    {
      title: "an empty servicePrincipal",
      change: { servicePrincipal: "" },
      failures: [["servicePrincipal", "must not be empty"]],
    },
    {
      title: "a 129-character servicePrincipal",
      change: { servicePrincipal: "s".repeat(129) },
      failures: [["servicePrincipal", `"${"s".repeat(129)}" is longer than 128 characters`]],
    },
    {
      title: "a numeric servicePrincipal",
      change: { servicePrincipal: 42 },
      failures: [["servicePrincipal", "Invalid input: expected string, received number"]],
    },
    ...[
      "config amazonaws.com",
      "config.amazonaws.com/x",
      "*.amazonaws.com",
      "config:amazonaws",
    ].map((principal): BadCase => ({
      title: `servicePrincipal ${JSON.stringify(principal)}`,
      change: { servicePrincipal: principal },
      failures: [["servicePrincipal", principalReason(principal)]],
    })),
  ];
}

/** Organizations' limits, each exactly at its bound, and the placement limits (no tags here). */
function organizationsLimits(): LimitCase[] {
  return [
    ...sharedLimits().filter((limit) => !("tags" in limit.change)),
    { title: "a 128-character service principal", change: { servicePrincipal: "s".repeat(128) } },
    {
      title: "a service principal of every allowed character",
      change: { servicePrincipal: "a_b+c=d,e.f@g-h.amazonaws.com" },
    },
  ];
}

function serviceAccessCases(): BadCase[] {
  return [
    ...servicePrincipalCases(),
    ...placementCases(),
    ...unknownFieldCases(
      ["tags", "servicePrincipals", "name"],
      "servicePrincipal, region, assumeRole, adoptExisting",
    ),
  ];
}

function delegatedAdministratorCases(): BadCase[] {
  return [
    {
      title: "accountId missing",
      change: { accountId: undefined },
      failures: [["accountId", "is required: the 12-digit ID of the member account to register"]],
    },
    {
      title: "a numeric accountId",
      change: { accountId: Number(ACCOUNTS.B) },
      failures: [["accountId", "Invalid input: expected string, received number"]],
    },
    ...["2222222222", "2222222222222", "twelve-digit", "2222-2222-2222"].map((id): BadCase => ({
      title: `accountId ${JSON.stringify(id)}`,
      change: { accountId: id },
      failures: [["accountId", accountIdReason(id)]],
    })),
    ...servicePrincipalCases(),
    ...placementCases(),
    ...unknownFieldCases(
      ["tags", "delegatedAdminAccountId", "name"],
      "accountId, servicePrincipal, region, assumeRole, adoptExisting",
    ),
  ];
}

// --- The corpus --------------------------------------------------------------------------------

/** The base inputs with a case's changes; a change to `undefined` removes the property. */
function inputsOf(base: Inputs, change: Inputs): Inputs {
  const inputs: Inputs = { ...base, ...change };
  for (const [key, value] of Object.entries(change)) if (value === undefined) delete inputs[key];
  return inputs;
}

function generated(base: Inputs, cases: BadCase[]): BadInput[] {
  return cases.map(({ title, change, failures }) => ({
    title,
    input: inputsOf(base, change),
    failures: failures.map(([property, reason]) => ({ property, reason })),
  }));
}

function atLimits(base: Inputs, limits: LimitCase[]): AtLimit[] {
  return limits.map(({ title, change }) => ({ title, input: inputsOf(base, change) }));
}

/** What the corpus holds for one resource. */
export interface ResourceCorpus {
  /** The valid inputs the generated cases change one thing of. */
  readonly base: Inputs;
  /** Every input check must refuse. */
  readonly cases: readonly BadInput[];
  /** Valid inputs at the limits the cases cross. */
  readonly limits: readonly AtLimit[];
}

/** Every bad input of `ConfigurationAggregator`, and its valid inputs at the limits. */
export const AGGREGATOR_CORPUS: ResourceCorpus = {
  base: AGGREGATOR_BASE,
  cases: [...generated(AGGREGATOR_BASE, aggregatorCases()), ...AGGREGATOR_ROWS],
  limits: atLimits(AGGREGATOR_BASE, [...sharedLimits(), ...AGGREGATOR_LIMITS]),
};

/** Every bad input of `AggregationAuthorization`, and its valid inputs at the limits. */
export const AUTHORIZATION_CORPUS: ResourceCorpus = {
  base: AUTHORIZATION_BASE,
  cases: [...generated(AUTHORIZATION_BASE, authorizationCases()), ...AUTHORIZATION_ROWS],
  limits: atLimits(AUTHORIZATION_BASE, sharedLimits()),
};

/** Every bad input of `ServiceAccess`, and its valid inputs at the limits. */
export const SERVICE_ACCESS_CORPUS: ResourceCorpus = {
  base: SERVICE_ACCESS_BASE,
  cases: generated(SERVICE_ACCESS_BASE, serviceAccessCases()),
  limits: atLimits(SERVICE_ACCESS_BASE, organizationsLimits()),
};

/** Every bad input of `DelegatedAdministrator`, and its valid inputs at the limits. */
export const DELEGATED_ADMINISTRATOR_CORPUS: ResourceCorpus = {
  base: DELEGATED_ADMINISTRATOR_BASE,
  cases: generated(DELEGATED_ADMINISTRATOR_BASE, delegatedAdministratorCases()),
  limits: atLimits(DELEGATED_ADMINISTRATOR_BASE, organizationsLimits()),
};
