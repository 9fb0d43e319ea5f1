/**
 * The AggregationAuthorization resource class and its public arguments.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  type AssumeRoleArgs,
  type AssumeRoleSpec,
  protectExternalId,
} from "../shared/inputs/placement";
import { DelegatedResource, delegatingProvider } from "../shared/stub";

/** The provider every AggregationAuthorization uses (one object, so Pulumi serializes it once). */
export const aggregationAuthorizationProvider = delegatingProvider("authorization");

/** Arguments of {@link AggregationAuthorization}. */
export interface AggregationAuthorizationArgs {
  /** The 12-digit account ID of the aggregator allowed to collect data. A change replaces. */
  readonly authorizedAccountId: pulumi.Input<string>;
  /** The region of that aggregator, such as `us-east-1`. A change replaces. */
  readonly authorizedAwsRegion: pulumi.Input<string>;
  /** Tags: at most 50, no `aws:` keys. Changes are applied with TagResource / UntagResource. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * The source region, where the authorization is created. Defaults to the stack config
   * `aws:region`, then `AWS_REGION` / `AWS_DEFAULT_REGION`. A change replaces.
   */
  readonly region?: pulumi.Input<string>;
  /** Act in the source account. A change of the role's account replaces; other changes call no AWS API. */
  readonly assumeRole?: pulumi.Input<AssumeRoleArgs>;
  /**
   * Take over an authorization of this account and region that already exists instead of refusing
   * to create. Its tags are then replaced by these. Defaults to false.
   */
  readonly adoptExisting?: pulumi.Input<boolean>;
}

/**
 * An AWS Config aggregation authorization: lets the aggregator in `authorizedAccountId` /
 * `authorizedAwsRegion` collect data from this account and region. Its ID is
 * `<authorizedAccountId>:<authorizedAwsRegion>`, as with `aws.cfg.AggregateAuthorization`.
 */
export class AggregationAuthorization extends DelegatedResource {
  /** The authorization ARN. */
  declare readonly arn: pulumi.Output<string>;
  /** The account granting the authorization. */
  declare readonly accountId: pulumi.Output<string>;
  /** The source region, where the authorization lives. */
  declare readonly region: pulumi.Output<string>;
  /** The account of the authorized aggregator. */
  declare readonly authorizedAccountId: pulumi.Output<string>;
  /** The region of the authorized aggregator. */
  declare readonly authorizedAwsRegion: pulumi.Output<string>;
  /** When the authorization was created (ISO 8601). */
  declare readonly creationTime: pulumi.Output<string>;
  /** The user tags. */
  declare readonly tags: pulumi.Output<Record<string, string>>;
  /** The role assumed to act in the granting account (secret when it has an external ID). */
  declare readonly assumeRole: pulumi.Output<AssumeRoleSpec | undefined>;

  constructor(
    name: string,
    args: AggregationAuthorizationArgs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(
      "authorization",
      "AggregationAuthorization",
      name,
      {
        arn: undefined,
        accountId: undefined,
        region: undefined,
        creationTime: undefined,
        tags: undefined,
        ...args,
        assumeRole: protectExternalId(args.assumeRole),
      },
      opts,
    );
  }
}
