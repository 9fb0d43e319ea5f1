import * as assert from "node:assert/strict";
import {
  ConfigServiceClient,
  DeleteConfigurationAggregatorCommand,
  TagResourceCommand,
} from "@aws-sdk/client-config-service";
import type { PropertyMap } from "../support/host";
import {
  ISO_8601,
  LONG_AGO,
  operations,
  withProvider,
  checkAndUpdate,
  useHostedResource,
  itDiffs,
  AGGREGATOR_URN,
} from "./helpers";
import { ACCOUNTS, REGIONS } from "../support/fixtures";

const URN = AGGREGATOR_URN;
const ARN = new RegExp(
  `^arn:aws:config:us-east-1:${ACCOUNTS.A}:config-aggregator/config-aggregator-[a-z0-9]{8}$`,
);

/** The inputs `new ConfigurationAggregator("org", { name: "org", ... })` sends to check. */
function programInputs(extra: PropertyMap = {}): PropertyMap {
  return {
    name: "org",
    accountAggregationSource: {
      accountIds: [ACCOUNTS.B, ACCOUNTS.A],
      awsRegions: [REGIONS.B, REGIONS.A],
    },
    tags: { team: "a" },
    autoNamePrefix: "org",
    ...extra,
  };
}

describe("ConfigurationAggregator through the dynamic-provider host", function () {
  const resource = useHostedResource("aggregator", URN, programInputs);
  const { emulator, host, code, created } = resource;

  it("checks and normalizes the program's inputs, filling in the configured region", async () => {
    const result = await host().check(URN, {}, withProvider(code, programInputs()));
    assert.deepEqual(result, {
      inputs: {
        ...programInputs(),
        // Sorted and de-duplicated.
        accountAggregationSource: {
          accountIds: [ACCOUNTS.A, ACCOUNTS.B],
          awsRegions: [REGIONS.B, REGIONS.A],
        },
        region: REGIONS.A,
        __provider: code,
      },
      failures: [],
    });
    assert.deepEqual(operations(emulator()), []);
  });

  it("creates with one existence check and one Put, returning the outputs and __provider", async () => {
    const checked = await host().check(URN, {}, withProvider(code, programInputs()));
    const startedAt = Date.now();
    const result = await host().create(URN, checked.inputs);
    assert.deepEqual(operations(emulator()), [
      "DescribeConfigurationAggregators",
      "PutConfigurationAggregator",
    ]);
    const [stored] = emulator().snapshot().resources;
    assert.deepEqual(stored, {
      kind: "aggregator",
      account: ACCOUNTS.A,
      region: REGIONS.A,
      arn: stored?.arn,
      id: "org",
      tags: { team: "a" },
    });
    assert.match(stored.arn, ARN);
    const { creationTime, lastUpdatedTime, ...rest } = result.outputs;
    assert.deepEqual(
      { id: result.id, outputs: rest },
      {
        id: "org",
        outputs: {
          name: "org",
          region: REGIONS.A,
          accountAggregationSource: {
            accountIds: [ACCOUNTS.A, ACCOUNTS.B],
            awsRegions: [REGIONS.B, REGIONS.A],
          },
          tags: { team: "a" },
          autoNamePrefix: "org",
          arn: stored.arn,
          accountId: ACCOUNTS.A,
          __provider: code,
        },
      },
    );
    assert.match(String(creationTime), ISO_8601);
    assert.equal(lastUpdatedTime, creationTime);
    assert.ok(Date.parse(String(creationTime)) >= startedAt - 1000);
  });

  it("diffs an unchanged program as no change, without any AWS call", async () => {
    const { id, inputs, outputs } = await created();
    const again = await host().check(URN, inputs, withProvider(code, programInputs()));
    assert.deepEqual(again.inputs, inputs);
    assert.deepEqual(await host().diff(id, URN, outputs, again.inputs, inputs), {
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });
    assert.deepEqual(operations(emulator()), []);
  });

  it("diffs a permuted account list as no change", async () => {
    const { id, inputs, outputs } = await created();
    const permuted = programInputs({
      accountAggregationSource: {
        accountIds: [ACCOUNTS.A, ACCOUNTS.B, ACCOUNTS.A],
        awsRegions: [REGIONS.A, REGIONS.B],
      },
    });
    const again = await host().check(URN, inputs, withProvider(code, permuted));
    assert.deepEqual((await host().diff(id, URN, outputs, again.inputs, inputs)).changes, "none");
  });

  itDiffs(resource, [
    { title: "a tag change as an update", change: { tags: { team: "b" } }, replaces: [] },
    {
      title: "a source change as an update",
      change: { accountAggregationSource: { accountIds: [ACCOUNTS.B], allAwsRegions: true } },
      replaces: [],
    },
    { title: "a name change as a replacement", change: { name: "org-2" }, replaces: ["name"] },
    {
      title: "a region change as a replacement",
      change: { region: REGIONS.B },
      replaces: ["region"],
    },
    {
      title: "a name and a region change as a replacement of both",
      change: { name: "org-2", region: REGIONS.B },
      replaces: ["name", "region"],
    },
  ]);

  it("updates tags with UntagResource and TagResource only, without a Put", async () => {
    const existing = await created({ tags: { team: "a", old: "x" } });
    const { outputs } = existing;
    const result = await checkAndUpdate(resource, existing, { tags: { team: "b", added: "y" } });
    assert.deepEqual(operations(emulator()), ["UntagResource", "TagResource"]);
    assert.deepEqual(result.outputs, { ...outputs, tags: { team: "b", added: "y" } });
    assert.deepEqual(emulator().snapshot().resources[0]?.tags, { team: "b", added: "y" });
  });

  it("reads outputs and inputs, and a tag added out of band shows in both", async () => {
    const { id, inputs, outputs } = await created();
    await new ConfigServiceClient({}).send(
      new TagResourceCommand({
        ResourceArn: String(outputs.arn),
        Tags: [{ Key: "drift", Value: "1" }],
      }),
    );
    emulator().clearRequests();
    const read = await host().read(id, URN, outputs, inputs);
    assert.deepEqual(operations(emulator()), ["DescribeConfigurationAggregators", "GetResources"]);
    const drifted = { team: "a", drift: "1" };
    assert.deepEqual(read, {
      id: "org",
      outputs: { ...outputs, tags: drifted },
      inputs: {
        name: "org",
        region: REGIONS.A,
        accountAggregationSource: outputs.accountAggregationSource,
        tags: drifted,
        autoNamePrefix: "org",
        __provider: code,
      },
    });

    // The next `pulumi up` diffs the refreshed outputs against the program and removes the drift.
    const news = await host().check(URN, read.inputs, withProvider(code, programInputs()));
    assert.deepEqual(await host().diff(id, URN, read.outputs, news.inputs, read.inputs), {
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
    });
    emulator().clearRequests();
    const updated = await host().update(id, URN, read.outputs, news.inputs, read.inputs);
    assert.deepEqual(operations(emulator()), ["UntagResource"]);
    assert.deepEqual(updated.outputs.tags, { team: "a" });
    assert.deepEqual(emulator().snapshot().resources[0]?.tags, { team: "a" });
  });

  it("reads an aggregator deleted out of band as gone", async () => {
    const { id, inputs, outputs } = await created();
    await new ConfigServiceClient({}).send(
      new DeleteConfigurationAggregatorCommand({ ConfigurationAggregatorName: "org" }),
    );
    emulator().clearRequests();
    // State written long ago: outside the consistency window, one look decides.
    const state = { ...outputs, creationTime: LONG_AGO, lastUpdatedTime: LONG_AGO };
    const read = await host().read(id, URN, state, inputs);
    assert.deepEqual(read, { id: "", outputs: { __provider: code }, inputs: undefined });
    assert.deepEqual(operations(emulator()), ["DescribeConfigurationAggregators"]);
  });

  it("deletes with one call", async () => {
    const { id, outputs } = await created();
    await host().delete(id, URN, outputs);
    assert.deepEqual(operations(emulator()), ["DeleteConfigurationAggregator"]);
    assert.deepEqual(emulator().snapshot().resources, []);
  });
});
