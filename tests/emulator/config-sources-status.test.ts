import assert from "node:assert/strict";
import {
  DeletePendingAggregationRequestCommand,
  DescribeConfigurationAggregatorSourcesStatusCommand,
  DescribePendingAggregationRequestsCommand,
  PutAggregationAuthorizationCommand,
  PutConfigurationAggregatorCommand,
} from "@aws-sdk/client-config-service";
import { useEmulator } from "../support/emulator.js";
import { config, keys, rejectsWith } from "./helpers.js";
import { ACCOUNTS, REGIONS } from "../support/fixtures.js";

const KEY_B = "AKIASTATUSSOURCEB";

/** A Config client of source account B in `region`. */
const sourceB = (region: string) => config({ region, credentials: keys(KEY_B) });

const putAccounts = (accountIds: string[], regions?: string[]) =>
  new PutConfigurationAggregatorCommand({
    ConfigurationAggregatorName: "accounts",
    AccountAggregationSources: [
      regions === undefined
        ? { AccountIds: accountIds, AllAwsRegions: true }
        : { AccountIds: accountIds, AwsRegions: regions },
    ],
  });

const authorizeA = () =>
  new PutAggregationAuthorizationCommand({
    AuthorizedAccountId: ACCOUNTS.A,
    AuthorizedAwsRegion: REGIONS.A,
  });

const status = (
  input: { UpdateStatus?: ("FAILED" | "SUCCEEDED")[]; Limit?: number; NextToken?: string } = {},
) =>
  config().send(
    new DescribeConfigurationAggregatorSourcesStatusCommand({
      ConfigurationAggregatorName: "accounts",
      ...input,
    }),
  );

const pendingIn = async (region: string) =>
  (await sourceB(region).send(new DescribePendingAggregationRequestsCommand({})))
    .PendingAggregationRequests;

