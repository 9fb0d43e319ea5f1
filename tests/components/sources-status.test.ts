import * as assert from "node:assert/strict";
import {
  PutAggregationAuthorizationCommand,
  PutConfigurationAggregatorCommand,
} from "@aws-sdk/client-config-service";
import { aggregatorSourcesStatus } from "../../index";
import { useEmulator } from "../support/emulator";
import { ACCOUNTS, REGIONS, roleArn, SOURCE_KEYS } from "../support/fixtures";
import { configIn } from "./helpers";

describe("aggregatorSourcesStatus", () => {
  const fixture = useEmulator({ accessKeys: SOURCE_KEYS });

  it("reports each account source and region: authorized ones succeeded, the others failed with AWS's error", async () => {
    await configIn(ACCOUNTS.A, REGIONS.A).send(
      new PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: "accounts",
        AccountAggregationSources: [
          { AccountIds: [ACCOUNTS.C, ACCOUNTS.B], AwsRegions: [REGIONS.B, REGIONS.A] },
        ],
      }),
    );
    await configIn(ACCOUNTS.B, REGIONS.B).send(
      new PutAggregationAuthorizationCommand({
        AuthorizedAccountId: ACCOUNTS.A,
        AuthorizedAwsRegion: REGIONS.A,
      }),
    );
    fixture.emulator.clearRequests();

    const sources = await aggregatorSourcesStatus({ name: "accounts", region: REGIONS.A });

    assert.deepEqual(
      sources.map((s) => `${s.sourceType} ${s.sourceId} ${s.region} ${s.status}`),
      [
        `ACCOUNT ${ACCOUNTS.B} ${REGIONS.B} SUCCEEDED`,
        `ACCOUNT ${ACCOUNTS.B} ${REGIONS.A} FAILED`,
        `ACCOUNT ${ACCOUNTS.C} ${REGIONS.B} FAILED`,
        `ACCOUNT ${ACCOUNTS.C} ${REGIONS.A} FAILED`,
      ],
    );
    const failed = sources.filter((s) => s.status === "FAILED");
    assert.ok(failed.every((s) => s.lastErrorCode !== undefined && s.lastErrorMessage));
    assert.equal(sources.find((s) => s.status === "SUCCEEDED")?.lastErrorCode, undefined);
    assert.deepEqual(
      fixture.emulator.requests().map((r) => r.operation),
      ["DescribeConfigurationAggregatorSourcesStatus"],
    );
  });

  it("reads every page: 150 sources take two calls", async () => {
    const accounts = Array.from({ length: 75 }, (_, i) => String(500000000000 + i));
    await configIn(ACCOUNTS.A, REGIONS.A).send(
      new PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: "many",
        AccountAggregationSources: [{ AccountIds: accounts, AwsRegions: [REGIONS.A, REGIONS.B] }],
      }),
    );
    fixture.emulator.clearRequests();

    const sources = await aggregatorSourcesStatus({ name: "many", region: REGIONS.A });

    assert.equal(sources.length, 150);
    assert.equal(new Set(sources.map((s) => `${s.sourceId} ${s.region}`)).size, 150);
    assert.equal(
      fixture.emulator
        .requests()
        .filter((r) => r.operation === "DescribeConfigurationAggregatorSourcesStatus").length,
      2,
    );
  });

  it("reports an organization source per region, from the management account", async () => {
    await configIn(ACCOUNTS.A, REGIONS.A).send(
      new PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: "organization",
        OrganizationAggregationSource: {
          RoleArn: roleArn(ACCOUNTS.A, "AWSConfigOrg"),
          AwsRegions: [REGIONS.B, REGIONS.A],
        },
      }),
    );

    const sources = await aggregatorSourcesStatus({ name: "organization", region: REGIONS.A });

    assert.deepEqual(
      sources.map((s) => `${s.sourceType} ${s.region} ${s.status}`),
      [`ORGANIZATION ${REGIONS.B} SUCCEEDED`, `ORGANIZATION ${REGIONS.A} SUCCEEDED`],
    );
    assert.match(sources[0]?.sourceId ?? "", /^o-[a-z0-9]{10,32}$/);
  });

  it("says which aggregator is missing, where", async () => {
    await assert.rejects(aggregatorSourcesStatus({ name: "absent", region: REGIONS.B }), {
      message: `DescribeConfigurationAggregatorSourcesStatus failed for aggregator "absent" in ${ACCOUNTS.A}/${REGIONS.B}: NoSuchConfigurationAggregatorException: The configuration aggregator does not exist. Check the configuration aggregator name and try again.`,
    });
  });
});
