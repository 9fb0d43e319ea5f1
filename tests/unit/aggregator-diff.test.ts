import assert from "node:assert/strict";
import { checkAggregator } from "../../provider/aggregator/check";
import { AGGREGATOR_DIFF, diffAggregator, needsPut } from "../../provider/aggregator/diff";
import { aggregatorProvider } from "../../provider/aggregator/provider";
import type {
  ConfigurationAggregatorInputs,
  ConfigurationAggregatorState,
} from "../../provider/aggregator/schema";
import { PREVIEW_UNKNOWN } from "../../provider/shared/inputs/unknowns";
import { NO_CHANGE, programChanges, replace, roleMovedRows, UPDATE } from "./diff-table";
import { aggregatorState } from "./helpers";
import {
  ACCOUNTS,
  FILTER_VALUES,
  AGGREGATOR_NAME,
  ORGANIZATION_ROLE_ARN,
  OWNER_ASSUME_ROLE,
  REGIONS,
} from "../support/fixtures";

type Raw = Record<string, unknown>;
const U = PREVIEW_UNKNOWN;

/** The program as first deployed: every field set, acting through a role in the owner account. */
const PROGRAM: Raw = {
  name: AGGREGATOR_NAME,
  region: REGIONS.A,
  accountAggregationSource: {
    accountIds: [ACCOUNTS.A, ACCOUNTS.D],
    awsRegions: [REGIONS.A, REGIONS.C],
  },
  aggregatorFilters: { resourceType: { value: [FILTER_VALUES.instance] } },
  tags: { team: "platform", env: "prod" },
  assumeRole: { ...OWNER_ASSUME_ROLE, sessionName: "deploy" },
};

/** Checked inputs; the test fails at once if the row's program is itself invalid. */
function checked(program: Raw): ConfigurationAggregatorInputs {
  const { inputs, failures } = checkAggregator(undefined, program);
  assert.deepStrictEqual(failures, []);
  return inputs;
}

const STATE: ConfigurationAggregatorState = aggregatorState(checked(PROGRAM));

const { program, role } = programChanges(PROGRAM);

/** The program aggregating the whole organization instead of listed accounts. */
const organizationProgram = (changes: Raw): Raw =>
  program({
    accountAggregationSource: undefined,
    organizationAggregationSource: {
      roleArn: ORGANIZATION_ROLE_ARN,
      allAwsRegions: true,
      ...changes,
    },
  });
const ORGANIZATION_STATE = aggregatorState(checked(organizationProgram({})));

interface DiffCase {
  readonly title: string;
  readonly olds?: ConfigurationAggregatorState;
  /** The new inputs, checked (unknowns pass check untouched). */
  readonly news: Raw;
  readonly expected: { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean };
  /** Whether an update (not a replacement) calls PutConfigurationAggregator. */
  readonly put?: boolean;
}

