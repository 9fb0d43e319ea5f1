import assert from "node:assert/strict";
import {
  DeleteConfigurationAggregatorCommand,
  DescribeConfigurationAggregatorsCommand,
  ListTagsForResourceCommand,
  paginateDescribeConfigurationAggregators,
  PutConfigurationAggregatorCommand,
  type PutConfigurationAggregatorCommandInput,
} from "@aws-sdk/client-config-service";
import { useEmulator } from "../support/emulator.js";
import { config, keys, rejectsWith } from "./helpers.js";
import { ACCOUNTS, REGIONS } from "../support/fixtures.js";

const ARN = new RegExp(
  `^arn:aws:config:us-east-1:${ACCOUNTS.A}:config-aggregator/config-aggregator-[a-z0-9]{8}$`,
);

function accountAggregator(
  name: string,
  accounts: string[] = [ACCOUNTS.B],
): PutConfigurationAggregatorCommandInput {
  return {
    ConfigurationAggregatorName: name,
    AccountAggregationSources: [{ AccountIds: accounts, AwsRegions: [REGIONS.A, REGIONS.B] }],
  };
}

describe("emulator: Config configuration aggregators", () => {
  const fixture = useEmulator({ accessKeys: { AKIAACCOUNTC: ACCOUNTS.C } });

  it("creates an account aggregator and returns it as AWS does", async () => {
    const { ConfigurationAggregator: agg } = await config().send(
      new PutConfigurationAggregatorCommand(accountAggregator("org-view")),
    );
    assert.match(agg!.ConfigurationAggregatorArn!, ARN);
    assert.ok(agg!.CreationTime instanceof Date);
    assert.deepEqual(agg, {
      ConfigurationAggregatorName: "org-view",
      ConfigurationAggregatorArn: agg!.ConfigurationAggregatorArn,
      AccountAggregationSources: [
        { AccountIds: [ACCOUNTS.B], AllAwsRegions: false, AwsRegions: [REGIONS.A, REGIONS.B] },
      ],
      CreationTime: agg!.CreationTime,
      LastUpdatedTime: agg!.CreationTime,
    });
  });

  it("creates an organization aggregator over all regions, without CreatedBy", async () => {
    const roleArn = `arn:aws:iam::${ACCOUNTS.A}:role/config-org`;
    await config().send(
      new PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: "org",
        OrganizationAggregationSource: { RoleArn: roleArn, AllAwsRegions: true },
      }),
    );
    const { ConfigurationAggregators } = await config().send(
      new DescribeConfigurationAggregatorsCommand({}),
    );
    assert.equal(ConfigurationAggregators!.length, 1);
    const agg = ConfigurationAggregators![0];
    assert.deepEqual(agg.OrganizationAggregationSource, { RoleArn: roleArn, AllAwsRegions: true });
    assert.equal(agg.AccountAggregationSources, undefined);
    assert.equal(agg.CreatedBy, undefined);
  });

  it("stores and returns AggregatorFilters", async () => {
    const filters = {
      ResourceType: { Type: "INCLUDE" as const, Value: ["AWS::EC2::Instance", "AWS::S3::Bucket"] },
      ServicePrincipal: { Type: "INCLUDE" as const, Value: ["config.amazonaws.com"] },
    };
    const put = await config().send(
      new PutConfigurationAggregatorCommand({
        ...accountAggregator("f"),
        AggregatorFilters: filters,
      }),
    );
    assert.deepEqual(put.ConfigurationAggregator!.AggregatorFilters, filters);
    const described = await config().send(
      new DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: ["f"] }),
    );
    assert.deepEqual(described.ConfigurationAggregators![0].AggregatorFilters, filters);
  });

  it("updates in place: same ARN and CreationTime, AccountIds replaced, filters dropped", async () => {
    const client = config();
    const first = await client.send(
      new PutConfigurationAggregatorCommand({
        ...accountAggregator("agg", [ACCOUNTS.B, ACCOUNTS.C]),
        AggregatorFilters: { ResourceType: { Type: "INCLUDE", Value: ["AWS::S3::Bucket"] } },
      }),
    );
    const second = await client.send(
      new PutConfigurationAggregatorCommand(accountAggregator("agg", [ACCOUNTS.D])),
    );
    const a = first.ConfigurationAggregator!;
    const b = second.ConfigurationAggregator!;
    assert.equal(b.ConfigurationAggregatorArn, a.ConfigurationAggregatorArn);
    assert.deepEqual(b.CreationTime, a.CreationTime);
    assert.ok(b.LastUpdatedTime!.getTime() >= a.LastUpdatedTime!.getTime());
    assert.deepEqual(b.AccountAggregationSources![0].AccountIds, [ACCOUNTS.D]);
    assert.equal(b.AggregatorFilters, undefined);
    const all = await client.send(new DescribeConfigurationAggregatorsCommand({}));
    assert.equal(all.ConfigurationAggregators!.length, 1);
  });

  it("switches from an account source to an organization source in place", async () => {
    const client = config();
    const first = await client.send(new PutConfigurationAggregatorCommand(accountAggregator("s")));
    const second = await client.send(
      new PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: "s",
        OrganizationAggregationSource: {
          RoleArn: `arn:aws:iam::${ACCOUNTS.A}:role/r`,
          AwsRegions: [REGIONS.A],
        },
      }),
    );
    assert.equal(
      second.ConfigurationAggregator!.ConfigurationAggregatorArn,
      first.ConfigurationAggregator!.ConfigurationAggregatorArn,
    );
    assert.equal(second.ConfigurationAggregator!.AccountAggregationSources, undefined);
    assert.deepEqual(second.ConfigurationAggregator!.OrganizationAggregationSource, {
      RoleArn: `arn:aws:iam::${ACCOUNTS.A}:role/r`,
      AllAwsRegions: false,
      AwsRegions: [REGIONS.A],
    });
  });

  it("applies Tags only at creation and ignores them on later Puts", async () => {
    const client = config();
    const put = await client.send(
      new PutConfigurationAggregatorCommand({
        ...accountAggregator("tagged"),
        Tags: [{ Key: "team", Value: "platform" }],
      }),
    );
    await client.send(
      new PutConfigurationAggregatorCommand({
        ...accountAggregator("tagged"),
        Tags: [
          { Key: "team", Value: "security" },
          { Key: "extra", Value: "x" },
        ],
      }),
    );
    await client.send(new PutConfigurationAggregatorCommand(accountAggregator("tagged")));
    const { Tags } = await client.send(
      new ListTagsForResourceCommand({
        ResourceArn: put.ConfigurationAggregator!.ConfigurationAggregatorArn,
      }),
    );
    assert.deepEqual(Tags, [{ Key: "team", Value: "platform" }]);
  });

  it("gives a re-created aggregator a new ARN and forgets the old tags", async () => {
    const client = config();
    const first = await client.send(
      new PutConfigurationAggregatorCommand({
        ...accountAggregator("again"),
        Tags: [{ Key: "a", Value: "1" }],
      }),
    );
    await client.send(
      new DeleteConfigurationAggregatorCommand({ ConfigurationAggregatorName: "again" }),
    );
    const second = await client.send(
      new PutConfigurationAggregatorCommand(accountAggregator("again")),
    );
    const oldArn = first.ConfigurationAggregator!.ConfigurationAggregatorArn!;
    const newArn = second.ConfigurationAggregator!.ConfigurationAggregatorArn!;
    assert.match(newArn, ARN);
    assert.notEqual(newArn, oldArn);
    const { Tags } = await client.send(new ListTagsForResourceCommand({ ResourceArn: newArn }));
    assert.deepEqual(Tags, []);
    await rejectsWith(
      client.send(new ListTagsForResourceCommand({ ResourceArn: oldArn })),
      "ResourceNotFoundException",
      400,
      `You have specified a resource that does not exist: ${oldArn}`,
    );
  });

  it("describes named aggregators and refuses unknown names", async () => {
    const client = config();
    for (const name of ["a", "b", "c"])
      await client.send(new PutConfigurationAggregatorCommand(accountAggregator(name)));
    const { ConfigurationAggregators } = await client.send(
      new DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: ["c", "a"] }),
    );
    assert.deepEqual(
      ConfigurationAggregators!.map((a) => a.ConfigurationAggregatorName),
      ["a", "c"],
    );
    await rejectsWith(
      client.send(
        new DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: ["a", "zzz"] }),
      ),
      "NoSuchConfigurationAggregatorException",
      400,
      "The configuration aggregator does not exist. Check the configuration aggregator name and try again.",
    );
  });

  it("accepts at most 10 names per Describe", async () => {
    const names = Array.from({ length: 11 }, (_, i) => `n${i}`);
    await rejectsWith(
      config().send(
        new DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: names }),
      ),
      "ValidationException",
      400,
      `1 validation error detected: Value '[${names.join(", ")}]' at 'configurationAggregatorNames' failed to satisfy constraint: Member must have length less than or equal to 10`,
    );
  });

  it("pages with Limit and opaque NextToken tokens", async () => {
    const client = config();
    for (const name of ["p1", "p2", "p3", "p4", "p5"])
      await client.send(new PutConfigurationAggregatorCommand(accountAggregator(name)));
    const pages: string[][] = [];
    let token: string | undefined;
    do {
      const out = await client.send(
        new DescribeConfigurationAggregatorsCommand({ Limit: 2, NextToken: token }),
      );
      pages.push(out.ConfigurationAggregators!.map((a) => a.ConfigurationAggregatorName!));
      token = out.NextToken;
    } while (token !== undefined);
    assert.deepEqual(pages, [["p1", "p2"], ["p3", "p4"], ["p5"]]);
    const zero = await client.send(new DescribeConfigurationAggregatorsCommand({ Limit: 0 }));
    assert.equal(zero.ConfigurationAggregators!.length, 5);
    assert.equal(zero.NextToken, undefined);
  });

  it("works with the SDK paginator", async () => {
    const client = config();
    for (let i = 0; i < 7; i++)
      await client.send(new PutConfigurationAggregatorCommand(accountAggregator(`g${i}`)));
    const names: string[] = [];
    for await (const page of paginateDescribeConfigurationAggregators({ client, pageSize: 3 }, {}))
      names.push(...page.ConfigurationAggregators!.map((a) => a.ConfigurationAggregatorName!));
    assert.deepEqual(names, ["g0", "g1", "g2", "g3", "g4", "g5", "g6"]);
    const describes = fixture.emulator
      .requests()
      .filter((r) => r.operation === "DescribeConfigurationAggregators");
    assert.equal(describes.length, 3);
  });

  it("refuses foreign or tampered tokens and out-of-range limits", async () => {
    const client = config();
    await rejectsWith(
      client.send(new DescribeConfigurationAggregatorsCommand({ NextToken: "bm90LWEtdG9rZW4" })),
      "InvalidNextTokenException",
      400,
      "The nextToken provided is invalid",
    );
    await rejectsWith(
      client.send(new DescribeConfigurationAggregatorsCommand({ Limit: 101 })),
      "InvalidLimitException",
      400,
      "Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
    await rejectsWith(
      client.send(new DescribeConfigurationAggregatorsCommand({ Limit: -1 })),
      "InvalidLimitException",
      400,
      "Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );
  });

  it("does not accept a token issued for another listing", async () => {
    const client = config();
    for (const name of ["t1", "t2"])
      await client.send(new PutConfigurationAggregatorCommand(accountAggregator(name)));
    const first = await client.send(new DescribeConfigurationAggregatorsCommand({ Limit: 1 }));
    assert.ok(first.NextToken);
    await rejectsWith(
      config({ region: REGIONS.B }).send(
        new DescribeConfigurationAggregatorsCommand({ NextToken: first.NextToken }),
      ),
      "InvalidNextTokenException",
      400,
      "The nextToken provided is invalid",
    );
  });

  it("deletes, and refuses to delete an unknown aggregator", async () => {
    const client = config();
    await client.send(new PutConfigurationAggregatorCommand(accountAggregator("d")));
    await client.send(
      new DeleteConfigurationAggregatorCommand({ ConfigurationAggregatorName: "d" }),
    );
    const { ConfigurationAggregators } = await client.send(
      new DescribeConfigurationAggregatorsCommand({}),
    );
    assert.deepEqual(ConfigurationAggregators, []);
    await rejectsWith(
      client.send(new DeleteConfigurationAggregatorCommand({ ConfigurationAggregatorName: "d" })),
      "NoSuchConfigurationAggregatorException",
      400,
      "The configuration aggregator does not exist. Check the configuration aggregator name and try again.",
    );
  });

  it("allows 50 aggregators per account and region, and updates at the limit", async () => {
    const client = config();
    for (let i = 0; i < 50; i++)
      await client.send(new PutConfigurationAggregatorCommand(accountAggregator(`l${i}`)));
    await rejectsWith(
      client.send(new PutConfigurationAggregatorCommand(accountAggregator("l50"))),
      "LimitExceededException",
      400,
      "The configuration aggregator cannot be created because the account already has the maximum of 50 configuration aggregators in this region.",
    );
    await client.send(new PutConfigurationAggregatorCommand(accountAggregator("l0", [ACCOUNTS.C])));
    await config({ region: REGIONS.B }).send(
      new PutConfigurationAggregatorCommand(accountAggregator("l50")),
    );
  });

  it("keeps state per account and region", async () => {
    await config().send(new PutConfigurationAggregatorCommand(accountAggregator("mine")));
    const otherRegion = await config({ region: REGIONS.B }).send(
      new DescribeConfigurationAggregatorsCommand({}),
    );
    const otherAccount = await config({ credentials: keys("AKIAACCOUNTC") }).send(
      new DescribeConfigurationAggregatorsCommand({}),
    );
    assert.deepEqual(otherRegion.ConfigurationAggregators, []);
    assert.deepEqual(otherAccount.ConfigurationAggregators, []);
    const log = fixture.emulator.requests().map((r) => [r.account, r.region]);
    assert.deepEqual(log, [
      [ACCOUNTS.A, REGIONS.A],
      [ACCOUNTS.A, REGIONS.B],
      [ACCOUNTS.C, REGIONS.A],
    ]);
  });
});
