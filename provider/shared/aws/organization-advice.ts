/**
 * What to do when AWS Config refuses an organization aggregator. AWS's three organization
 * exceptions say what went wrong but not which account acted, what the organization looks like,
 * or how to fix it; these sentences say all three.
 */

/** The organization as DescribeOrganization shows it, when the acting account may see it. */
export interface OrganizationView {
  readonly id: string;
  readonly managementAccountId: string;
  /** `ALL` or `CONSOLIDATED_BILLING`. */
  readonly featureSet: string;
}

/** The service principal an organization aggregator's account must be delegated for. */
const CONFIG_PRINCIPAL = "config.amazonaws.com";

/** The error codes {@link organizationAdvice} explains. */
const ORGANIZATION_ERROR_CODES = [
  "NoAvailableOrganizationException",
  "OrganizationAllFeaturesNotEnabledException",
  "OrganizationAccessDeniedException",
] as const;

/** True for the organization exceptions {@link organizationAdvice} explains. */
export function isOrganizationError(code: string): boolean {
  return (ORGANIZATION_ERROR_CODES as readonly string[]).includes(code);
}

/**
 * The advice for an organization error `code` raised for `account`, or undefined for any other
 * code. `organization` is what DescribeOrganization said, when it could be asked.
 */
export function organizationAdvice(
  code: string,
  account: string,
  organization?: OrganizationView,
): string | undefined {
  const listed =
    "or aggregate listed accounts instead (accountAggregationSource, or the MultiAccountAggregation component)";
  switch (code) {
    case "NoAvailableOrganizationException":
      return (
        `Account ${account} belongs to no AWS organization, so it has no organization to aggregate. ` +
        `Create the aggregator in an organization's management account or delegated administrator (assumeRole), ${listed}.`
      );
    case "OrganizationAllFeaturesNotEnabledException":
      return (
        `The organization of account ${account}${organization ? ` (${organization.id})` : ""} has only consolidated billing features; ` +
        `an organization aggregator needs all features. Enable all features in AWS Organizations ` +
        `(EnableAllFeatures, which every member account approves), ${listed}.`
      );
    case "OrganizationAccessDeniedException": {
      const management = organization
        ? `the management account of ${organization.id} (${organization.managementAccountId})`
        : "the organization's management account";
      return (
        `Account ${account} is neither ${management} nor a registered delegated administrator for ${CONFIG_PRINCIPAL}. ` +
        `From the management account, enable trusted access for ${CONFIG_PRINCIPAL} and register account ${account} ` +
        `(OrganizationAggregator's delegatedAdministrator option does both, as do the ServiceAccess and DelegatedAdministrator resources), ` +
        `then run pulumi up again; or create the aggregator in the management account.`
      );
    }
    default:
      return undefined;
  }
}
