import assert from "node:assert/strict";
import { checkAuthorization } from "../../provider/authorization/check";
import { authorizationProvider } from "../../provider/authorization/provider";
import type { CheckFailure } from "../../provider/shared/inputs/validation";
import { clearDefaultRegion } from "./helpers";
import { ACCOUNTS, OWNER_ROLE_ARN, REGIONS, SECRET_EXTERNAL_ID } from "../support/fixtures";
import {
  ASSUME_ROLE_PROPERTIES,
  AUTHORIZATION_PROPERTIES,
  EXTERNAL_ID_CHARACTER_RULE,
  EXTERNAL_ID_LENGTH_RULE,
  NO_REGION_REASON,
  ROLE_ARN_RULE,
  TAG_CHARACTER_RULE,
} from "../support/messages";

type Raw = Record<string, unknown>;

/** A valid authorization, to which each row adds one mistake. */
const authorization = (overrides: Raw = {}): Raw => ({
  authorizedAccountId: ACCOUNTS.B,
  authorizedAwsRegion: REGIONS.C,
  region: REGIONS.A,
  ...overrides,
});

const without = (key: string): Raw => {
  const copy = authorization();
  delete copy[key];
  return copy;
};

const accountIdReason = (value: string) =>
  `${JSON.stringify(value)} is not an AWS account ID: expected exactly 12 digits`;
const regionReason = (value: string) =>
  `${JSON.stringify(value)} is not an AWS region name such as "us-east-1"`;
const ACCOUNT_REQUIRED = "is required: the 12-digit account ID of the aggregator to authorize";
const REGION_REQUIRED =
  'is required: the region of the aggregator to authorize, such as "us-east-1"';

interface InvalidCase {
  readonly title: string;
  readonly input: Raw;
  readonly failures: CheckFailure[];
}

const INVALID: InvalidCase[] = [
  {
    title: "authorizedAccountId left out",
    input: without("authorizedAccountId"),
    failures: [{ property: "authorizedAccountId", reason: ACCOUNT_REQUIRED }],
  },
  {
    title: "authorizedAwsRegion left out",
    input: without("authorizedAwsRegion"),
    failures: [{ property: "authorizedAwsRegion", reason: REGION_REQUIRED }],
  },
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
    title: "an authorized account ID given as a number",
    input: authorization({ authorizedAccountId: 222222222222 }),
    failures: [
      {
        property: "authorizedAccountId",
        reason: "Invalid input: expected string, received number",
      },
    ],
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
    title: "an unknown property",
    input: authorization({ name: "x" }),
    failures: [
      {
        property: "name",
        reason: `unknown property; allowed properties are: ${AUTHORIZATION_PROPERTIES}`,
      },
    ],
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
    title: "an aws: tag key",
    input: authorization({ tags: { "aws:createdBy": "x" } }),
    failures: [
      {
        property: 'tags["aws:createdBy"]',
        reason: 'tag key "aws:createdBy" uses the reserved prefix "aws:"',
      },
    ],
  },
  {
    title: "51 tags",
    input: authorization({
      tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`key${i}`, "v"])),
    }),
    failures: [{ property: "tags", reason: "51 tags given; a resource may have at most 50" }],
  },
  {
    title: "a tag value with a character outside the allowed set",
    input: authorization({ tags: { team: "a<b" } }),
    failures: [{ property: "tags.team", reason: `tag value "a<b" ${TAG_CHARACTER_RULE}` }],
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
    title: "an external ID of one character",
    input: authorization({ assumeRole: { roleArn: OWNER_ROLE_ARN, externalId: "Q" } }),
    failures: [{ property: "assumeRole.externalId", reason: EXTERNAL_ID_LENGTH_RULE }],
  },
  {
    title: "an external ID with a forbidden character",
    input: authorization({
      assumeRole: { roleArn: OWNER_ROLE_ARN, externalId: `${SECRET_EXTERNAL_ID}#` },
    }),
    failures: [{ property: "assumeRole.externalId", reason: EXTERNAL_ID_CHARACTER_RULE }],
  },
  {
    title: "a duration above 12 hours",
    input: authorization({ assumeRole: { roleArn: OWNER_ROLE_ARN, durationSeconds: 43201 } }),
    failures: [
      {
        property: "assumeRole.durationSeconds",
        reason: "43201 is above the maximum of 43200 seconds",
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

describe("checkAuthorization", () => {
  describe("rejects invalid inputs with the exact property and reason", () => {
    it("has at least 15 invalid cases", () => {
      assert.ok(INVALID.length >= 15, `only ${INVALID.length} cases`);
    });
    for (const { title, input, failures } of INVALID) {
      it(title, () => {
        assert.deepStrictEqual(checkAuthorization(input).failures, failures);
      });
    }
  });

  it("never repeats an invalid external ID in a reason", () => {
    const externalId = `${SECRET_EXTERNAL_ID} with spaces`;
    const { failures } = checkAuthorization(
      authorization({ assumeRole: { roleArn: OWNER_ROLE_ARN, externalId } }),
    );
    assert.deepStrictEqual(failures, [
      { property: "assumeRole.externalId", reason: EXTERNAL_ID_CHARACTER_RULE },
    ]);
    assert.ok(!JSON.stringify(failures).includes(SECRET_EXTERNAL_ID));
  });

  it("passes valid inputs through without __provider or undefined keys", () => {
    const assumeRole = { roleArn: OWNER_ROLE_ARN, externalId: SECRET_EXTERNAL_ID };
    const { inputs, failures } = checkAuthorization(
      authorization({
        __provider: "serialized",
        tags: { team: "platform" },
        assumeRole,
        adoptExisting: undefined,
      }),
    );
    assert.deepStrictEqual(failures, []);
    assert.deepStrictEqual(inputs, {
      authorizedAccountId: ACCOUNTS.B,
      authorizedAwsRegion: REGIONS.C,
      region: REGIONS.A,
      tags: { team: "platform" },
      assumeRole,
    });
    assert.ok(!("adoptExisting" in inputs));
  });

  describe("region", () => {
    let restore: () => void;
    beforeEach(() => {
      restore = clearDefaultRegion();
    });
    afterEach(() => restore());

    it("fails when no region is given and none is configured", () => {
      assert.deepStrictEqual(checkAuthorization(without("region")).failures, [
        { property: "region", reason: NO_REGION_REASON },
      ]);
    });

    it("lists every missing input at once", () => {
      assert.deepStrictEqual(checkAuthorization({}).failures, [
        { property: "authorizedAccountId", reason: ACCOUNT_REQUIRED },
        { property: "authorizedAwsRegion", reason: REGION_REQUIRED },
        { property: "region", reason: NO_REGION_REASON },
      ]);
    });

    it("defaults the region from AWS_REGION", () => {
      process.env.AWS_REGION = REGIONS.B;
      const { inputs, failures } = checkAuthorization(without("region"));
      assert.deepStrictEqual(failures, []);
      assert.deepStrictEqual(inputs, {
        authorizedAccountId: ACCOUNTS.B,
        authorizedAwsRegion: REGIONS.C,
        region: REGIONS.B,
      });
    });
  });

  it("is what the provider's check returns", async () => {
    const news = authorization({ __provider: "serialized", authorizedAccountId: "x" });
    assert.deepStrictEqual(
      await authorizationProvider.check!({} as never, news as never),
      checkAuthorization(news),
    );
    assert.deepStrictEqual(
      await authorizationProvider.check!({} as never, authorization() as never),
      {
        inputs: authorization(),
        failures: [],
      },
    );
  });
});
