/**
 * What to do when AWS Organizations refuses a registration. Its ConstraintViolationException
 * carries a `Reason` code but no advice; these sentences name the fix.
 */

/** The advice for a ConstraintViolation `reason` of RegisterDelegatedAdministrator, if any. */
export function registrationAdvice(
  reason: string | undefined,
  accountId: string,
  servicePrincipal: string,
): string | undefined {
  const principal = JSON.stringify(servicePrincipal);
  switch (reason) {
    case "SERVICE_ACCESS_NOT_ENABLED":
      return (
        `Trusted access for ${principal} is not enabled in the organization: enable it first, ` +
        `with a ServiceAccess resource for ${principal} that this resource depends on (dependsOn).`
      );
    case "CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR":
      return (
        `Account ${accountId} is the organization's management account, which cannot be a delegated ` +
        `administrator; it already has the access. Register a member account instead.`
      );
    case "CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR":
      return `Account ${accountId} is suspended; register an active member account instead.`;
    case "MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED":
    case "DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE":
      return (
        `${principal} takes no more delegated administrators. To move the registration to account ` +
        `${accountId}, set the resource option deleteBeforeReplace: true, so that the old account ` +
        `is deregistered before the new one is registered; or deregister the other account first.`
      );
    default:
      return undefined;
  }
}
