/**
 * ServiceAccess inputs: trusted access of one AWS service to the organization (AWS Organizations'
 * EnableAWSServiceAccess), checked before any AWS call, and the shapes `check` returns and state
 * records.
 */
import { z } from "zod";
import { placement, type AssumeRoleSpec } from "../shared/inputs/placement";
import { servicePrincipal } from "../shared/inputs/rules";

/** The schema of the inputs the resource class sends (`__provider` removed). */
export const serviceAccessInputSchema = z.strictObject({
  servicePrincipal,
  ...placement,
});

/** The inputs `check` returns. */
export interface ServiceAccessInputs {
  /** The service trusted by the organization, such as `config.amazonaws.com`. */
  readonly servicePrincipal: string;
  /** Selects the partition of the Organizations endpoint (Organizations is global). */
  readonly region: string;
  /** Act in the organization's management account. */
  readonly assumeRole?: AssumeRoleSpec;
  /** Treat trusted access that is already enabled as this resource's own, to disable on delete. */
  readonly adoptExisting?: boolean;
}

/** The outputs recorded in state. */
export interface ServiceAccessState extends ServiceAccessInputs {
  /** The organization's management account, where the credentials act. */
  readonly accountId: string;
  /**
   * True when trusted access was already enabled when this resource was created (by AWS Config
   * itself, another stack or a person). Delete then leaves it enabled, unless `adoptExisting`.
   */
  readonly preexisting: boolean;
}

/**
 * Whether delete disables trusted access: only when this resource enabled it, or took it over
 * with `adoptExisting`. Trusted access is shared by the whole organization, and disabling it stops
 * the service's work in every member account, so what others enabled is never pulled silently.
 */
export function disablesOnDelete(state: ServiceAccessState): boolean {
  return !state.preexisting || state.adoptExisting === true;
}
