import assert from "node:assert/strict";
import { checkAuthorization } from "../../provider/authorization/check";
import { AUTHORIZATION_DIFF, diffAuthorization } from "../../provider/authorization/diff";
import { authorizationProvider } from "../../provider/authorization/provider";
import type {
  AggregationAuthorizationInputs,
  AggregationAuthorizationState,
} from "../../provider/authorization/schema";
import { PREVIEW_UNKNOWN } from "../../provider/shared/inputs/unknowns";
import { NO_CHANGE, programChanges, replace, roleMovedRows, UPDATE } from "./diff-table";
import { authorizationState } from "./helpers";
import { ACCOUNTS, OTHER_ACCOUNT_ROLE_ARN, OWNER_ASSUME_ROLE, REGIONS } from "../support/fixtures";

type Raw = Record<string, unknown>;
const U = PREVIEW_UNKNOWN;

/** The program as first deployed, acting through a role in the owner account. */
const PROGRAM: Raw = {
  authorizedAccountId: ACCOUNTS.B,
  authorizedAwsRegion: REGIONS.C,
  region: REGIONS.A,
  tags: { team: "platform" },
  assumeRole: OWNER_ASSUME_ROLE,
};

function checked(program: Raw): AggregationAuthorizationInputs {
  const { inputs, failures } = checkAuthorization(program);
  assert.deepStrictEqual(failures, []);
  return inputs;
}

const STATE: AggregationAuthorizationState = authorizationState(checked(PROGRAM));

const { program, role } = programChanges(PROGRAM);

const CASES: {
  title: string;
  olds?: AggregationAuthorizationState;
  news: Raw;
  expected: { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean };
}[] = [
  {
    title: "another authorized account",
    news: program({ authorizedAccountId: ACCOUNTS.C }),
    expected: replace("authorizedAccountId"),
  },
  {
    title: "another authorized region",
    news: program({ authorizedAwsRegion: REGIONS.B }),
    expected: replace("authorizedAwsRegion"),
  },
  {
    title: "another source region",
    news: program({ region: REGIONS.B }),
    expected: replace("region"),
  },
  ...roleMovedRows(role, authorizationState(checked(program({ assumeRole: undefined })))),
  {
    title: "every identity field at once",
    news: program({
      authorizedAccountId: ACCOUNTS.C,
      authorizedAwsRegion: REGIONS.B,
      region: REGIONS.C,
      assumeRole: { roleArn: OTHER_ACCOUNT_ROLE_ARN },
    }),
    expected: replace("authorizedAccountId", "authorizedAwsRegion", "region", "assumeRole"),
  },
  { title: "a tag value changed", news: program({ tags: { team: "security" } }), expected: UPDATE },
  {
    title: "a tag added",
    news: program({ tags: { team: "platform", env: "prod" } }),
    expected: UPDATE,
  },
  { title: "every tag removed", news: program({ tags: undefined }), expected: UPDATE },
  { title: "another session name", news: role({ sessionName: "ci" }), expected: UPDATE },
  { title: "another external ID", news: role({ externalId: "rotated-id" }), expected: UPDATE },
  { title: "the role removed", news: program({ assumeRole: undefined }), expected: UPDATE },
  {
    title: "an unknown authorized account",
    news: program({ authorizedAccountId: U }),
    expected: replace("authorizedAccountId"),
  },
  {
    title: "an unknown authorized region",
    news: program({ authorizedAwsRegion: U }),
    expected: replace("authorizedAwsRegion"),
  },
  { title: "an unknown source region", news: program({ region: U }), expected: replace("region") },
  { title: "an unknown role ARN", news: role({ roleArn: U }), expected: replace("assumeRole") },
  { title: "unknown tags", news: program({ tags: U }), expected: UPDATE },
  { title: "an unknown external ID", news: role({ externalId: U }), expected: UPDATE },
  { title: "the same program", news: PROGRAM, expected: NO_CHANGE },
  {
    title: "only adoptExisting changed",
    news: program({ adoptExisting: true }),
    expected: NO_CHANGE,
  },
  {
    title: "recorded aws: tags the program does not give",
    olds: { ...STATE, tags: { ...STATE.tags, "aws:createdBy": "x" } },
    news: PROGRAM,
    expected: NO_CHANGE,
  },
];

describe("diffAuthorization", () => {
  for (const { title, olds = STATE, news, expected } of CASES) {
    const outcome = expected.replaces.length
      ? `replaces ${expected.replaces.join(", ")}`
      : expected.changes
        ? "updates in place"
        : "no change";
    it(`${title}: ${outcome}`, () => {
      assert.deepStrictEqual(diffAuthorization(olds, checked(news)), expected);
    });
  }

  it("replaces on exactly the authorized account and region and the source region, by its table", () => {
    assert.deepStrictEqual(AUTHORIZATION_DIFF.replaceOn, [
      "authorizedAccountId",
      "authorizedAwsRegion",
      "region",
    ]);
  });

  it("treats tag order as no change", () => {
    const olds = authorizationState(checked(program({ tags: { a: "1", b: "2", c: "3" } })));
    assert.deepStrictEqual(
      diffAuthorization(olds, checked(program({ tags: { c: "3", a: "1", b: "2" } }))),
      NO_CHANGE,
    );
  });

  it("is what the provider's diff returns", async () => {
    const news = checked(program({ authorizedAwsRegion: REGIONS.B, tags: {} }));
    assert.deepStrictEqual(
      await authorizationProvider.diff!(`${ACCOUNTS.B}:${REGIONS.C}`, STATE, news),
      replace("authorizedAwsRegion"),
    );
  });
});
