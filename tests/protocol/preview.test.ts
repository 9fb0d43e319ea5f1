import * as assert from "node:assert/strict";
import { UNKNOWN, type PropertyMap } from "../support/host";
import {
  operations,
  withProvider,
  useHostedProviders,
  AGGREGATOR_URN,
  aggregatorUrn,
  AUTHORIZATION_URN,
} from "./helpers";
import { ACCOUNTS, REGIONS, roleArn } from "../support/fixtures";

const AGGREGATOR_INPUTS: PropertyMap = {
  name: "org",
  accountAggregationSource: { accountIds: [ACCOUNTS.B, ACCOUNTS.A], awsRegions: [REGIONS.A] },
  tags: { team: "a" },
  autoNamePrefix: "org",
};

describe("previews and check failures through the dynamic-provider host", function () {
  const { emulator, host, aggregatorCode, authorizationCode } = useHostedProviders();

  describe("preview unknowns", () => {
    /** The aggregator as `pulumi up` left it: checked inputs and the outputs of create. */
    async function existing() {
      const checked = await host().check(
        AGGREGATOR_URN,
        {},
        withProvider(aggregatorCode, AGGREGATOR_INPUTS),
      );
      const created = await host().create(AGGREGATOR_URN, checked.inputs);
      emulator().clearRequests();
      return { id: created.id, inputs: checked.inputs, outputs: created.outputs };
    }

    const cases: {
      title: string;
      unknown: PropertyMap;
      expected: PropertyMap;
      replaces: string[];
    }[] = [
      {
        title: "the accountIds array",
        unknown: { accountAggregationSource: { accountIds: UNKNOWN, awsRegions: [REGIONS.A] } },
        expected: { accountAggregationSource: { accountIds: UNKNOWN, awsRegions: [REGIONS.A] } },
        replaces: [],
      },
      {
        title: "one account ID among known ones",
        unknown: {
          accountAggregationSource: { accountIds: [ACCOUNTS.B, UNKNOWN], awsRegions: [REGIONS.A] },
        },
        expected: {
          accountAggregationSource: { accountIds: [ACCOUNTS.B, UNKNOWN], awsRegions: [REGIONS.A] },
        },
        replaces: [],
      },
      {
        title: "a whole source",
        unknown: { accountAggregationSource: UNKNOWN },
        expected: { accountAggregationSource: UNKNOWN },
        replaces: [],
      },
      {
        title: "the tags",
        unknown: { tags: UNKNOWN },
        expected: { tags: UNKNOWN },
        replaces: [],
      },
      {
        title: "the name",
        unknown: { name: UNKNOWN },
        expected: { name: UNKNOWN },
        replaces: ["name"],
      },
    ];
    for (const { title, unknown, expected, replaces } of cases) {
      it(`passes an unknown in place of ${title} through check untouched, and diffs it as ${replaces.length ? "a replacement" : "an update"}`, async () => {
        const { id, inputs, outputs } = await existing();
        const news = await host().check(
          AGGREGATOR_URN,
          inputs,
          withProvider(aggregatorCode, { ...AGGREGATOR_INPUTS, ...unknown }),
        );
        assert.deepEqual(news, {
          inputs: {
            name: "org",
            accountAggregationSource: {
              accountIds: [ACCOUNTS.A, ACCOUNTS.B],
              awsRegions: [REGIONS.A],
            },
            tags: { team: "a" },
            autoNamePrefix: "org",
            region: REGIONS.A,
            ...expected,
            __provider: aggregatorCode,
          },
          failures: [],
        });
        assert.deepEqual(await host().diff(id, AGGREGATOR_URN, outputs, news.inputs, inputs), {
          changes: "some",
          replaces,
          deleteBeforeReplace: false,
        });
        assert.deepEqual(operations(emulator()), []);
      });
    }

    it("passes a new aggregator with unknown accounts, regions and tags through check", async () => {
      const news = withProvider(aggregatorCode, {
        name: "new",
        accountAggregationSource: { accountIds: UNKNOWN, awsRegions: UNKNOWN },
        tags: UNKNOWN,
        autoNamePrefix: "new",
      });
      assert.deepEqual(await host().check(aggregatorUrn("new"), {}, news), {
        inputs: { ...news, region: REGIONS.A },
        failures: [],
      });
    });

    it("passes an unknown authorized account through check and diffs it as a replacement", async () => {
      const inputs = { authorizedAccountId: ACCOUNTS.C, authorizedAwsRegion: REGIONS.B };
      const checked = await host().check(
        AUTHORIZATION_URN,
        {},
        withProvider(authorizationCode, inputs),
      );
      const created = await host().create(AUTHORIZATION_URN, checked.inputs);
      emulator().clearRequests();
      const news = await host().check(
        AUTHORIZATION_URN,
        checked.inputs,
        withProvider(authorizationCode, { ...inputs, authorizedAccountId: UNKNOWN }),
      );
      assert.deepEqual(news, {
        inputs: {
          authorizedAccountId: UNKNOWN,
          authorizedAwsRegion: REGIONS.B,
          region: REGIONS.A,
          __provider: authorizationCode,
        },
        failures: [],
      });
      assert.deepEqual(
        await host().diff(
          created.id,
          AUTHORIZATION_URN,
          created.outputs,
          news.inputs,
          checked.inputs,
        ),
        { changes: "some", replaces: ["authorizedAccountId"], deleteBeforeReplace: false },
      );
      assert.deepEqual(operations(emulator()), []);
    });
  });

  describe("check failures", () => {
    it("lists every aggregator failure as a property and a reason", async () => {
      const news = withProvider(aggregatorCode, {
        name: "bad name!",
        accountAggregationSource: {
          accountIds: [ACCOUNTS.A, "12345"],
          allAwsRegions: true,
          awsRegions: [REGIONS.A, "Nowhere"],
        },
        aggregatorFilters: { resourceType: { type: "EXCLUDE", value: ["AWS::EC2::Instance"] } },
        tags: { "aws:owner": "me" },
        assumeRole: { roleArn: "arn:aws:iam::123:user/x", durationSeconds: 60 },
        autoNamePrefix: "org",
      });
      const { failures } = await host().check(AGGREGATOR_URN, {}, news);
      assert.deepEqual(failures, [
        {
          property: "name",
          reason: '"bad name!" may contain only letters, digits, "_" and "-"',
        },
        {
          property: "accountAggregationSource.accountIds[1]",
          reason: '"12345" is not an AWS account ID: expected exactly 12 digits',
        },
        {
          property: "accountAggregationSource.awsRegions[1]",
          reason: '"Nowhere" is not an AWS region name such as "us-east-1"',
        },
        {
          property: "aggregatorFilters.resourceType.type",
          reason: '"EXCLUDE" is not a filter type; the only type is "INCLUDE"',
        },
        {
          property: 'tags["aws:owner"]',
          reason: 'tag key "aws:owner" uses the reserved prefix "aws:"',
        },
        {
          property: "assumeRole.roleArn",
          reason:
            '"arn:aws:iam::123:user/x" is not an IAM role ARN of the form arn:aws:iam::<12-digit account>:role/<name>',
        },
        {
          property: "assumeRole.durationSeconds",
          reason: "60 is below the minimum of 900 seconds",
        },
        {
          property: "accountAggregationSource.awsRegions",
          reason: "give either allAwsRegions: true or a list of awsRegions, not both",
        },
      ]);
      assert.deepEqual(operations(emulator()), []);
    });

    it("names both sources when an aggregator is given two", async () => {
      const news = withProvider(aggregatorCode, {
        name: "org",
        accountAggregationSource: { accountIds: [ACCOUNTS.A], awsRegions: [REGIONS.A] },
        organizationAggregationSource: {
          roleArn: roleArn(ACCOUNTS.A, "ConfigOrgRole"),
          allAwsRegions: true,
        },
      });
      assert.deepEqual((await host().check(AGGREGATOR_URN, {}, news)).failures, [
        {
          property: "organizationAggregationSource",
          reason:
            "an aggregator takes exactly one source: give accountAggregationSource or organizationAggregationSource, not both",
        },
      ]);
    });

    it("lists every authorization failure, hiding the external ID's value", async () => {
      const news = withProvider(authorizationCode, {
        authorizedAwsRegion: "us_east_1",
        tags: { "": "x" },
        assumeRole: { roleArn: roleArn(ACCOUNTS.B, "Deployer"), externalId: "not valid!" },
      });
      const result = await host().check(AUTHORIZATION_URN, {}, news);
      assert.deepEqual(result.failures, [
        {
          property: "authorizedAccountId",
          reason: "is required: the 12-digit account ID of the aggregator to authorize",
        },
        {
          property: "authorizedAwsRegion",
          reason: '"us_east_1" is not an AWS region name such as "us-east-1"',
        },
        { property: 'tags[""]', reason: 'tag key "" must be 1 to 128 characters long' },
        {
          property: "assumeRole.externalId",
          reason:
            "the external ID may contain only letters, digits and _ + = , . @ : / - (value hidden: it is secret)",
        },
      ]);
      assert.deepEqual(operations(emulator()), []);
    });
  });
});