describe("emulator: Config DescribeConfigurationAggregatorSourcesStatus", () => {
  const fixture = useEmulator({ accessKeys: { [KEY_B]: ACCOUNTS.B } });

  it("reports every account and region in the aggregator's order, with the failure's code and message", async () => {
    await config().send(putAccounts([ACCOUNTS.B, ACCOUNTS.A], [REGIONS.B, REGIONS.A]));
    await sourceB(REGIONS.B).send(authorizeA());
    const { AggregatedSourceStatusList, NextToken } = await status();
    assert.equal(NextToken, undefined);
    const list = AggregatedSourceStatusList ?? [];
    assert.ok(list.every((s) => s.LastUpdateTime instanceof Date));
    assert.deepEqual(
      list.map(({ LastUpdateTime: _t, ...rest }) => rest),
      [
        {
          SourceId: ACCOUNTS.B,
          SourceType: "ACCOUNT",
          AwsRegion: REGIONS.B,
          LastUpdateStatus: "SUCCEEDED",
        },
        {
          SourceId: ACCOUNTS.B,
          SourceType: "ACCOUNT",
          AwsRegion: REGIONS.A,
          LastUpdateStatus: "FAILED",
          LastErrorCode: "AccessDeniedException",
          LastErrorMessage: `Account ${ACCOUNTS.B} has not authorized aggregator account ${ACCOUNTS.A} in ${REGIONS.A} to collect its data in ${REGIONS.A}: it has no aggregation authorization for them there.`,
        },
        // The aggregator's own account needs no authorization.
        {
          SourceId: ACCOUNTS.A,
          SourceType: "ACCOUNT",
          AwsRegion: REGIONS.B,
          LastUpdateStatus: "SUCCEEDED",
        },
        {
          SourceId: ACCOUNTS.A,
          SourceType: "ACCOUNT",
          AwsRegion: REGIONS.A,
          LastUpdateStatus: "SUCCEEDED",
        },
      ],
    );
  });

  it("filters by UpdateStatus and pages by Limit", async () => {
    await config().send(putAccounts([ACCOUNTS.B, ACCOUNTS.C], [REGIONS.A, REGIONS.B]));
    await sourceB(REGIONS.A).send(authorizeA());
    const failed = await status({ UpdateStatus: ["FAILED"] });
    assert.deepEqual(
      failed.AggregatedSourceStatusList?.map((s) => `${s.SourceId} ${s.AwsRegion}`),
      [`${ACCOUNTS.B} ${REGIONS.B}`, `${ACCOUNTS.C} ${REGIONS.A}`, `${ACCOUNTS.C} ${REGIONS.B}`],
    );
    const first = await status({ UpdateStatus: ["FAILED"], Limit: 2 });
    assert.equal(first.AggregatedSourceStatusList?.length, 2);
    const second = await status({ UpdateStatus: ["FAILED"], Limit: 2, NextToken: first.NextToken });
    assert.deepEqual(
      second.AggregatedSourceStatusList?.map((s) => `${s.SourceId} ${s.AwsRegion}`),
      [`${ACCOUNTS.C} ${REGIONS.B}`],
    );
    assert.equal(second.NextToken, undefined);
    await rejectsWith(
      status({ NextToken: first.NextToken }),
      "InvalidNextTokenException",
      400,
      "The nextToken provided is invalid",
    );
  });

  it("covers every region the emulator has seen for AllAwsRegions", async () => {
    await sourceB(REGIONS.C).send(authorizeA());
    await config().send(putAccounts([ACCOUNTS.B]));
    const { AggregatedSourceStatusList } = await status();
    assert.deepEqual(
      AggregatedSourceStatusList?.map((s) => `${s.AwsRegion} ${s.LastUpdateStatus}`),
      [`${REGIONS.A} FAILED`, `${REGIONS.C} SUCCEEDED`],
    );
  });

  it("refuses an unknown aggregator, a Limit over 100 and an unknown status", async () => {
    await rejectsWith(
      status(),
      "NoSuchConfigurationAggregatorException",
      400,
      "The configuration aggregator does not exist. Check the configuration aggregator name and try again.",
    );
    await config().send(putAccounts([ACCOUNTS.B], [REGIONS.A]));
    await rejectsWith(
      status({ Limit: 101 }),
      "InvalidLimitException",
      400,
      "Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
    await rejectsWith(
      status({ UpdateStatus: ["LATE" as "FAILED"] }),
      "ValidationException",
      400,
      "1 validation error detected: Value '[LATE]' at 'updateStatus' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [FAILED, SUCCEEDED, OUTDATED]]",
    );
    assert.deepEqual(
      fixture.emulator.requests().map((r) => `${r.operation} ${r.errorCode ?? r.status}`),
      [
        "DescribeConfigurationAggregatorSourcesStatus NoSuchConfigurationAggregatorException",
        "PutConfigurationAggregator 200",
        "DescribeConfigurationAggregatorSourcesStatus InvalidLimitException",
        "DescribeConfigurationAggregatorSourcesStatus ValidationException",
      ],
    );
  });
});

describe("emulator: Config pending aggregation requests", () => {
  useEmulator({ accessKeys: { [KEY_B]: ACCOUNTS.B } });

  it("leaves a request in each source account and region not yet authorized", async () => {
    await sourceB(REGIONS.B).send(authorizeA());
    await config().send(putAccounts([ACCOUNTS.B, ACCOUNTS.A], [REGIONS.A, REGIONS.B]));
    assert.deepEqual(await pendingIn(REGIONS.A), [
      { RequesterAccountId: ACCOUNTS.A, RequesterAwsRegion: REGIONS.A },
    ]);
    assert.deepEqual(await pendingIn(REGIONS.B), []);
    // The aggregator's own account is never asked.
    const own = await config().send(new DescribePendingAggregationRequestsCommand({}));
    assert.deepEqual(own.PendingAggregationRequests, []);
  });

  it("drops the request when the source account authorizes the aggregator", async () => {
    await config().send(putAccounts([ACCOUNTS.B], [REGIONS.A]));
    await sourceB(REGIONS.A).send(authorizeA());
    assert.deepEqual(await pendingIn(REGIONS.A), []);
  });

  it("drops the request when the source account deletes it; deleting again is not an error", async () => {
    await config().send(putAccounts([ACCOUNTS.B], [REGIONS.A]));
    const remove = new DeletePendingAggregationRequestCommand({
      RequesterAccountId: ACCOUNTS.A,
      RequesterAwsRegion: REGIONS.A,
    });
    await sourceB(REGIONS.A).send(remove);
    assert.deepEqual(await pendingIn(REGIONS.A), []);
    await sourceB(REGIONS.A).send(remove);
    await rejectsWith(
      sourceB(REGIONS.A).send(
        new DeletePendingAggregationRequestCommand({
          RequesterAccountId: "1",
          RequesterAwsRegion: REGIONS.A,
        }),
      ),
      "ValidationException",
      400,
      "1 validation error detected: Value '1' at 'requesterAccountId' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d{12}",
    );
  });

  it("pages by Limit up to 20", async () => {
    for (const region of [REGIONS.A, REGIONS.B, REGIONS.C])
      await config({ region }).send(putAccounts([ACCOUNTS.B], [REGIONS.A]));
    const client = sourceB(REGIONS.A);
    const first = await client.send(new DescribePendingAggregationRequestsCommand({ Limit: 2 }));
    assert.deepEqual(
      first.PendingAggregationRequests?.map((r) => r.RequesterAwsRegion),
      [REGIONS.A, REGIONS.B],
    );
    const second = await client.send(
      new DescribePendingAggregationRequestsCommand({ Limit: 2, NextToken: first.NextToken }),
    );
    assert.deepEqual(
      second.PendingAggregationRequests?.map((r) => r.RequesterAwsRegion),
      [REGIONS.C],
    );
    await rejectsWith(
      client.send(new DescribePendingAggregationRequestsCommand({ Limit: 21 })),
      "InvalidLimitException",
      400,
      "Value '21' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 20",
    );
  });
});
