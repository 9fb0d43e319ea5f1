import assert from "node:assert/strict";
import {
  DeleteAggregationAuthorizationCommand,
  DescribeAggregationAuthorizationsCommand,
  ListTagsForResourceCommand,
  paginateDescribeAggregationAuthorizations,
  PutAggregationAuthorizationCommand,
} from "@aws-sdk/client-config-service";
import { useEmulator } from "../support/emulator.js";
import { config, rejectsWith } from "./helpers.js";
import { ACCOUNTS, REGIONS } from "../support/fixtures.js";

const put = (account: string, region: string, tags?: { Key: string; Value: string }[]) =>
  new PutAggregationAuthorizationCommand({
    AuthorizedAccountId: account,
    AuthorizedAwsRegion: region,
    ...(tags ? { Tags: tags } : {}),
  });

describe("emulator: Config aggregation authorizations", () => {
  const fixture = useEmulator();

  it("creates an authorization with a derivable ARN", async () => {
    const { AggregationAuthorization: auth } = await config().send(put(ACCOUNTS.B, REGIONS.B));
    assert.ok(auth!.CreationTime instanceof Date);
    assert.deepEqual(auth, {
      AggregationAuthorizationArn: `arn:aws:config:${REGIONS.A}:${ACCOUNTS.A}:aggregation-authorization/${ACCOUNTS.B}/${REGIONS.B}`,
      AuthorizedAccountId: ACCOUNTS.B,
      AuthorizedAwsRegion: REGIONS.B,
      CreationTime: auth!.CreationTime,
    });
  });

  it("is idempotent: a repeat Put keeps CreationTime and ignores new tags", async () => {
    const client = config();
    const first = await client.send(put(ACCOUNTS.B, REGIONS.B, [{ Key: "owner", Value: "a" }]));
    const second = await client.send(put(ACCOUNTS.B, REGIONS.B, [{ Key: "owner", Value: "b" }]));
    assert.deepEqual(second.AggregationAuthorization, first.AggregationAuthorization);
    const { Tags } = await client.send(
      new ListTagsForResourceCommand({
        ResourceArn: first.AggregationAuthorization!.AggregationAuthorizationArn,
      }),
    );
    assert.deepEqual(Tags, [{ Key: "owner", Value: "a" }]);
    const { AggregationAuthorizations } = await client.send(
      new DescribeAggregationAuthorizationsCommand({}),
    );
    assert.equal(AggregationAuthorizations!.length, 1);
  });

  it("lists in creation order, stable across updates and re-creation", async () => {
    const client = config();
    await client.send(put(ACCOUNTS.C, REGIONS.A));
    await client.send(put(ACCOUNTS.B, REGIONS.B));
    await client.send(put(ACCOUNTS.B, REGIONS.A));
    await client.send(put(ACCOUNTS.C, REGIONS.A));
    await client.send(
      new DeleteAggregationAuthorizationCommand({
        AuthorizedAccountId: ACCOUNTS.B,
        AuthorizedAwsRegion: REGIONS.B,
      }),
    );
    await client.send(put(ACCOUNTS.B, REGIONS.B));
    const { AggregationAuthorizations } = await client.send(
      new DescribeAggregationAuthorizationsCommand({}),
    );
    assert.deepEqual(
      AggregationAuthorizations!.map((a) => `${a.AuthorizedAccountId}/${a.AuthorizedAwsRegion}`),
      [`${ACCOUNTS.C}/${REGIONS.A}`, `${ACCOUNTS.B}/${REGIONS.A}`, `${ACCOUNTS.B}/${REGIONS.B}`],
    );
  });

  it("pages with Limit and NextToken, also through the SDK paginator", async () => {
    const client = config();
    for (let i = 0; i < 5; i++) await client.send(put(`55555555555${i}`, REGIONS.A));
    const firstPage = await client.send(new DescribeAggregationAuthorizationsCommand({ Limit: 2 }));
    assert.equal(firstPage.AggregationAuthorizations!.length, 2);
    assert.ok(firstPage.NextToken);
    const accounts: string[] = [];
    for await (const page of paginateDescribeAggregationAuthorizations({ client, pageSize: 2 }, {}))
      accounts.push(...page.AggregationAuthorizations!.map((a) => a.AuthorizedAccountId!));
    assert.deepEqual(accounts, [
      "555555555550",
      "555555555551",
      "555555555552",
      "555555555553",
      "555555555554",
    ]);
    await rejectsWith(
      client.send(new DescribeAggregationAuthorizationsCommand({ NextToken: "garbage" })),
      "InvalidNextTokenException",
      400,
      "The nextToken provided is invalid",
    );
    await rejectsWith(
      client.send(new DescribeAggregationAuthorizationsCommand({ Limit: 1000 })),
      "InvalidLimitException",
      400,
      "Value '1000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
  });

  it("deletes, and deleting an unknown pair succeeds", async () => {
    const client = config();
    await client.send(put(ACCOUNTS.B, REGIONS.B));
    await client.send(
      new DeleteAggregationAuthorizationCommand({
        AuthorizedAccountId: ACCOUNTS.B,
        AuthorizedAwsRegion: REGIONS.B,
      }),
    );
    await client.send(
      new DeleteAggregationAuthorizationCommand({
        AuthorizedAccountId: ACCOUNTS.C,
        AuthorizedAwsRegion: REGIONS.B,
      }),
    );
    assert.deepEqual(fixture.emulator.snapshot().resources, []);
    assert.deepEqual(
      fixture.emulator.requests().map((r) => [r.operation, r.status]),
      [
        ["PutAggregationAuthorization", 200],
        ["DeleteAggregationAuthorization", 200],
        ["DeleteAggregationAuthorization", 200],
      ],
    );
  });

  it("keeps authorizations per region", async () => {
    await config().send(put(ACCOUNTS.B, REGIONS.A));
    const { AggregationAuthorizations } = await config({ region: REGIONS.B }).send(
      new DescribeAggregationAuthorizationsCommand({}),
    );
    assert.deepEqual(AggregationAuthorizations, []);
    assert.deepEqual(fixture.emulator.snapshot().resources, [
      {
        kind: "authorization",
        account: ACCOUNTS.A,
        region: REGIONS.A,
        arn: `arn:aws:config:${REGIONS.A}:${ACCOUNTS.A}:aggregation-authorization/${ACCOUNTS.B}/${REGIONS.A}`,
        id: `${ACCOUNTS.B}:${REGIONS.A}`,
        tags: {},
      },
    ]);
  });
});
