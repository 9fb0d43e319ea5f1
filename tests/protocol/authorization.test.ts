import * as assert from "node:assert/strict";
import {
  ConfigServiceClient,
  DeleteAggregationAuthorizationCommand,
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
  AUTHORIZATION_URN,
} from "./helpers";
import { ACCOUNTS, REGIONS } from "../support/fixtures";

const URN = AUTHORIZATION_URN;
const ID = `${ACCOUNTS.C}:${REGIONS.B}`;
const ARN = `arn:aws:config:${REGIONS.A}:${ACCOUNTS.A}:aggregation-authorization/${ACCOUNTS.C}/${REGIONS.B}`;

/** The inputs `new AggregationAuthorization("auth", { ... })` sends to check. */
function programInputs(extra: PropertyMap = {}): PropertyMap {
  return {
    authorizedAccountId: ACCOUNTS.C,
    authorizedAwsRegion: REGIONS.B,
    tags: { team: "a" },
    ...extra,
  };
}

describe("AggregationAuthorization through the dynamic-provider host", function () {
  const resource = useHostedResource("authorization", URN, programInputs);
  const { emulator, host, code, created } = resource;

  it("checks the program's inputs, filling in the configured region", async () => {
    assert.deepEqual(await host().check(URN, {}, withProvider(code, programInputs())), {
      inputs: { ...programInputs(), region: REGIONS.A, __provider: code },
      failures: [],
    });
    assert.deepEqual(operations(emulator()), []);
  });

  it("creates with one scan and one Put, with the ID <account>:<region>", async () => {
    const checked = await host().check(URN, {}, withProvider(code, programInputs()));
    const result = await host().create(URN, checked.inputs);
    assert.deepEqual(operations(emulator()), [
      "DescribeAggregationAuthorizations",
      "PutAggregationAuthorization",
    ]);
    const { creationTime, ...outputs } = result.outputs;
    assert.deepEqual(
      { id: result.id, outputs },
      {
        id: ID,
        outputs: {
          authorizedAccountId: ACCOUNTS.C,
          authorizedAwsRegion: REGIONS.B,
          region: REGIONS.A,
          tags: { team: "a" },
          arn: ARN,
          accountId: ACCOUNTS.A,
          __provider: code,
        },
      },
    );
    assert.match(String(creationTime), ISO_8601);
    assert.deepEqual(emulator().snapshot().resources, [
      {
        kind: "authorization",
        account: ACCOUNTS.A,
        region: REGIONS.A,
        arn: ARN,
        id: ID,
        tags: { team: "a" },
      },
    ]);
  });

  it("diffs an unchanged program as no change, without any AWS call", async () => {
    const { id, inputs, outputs } = await created();
    const again = await host().check(URN, inputs, withProvider(code, programInputs()));
    assert.deepEqual(await host().diff(id, URN, outputs, again.inputs, inputs), {
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });
    assert.deepEqual(operations(emulator()), []);
  });

  itDiffs(resource, [
    { title: "a tag change as an update", change: { tags: { team: "b" } }, replaces: [] },
    {
      title: "an authorized account change as a replacement",
      change: { authorizedAccountId: ACCOUNTS.B },
      replaces: ["authorizedAccountId"],
    },
    {
      title: "an authorized region change as a replacement",
      change: { authorizedAwsRegion: REGIONS.A },
      replaces: ["authorizedAwsRegion"],
    },
    {
      title: "a source region change as a replacement",
      change: { region: REGIONS.B },
      replaces: ["region"],
    },
  ]);

  it("updates tags with UntagResource and TagResource only, without a Put", async () => {
    const existing = await created({ tags: { team: "a", old: "x" } });
    const { outputs } = existing;
    const result = await checkAndUpdate(resource, existing, { tags: { team: "b" } });
    assert.deepEqual(operations(emulator()), ["UntagResource", "TagResource"]);
    assert.deepEqual(result.outputs, { ...outputs, tags: { team: "b" } });
    assert.deepEqual(emulator().snapshot().resources[0]?.tags, { team: "b" });
  });

  it("reads outputs and inputs, and a tag added out of band shows in both", async () => {
    const { id, inputs, outputs } = await created();
    await new ConfigServiceClient({}).send(
      new TagResourceCommand({ ResourceArn: ARN, Tags: [{ Key: "drift", Value: "1" }] }),
    );
    emulator().clearRequests();
    const read = await host().read(id, URN, outputs, inputs);
    assert.deepEqual(operations(emulator()), ["DescribeAggregationAuthorizations", "GetResources"]);
    const drifted = { team: "a", drift: "1" };
    assert.deepEqual(read, {
      id: ID,
      outputs: { ...outputs, tags: drifted },
      inputs: {
        authorizedAccountId: ACCOUNTS.C,
        authorizedAwsRegion: REGIONS.B,
        region: REGIONS.A,
        tags: drifted,
        __provider: code,
      },
    });
  });

  it("reads an authorization deleted out of band as gone", async () => {
    const { id, inputs, outputs } = await created();
    await new ConfigServiceClient({}).send(
      new DeleteAggregationAuthorizationCommand({
        AuthorizedAccountId: ACCOUNTS.C,
        AuthorizedAwsRegion: REGIONS.B,
      }),
    );
    emulator().clearRequests();
    const read = await host().read(id, URN, { ...outputs, creationTime: LONG_AGO }, inputs);
    assert.deepEqual(read, { id: "", outputs: { __provider: code }, inputs: undefined });
    assert.deepEqual(operations(emulator()).sort(), [
      "DescribeAggregationAuthorizations",
      "GetResources",
    ]);
  });

  it("deletes with one call", async () => {
    const { id, outputs } = await created();
    await host().delete(id, URN, outputs);
    assert.deepEqual(operations(emulator()), ["DeleteAggregationAuthorization"]);
    assert.deepEqual(emulator().snapshot().resources, []);
  });
});
