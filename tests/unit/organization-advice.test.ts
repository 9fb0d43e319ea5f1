import * as assert from "node:assert/strict";
import { organizationAdvice } from "../../provider/shared/aws/organization-advice";
import { ACCOUNTS } from "../support/fixtures";

const ORGANIZATION = {
  id: "o-exampleorg1",
  managementAccountId: ACCOUNTS.A,
  featureSet: "ALL",
};

describe("organizationAdvice", () => {
  it("tells an account outside any organization where an organization aggregator can live", () => {
    assert.equal(
      organizationAdvice("NoAvailableOrganizationException", ACCOUNTS.B),
      `Account ${ACCOUNTS.B} belongs to no AWS organization, so it has no organization to aggregate. ` +
        "Create the aggregator in an organization's management account or delegated administrator (assumeRole), " +
        "or aggregate listed accounts instead (accountAggregationSource, or the MultiAccountAggregation component).",
    );
  });

  it("names the consolidated-billing organization and how to enable all features", () => {
    assert.equal(
      organizationAdvice("OrganizationAllFeaturesNotEnabledException", ACCOUNTS.A, {
        ...ORGANIZATION,
        featureSet: "CONSOLIDATED_BILLING",
      }),
      `The organization of account ${ACCOUNTS.A} (o-exampleorg1) has only consolidated billing features; ` +
        "an organization aggregator needs all features. Enable all features in AWS Organizations " +
        "(EnableAllFeatures, which every member account approves), " +
        "or aggregate listed accounts instead (accountAggregationSource, or the MultiAccountAggregation component).",
    );
  });

  it("names the management account a member must be registered from", () => {
    assert.equal(
      organizationAdvice("OrganizationAccessDeniedException", ACCOUNTS.B, ORGANIZATION),
      `Account ${ACCOUNTS.B} is neither the management account of o-exampleorg1 (${ACCOUNTS.A}) ` +
        "nor a registered delegated administrator for config.amazonaws.com. " +
        `From the management account, enable trusted access for config.amazonaws.com and register account ${ACCOUNTS.B} ` +
        "(OrganizationAggregator's delegatedAdministrator option does both, as do the ServiceAccess and DelegatedAdministrator resources), " +
        "then run pulumi up again; or create the aggregator in the management account.",
    );
  });

  it("still advises when the organization could not be described", () => {
    assert.match(
      organizationAdvice("OrganizationAccessDeniedException", ACCOUNTS.B) ?? "",
      new RegExp(`^Account ${ACCOUNTS.B} is neither the organization's management account nor`),
    );
  });

  it("has nothing to say about other errors", () => {
    assert.equal(organizationAdvice("InvalidRoleException", ACCOUNTS.B), undefined);
  });
});
