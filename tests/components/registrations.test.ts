import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { MultiAccountAggregation } from "../../components/multi-account-aggregation";
import { OrganizationAggregator } from "../../components/organization-aggregator";
import {
  aggregatorNamed,
  ORGANIZATIONS_POLICY,
  plan,
  recorder,
  TYPES,
  urnOf as urn,
  useComponentWorld,
} from "./helpers";
import { ACCOUNTS, REGIONS, roleArn } from "../support/fixtures";

const SOURCE_ROLE = "ConfigAggregationSource";

/**
 * An authorization as the component's `authorizations` output lists it: `<account>-<region>`, the
 * aggregator's account and region, the source region, and the role assumed in the source account.
 */
const sourceAuthorization = (account: string, region: string) => [
  `${account}-${region}`,
  ACCOUNTS.A,
  REGIONS.A,
  region,
  { roleArn: roleArn(account, SOURCE_ROLE) },
];
const ORG_ROLE_NAME = "AWSConfigOrg-project-stack-organization";

describe("component registrations", () => {
  const { runner, fixture } = useComponentWorld();

  it("MultiAccountAggregation registers one aggregator and an authorization per account and region, named by content", async () => {
    const { registrations, transformation } = recorder();
    const result = await runner().preview(() => {
      const workloads = new MultiAccountAggregation(
        "workloads",
        {
          aggregator: { name: "workloads-aggregator", region: REGIONS.A },
          // Deliberately unsorted: names and order must not depend on list positions.
          sourceAccountIds: [ACCOUNTS.C, ACCOUNTS.B],
          sourceRoleName: SOURCE_ROLE,
          regions: [REGIONS.B, REGIONS.A],
        },
        { transformations: [transformation] },
      );
      const authorizations = Object.entries(workloads.authorizations).map(([key, auth]) =>
        pulumi.all([
          key,
          auth.authorizedAccountId,
          auth.authorizedAwsRegion,
          auth.region,
          auth.assumeRole,
        ]),
      );
      return {
        source: workloads.aggregator.accountAggregationSource,
        aggregatorName: workloads.name,
        authorizations: pulumi.all(authorizations),
      };
    });

    const component = `${TYPES.multi}::workloads`;
    assert.deepEqual(registrations, [
      `${TYPES.multi} workloads (stack)`,
      `${TYPES.aggregator} workloads ${component}`,
      `${TYPES.authorization} workloads-auth-${ACCOUNTS.C}-eu-west-1 ${component}`,
      `${TYPES.authorization} workloads-auth-${ACCOUNTS.C}-us-east-1 ${component}`,
      `${TYPES.authorization} workloads-auth-${ACCOUNTS.B}-eu-west-1 ${component}`,
      `${TYPES.authorization} workloads-auth-${ACCOUNTS.B}-us-east-1 ${component}`,
    ]);
    assert.deepEqual(plan(result), [
      "create workloads",
      "create workloads",
      `create workloads-auth-${ACCOUNTS.B}-eu-west-1`,
      `create workloads-auth-${ACCOUNTS.B}-us-east-1`,
      `create workloads-auth-${ACCOUNTS.C}-eu-west-1`,
      `create workloads-auth-${ACCOUNTS.C}-us-east-1`,
    ]);
    // The engine qualifies a child's type with its parent's.
    assert.deepEqual(
      result.steps.map((step) => step.urn).sort(),
      [
        urn(TYPES.multi, "workloads"),
        urn(`${TYPES.multi}$${TYPES.aggregator}`, "workloads"),
        urn(`${TYPES.multi}$${TYPES.authorization}`, `workloads-auth-${ACCOUNTS.B}-eu-west-1`),
        urn(`${TYPES.multi}$${TYPES.authorization}`, `workloads-auth-${ACCOUNTS.B}-us-east-1`),
        urn(`${TYPES.multi}$${TYPES.authorization}`, `workloads-auth-${ACCOUNTS.C}-eu-west-1`),
        urn(`${TYPES.multi}$${TYPES.authorization}`, `workloads-auth-${ACCOUNTS.C}-us-east-1`),
      ].sort(),
    );
    assert.deepEqual(result.outputs, {
      source: {
        accountIds: [ACCOUNTS.B, ACCOUNTS.C],
        awsRegions: [REGIONS.B, REGIONS.A],
      },
      aggregatorName: "workloads-aggregator",
      authorizations: [
        sourceAuthorization(ACCOUNTS.C, REGIONS.B),
        sourceAuthorization(ACCOUNTS.C, REGIONS.A),
        sourceAuthorization(ACCOUNTS.B, REGIONS.B),
        sourceAuthorization(ACCOUNTS.B, REGIONS.A),
      ],
    });
    assert.deepEqual(fixture.emulator.requests(), [], "a preview calls no AWS API");
  });

  it("MultiAccountAggregation authorizes the account of the aggregator's assumed role", async () => {
    const result = await runner().preview(() => {
      const workloads = new MultiAccountAggregation("workloads", {
        aggregator: {
          name: "workloads",
          region: REGIONS.B,
          assumeRole: { roleArn: roleArn(ACCOUNTS.C, "Delegated") },
        },
        sourceAccounts: [
          { accountId: ACCOUNTS.B, assumeRole: { roleArn: roleArn(ACCOUNTS.B, "Source") } },
        ],
        regions: [REGIONS.A],
      });
      const auth = workloads.authorizations[`${ACCOUNTS.B}-${REGIONS.A}`];
      return { authorized: pulumi.all([auth.authorizedAccountId, auth.authorizedAwsRegion]) };
    });
    assert.deepEqual(result.outputs, { authorized: [ACCOUNTS.C, REGIONS.B] });
  });

  it("OrganizationAggregator registers a deterministic role and an aggregator that uses its real ARN", async () => {
    const { registrations, transformation } = recorder();
    const program = () => {
      const organization = new OrganizationAggregator(
        "organization",
        { tags: { team: "security" } },
        { transformations: [transformation] },
      );
      return {
        roleName: organization.role!.name,
        source: organization.aggregator.organizationAggregationSource,
        roleArn: organization.roleArn,
      };
    };
    const expectedArn = roleArn(ACCOUNTS.A, ORG_ROLE_NAME);

    const preview = await runner().preview(program);
    const component = `${TYPES.organization}::organization`;
    assert.deepEqual(registrations, [
      `${TYPES.organization} organization (stack)`,
      `${TYPES.role} organization-role ${component}`,
      `${TYPES.aggregator} organization ${component}`,
    ]);
    assert.deepEqual(plan(preview), [
      "create organization",
      "create organization",
      "create organization-role",
    ]);
    // Known before anything exists, so the preview shows the real role ARN.
    assert.deepEqual(preview.outputs, {
      roleName: ORG_ROLE_NAME,
      source: { roleArn: expectedArn, allAwsRegions: true },
      roleArn: expectedArn,
    });

    const up = await runner().up(program);
    assert.deepEqual(up.outputs, preview.outputs);
    const role = runner().state.get(
      urn(`${TYPES.organization}$${TYPES.role}`, "organization-role"),
    )!;
    assert.equal(role.outputs.arn, expectedArn);
    assert.equal(role.parent, urn(TYPES.organization, "organization"));
    const [stored] = fixture.emulator.snapshot().roles;
    assert.deepEqual(stored, {
      account: ACCOUNTS.A,
      name: ORG_ROLE_NAME,
      arn: expectedArn,
      attachedPolicyArns: [ORGANIZATIONS_POLICY],
      tags: { team: "security" },
    });
    const aggregatorState = runner().state.get(
      urn(`${TYPES.organization}$${TYPES.aggregator}`, "organization"),
    )!;
    assert.match(String(aggregatorState.outputs.name), /^organization-[a-z0-9]{7}$/);
    const aggregator = await aggregatorNamed(String(aggregatorState.outputs.name));
    assert.deepEqual(aggregator?.OrganizationAggregationSource, {
      RoleArn: stored?.arn,
      AllAwsRegions: true,
    });
  });
});
