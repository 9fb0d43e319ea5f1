/**
 * The DelegatedAdministrator resource class: a member account registered as delegated
 * administrator for an AWS service.
 */
import * as pulumi from "@pulumi/pulumi";
import { protectExternalId, type AssumeRoleArgs } from "../shared/inputs/placement";
import { DelegatedResource } from "../shared/stub";
import type { AssumeRoleSpec } from "../shared/inputs/placement";

/** Arguments of {@link DelegatedAdministrator}. */
export interface DelegatedAdministratorArgs {
  /**
   * The account ID number of the member account in the organization to register as a delegated
   * administrator (12 digits). A change replaces.
   */
  readonly accountId: pulumi.Input<string>;
  /**
   * The service principal of the AWS service for which you want to make the member account a
   * delegated administrator, such as `config.amazonaws.com`. Its trusted access must be enabled
   * first (a {@link ServiceAccess} this resource depends on). A change replaces.
   */
  readonly servicePrincipal: pulumi.Input<string>;
  /**
   * Selects the partition of the Organizations endpoint, which is global and is called in the
   * partition's main region (us-east-1 for `aws`). Defaults to the stack's region. No diff.
   */
  readonly region?: pulumi.Input<string>;
  /**
   * Act in the organization's management account, the only account that may register delegated
   * administrators. Defaults to the program's own credentials.
   */
  readonly assumeRole?: pulumi.Input<AssumeRoleArgs>;
  /**
   * Take over a registration of this account for this service that already exists instead of
   * refusing to create; delete then deregisters it. Defaults to false.
   */
  readonly adoptExisting?: pulumi.Input<boolean>;
}

/**
 * A member account registered as delegated administrator for an AWS service
 * (RegisterDelegatedAdministrator), such as the account that then creates an organization
 * aggregator for `config.amazonaws.com`. Its ID is `<accountId>/<servicePrincipal>`, as with
 * `aws.organizations.DelegatedAdministrator`.
 *
 * A registration that predates the resource is refused, with what to do, unless `adoptExisting`
 * (no silent adoption: delete would otherwise deregister an account others registered). Delete
 * deregisters the account.
 */
export class DelegatedAdministrator extends DelegatedResource {
  /** The registered member account. */
  declare readonly accountId: pulumi.Output<string>;
  /** The service it administers. */
  declare readonly servicePrincipal: pulumi.Output<string>;
  /** The organization's management account, where the credentials act. */
  declare readonly managementAccountId: pulumi.Output<string>;
  /** The role assumed in the management account (secret when it has an external ID). */
  declare readonly assumeRole: pulumi.Output<AssumeRoleSpec | undefined>;

  constructor(name: string, args: DelegatedAdministratorArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      "delegatedAdministrator",
      "DelegatedAdministrator",
      name,
      {
        managementAccountId: undefined,
        ...args,
        assumeRole: protectExternalId(args.assumeRole),
      },
      opts,
    );
  }
}
