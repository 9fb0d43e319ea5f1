import assert from "node:assert/strict";
import {
  DeleteAggregationAuthorizationCommand,
  DeleteConfigurationAggregatorCommand,
  PutAggregationAuthorizationCommand,
  PutConfigurationAggregatorCommand,
  type PutConfigurationAggregatorCommandInput,
} from "@aws-sdk/client-config-service";
import { useEmulator } from "../support/emulator.js";
import { config, failure } from "./helpers.js";
import { ACCOUNTS, REGIONS } from "../support/fixtures.js";

const ONE = "1 validation error detected: ";
const SOURCE = { AccountIds: [ACCOUNTS.B], AwsRegions: [REGIONS.A] };
const ROLE = `arn:aws:iam::${ACCOUNTS.A}:role/org`;

/** A valid aggregator input with `patch` applied; the SDK sends whatever it is given. */
function input(patch: Record<string, unknown>): PutConfigurationAggregatorCommandInput {
  return {
    ConfigurationAggregatorName: "agg",
    AccountAggregationSources: [SOURCE],
    ...patch,
  };
}

const tags = (n: number): { Key: string; Value: string }[] =>
  Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: "v" }));

interface Case {
  readonly rule: string;
  readonly input: PutConfigurationAggregatorCommandInput;
  readonly code: string;
  readonly message: string;
}

const long = (n: number): string => "a".repeat(n);

