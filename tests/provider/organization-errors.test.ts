/**
 * AWS Config's three organization exceptions, as a person meets them: the failed Put keeps AWS's
 * code and text, and goes on to say which account acted, what its organization looks like
 * (DescribeOrganization, asked only on this error path) and what to do.
 */
import * as assert from "node:assert/strict";
import { ACCOUNTS, REGIONS, roleArn } from "../support/fixtures";
import { aggregators, checked, operations, rejection, useProviderWorld } from "./helpers";

/** What the three failures share after AWS's own text: where to aggregate listed accounts. */
const LISTED =
  "or aggregate listed accounts instead (accountAggregationSource, or the MultiAccountAggregation component).";

describe("ConfigurationAggregator: AWS Config's organization exceptions", () => {
  const { fixture } = useProviderWorld();

  /** Creates an organization aggregator, acting through `assumeRole` when given; returns the error. */
  async function refusedCreate(assumeRole?: { roleArn: string }): Promise<string> {
    const inputs = await checked(aggregators, {
      name: "org",
      organizationAggregationSource: {
        roleArn: roleArn(ACCOUNTS.A, "ConfigOrg"),
        allAwsRegions: true,
      },
      ...(assumeRole ? { assumeRole } : {}),
    });
    fixture.emulator.clearRequests();
    return (await rejection(aggregators.create(inputs))).message;
  }

  it("in no organization: says the account belongs to none and where an organization aggregator can live", async () => {
    fixture.emulator.setOrganization("none");

    assert.equal(
      await refusedCreate(),
      `PutConfigurationAggregator failed for aggregator "org" in ${ACCOUNTS.A}/${REGIONS.A}: ` +
        "NoAvailableOrganizationException: Organization is no longer available. " +
        `Account ${ACCOUNTS.A} belongs to no AWS organization, so it has no organization to aggregate. ` +
        "Create the aggregator in an organization's management account or delegated administrator (assumeRole), " +
        LISTED,
    );
    assert.deepEqual(operations(fixture.emulator), [
      "DescribeConfigurationAggregators",
      "PutConfigurationAggregator",
      "GetCallerIdentity",
      "DescribeOrganization",
      // Whether the failed Put wrote anything after all (see rethrowRecordingIfWritten).
      "DescribeConfigurationAggregators",
    ]);
  });

  it("in a consolidated-billing organization: names it and how to enable all features", async () => {
    fixture.emulator.setOrganization("consolidated-billing");

    assert.equal(
      await refusedCreate(),
      `PutConfigurationAggregator failed for aggregator "org" in ${ACCOUNTS.A}/${REGIONS.A}: ` +
        "OrganizationAllFeaturesNotEnabledException: Config resource cannot be created because your organization does not have all features enabled. " +
        `The organization of account ${ACCOUNTS.A} (o-exampleorgid) has only consolidated billing features; ` +
        "an organization aggregator needs all features. Enable all features in AWS Organizations " +
        "(EnableAllFeatures, which every member account approves), " +
        LISTED,
    );
  });

  it("from a member that is not a delegated administrator: names the management account and the option that registers it", async () => {
    assert.equal(
      await refusedCreate({ roleArn: roleArn(ACCOUNTS.B, "Deployer") }),
      `PutConfigurationAggregator failed for aggregator "org" in ${ACCOUNTS.B}/${REGIONS.A}: ` +
        "OrganizationAccessDeniedException: You are not a registered delegated administrator for Config with permissions to call ListDelegatedAdministrators API. " +
        "Ensure that the management account registers delagated administrator for Config service principal name before the delegated administrator creates an aggregator. " +
        `Account ${ACCOUNTS.B} is neither the management account of o-exampleorgid (${ACCOUNTS.A}) ` +
        "nor a registered delegated administrator for config.amazonaws.com. " +
        `From the management account, enable trusted access for config.amazonaws.com and register account ${ACCOUNTS.B} ` +
        "(OrganizationAggregator's delegatedAdministrator option does both, as do the ServiceAccess and DelegatedAdministrator resources), " +
        "then run pulumi up again; or create the aggregator in the management account.",
    );
    assert.deepEqual(operations(fixture.emulator), [
      "AssumeRole",
      "DescribeConfigurationAggregators",
      "PutConfigurationAggregator",
      "DescribeOrganization",
      "DescribeConfigurationAggregators",
    ]);
    assert.deepEqual(fixture.emulator.snapshot().resources, [], "nothing created");
  });
});