const CASES: DiffCase[] = [
  // Identity: a new aggregator.
  { title: "a new name", news: program({ name: "central" }), expected: replace("name") },
  { title: "a new region", news: program({ region: REGIONS.B }), expected: replace("region") },
  ...roleMovedRows(role, aggregatorState(checked(program({ assumeRole: undefined })))),
  {
    title: "a new name and region together",
    news: program({ name: "central", region: REGIONS.B }),
    expected: replace("name", "region"),
  },
  // Updates in place.
  {
    title: "another account in the account source",
    news: program({
      accountAggregationSource: {
        accountIds: [ACCOUNTS.A, ACCOUNTS.D, ACCOUNTS.C],
        awsRegions: [REGIONS.A, REGIONS.C],
      },
    }),
    expected: UPDATE,
    put: true,
  },
  {
    title: "another region in the account source",
    news: program({
      accountAggregationSource: {
        accountIds: [ACCOUNTS.A, ACCOUNTS.D],
        awsRegions: [REGIONS.A, REGIONS.C, REGIONS.B],
      },
    }),
    expected: UPDATE,
    put: true,
  },
  {
    title: "all regions instead of a list",
    news: program({
      accountAggregationSource: {
        accountIds: [ACCOUNTS.A, ACCOUNTS.D],
        allAwsRegions: true,
      },
    }),
    expected: UPDATE,
    put: true,
  },
  {
    title: "the organization source instead of the account source",
    news: program({
      accountAggregationSource: undefined,
      organizationAggregationSource: { roleArn: ORGANIZATION_ROLE_ARN, allAwsRegions: true },
    }),
    expected: UPDATE,
    put: true,
  },
  {
    title: "another resource type in the filter",
    news: program({
      aggregatorFilters: {
        resourceType: { value: [FILTER_VALUES.instance, FILTER_VALUES.bucket] },
      },
    }),
    expected: UPDATE,
    put: true,
  },
  {
    title: "a service-principal filter added",
    news: program({
      aggregatorFilters: {
        resourceType: { value: [FILTER_VALUES.instance] },
        servicePrincipal: { value: [FILTER_VALUES.configPrincipal] },
      },
    }),
    expected: UPDATE,
    put: true,
  },
  {
    title: "another organization role",
    olds: ORGANIZATION_STATE,
    news: organizationProgram({ roleArn: `arn:aws:iam::${ACCOUNTS.A}:role/other-config-role` }),
    expected: UPDATE,
    put: true,
  },
  {
    title: "other regions for the organization source",
    olds: ORGANIZATION_STATE,
    news: organizationProgram({ allAwsRegions: undefined, awsRegions: [REGIONS.B] }),
    expected: UPDATE,
    put: true,
  },
  {
    title: "the organization program unchanged",
    olds: ORGANIZATION_STATE,
    news: organizationProgram({}),
    expected: NO_CHANGE,
    put: false,
  },
  {
    title: "the filters removed",
    news: program({ aggregatorFilters: undefined }),
    expected: UPDATE,
    put: true,
  },
  {
    title: "a tag value changed",
    news: program({ tags: { team: "security", env: "prod" } }),
    expected: UPDATE,
    put: false,
  },
  {
    title: "a tag added",
    news: program({ tags: { team: "platform", env: "prod", x: "" } }),
    expected: UPDATE,
    put: false,
  },
  { title: "every tag removed", news: program({ tags: undefined }), expected: UPDATE, put: false },
  {
    title: "another session name",
    news: role({ sessionName: "ci" }),
    expected: UPDATE,
    put: false,
  },
  {
    title: "another external ID",
    news: role({ externalId: "rotated-id" }),
    expected: UPDATE,
    put: false,
  },
  { title: "a duration added", news: role({ durationSeconds: 900 }), expected: UPDATE, put: false },
  {
    title: "another role in the same account",
    news: role({ roleArn: `arn:aws:iam::${ACCOUNTS.A}:role/other` }),
    expected: UPDATE,
    put: false,
  },
  {
    title: "the role removed",
    news: program({ assumeRole: undefined }),
    expected: UPDATE,
    put: false,
  },
  {
    title: "a role in the owner account where there was none",
    olds: aggregatorState(checked(program({ assumeRole: undefined }))),
    news: PROGRAM,
    expected: UPDATE,
    put: false,
  },
  // Unknowns: an unknown identity may replace; anything else is an update.
  { title: "an unknown name", news: program({ name: U }), expected: replace("name") },
  { title: "an unknown region", news: program({ region: U }), expected: replace("region") },
  {
    title: "an unknown assumeRole",
    news: program({ assumeRole: U }),
    expected: replace("assumeRole"),
  },
  { title: "an unknown role ARN", news: role({ roleArn: U }), expected: replace("assumeRole") },
  { title: "an unknown external ID", news: role({ externalId: U }), expected: UPDATE, put: false },
  { title: "unknown tags", news: program({ tags: U }), expected: UPDATE, put: false },
  {
    title: "one unknown tag value",
    news: program({ tags: { team: U, env: "prod" } }),
    expected: UPDATE,
    put: false,
  },
  {
    title: "unknown account IDs",
    news: program({
      accountAggregationSource: { accountIds: U, awsRegions: [REGIONS.A, REGIONS.C] },
    }),
    expected: UPDATE,
    put: true,
  },
  {
    title: "one unknown account ID",
    news: program({
      accountAggregationSource: {
        accountIds: [ACCOUNTS.A, U],
        awsRegions: [REGIONS.A, REGIONS.C],
      },
    }),
    expected: UPDATE,
    put: true,
  },
  {
    title: "an unknown account source",
    news: program({ accountAggregationSource: U }),
    expected: UPDATE,
    put: true,
  },
  {
    title: "unknown filters",
    news: program({ aggregatorFilters: U }),
    expected: UPDATE,
    put: true,
  },
  // No change.
  { title: "the same program", news: PROGRAM, expected: NO_CHANGE, put: false },
  {
    title: "only adoptExisting changed",
    news: program({ adoptExisting: true }),
    expected: NO_CHANGE,
    put: false,
  },
  {
    title: "lists given in another order, with duplicates",
    news: program({
      accountAggregationSource: {
        accountIds: [ACCOUNTS.D, ACCOUNTS.A, ACCOUNTS.D],
        allAwsRegions: false,
        awsRegions: [REGIONS.C, REGIONS.A, REGIONS.C],
      },
      aggregatorFilters: {
        resourceType: { type: "INCLUDE", value: [FILTER_VALUES.instance, FILTER_VALUES.instance] },
      },
      tags: { env: "prod", team: "platform" },
    }),
    expected: NO_CHANGE,
    put: false,
  },
  {
    title: "recorded lists in another order than the program's",
    olds: {
      ...STATE,
      accountAggregationSource: {
        accountIds: [ACCOUNTS.D, ACCOUNTS.A],
        awsRegions: [REGIONS.C, REGIONS.A],
      },
      aggregatorFilters: { resourceType: { type: "INCLUDE", value: [FILTER_VALUES.instance] } },
    },
    news: PROGRAM,
    expected: NO_CHANGE,
    put: false,
  },
  {
    title: "recorded aws: tags the program does not give",
    olds: {
      ...STATE,
      tags: { ...STATE.tags, "aws:cloudformation:stack-name": "x", "AWS:Owner": "y" },
    },
    news: PROGRAM,
    expected: NO_CHANGE,
    put: false,
  },
  {
    title: "recorded empty tags and a program without tags",
    olds: aggregatorState(checked(program({ tags: undefined }))),
    news: program({ tags: undefined }),
    expected: NO_CHANGE,
    put: false,
  },
  {
    title:
      "recorded state whose tags are not known (no tags field): an update, to read and fix them",
    olds: (() => {
      const { tags: _tags, ...rest } = aggregatorState(checked(program({ tags: undefined })));
      return rest as ConfigurationAggregatorState;
    })(),
    news: program({ tags: {} }),
    expected: UPDATE,
    put: false,
  },
];

describe("diffAggregator", () => {
  for (const { title, olds = STATE, news, expected } of CASES) {
    it(`${title}: ${expected.replaces.length ? `replaces ${expected.replaces.join(", ")}` : expected.changes ? "updates" : "no change"}`, () => {
      assert.deepStrictEqual(diffAggregator(olds, checked(news)), expected);
    });
  }

  it("replaces on exactly name and region, by its table", () => {
    assert.deepStrictEqual(AGGREGATOR_DIFF.replaceOn, ["name", "region"]);
  });

  it("is what the provider's diff returns", async () => {
    const news = checked(program({ name: "central", tags: {} }));
    assert.deepStrictEqual(
      await aggregatorProvider.diff!(AGGREGATOR_NAME, STATE, news),
      replace("name"),
    );
  });
});

describe("needsPut", () => {
  for (const { title, olds = STATE, news, put } of CASES) {
    if (put === undefined) continue;
    it(`${title}: ${put ? "needs" : "does not need"} a Put`, () => {
      assert.equal(needsPut(olds, checked(news)), put);
    });
  }
});
