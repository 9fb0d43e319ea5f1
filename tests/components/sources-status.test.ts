import * as assert from "node:assert/strict";
import {
  ConfigServiceClient,
  PutAggregationAuthorizationCommand,
  PutConfigurationAggregatorCommand,
} from "@aws-sdk/client-config-service";
import { aggregatorSourcesStatus } from "../../index";
import {
  ACCOUNT_A,
  ACCOUNT_B,
  ACCOUNT_C,
  REGION_A,
  REGION_B,
  roleArn,
  useEmulator,
} from "../support/emulator";

/** A client acting in `account` (the emulator lets any role be assumed) in `region`. */
function clientIn(account: string, region: string): ConfigServiceClient {
  return new ConfigServiceClient({
    region,
    ...(account === ACCOUNT_A
      ? {}
      : {
          credentials: {
            accessKeyId: `AKIASOURCE${account}`,
            secretAccessKey: "source-secret",
          },
        }),
  });
}

describe("aggregatorSourcesStatus", () => {
  const fixture = useEmulator({ accessKeys: { [`AKIASOURCE${ACCOUNT_B}`]: ACCOUNT_B } });

  it("reports each account source and region: authorized ones succeeded, the others failed with AWS's error", async () => {
    await clientIn(ACCOUNT_A, REGION_A).send(
      new PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: "accounts",
        AccountAggregationSources: [
          { AccountIds: [ACCOUNT_C, ACCOUNT_B], AwsRegions: [REGION_B, REGION_A] },
        ],
      }),
    );
    await clientIn(ACCOUNT_B, REGION_B).send(
      new PutAggregationAuthorizationCommand({
        AuthorizedAccountId: ACCOUNT_A,
        AuthorizedAwsRegion: REGION_A,
      }),
    );
    fixture.emulator.clearRequests();

    const sources = await aggregatorSourcesStatus({ name: "accounts", region: REGION_A });

    assert.deepEqual(
      sources.map((s) => `${s.sourceType} ${s.sourceId} ${s.region} ${s.status}`),
      [
        `ACCOUNT ${ACCOUNT_B} ${REGION_B} SUCCEEDED`,
        `ACCOUNT ${ACCOUNT_B} ${REGION_A} FAILED`,
        `ACCOUNT ${ACCOUNT_C} ${REGION_B} FAILED`,
        `ACCOUNT ${ACCOUNT_C} ${REGION_A} FAILED`,
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
    await clientIn(ACCOUNT_A, REGION_A).send(
      new PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: "many",
        AccountAggregationSources: [{ AccountIds: accounts, AwsRegions: [REGION_A, REGION_B] }],
      }),
    );
    fixture.emulator.clearRequests();

    const sources = await aggregatorSourcesStatus({ name: "many", region: REGION_A });

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
    await clientIn(ACCOUNT_A, REGION_A).send(
      new PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: "organization",
        OrganizationAggregationSource: {
          RoleArn: roleArn(ACCOUNT_A, "AWSConfigOrg"),
          AwsRegions: [REGION_B, REGION_A],
        },
      }),
    );

    const sources = await aggregatorSourcesStatus({ name: "organization", region: REGION_A });

    assert.deepEqual(
      sources.map((s) => `${s.sourceType} ${s.region} ${s.status}`),
      [`ORGANIZATION ${REGION_B} SUCCEEDED`, `ORGANIZATION ${REGION_A} SUCCEEDED`],
    );
    assert.match(sources[0]?.sourceId ?? "", /^o-[a-z0-9]{10,32}$/);
  });

  it("says which aggregator is missing, where", async () => {
    await assert.rejects(aggregatorSourcesStatus({ name: "absent", region: REGION_B }), {
      message: `DescribeConfigurationAggregatorSourcesStatus failed for aggregator "absent" in ${ACCOUNT_A}/${REGION_B}: NoSuchConfigurationAggregatorException: The configuration aggregator does not exist. Check the configuration aggregator name and try again.`,
    });
  });
});
