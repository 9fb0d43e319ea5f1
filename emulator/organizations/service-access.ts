import type { Call } from "../context.js";
import { s } from "../protocols/shapes.js";
import { Violations } from "../validation.js";
import { requireKnownPrincipal, requireListAccess, requireManagement } from "./access.js";
import { checkPaging, checkServicePrincipal, organizationsPage, throwIfInvalid } from "./input.js";

/** Input shape of Enable- and DisableAWSServiceAccess. */
export const servicePrincipalShape = s.struct({ ServicePrincipal: s.string });

/** Input shape of ListAWSServiceAccessForOrganization. */
export const listServiceAccessShape = s.struct({ NextToken: s.string, MaxResults: s.integer });

interface PrincipalInput {
  readonly ServicePrincipal?: string;
}

function validPrincipal(input: PrincipalInput): string {
  const v = new Violations();
  checkServicePrincipal(v, input.ServicePrincipal, true);
  throwIfInvalid(v);
  return input.ServicePrincipal!;
}

/** EnableAWSServiceAccess: management account only; enabling twice changes nothing. */
export function enableAwsServiceAccess(input: PrincipalInput, call: Call): undefined {
  const principal = validPrincipal(input);
  const organization = requireManagement(call);
  requireKnownPrincipal(principal);
  organization.enableServiceAccess(principal, call.now);
  return undefined;
}

/**
 * DisableAWSServiceAccess: management account only; disabling what is not enabled is not an
 * error. Delegated administrators stay registered, as AWS leaves them to the service's clean-up.
 */
export function disableAwsServiceAccess(input: PrincipalInput, call: Call): undefined {
  const principal = validPrincipal(input);
  const organization = requireManagement(call);
  requireKnownPrincipal(principal);
  organization.serviceAccess.delete(principal);
  return undefined;
}

/** ListAWSServiceAccessForOrganization: management account or a delegated administrator. */
export function listAwsServiceAccessForOrganization(
  input: { readonly NextToken?: string; readonly MaxResults?: number },
  call: Call,
): unknown {
  const v = new Violations();
  checkPaging(v, input);
  throwIfInvalid(v);
  const organization = requireListAccess(call);
  const result = organizationsPage(
    [...organization.serviceAccess.values()],
    (a) => a.seq,
    input,
    `ListAWSServiceAccessForOrganization|${organization.id}`,
    call.now,
  );
  return {
    EnabledServicePrincipals: result.items.map((a) => ({
      ServicePrincipal: a.servicePrincipal,
      DateEnabled: a.enabledAt / 1000,
    })),
    ...(result.next === undefined ? {} : { NextToken: result.next }),
  };
}
