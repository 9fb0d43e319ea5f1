import { AwsError } from "../errors.js";

/**
 * The errors of AWS Organizations. Texts are AWS's where AWS publishes them (the observed
 * AccessDenied text, the API reference's descriptions of each exception and reason).
 */

/** The caller's account belongs to no organization. */
export function notInUse(): AwsError {
  return new AwsError(
    "AWSOrganizationsNotInUseException",
    "Your account isn't a member of an organization. To make this request, you must use the credentials of an account that belongs to an organization.",
  );
}

/** The caller may not call this operation (not the management account, not a delegated admin). */
export function accessDenied(): AwsError {
  return new AwsError(
    "AccessDeniedException",
    "You don't have permissions to access this resource.",
  );
}

/** A `ConstraintViolationException` with its `Reason`. */
export function constraintViolation(reason: string, message: string): AwsError {
  return new AwsError("ConstraintViolationException", message, 400, { Reason: reason });
}

/** An `InvalidInputException` with its `Reason`. */
export function invalidInput(reason: string, message: string): AwsError {
  return new AwsError("InvalidInputException", message, 400, { Reason: reason });
}

/** A service principal the emulator does not know. */
export function unrecognizedPrincipal(): AwsError {
  return invalidInput(
    "UNRECOGNIZED_SERVICE_PRINCIPAL",
    "You specified a service principal that isn't recognized.",
  );
}

/** An operation that needs all features, in a consolidated-billing organization. */
export function notAllFeatures(): AwsError {
  return constraintViolation(
    "ORGANIZATION_NOT_IN_ALL_FEATURES_MODE",
    "You attempted to perform an operation that requires the organization to be configured to support all features. An organization that supports only consolidated billing features can't perform this operation.",
  );
}
