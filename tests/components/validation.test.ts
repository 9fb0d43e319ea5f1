import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  multiAccountAggregationProblems,
  MultiAccountAggregation,
  type MultiAccountAggregationArgs,
} from "../../components/multi-account-aggregation";
import {
  organizationAggregatorProblems,
  OrganizationAggregator,
  type OrganizationAggregatorArgs,
} from "../../components/organization-aggregator";
import { ComponentArgumentError } from "../../components/validation";
import { ACCOUNTS, REGIONS } from "../support/fixtures";
import { useRecordingMocks } from "./helpers";

const aggregator = { region: REGIONS.A };
const regions = [REGIONS.A, REGIONS.B];

describe("MultiAccountAggregation argument validation", () => {
  const cases: { title: string; args: MultiAccountAggregationArgs; problems: string[] }[] = [
    {
      title: "no source accounts",
      args: { aggregator, regions },
      problems: [
        "no source accounts: give sourceAccounts, or sourceAccountIds with sourceRoleName",
      ],
    },
    {
      title: "a source account entered through a role of another account",
      args: {
        aggregator,
        sourceAccounts: [
          { accountId: ACCOUNTS.B, assumeRole: { roleArn: `arn:aws:iam::${ACCOUNTS.C}:role/X` } },
        ],
        regions,
      },
      problems: [
        `sourceAccounts[0].assumeRole.roleArn "arn:aws:iam::${ACCOUNTS.C}:role/X" is in account ${ACCOUNTS.C}, not ${ACCOUNTS.B}`,
      ],
    },
    {
      title: "an empty sourceAccounts list",
      args: { aggregator, sourceAccounts: [], regions },
      problems: ["sourceAccounts is empty; list at least one 12-digit account ID"],
    },
    {
      title: "an empty sourceAccountIds list",
      args: { aggregator, sourceAccountIds: [], sourceRoleName: "Source", regions },
      problems: ["sourceAccountIds is empty; list at least one 12-digit account ID"],
    },
    {
      title: "a duplicate account",
      args: {
        aggregator,
        sourceAccounts: [
          { accountId: ACCOUNTS.B },
          { accountId: ACCOUNTS.C },
          { accountId: ACCOUNTS.B },
        ],
        regions,
      },
      problems: [`sourceAccounts[2] "${ACCOUNTS.B}" is listed twice`],
    },
    {
      title: "a malformed account",
      args: {
        aggregator,
        sourceAccountIds: [ACCOUNTS.B, "12345", "2222-2222-2222"],
        sourceRoleName: "Source",
        regions,
      },
      problems: [
        'sourceAccountIds[1] "12345" is not an AWS account ID: expected exactly 12 digits',
        'sourceAccountIds[2] "2222-2222-2222" is not an AWS account ID: expected exactly 12 digits',
      ],
    },
    {
      title: "both forms of accounts",
      args: {
        aggregator,
        sourceAccounts: [{ accountId: ACCOUNTS.B }],
        sourceAccountIds: [ACCOUNTS.C],
        sourceRoleName: "Source",
        regions,
      },
      problems: ["give sourceAccounts or sourceAccountIds, not both"],
    },
    {
      title: "sourceAccountIds without sourceRoleName",
      args: { aggregator, sourceAccountIds: [ACCOUNTS.B], regions },
      problems: [
        "sourceAccountIds needs sourceRoleName: the role to assume in each source account",
      ],
    },
    {
      title: "a role name with a space",
      args: {
        aggregator,
        sourceAccountIds: [ACCOUNTS.B],
        sourceRoleName: "Config Source",
        regions,
      },
      problems: [
        'sourceRoleName "Config Source" is not an IAM role name (1–64 letters, digits and _+=,.@-)',
      ],
    },
    {
      title: "an empty role name",
      args: { aggregator, sourceAccountIds: [ACCOUNTS.B], sourceRoleName: "", regions },
      problems: ['sourceRoleName "" is not an IAM role name (1–64 letters, digits and _+=,.@-)'],
    },
    {
      title: "a role name of 65 characters",
      args: {
        aggregator,
        sourceAccountIds: [ACCOUNTS.B],
        sourceRoleName: "r".repeat(65),
        regions,
      },
      problems: [
        `sourceRoleName "${"r".repeat(65)}" is not an IAM role name (1–64 letters, digits and _+=,.@-)`,
      ],
    },
    {
      title: "an empty region list",
      args: { aggregator, sourceAccounts: [{ accountId: ACCOUNTS.B }], regions: [] },
      problems: ['regions is empty; list at least one region such as "us-east-1"'],
    },
    {
      title: "a duplicate region, named once however often it repeats",
      args: {
        aggregator,
        sourceAccounts: [{ accountId: ACCOUNTS.B }],
        regions: [REGIONS.A, REGIONS.B, REGIONS.A, REGIONS.A],
      },
      problems: [
        'regions[2] "us-east-1" is listed twice',
        'regions[3] "us-east-1" is listed twice',
      ],
    },
    {
      title: "several problems at once",
      args: { aggregator, sourceAccountIds: [ACCOUNTS.B, ACCOUNTS.B], regions: [] },
      problems: [
        `sourceAccountIds[1] "${ACCOUNTS.B}" is listed twice`,
        "sourceAccountIds needs sourceRoleName: the role to assume in each source account",
        'regions is empty; list at least one region such as "us-east-1"',
      ],
    },
  ];

  for (const { title, args, problems } of cases) {
    it(`reports ${title}`, () => {
      assert.deepEqual(multiAccountAggregationProblems(args), problems);
    });
  }

  it("reports nothing for either valid form", () => {
    assert.deepEqual(
      multiAccountAggregationProblems({
        aggregator,
        sourceAccountIds: [ACCOUNTS.B, ACCOUNTS.C],
        sourceRoleName: "OrganizationAccountAccessRole",
        regions,
      }),
      [],
    );
    assert.deepEqual(
      multiAccountAggregationProblems({
        aggregator,
        sourceAccounts: [{ accountId: ACCOUNTS.B }, { accountId: ACCOUNTS.C }],
        regions: [REGIONS.B],
      }),
      [],
    );
  });
});

