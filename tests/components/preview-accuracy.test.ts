import * as assert from "node:assert/strict";
import type { Input } from "@pulumi/pulumi";
import {
  MultiAccountAggregation,
  type AggregatorPlacementArgs,
} from "../../components/multi-account-aggregation";
import { OrganizationAggregator } from "../../components/organization-aggregator";
import { AggregationAuthorization } from "../../provider/authorization/resource";
import { ConfigurationAggregator } from "../../provider/aggregator/resource";
import { plan, useComponentWorld, authorizationSteps } from "./helpers";
import { ACCOUNTS, REGIONS, SOURCE_KEYS, roleArn } from "../support/fixtures";

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
      regions: [REGIONS.A, REGIONS.B],
      tags,
    });
}

describe("component previews match the up that follows", () => {
  const { runner, emulator, fixture } = useComponentWorld({ accessKeys: SOURCE_KEYS });

  /** Ups `first`, then previews and ups `second`; returns both plans of the second. */
  async function previewThenUp(first: () => void, second: () => void) {
    await runner().up(first);
    emulator().clearRequests();
    const preview = plan(await runner().preview(second));
    assert.deepEqual(emulator().requests(), [], "a preview calls no AWS API");
    const up = plan(await runner().up(second));
    return { preview, up };
  }

  it("adding an account previews the existing authorizations as same, not replace", async () => {
    const placement = { name: "workloads", region: REGIONS.A };
    const { preview, up } = await previewThenUp(
      workloads(placement, [ACCOUNTS.B, ACCOUNTS.C]),
      workloads(placement, [ACCOUNTS.B, ACCOUNTS.C, ACCOUNTS.D]),
    );
    assert.deepEqual(preview, [
      ...authorizationSteps("create", "workloads", [ACCOUNTS.D]),
      "same workloads",
      ...authorizationSteps("same", "workloads", [ACCOUNTS.B, ACCOUNTS.C]),
      "update workloads [accountAggregationSource]",
    ]);
    assert.deepEqual(up, preview);
  });

  it("does so too with a generated aggregator name and a tag change at once", async () => {
    const placement = { region: REGIONS.A };
    const tags = { team: "platform", stage: "prod" };
    const { preview, up } = await previewThenUp(
      workloads(placement, [ACCOUNTS.B]),
      workloads(placement, [ACCOUNTS.B, ACCOUNTS.D], tags),
    );
    assert.deepEqual(preview, [
      ...authorizationSteps("create", "workloads", [ACCOUNTS.D]),
      "same workloads",
      "update workloads [accountAggregationSource,tags]",
      `update workloads-auth-${ACCOUNTS.B}-eu-west-1 [tags]`,
      `update workloads-auth-${ACCOUNTS.B}-us-east-1 [tags]`,
    ]);
    assert.deepEqual(up, preview);
  });

  it("does so too when the aggregator acts in another account through a role", async () => {
    const placement = {
      name: "workloads",
      region: REGIONS.B,
      assumeRole: { roleArn: roleArn(ACCOUNTS.C, "ConfigAdmin") },
    };
    const { preview, up } = await previewThenUp(
      workloads(placement, [ACCOUNTS.B]),
      workloads(placement, [ACCOUNTS.B, ACCOUNTS.D]),
    );
    assert.deepEqual(preview, [
      ...authorizationSteps("create", "workloads", [ACCOUNTS.D]),
      "same workloads",
      ...authorizationSteps("same", "workloads", [ACCOUNTS.B]),
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
        `${ACCOUNTS.B}/${REGIONS.B} ${ACCOUNTS.C}:${REGIONS.B}`,
        `${ACCOUNTS.B}/${REGIONS.A} ${ACCOUNTS.C}:${REGIONS.B}`,
        `${ACCOUNTS.D}/${REGIONS.B} ${ACCOUNTS.C}:${REGIONS.B}`,
        `${ACCOUNTS.D}/${REGIONS.A} ${ACCOUNTS.C}:${REGIONS.B}`,
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
        accountAggregationSource: { accountIds: [ACCOUNTS.B], awsRegions: [REGIONS.A] },
        assumeRole: { roleArn: roleArn(ACCOUNTS.A, "Deployer"), externalId },
      });
    const { preview, up } = await previewThenUp(
      () => void aggregator("first-external-id"),
      () => {
        // A resource created in the same run: its outputs are unknown in the preview.
        const marker = new AggregationAuthorization("marker", {
          authorizedAccountId: ACCOUNTS.B,
          authorizedAwsRegion: REGIONS.A,
        });
        aggregator(marker.id.apply(() => "second-external-id"));
      },
    );
    assert.deepEqual(preview, ["create marker", "update agg [assumeRole]"]);
    assert.deepEqual(up, preview);
  });
});
