/**
 * The ServiceRole resource class: an IAM role for an AWS service, with managed policies.
 */
import * as pulumi from "@pulumi/pulumi";
import { protectExternalId, type AssumeRoleArgs } from "../shared/inputs/placement";
import { DelegatedResource, delegatingProvider } from "../shared/stub";

/** The provider every ServiceRole uses (one object, so Pulumi serializes it once). */
export const serviceRoleProvider = delegatingProvider("role");

/** Arguments of {@link ServiceRole}. */
export interface ServiceRoleArgs {
  /** The role name. Defaults to `<resource name>-<7 random>`, kept across updates. A change replaces. */
  readonly name?: pulumi.Input<string>;
  /** The service principal allowed to assume the role. Defaults to `config.amazonaws.com`. A change replaces. */
  readonly trustedService?: pulumi.Input<string>;
  /** Managed policies to attach. Defaults to AWS Config's `AWSConfigRoleForOrganizations`. */
  readonly managedPolicyArns?: pulumi.Input<pulumi.Input<string>[]>;
  /** Tags of the role. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Region of the IAM endpoint (IAM is global). Defaults to the stack's region. */
  readonly region?: pulumi.Input<string>;
  /** Act in another account. */
  readonly assumeRole?: pulumi.Input<AssumeRoleArgs>;
}

/** An IAM role that an AWS service assumes, such as the role of an organization aggregator. */
export class ServiceRole extends DelegatedResource {
  /** The role name. */
  declare readonly name: pulumi.Output<string>;
  /** The role ARN. */
  declare readonly arn: pulumi.Output<string>;
  /** The account the role lives in. */
  declare readonly accountId: pulumi.Output<string>;
  /** The attached managed policies. */
  declare readonly managedPolicyArns: pulumi.Output<string[]>;
  /** The user tags. */
  declare readonly tags: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: ServiceRoleArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super(
      "role",
      "ServiceRole",
      name,
      {
        arn: undefined,
        accountId: undefined,
        managedPolicyArns: undefined,
        tags: undefined,
        ...args,
        name: args.name,
        assumeRole: protectExternalId(args.assumeRole),
        autoNamePrefix: name,
      },
      opts,
    );
  }
}