const cases: Case[] = [
  {
    rule: "name is required",
    input: input({ ConfigurationAggregatorName: undefined }),
    code: "ValidationException",
    message: `${ONE}Value null at 'configurationAggregatorName' failed to satisfy constraint: Member must not be null`,
  },
  {
    rule: "name is at most 256 characters",
    input: input({ ConfigurationAggregatorName: long(257) }),
    code: "ValidationException",
    message: `${ONE}Value '${long(257)}' at 'configurationAggregatorName' failed to satisfy constraint: Member must have length less than or equal to 256`,
  },
  {
    rule: "name matches [\\w\\-]+",
    input: input({ ConfigurationAggregatorName: "my aggregator!" }),
    code: "ValidationException",
    message: `${ONE}Value 'my aggregator!' at 'configurationAggregatorName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\-]+`,
  },
  {
    rule: "an empty name breaks both length and pattern",
    input: input({ ConfigurationAggregatorName: "" }),
    code: "ValidationException",
    message:
      "2 validation errors detected: Value '' at 'configurationAggregatorName' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
      "Value '' at 'configurationAggregatorName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\-]+",
  },
  {
    rule: "at most one account source",
    input: input({ AccountAggregationSources: [SOURCE, SOURCE] }),
    code: "ValidationException",
    message: `${ONE}Value '[{AccountIds: [${ACCOUNTS.B}],AwsRegions: [${REGIONS.A}]}, {AccountIds: [${ACCOUNTS.B}],AwsRegions: [${REGIONS.A}]}]' at 'accountAggregationSources' failed to satisfy constraint: Member must have length less than or equal to 1`,
  },
  {
    rule: "AccountIds is required",
    input: input({ AccountAggregationSources: [{ AllAwsRegions: true }] }),
    code: "ValidationException",
    message: `${ONE}Value null at 'accountAggregationSources.1.member.accountIds' failed to satisfy constraint: Member must not be null`,
  },
  {
    rule: "AccountIds has at least one account",
    input: input({ AccountAggregationSources: [{ AccountIds: [], AllAwsRegions: true }] }),
    code: "ValidationException",
    message: `${ONE}Value '[]' at 'accountAggregationSources.1.member.accountIds' failed to satisfy constraint: Member must have length greater than or equal to 1`,
  },
  {
    rule: "account IDs are 12 digits",
    input: input({
      AccountAggregationSources: [{ AccountIds: ["12345", ACCOUNTS.B], AllAwsRegions: true }],
    }),
    code: "ValidationException",
    message: `${ONE}Value '[12345, ${ACCOUNTS.B}]' at 'accountAggregationSources.1.member.accountIds' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy regular expression pattern: \\d{12}]`,
  },
  {
    rule: "an empty AwsRegions list is a model violation",
    input: input({ AccountAggregationSources: [{ AccountIds: [ACCOUNTS.B], AwsRegions: [] }] }),
    code: "ValidationException",
    message: `${ONE}Value '[]' at 'accountAggregationSources.1.member.awsRegions' failed to satisfy constraint: Member must have length greater than or equal to 1`,
  },
  {
    rule: "the organization RoleArn is required",
    input: input({
      AccountAggregationSources: undefined,
      OrganizationAggregationSource: { AllAwsRegions: true },
    }),
    code: "ValidationException",
    message: `${ONE}Value null at 'organizationAggregationSource.roleArn' failed to satisfy constraint: Member must not be null`,
  },
  {
    rule: "an empty organization AwsRegions list is a model violation",
    input: input({
      AccountAggregationSources: undefined,
      OrganizationAggregationSource: { RoleArn: ROLE, AwsRegions: [] },
    }),
    code: "ValidationException",
    message: `${ONE}Value '[]' at 'organizationAggregationSource.awsRegions' failed to satisfy constraint: Member must have length greater than or equal to 1`,
  },
  {
    rule: "at most 50 tags",
    input: input({ Tags: tags(51) }),
    code: "ValidationException",
    message: `${ONE}Value '[${tags(51)
      .map((t) => `{Key: ${t.Key},Value: v}`)
      .join(
        ", ",
      )}]' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50`,
  },
  {
    rule: "tag keys are at most 128 characters",
    input: input({ Tags: [{ Key: long(129), Value: "v" }] }),
    code: "ValidationException",
    message: `${ONE}Value '${long(129)}' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128`,
  },
  {
    rule: "tag values are at most 256 characters",
    input: input({ Tags: [{ Key: "k", Value: long(257) }] }),
    code: "ValidationException",
    message: `${ONE}Value '${long(257)}' at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256`,
  },
  {
    rule: "tag values are not null",
    input: input({ Tags: [{ Key: "k" }] }),
    code: "ValidationException",
    message: `${ONE}Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null`,
  },
  {
    rule: "tag keys use letters, digits, spaces and _ . : / = + - @ only",
    input: input({
      Tags: [
        { Key: "ok key_.:/=+-@Ünï 9", Value: "" },
        { Key: "a#b", Value: "v" },
      ],
    }),
    code: "ValidationException",
    message: `${ONE}Value 'a#b' at 'tags.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*`,
  },
  {
    rule: "tag keys may not start with aws:",
    input: input({ Tags: [{ Key: "AWS:owner", Value: "v" }] }),
    code: "ValidationException",
    message: "Tag key 'AWS:owner' is not allowed: the 'aws:' prefix is reserved for use by AWS.",
  },
  {
    rule: "filter types are INCLUDE",
    input: input({
      AggregatorFilters: { ResourceType: { Type: "EXCLUDE", Value: ["AWS::S3::Bucket"] } },
    }),
    code: "ValidationException",
    message: `${ONE}Value 'EXCLUDE' at 'aggregatorFilters.resourceType.type' failed to satisfy constraint: Member must satisfy enum value set: [INCLUDE]`,
  },
  {
    rule: "resource type filter values look like AWS::Service::Type",
    input: input({ AggregatorFilters: { ResourceType: { Type: "INCLUDE", Value: ["AWS::S3"] } } }),
    code: "ValidationException",
    message: `${ONE}Value '[AWS::S3]' at 'aggregatorFilters.resourceType.value' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z0-9]{2,64}::[a-zA-Z0-9]{2,64}::[a-zA-Z0-9]{2,64}]`,
  },
  {
    rule: "service principal filter values are at most 128 characters of [\\w+=,.@-]",
    input: input({
      AggregatorFilters: { ServicePrincipal: { Type: "INCLUDE", Value: [`${long(129)}`, "a b"] } },
    }),
    code: "ValidationException",
    message: `${ONE}Value '[${long(129)}, a b]' at 'aggregatorFilters.servicePrincipal.value' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must satisfy regular expression pattern: [\\w+=,.@-]+]`,
  },
  {
    rule: "AggregatorFilters needs ResourceType or ServicePrincipal",
    input: input({ AggregatorFilters: {} }),
    code: "InvalidParameterValueException",
    message: "AggregatorFilters must contain either ResourceType or ServicePrincipal.",
  },
  {
    rule: "not both sources",
    input: input({ OrganizationAggregationSource: { RoleArn: ROLE, AllAwsRegions: true } }),
    code: "InvalidParameterValueException",
    message:
      "The configuration aggregator cannot be created because your request contains both the AccountAggregationSource and the OrganizationAggregationSource. Include only one aggregation source and try again.",
  },
  {
    rule: "one source is required",
    input: input({ AccountAggregationSources: undefined }),
    code: "InvalidParameterValueException",
    message:
      "The configuration aggregator cannot be created because your request is missing either the AccountAggregationSource or the OrganizationAggregationSource. Include the appropriate aggregation source and try again.",
  },
  {
    rule: "an empty account-source list counts as no source",
    input: input({ AccountAggregationSources: [] }),
    code: "InvalidParameterValueException",
    message:
      "The configuration aggregator cannot be created because your request is missing either the AccountAggregationSource or the OrganizationAggregationSource. Include the appropriate aggregation source and try again.",
  },
  {
    rule: "not AllAwsRegions together with AwsRegions",
    input: input({
      AccountAggregationSources: [
        { AccountIds: [ACCOUNTS.B], AllAwsRegions: true, AwsRegions: [REGIONS.A] },
      ],
    }),
    code: "InvalidParameterValueException",
    message:
      "Your configuration aggregator contains a list of regions and also specifies the use of all regions. You must choose one of these options.",
  },
  {
    rule: "either AllAwsRegions or AwsRegions",
    input: input({
      AccountAggregationSources: [{ AccountIds: [ACCOUNTS.B], AllAwsRegions: false }],
    }),
    code: "InvalidParameterValueException",
    message:
      "Your request does not specify any regions. Select AWS Config-supported regions and try again.",
  },
  {
    rule: "organization sources follow the same region rule",
    input: input({
      AccountAggregationSources: undefined,
      OrganizationAggregationSource: { RoleArn: ROLE },
    }),
    code: "InvalidParameterValueException",
    message:
      "Your request does not specify any regions. Select AWS Config-supported regions and try again.",
  },
  {
    rule: "an empty organization RoleArn is an invalid role",
    input: input({
      AccountAggregationSources: undefined,
      OrganizationAggregationSource: { RoleArn: "", AllAwsRegions: true },
    }),
    code: "InvalidRoleException",
    message:
      "You have provided a null or empty Amazon Resource Name (ARN) for the IAM role assumed by Config and used by the customer managed configuration recorder.",
  },
];

