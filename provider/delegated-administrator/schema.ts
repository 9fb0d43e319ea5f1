/**
 * DelegatedAdministrator inputs: a member account registered as delegated administrator for a
 * service (AWS Organizations' RegisterDelegatedAdministrator), checked before any AWS call, and
 * the shapes `check` returns and state records.
 */
import { z } from "zod";
import { placement, type AssumeRoleSpec } from "../shared/inputs/placement";
import { accountId, required, servicePrincipal } from "../shared/inputs/rules";

/** The schema of the inputs the resource class sends (`__provider` removed). */
export const delegatedAdministratorInputSchema = z.strictObject({
  accountId: z
    .string({ error: required("the 12-digit ID of the member account to register") })
    .pipe(accountId),
  servicePrincipal,
  ...placement,
});

/** The inputs `check` returns. */
export interface DelegatedAdministratorInputs {
  /** The member account registered as delegated administrator. */
  readonly accountId: string;
  /** The service it administers, such as `config.amazonaws.com`. */
  readonly servicePrincipal: string;
  /** Selects the partition of the Organizations endpoint (Organizations is global). */
  readonly region: string;
  /** Act in the organization's management account. */
  readonly assumeRole?: AssumeRoleSpec;
  /** Take over a registration that already exists instead of refusing to create. */
  readonly adoptExisting?: boolean;
}

/** The outputs recorded in state. */
export interface DelegatedAdministratorState extends DelegatedAdministratorInputs {
  /** The organization's management account, where the credentials act. */
  readonly managementAccountId: string;
}

/** The resource ID: `<accountId>/<servicePrincipal>`, as pulumi-aws imports `aws_organizations_delegated_administrator`. */
export function delegatedAdministratorId(
  inputs: Pick<DelegatedAdministratorInputs, "accountId" | "servicePrincipal">,
): string {
  return `${inputs.accountId}/${inputs.servicePrincipal}`;
}
