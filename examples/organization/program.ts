/**
 * The example program: an organization-wide AWS Config aggregation setup across several accounts.
 * `index.ts` runs it with the stack's config under `pulumi up`; `npm run demo` runs it against the
 * local emulator.
 */
import * as pulumi from "@pulumi/pulumi";
import { MultiAccountAggregation, OrganizationAggregator } from "pulumi-aws-config-aggregation";

/** What the setup covers. */
export interface OrganizationSetup {
  /** Where both aggregators live. */
  readonly homeRegion: string;
  /** Member accounts whose data the workloads aggregator collects. */
  readonly sourceAccountIds: readonly string[];
  /** The role to assume in each member account to authorize the aggregator. */
  readonly sourceRoleName: string;
  /** Regions of the member accounts to aggregate. */
  readonly sourceRegions: readonly string[];
  /** Tags for every resource. */
  readonly tags: Record<string, string>;
}

/** Builds the setup and returns the stack outputs. */
export function organizationSetup(setup: OrganizationSetup): Record<string, pulumi.Output<string>> {
  // Everything the organization has, in every region, seen from the management account.
  const organization = new OrganizationAggregator("organization", {
    region: setup.homeRegion,
    tags: setup.tags,
  });

  // Compute and storage resources of selected member accounts, through individual authorizations.
  const workloads = new MultiAccountAggregation("workloads", {
    aggregator: { region: setup.homeRegion },
    sourceAccountIds: setup.sourceAccountIds,
    sourceRoleName: setup.sourceRoleName,
    regions: setup.sourceRegions,
    aggregatorFilters: { resourceType: { value: ["AWS::EC2::Instance", "AWS::S3::Bucket"] } },
    tags: setup.tags,
  });

  return {
    organizationAggregatorArn: organization.arn,
    organizationAggregatorName: organization.name,
    organizationRoleArn: organization.roleArn,
    workloadsAggregatorArn: workloads.arn,
    workloadsAggregatorName: workloads.name,
  };
}