describe("OrganizationAggregator argument validation", () => {
  const cases: { title: string; args: OrganizationAggregatorArgs; problems: string[] }[] = [
    {
      title: "an empty awsRegions list",
      args: { awsRegions: [] },
      problems: ['awsRegions is empty; list at least one region such as "us-east-1"'],
    },
    {
      title: "a duplicate region",
      args: { awsRegions: [REGIONS.B, REGIONS.A, REGIONS.B] },
      problems: ['awsRegions[2] "eu-west-1" is listed twice'],
    },
    {
      title: "awsRegions together with allAwsRegions: true",
      args: { awsRegions: [REGIONS.A], allAwsRegions: true },
      problems: ["give either allAwsRegions: true or a list of awsRegions, not both"],
    },
    {
      title: "allAwsRegions: false without awsRegions",
      args: { allAwsRegions: false },
      problems: [
        "allAwsRegions is false but no awsRegions are listed; list the regions to aggregate",
      ],
    },
    {
      title: "a roleArn that is not an IAM role ARN",
      args: { roleArn: "arn:aws:iam::123:role/ConfigOrg" },
      problems: [
        'roleArn "arn:aws:iam::123:role/ConfigOrg" is not an IAM role ARN of the form arn:aws:iam::<12-digit account>:role/<name>',
      ],
    },
    {
      title: "a roleArn of a user",
      args: { roleArn: `arn:aws:iam::${ACCOUNTS.A}:user/alice` },
      problems: [
        `roleArn "arn:aws:iam::${ACCOUNTS.A}:user/alice" is not an IAM role ARN of the form arn:aws:iam::<12-digit account>:role/<name>`,
      ],
    },
    {
      title: "a delegated administrator account that is not 12 digits",
      args: {
        delegatedAdministrator: {
          accountId: "2222",
          assumeRole: { roleArn: "arn:aws:iam::222222222222:role/Audit" },
        },
      },
      problems: [
        'delegatedAdministrator.accountId "2222" is not an AWS account ID: expected exactly 12 digits',
      ],
    },
    {
      title: "a delegated administrator role in another account than the one registered",
      args: {
        delegatedAdministrator: {
          accountId: ACCOUNTS.B,
          assumeRole: { roleArn: `arn:aws:iam::${ACCOUNTS.C}:role/Audit` },
        },
      },
      problems: [
        `delegatedAdministrator.assumeRole.roleArn "arn:aws:iam::${ACCOUNTS.C}:role/Audit" is in account ${ACCOUNTS.C}, not in the delegated administrator account ${ACCOUNTS.B}; the role and the aggregator are created where it acts`,
      ],
    },
    {
      title: "a delegated administrator without a role to assume there",
      args: {
        delegatedAdministrator: { accountId: ACCOUNTS.B } as never,
      },
      problems: [
        "delegatedAdministrator.assumeRole is missing; give the role to assume in the delegated administrator account",
      ],
    },
    {
      title: "several problems at once",
      args: { awsRegions: [], allAwsRegions: true, roleArn: "ConfigOrg" },
      problems: [
        'awsRegions is empty; list at least one region such as "us-east-1"',
        "give either allAwsRegions: true or a list of awsRegions, not both",
        'roleArn "ConfigOrg" is not an IAM role ARN of the form arn:aws:iam::<12-digit account>:role/<name>',
      ],
    },
  ];

  for (const { title, args, problems } of cases) {
    it(`reports ${title}`, () => {
      assert.deepEqual(organizationAggregatorProblems(args), problems);
    });
  }

  it("reports nothing for the defaults, a region list, or allAwsRegions: false with regions", () => {
    assert.deepEqual(organizationAggregatorProblems({}), []);
    assert.deepEqual(
      organizationAggregatorProblems({
        awsRegions: [REGIONS.A, REGIONS.B],
        roleArn: `arn:aws:iam::${ACCOUNTS.A}:role/service-role/ConfigOrg`,
      }),
      [],
    );
    assert.deepEqual(
      organizationAggregatorProblems({ awsRegions: [REGIONS.A], allAwsRegions: false }),
      [],
    );
  });

  it("reports nothing for a delegated administrator whose role is in its account", () => {
    assert.deepEqual(
      organizationAggregatorProblems({
        delegatedAdministrator: {
          accountId: ACCOUNTS.B,
          assumeRole: { roleArn: `arn:aws:iam::${ACCOUNTS.B}:role/Audit` },
          multiAccountSetup: true,
        },
      }),
      [],
    );
  });

  it("leaves a roleArn that is an Output to the resource's own check", () => {
    assert.deepEqual(organizationAggregatorProblems({ roleArn: pulumi.output("not an arn") }), []);
  });
});