describe("emulator: Config input validation", () => {
  const fixture = useEmulator();

  describe("PutConfigurationAggregator", () => {
    for (const c of cases) {
      it(`refuses input that breaks: ${c.rule} (${c.code})`, async () => {
        const seen = await failure(config().send(new PutConfigurationAggregatorCommand(c.input)));
        assert.deepEqual(seen, { name: c.code, message: c.message, status: 400 });
        assert.deepEqual(fixture.emulator.snapshot().resources, []);
      });
    }

    it("accepts 50 tags, empty tag values and Unicode letters", async () => {
      const many = [...tags(49), { Key: "Ünïcödé ключ", Value: "" }];
      await config().send(new PutConfigurationAggregatorCommand(input({ Tags: many })));
      assert.equal(Object.keys(fixture.emulator.snapshot().resources[0].tags).length, 50);
    });
  });

  describe("DeleteConfigurationAggregator", () => {
    it("checks the name pattern before looking the aggregator up", async () => {
      const seen = await failure(
        config().send(
          new DeleteConfigurationAggregatorCommand({ ConfigurationAggregatorName: "a b" }),
        ),
      );
      assert.deepEqual(seen, {
        name: "ValidationException",
        status: 400,
        message: `${ONE}Value 'a b' at 'configurationAggregatorName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\-]+`,
      });
    });
  });

  describe("aggregation authorizations", () => {
    it("require a 12-digit account and a region of 1..64 characters", async () => {
      const seen = await failure(
        config().send(
          new PutAggregationAuthorizationCommand({
            AuthorizedAccountId: "1234",
            AuthorizedAwsRegion: long(65),
          }),
        ),
      );
      assert.deepEqual(seen, {
        name: "ValidationException",
        status: 400,
        message:
          "2 validation errors detected: Value '1234' at 'authorizedAccountId' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d{12}; " +
          `Value '${long(65)}' at 'authorizedAwsRegion' failed to satisfy constraint: Member must have length less than or equal to 64`,
      });
    });

    it("require both members, also on delete", async () => {
      const seen = await failure(
        config().send(
          new DeleteAggregationAuthorizationCommand(
            {} as { AuthorizedAccountId: string; AuthorizedAwsRegion: string },
          ),
        ),
      );
      assert.deepEqual(seen, {
        name: "ValidationException",
        status: 400,
        message:
          "2 validation errors detected: Value null at 'authorizedAccountId' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'authorizedAwsRegion' failed to satisfy constraint: Member must not be null",
      });
    });

    it("refuse reserved tag keys", async () => {
      const seen = await failure(
        config().send(
          new PutAggregationAuthorizationCommand({
            AuthorizedAccountId: ACCOUNTS.B,
            AuthorizedAwsRegion: REGIONS.A,
            Tags: [{ Key: "aws:cloudformation:stack-name", Value: "s" }],
          }),
        ),
      );
      assert.deepEqual(seen, {
        name: "ValidationException",
        status: 400,
        message:
          "Tag key 'aws:cloudformation:stack-name' is not allowed: the 'aws:' prefix is reserved for use by AWS.",
      });
    });
  });
});
