import type { Call } from "../context.js";
import { AwsError } from "../errors.js";
import { CONFIG_SERVICE_PRINCIPAL } from "../organizations/index.js";

/**
 * Whether the calling account may aggregate its organization, as AWS Config decides it for an
 * organization source: the account must belong to an organization with all features and be its
 * management account or a delegated administrator for `config.amazonaws.com`.
 *
 * Returns the error Config would send, or `undefined` when the account may.
 */
export function organizationRefusal(call: Call, account = call.account): AwsError | undefined {
  const organization = call.world.organization;
  const membership = organization.membership(account);
  if (membership === "outside")
    // The model's description of the exception; AWS publishes no other text.
    return new AwsError("NoAvailableOrganizationException", "Organization is no longer available.");
  if (organization.featureSet !== "ALL")
    return new AwsError(
      "OrganizationAllFeaturesNotEnabledException",
      "Config resource cannot be created because your organization does not have all features enabled.",
    );
  if (
    membership === "member" &&
    !organization.isDelegatedAdministrator(account, CONFIG_SERVICE_PRINCIPAL)
  )
    // AWS's text for this cause, as the API reference gives it (its typo included).
    return new AwsError(
      "OrganizationAccessDeniedException",
      "You are not a registered delegated administrator for Config with permissions to call ListDelegatedAdministrators API. Ensure that the management account registers delagated administrator for Config service principal name before the delegated administrator creates an aggregator.",
    );
  return undefined;
}

/**
 * The organization check of PutConfigurationAggregator with an organization source. From the
 * management account, Config turns on trusted access for itself (EnableAWSServiceAccess), as the
 * API reference says; from a delegated administrator it only checks the registration.
 * Returns the organization's ID.
 */
export function admitOrganizationAggregator(call: Call): string {
  const refusal = organizationRefusal(call);
  if (refusal !== undefined) throw refusal;
  const organization = call.world.organization;
  if (organization.membership(call.account) === "management")
    organization.enableServiceAccess(CONFIG_SERVICE_PRINCIPAL, call.now);
  return organization.id;
}