describe("component constructors with bad arguments", () => {
  const mocks = useRecordingMocks();
  /** `<type> <name>` of every registration, once none is in flight. */
  const settled = async () => (await mocks.settled()).map(({ type, name }) => `${type} ${name}`);

  it("MultiAccountAggregation throws one ComponentArgumentError listing every problem, and creates no child", async () => {
    assert.throws(
      () =>
        new MultiAccountAggregation("workloads", {
          aggregator,
          sourceAccountIds: [ACCOUNTS.B, "12345"],
          sourceRoleName: "Source",
          regions: [REGIONS.A, REGIONS.A],
        }),
      (error: unknown) => {
        assert.ok(error instanceof ComponentArgumentError);
        assert.equal(error.name, "ComponentArgumentError");
        assert.equal(
          error.message,
          'MultiAccountAggregation "workloads": sourceAccountIds[1] "12345" is not an AWS account ID: expected exactly 12 digits; regions[1] "us-east-1" is listed twice',
        );
        return true;
      },
    );
    assert.deepEqual(await settled(), [
      "aws-config-aggregation:index:MultiAccountAggregation workloads",
    ]);
  });

  it("MultiAccountAggregation names the missing accounts", () => {
    assert.throws(() => new MultiAccountAggregation("empty", { aggregator, regions }), {
      name: "ComponentArgumentError",
      message:
        'MultiAccountAggregation "empty": no source accounts: give sourceAccounts, or sourceAccountIds with sourceRoleName',
    });
  });

  it("OrganizationAggregator throws before creating its role or aggregator", async () => {
    assert.throws(
      () => new OrganizationAggregator("organization", { allAwsRegions: false }),
      (error: unknown) => {
        assert.ok(error instanceof ComponentArgumentError);
        assert.equal(
          error.message,
          'OrganizationAggregator "organization": allAwsRegions is false but no awsRegions are listed; list the regions to aggregate',
        );
        return true;
      },
    );
    assert.deepEqual(await settled(), [
      "aws-config-aggregation:index:OrganizationAggregator organization",
    ]);
  });

  it("OrganizationAggregator rejects a malformed roleArn", () => {
    assert.throws(
      () => new OrganizationAggregator("organization", { roleArn: "arn:aws:iam::1:role/x" }),
      {
        name: "ComponentArgumentError",
        message:
          'OrganizationAggregator "organization": roleArn "arn:aws:iam::1:role/x" is not an IAM role ARN of the form arn:aws:iam::<12-digit account>:role/<name>',
      },
    );
  });
});
