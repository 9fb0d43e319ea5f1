import * as assert from "node:assert/strict";
import type { Input } from "@pulumi/pulumi";
import {
  MultiAccountAggregation,
  type AggregatorPlacementArgs,
} from "../../components/multi-account-aggregation";
import { OrganizationAggregator } from "../../components/organization-aggregator";
import { AggregationAuthorization } from "../../provider/authorization/resource";
import { ConfigurationAggregator } from "../../provider/aggregator/resource";
import {
  ACCOUNT_A,
  ACCOUNT_B,
  ACCOUNT_C,
  REGION_A,
  REGION_B,
  roleArn,
  useEmulator,
} from "../support/emulator";
import type { ProgramRunner } from "../support/runner";
import { ACCOUNT_D, emulatorRunner, plan, SOURCE_KEYS, warmCallerAccount } from "./helpers";

function workloads(
  aggregator: AggregatorPlacementArgs,
  accounts: string[],
  tags: Record<string, string> = { team: "platform" },
) {
  return () =>
    void new MultiAccountAggregation("workloads", {
      aggregator,
      sourceAccountIds: accounts,
      sourceRoleName: "ConfigAggregationSource",
      regions: [REGION_A, REGION_B],
      tags,
    });
}

describe("component previews match the up that follows", () => {
  const fixture = useEmulator({ accessKeys: SOURCE_KEYS });
  const emulator = () => fixture.emulator;
  let runner: ProgramRunner;

  before(warmCallerAccount);
  beforeEach(() => {
    runner = emulatorRunner(fixture);
  });
  afterEach(async () => {
    await runner.close();
  });

  /** Ups `first`, then previews and ups `second`; returns both plans of the second. */
  async function previewThenUp(first: () => void, second: () => void) {
    await runner.up(first);
    emulator().clearRequests();
    const preview = plan(await runner.preview(second));
    assert.deepEqual(emulator().requests(), [], "a preview calls no AWS API");
    const up = plan(await runner.up(second));
    return { preview, up };
  }

  it("adding an account previews the existing authorizations as same, not replace", async () => {
    const placement = { name: "workloads", region: REGION_A };
    const { preview, up } = await previewThenUp(
      workloads(placement, [ACCOUNT_B, ACCOUNT_C]),
      workloads(placement, [ACCOUNT_B, ACCOUNT_C, ACCOUNT_D]),
    );
    assert.deepEqual(preview, [
      "create workloads-auth-444444444444-eu-west-1",
      "create workloads-auth-444444444444-us-east-1",
      "same workloads",
      "same workloads-auth-222222222222-eu-west-1",
      "same workloads-auth-222222222222-us-east-1",
      "same workloads-auth-333333333333-eu-west-1",
      "same workloads-auth-333333333333-us-east-1",
      "update workloads [accountAggregationSource]",
    ]);
    assert.deepEqual(up, preview);
  });

  it("does so too with a generated aggregator name and a tag change at once", async () => {
    const placement = { region: REGION_A };
    const tags = { team: "platform", stage: "prod" };
    const { preview, up } = await previewThenUp(
      workloads(placement, [ACCOUNT_B]),
      workloads(placement, [ACCOUNT_B, ACCOUNT_D], tags),
    );
    assert.deepEqual(preview, [
      "create workloads-auth-444444444444-eu-west-1",
      "create workloads-auth-444444444444-us-east-1",
      "same workloads",
      "update workloads [accountAggregationSource,tags]",
      "update workloads-auth-222222222222-eu-west-1 [tags]",
      "update workloads-auth-222222222222-us-east-1 [tags]",
    ]);
    assert.deepEqual(up, preview);
  });

  it("does so too when the aggregator acts in another account through a role", async () => {
    const placement = {
      name: "workloads",
      region: REGION_B,
      assumeRole: { roleArn: roleArn(ACCOUNT_C, "ConfigAdmin") },
    };
    const { preview, up } = await previewThenUp(
      workloads(placement, [ACCOUNT_B]),
      workloads(placement, [ACCOUNT_B, ACCOUNT_D]),
    );
    assert.deepEqual(preview, [
      "create workloads-auth-444444444444-eu-west-1",
      "create workloads-auth-444444444444-us-east-1",
      "same workloads",
      "same workloads-auth-222222222222-eu-west-1",
      "same workloads-auth-222222222222-us-east-1",
      "update workloads [accountAggregationSource]",
    ]);
    assert.deepEqual(up, preview);
    assert.deepEqual(
      fixture.emulator
        .snapshot()
        .resources.filter((r) => r.kind === "authorization")
        .map((r) => `${r.account}/${r.region} ${r.id}`)
        .sort(),
      [
        `${ACCOUNT_B}/${REGION_B} ${ACCOUNT_C}:${REGION_B}`,
        `${ACCOUNT_B}/${REGION_A} ${ACCOUNT_C}:${REGION_B}`,
        `${ACCOUNT_D}/${REGION_B} ${ACCOUNT_C}:${REGION_B}`,
        `${ACCOUNT_D}/${REGION_A} ${ACCOUNT_C}:${REGION_B}`,
      ],
    );
  });

  it("a tag change of an OrganizationAggregator previews the aggregator's source as unchanged", async () => {
    const organization = (tags: Record<string, string>) => () =>
      void new OrganizationAggregator("organization", { tags });
    const { preview, up } = await previewThenUp(
      organization({ team: "security" }),
      organization({ team: "audit" }),
    );
    assert.deepEqual(preview, [
      "same organization",
      "update organization [tags]",
      "update organization-role [tags]",
    ]);
    assert.deepEqual(up, preview);
  });

  it("an external ID not known until apply previews an update of the role, not a replacement", async () => {
    const aggregator = (externalId: Input<string>) =>
      new ConfigurationAggregator("agg", {
        name: "agg",
        accountAggregationSource: { accountIds: [ACCOUNT_B], awsRegions: [REGION_A] },
        assumeRole: { roleArn: roleArn(ACCOUNT_A, "Deployer"), externalId },
      });
    const { preview, up } = await previewThenUp(
      () => void aggregator("first-external-id"),
      () => {
        // A resource created in the same run: its outputs are unknown in the preview.
        const marker = new AggregationAuthorization("marker", {
          authorizedAccountId: ACCOUNT_B,
          authorizedAwsRegion: REGION_A,
        });
        aggregator(marker.id.apply(() => "second-external-id"));
      },
    );
    assert.deepEqual(preview, ["create marker", "update agg [assumeRole]"]);
    assert.deepEqual(up, preview);
  });
});
