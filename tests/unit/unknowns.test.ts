import assert from "node:assert/strict";
import { checkAggregator } from "../../provider/aggregator/check";
import { checkAuthorization } from "../../provider/authorization/check";
import { containsUnknown, isUnknown, PREVIEW_UNKNOWN } from "../../provider/shared/inputs/unknowns";
import { ACCOUNTS, AGGREGATOR_NAME, ORGANIZATION_ROLE_ARN, REGIONS } from "../support/fixtures";

type Raw = Record<string, unknown>;

const U = PREVIEW_UNKNOWN;

const aggregator = (overrides: Raw = {}): Raw => ({
  name: AGGREGATOR_NAME,
  region: REGIONS.A,
  accountAggregationSource: { accountIds: [ACCOUNTS.A, ACCOUNTS.D], allAwsRegions: true },
  ...overrides,
});

/** A mistake placed beside each unknown, which must still be reported. */
const BAD_TAG = { "aws:x": "y" };
const BAD_TAG_FAILURE = {
  property: 'tags["aws:x"]',
  reason: 'tag key "aws:x" uses the reserved prefix "aws:"',
};

interface UnknownCase {
  readonly title: string;
  readonly input: Raw;
  /** The normalized inputs: the unknown exactly where it was given. */
  readonly inputs: Raw;
}

const CASES: UnknownCase[] = [
  {
    title: "the accountIds list",
    input: aggregator({ accountAggregationSource: { accountIds: U, allAwsRegions: true } }),
    inputs: aggregator({ accountAggregationSource: { accountIds: U, allAwsRegions: true } }),
  },
  {
    title: "one account ID of the list (the list is left as it is)",
    input: aggregator({
      accountAggregationSource: {
        accountIds: [ACCOUNTS.C, U, ACCOUNTS.A, ACCOUNTS.C],
        allAwsRegions: true,
      },
    }),
    inputs: aggregator({
      accountAggregationSource: {
        accountIds: [ACCOUNTS.C, U, ACCOUNTS.A, ACCOUNTS.C],
        allAwsRegions: true,
      },
    }),
  },
  {
    title: "the whole account source",
    input: aggregator({ accountAggregationSource: U }),
    inputs: aggregator({ accountAggregationSource: U }),
  },
  {
    title: "the account source, beside an organization source (not counted as two sources)",
    input: aggregator({
      accountAggregationSource: U,
      organizationAggregationSource: { roleArn: ORGANIZATION_ROLE_ARN, allAwsRegions: true },
    }),
    inputs: aggregator({
      accountAggregationSource: U,
      organizationAggregationSource: { roleArn: ORGANIZATION_ROLE_ARN, allAwsRegions: true },
    }),
  },
  {
    title: "the whole organization source",
    input: { name: AGGREGATOR_NAME, region: REGIONS.A, organizationAggregationSource: U },
    inputs: { name: AGGREGATOR_NAME, region: REGIONS.A, organizationAggregationSource: U },
  },
  {
    title: "allAwsRegions",
    input: aggregator({
      accountAggregationSource: { accountIds: [ACCOUNTS.A], allAwsRegions: U },
    }),
    inputs: aggregator({
      accountAggregationSource: { accountIds: [ACCOUNTS.A], allAwsRegions: U },
    }),
  },
  {
    title: "the awsRegions list",
    input: aggregator({ accountAggregationSource: { accountIds: [ACCOUNTS.A], awsRegions: U } }),
    inputs: aggregator({
      accountAggregationSource: { accountIds: [ACCOUNTS.A], awsRegions: U },
    }),
  },
  {
    title: "one region of the awsRegions list",
    input: aggregator({
      accountAggregationSource: {
        accountIds: [ACCOUNTS.A],
        awsRegions: [REGIONS.C, U, REGIONS.A],
      },
    }),
    inputs: aggregator({
      accountAggregationSource: {
        accountIds: [ACCOUNTS.A],
        awsRegions: [REGIONS.C, U, REGIONS.A],
      },
    }),
  },
  {
    title: "the name",
    input: aggregator({ name: U }),
    inputs: aggregator({ name: U }),
  },
  {
    title: "the region",
    input: aggregator({ region: U }),
    inputs: aggregator({ region: U }),
  },
  {
    title: "the aggregatorFilters",
    input: aggregator({ aggregatorFilters: U }),
    inputs: aggregator({ aggregatorFilters: U }),
  },
  {
    title: "one filter",
    input: aggregator({ aggregatorFilters: { resourceType: U } }),
    inputs: aggregator({ aggregatorFilters: { resourceType: U } }),
  },
  {
    title: "the values of a filter",
    input: aggregator({ aggregatorFilters: { servicePrincipal: { value: U } } }),
    inputs: aggregator({ aggregatorFilters: { servicePrincipal: { type: "INCLUDE", value: U } } }),
  },
  {
    title: "assumeRole",
    input: aggregator({ assumeRole: U }),
    inputs: aggregator({ assumeRole: U }),
  },
  {
    title: "the assumeRole ARN and duration",
    input: aggregator({ assumeRole: { roleArn: U, durationSeconds: U } }),
    inputs: aggregator({ assumeRole: { roleArn: U, durationSeconds: U } }),
  },
  {
    title: "adoptExisting",
    input: aggregator({ adoptExisting: U }),
    inputs: aggregator({ adoptExisting: U }),
  },
];

