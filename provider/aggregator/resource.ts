/**
 * The ConfigurationAggregator resource class and its public arguments.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  type AssumeRoleArgs,
  type AssumeRoleSpec,
  protectExternalId,
} from "../shared/inputs/placement";
import { DelegatedResource, delegatingProvider } from "../shared/stub";
import type {
  AccountAggregationSource,
  AggregatorFilters,
  OrganizationAggregationSource,
} from "./schema";

/** The provider every ConfigurationAggregator uses (one object, so Pulumi serializes it once). */
export const configurationAggregatorProvider = delegatingProvider("aggregator");

/** Aggregate data from listed accounts. */
export interface AccountAggregationSourceArgs {
  /** The 12-digit IDs of the source accounts. Order does not matter; duplicates are dropped. */
  readonly accountIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Aggregate from every current and future region. Give this or `awsRegions`, not both. */
  readonly allAwsRegions?: pulumi.Input<boolean>;
  /** The source regions. Order does not matter; duplicates are dropped. */
  readonly awsRegions?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Aggregate data from every account of the organization. */
export interface OrganizationAggregationSourceArgs {
  /** ARN of the IAM role that lets AWS Config read the organization (`AWSConfigRoleForOrganizations`). */
  readonly roleArn: pulumi.Input<string>;
  /** Aggregate from every current and future region. Give this or `awsRegions`, not both. */
  readonly allAwsRegions?: pulumi.Input<boolean>;
  /** The source regions. Order does not matter; duplicates are dropped. */
  readonly awsRegions?: pulumi.Input<pulumi.Input<string>[]>;
}

/** One filter: include only these values. */
export interface AggregatorFilterArgs {
  /** The filter type. The only type is `INCLUDE`, the default. */
  readonly type?: pulumi.Input<"INCLUDE">;
  /** The values to include. */
  readonly value: pulumi.Input<pulumi.Input<string>[]>;
}

/** Which resources the aggregator collects. Give `resourceType`, `servicePrincipal`, or both. */
export interface AggregatorFiltersArgs {
  /** Resource types such as `AWS::EC2::Instance`. */
  readonly resourceType?: pulumi.Input<AggregatorFilterArgs>;
  /** Service principals such as `config.amazonaws.com`, for service-linked configuration recorders. */
  readonly servicePrincipal?: pulumi.Input<AggregatorFilterArgs>;
}

/** Arguments of {@link ConfigurationAggregator}. */
export interface ConfigurationAggregatorArgs {
  /**
   * The ConfigurationAggregatorName: 1–256 letters, digits, `_` and `-`. Defaults to
   * `<resource name>-<7 random lowercase letters and digits>`, kept across updates. A change replaces.
   */
  readonly name?: pulumi.Input<string>;
  /** Aggregate listed accounts. Give this or `organizationAggregationSource`, not both. */
  readonly accountAggregationSource?: pulumi.Input<AccountAggregationSourceArgs>;
  /** Aggregate the whole organization. Give this or `accountAggregationSource`, not both. */
  readonly organizationAggregationSource?: pulumi.Input<OrganizationAggregationSourceArgs>;
  /** Collect only some resource types or service principals. Defaults to everything. */
  readonly aggregatorFilters?: pulumi.Input<AggregatorFiltersArgs>;
  /** Tags: at most 50, no `aws:` keys. Changes are applied with TagResource / UntagResource. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * The region the aggregator lives in. Defaults to the stack config `aws:region`, then
   * `AWS_REGION` / `AWS_DEFAULT_REGION`. A change replaces.
   */
  readonly region?: pulumi.Input<string>;
  /** Act in another account. A change of the role's account replaces; other changes call no AWS API. */
  readonly assumeRole?: pulumi.Input<AssumeRoleArgs>;
  /**
   * Take over an aggregator of this name that already exists instead of refusing to create.
   * Its settings and tags are then replaced by these. Defaults to false.
   */
  readonly adoptExisting?: pulumi.Input<boolean>;
  /**
   * The account the aggregator must be created in. Create fails before writing anything when the
   * credentials act in another account (with `assumeRole`, the role's account; otherwise one STS
   * GetCallerIdentity call); an update that names another account than the aggregator's is
   * refused with no call. Defaults to no check.
   */
  readonly expectedAccountId?: pulumi.Input<string>;
}

/**
 * An AWS Config configuration aggregator, managed through a Pulumi dynamic provider.
 * Its ID is the aggregator name, as with `aws.cfg.ConfigurationAggregator`.
 */
export class ConfigurationAggregator extends DelegatedResource {
  /** The aggregator name. */
  declare readonly name: pulumi.Output<string>;
  /** The aggregator ARN. */
  declare readonly arn: pulumi.Output<string>;
  /** The account that owns the aggregator. */
  declare readonly accountId: pulumi.Output<string>;
  /** The region the aggregator lives in. */
  declare readonly region: pulumi.Output<string>;
  /** When the aggregator was created (ISO 8601). */
  declare readonly creationTime: pulumi.Output<string>;
  /** When the aggregator was last changed by a Put (ISO 8601). */
  declare readonly lastUpdatedTime: pulumi.Output<string>;
  /** The account source, with sorted lists. */
  declare readonly accountAggregationSource: pulumi.Output<AccountAggregationSource | undefined>;
  /** The organization source, with sorted lists. */
  declare readonly organizationAggregationSource: pulumi.Output<
    OrganizationAggregationSource | undefined
  >;
  /** The filters. */
  declare readonly aggregatorFilters: pulumi.Output<AggregatorFilters | undefined>;
  /** The user tags. */
  declare readonly tags: pulumi.Output<Record<string, string>>;
  /** The role assumed to act in the owning account (secret when it has an external ID). */
  declare readonly assumeRole: pulumi.Output<AssumeRoleSpec | undefined>;

  constructor(
    name: string,
    args: ConfigurationAggregatorArgs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(
      "aggregator",
      "ConfigurationAggregator",
      name,
      {
        arn: undefined,
        accountId: undefined,
        region: undefined,
        creationTime: undefined,
        lastUpdatedTime: undefined,
        accountAggregationSource: undefined,
        organizationAggregationSource: undefined,
        aggregatorFilters: undefined,
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
