import type { Call } from "../context.js";
import { accessDenied, notAllFeatures, notInUse, unrecognizedPrincipal } from "./errors.js";
import { KNOWN_SERVICE_PRINCIPALS } from "./principals.js";
import type { OrganizationStore } from "./store.js";

/**
 * Who may call what. Every operation needs an account in an organization; the ones that change
 * the organization are reserved to its management account; the listings are open to the
 * management account and to delegated administrators (of any service), as the API reference
 * says of each.
 */

/** The organization of a caller inside one, else `AWSOrganizationsNotInUseException`. */
export function requireOrganization(call: Call): OrganizationStore {
  const organization = call.world.organization;
  if (organization.membership(call.account) === "outside") throw notInUse();
  return organization;
}

/**
 * The organization, when the caller is its management account and it has all features; else
 * `AccessDeniedException` (a member) or a `ConstraintViolationException` (consolidated billing).
 */
export function requireManagement(call: Call): OrganizationStore {
  const organization = requireOrganization(call);
  if (organization.membership(call.account) !== "management") throw accessDenied();
  if (organization.featureSet !== "ALL") throw notAllFeatures();
  return organization;
}

/** The organization, when the caller is its management account or a delegated administrator. */
export function requireListAccess(call: Call): OrganizationStore {
  const organization = requireOrganization(call);
  const membership = organization.membership(call.account);
  if (membership !== "management" && !organization.isAnyDelegatedAdministrator(call.account))
    throw accessDenied();
  return organization;
}

/** Refuses a service principal the emulator does not recognise. */
export function requireKnownPrincipal(servicePrincipal: string): void {
  if (!KNOWN_SERVICE_PRINCIPALS.has(servicePrincipal)) throw unrecognizedPrincipal();
}