describe("preview unknowns", () => {
  describe("checkAggregator lets an unknown through untouched", () => {
    for (const { title, input, inputs } of CASES) {
      it(`in place of ${title}`, () => {
        assert.deepStrictEqual(checkAggregator(undefined, input), {
          inputs,
          failures: [],
        });
      });
    }
  });

  describe("checkAggregator still reports the failures beside an unknown", () => {
    for (const { title, input } of CASES) {
      it(`beside an unknown in place of ${title}`, () => {
        assert.deepStrictEqual(checkAggregator(undefined, { ...input, tags: BAD_TAG }).failures, [
          BAD_TAG_FAILURE,
        ]);
      });
    }

    it("reports a bad account ID beside an unknown one", () => {
      const input = aggregator({
        accountAggregationSource: { accountIds: [U, "12"], allAwsRegions: true },
      });
      assert.deepStrictEqual(checkAggregator(undefined, input).failures, [
        {
          property: "accountAggregationSource.accountIds[1]",
          reason: '"12" is not an AWS account ID: expected exactly 12 digits',
        },
      ]);
    });

    it("reports a bad role ARN beside an unknown external ID", () => {
      const input = aggregator({ assumeRole: { roleArn: "role", externalId: U } });
      assert.deepStrictEqual(checkAggregator(undefined, input).failures, [
        {
          property: "assumeRole.roleArn",
          reason:
            '"role" is not an IAM role ARN of the form arn:aws:iam::<12-digit account>:role/<name>',
        },
      ]);
    });

    it("still wants a source when the other fields are unknown", () => {
      const input = { name: U, region: U, tags: U };
      assert.deepStrictEqual(checkAggregator(undefined, input).failures, [
        {
          property: "accountAggregationSource",
          reason:
            "an aggregator needs a source: give accountAggregationSource (listed accounts) or organizationAggregationSource (the whole organization)",
        },
      ]);
    });
  });

  it("checkAggregator lets unknown tags through", () => {
    assert.deepStrictEqual(checkAggregator(undefined, aggregator({ tags: U })), {
      inputs: aggregator({ tags: U }),
      failures: [],
    });
  });

  it("checkAggregator reports a bad name beside unknown tags", () => {
    assert.deepStrictEqual(
      checkAggregator(undefined, aggregator({ tags: U, name: "a.b" })).failures,
      [{ property: "name", reason: '"a.b" may contain only letters, digits, "_" and "-"' }],
    );
  });

  describe("checkAuthorization lets an unknown through untouched", () => {
    const base = {
      authorizedAccountId: ACCOUNTS.B,
      authorizedAwsRegion: REGIONS.C,
      region: REGIONS.A,
    };
    for (const key of [
      "authorizedAccountId",
      "authorizedAwsRegion",
      "region",
      "tags",
      "assumeRole",
    ]) {
      it(`in place of ${key}`, () => {
        const input = { ...base, [key]: U };
        assert.deepStrictEqual(checkAuthorization(input), { inputs: input, failures: [] });
      });
      it(`and reports a bad tag beside an unknown ${key}`, () => {
        const input =
          key === "tags"
            ? { ...base, tags: U, region: "nowhere" }
            : { ...base, [key]: U, tags: BAD_TAG };
        const expected =
          key === "tags"
            ? {
                property: "region",
                reason: '"nowhere" is not an AWS region name such as "us-east-1"',
              }
            : BAD_TAG_FAILURE;
        assert.deepStrictEqual(checkAuthorization(input).failures, [expected]);
      });
    }
  });

  describe("isUnknown and containsUnknown", () => {
    const rows: [string, unknown, boolean, boolean][] = [
      ["the sentinel", U, true, true],
      ["another string", "04da6b54", false, false],
      ["undefined", undefined, false, false],
      ["null", null, false, false],
      ["a list holding it", [ACCOUNTS.A, U], false, true],
      ["an object holding it deep down", { a: { b: [{ c: U }] } }, false, true],
      ["an object without it", { a: { b: [ACCOUNTS.A] } }, false, false],
    ];
    for (const [title, value, is, contains] of rows) {
      it(`${title}: isUnknown ${is}, containsUnknown ${contains}`, () => {
        assert.equal(isUnknown(value), is);
        assert.equal(containsUnknown(value), contains);
      });
    }
  });
});
