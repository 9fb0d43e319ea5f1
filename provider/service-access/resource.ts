/**
 * The ServiceAccess resource class: AWS Organizations trusted access for one AWS service.
 */
import * as pulumi from "@pulumi/pulumi";
import { protectExternalId, type AssumeRoleArgs } from "../shared/inputs/placement";
import { DelegatedResource } from "../shared/stub";
import type { AssumeRoleSpec } from "../shared/inputs/placement";

/** Arguments of {@link ServiceAccess}. */
export interface ServiceAccessArgs {
  /**
   * The service principal name of the AWS service for which you want to enable integration with
   * your organization, such as `config.amazonaws.com` (1–128 letters, digits and `_ + = , . @ -`).
   * A change replaces.
   */
  readonly servicePrincipal: pulumi.Input<string>;
  /**
   * Selects the partition of the Organizations endpoint, which is global and is called in the
   * partition's main region (us-east-1 for `aws`). Defaults to the stack's region. No diff.
   */
  readonly region?: pulumi.Input<string>;
  /**
   * Act in the organization's management account, the only account that may enable trusted
   * access. Defaults to the program's own credentials.
   */
  readonly assumeRole?: pulumi.Input<AssumeRoleArgs>;
  /**
   * Treat trusted access that is already enabled as this resource's own, so that delete disables
   * it. Defaults to false: trusted access that predates the resource is recorded
   * (`preexisting: true`) and left enabled on delete.
   */
  readonly adoptExisting?: pulumi.Input<boolean>;
}

/**
 * Trusted access of an AWS service to the organization (EnableAWSServiceAccess), as needed before
 * registering a delegated administrator for the service. Its ID is the service principal.
 *
 * Trusted access is one switch for the whole organization, and often already on: AWS Config turns
 * it on for `config.amazonaws.com` itself when the management account creates an organization
 * aggregator. Create therefore lists the trusted services first and enables the service only when
 * it is not among them; it records which was the case in `preexisting`. Delete disables trusted
 * access only when this resource enabled it (or `adoptExisting` was set), because disabling it
 * stops the service from acting in the organization's accounts for everyone who relies on it —
 * for AWS Config, organization aggregators and organization rules — and must not happen as a side
 * effect of removing one stack.
 */
export class ServiceAccess extends DelegatedResource {
  /** The service principal trusted by the organization. */
  declare readonly servicePrincipal: pulumi.Output<string>;
  /** The organization's management account, where the credentials act. */
  declare readonly accountId: pulumi.Output<string>;
  /** True when trusted access was already enabled when this resource was created. */
  declare readonly preexisting: pulumi.Output<boolean>;
  /** The role assumed in the management account (secret when it has an external ID). */
  declare readonly assumeRole: pulumi.Output<AssumeRoleSpec | undefined>;

  constructor(name: string, args: ServiceAccessArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      "serviceAccess",
      "ServiceAccess",
      name,
      {
        accountId: undefined,
        preexisting: undefined,
        ...args,
        assumeRole: protectExternalId(args.assumeRole),
      },
      opts,
    );
  }
}
