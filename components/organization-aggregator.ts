/**
 * OrganizationAggregator: an organization-wide aggregator in the management or delegated
 * administrator account, with the IAM role AWS Config needs — in a few lines.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import {
  ConfigurationAggregator,
  type AggregatorFiltersArgs,
} from "../provider/aggregator/resource";
import type { AssumeRoleArgs } from "../provider/shared/inputs/placement";
import { ServiceRole } from "../provider/role/resource";
import { partitionOf } from "../provider/shared/aws/arn";
import { accountActingAs, programRegion } from "./caller-account";
import {
  assertNoProblems,
  isPlain,
  regionListProblems,
  regionProblems,
  roleArnProblems,
} from "./validation";

/** Arguments of {@link OrganizationAggregator}. */
export interface OrganizationAggregatorArgs {
  /** The aggregator name. Defaults to `<component name>-<7 random>`, kept across updates. */
  readonly name?: pulumi.Input<string>;
  /**
   * The role AWS Config assumes to read the organization. Defaults to a role this component
   * creates, trusted by `config.amazonaws.com`, with `AWSConfigRoleForOrganizations` attached,
   * named `AWSConfigOrg-<project>-<stack>-<component name>` (so renaming the stack or the
   * component replaces the role).
   */
  readonly roleArn?: pulumi.Input<string>;
  /** The source regions. Defaults to all regions (current and future). */
  readonly awsRegions?: readonly string[];
  /** Aggregate every region. Defaults to true when `awsRegions` is not given. */
  readonly allAwsRegions?: boolean;
  /** Collect only some resource types or service principals. Defaults to everything. */
  readonly aggregatorFilters?: pulumi.Input<AggregatorFiltersArgs>;
  /** Tags applied to every child (the aggregator and the role). Defaults to none. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Region of the aggregator. Defaults to the stack's `aws:region`, else `AWS_REGION` /
   * `AWS_DEFAULT_REGION`.
   */
  readonly region?: pulumi.Input<string>;
  /**
   * Act in the management or delegated-administrator account. Defaults to the program's own
   * credentials.
   */
  readonly assumeRole?: pulumi.Input<AssumeRoleArgs>;
}

const TYPE = "aws-config-aggregation:index:OrganizationAggregator";

/** An organization aggregator and, unless one is given, its IAM role. */
export class OrganizationAggregator extends pulumi.ComponentResource {
  /** The aggregator. */
  readonly aggregator: ConfigurationAggregator;
  /** The role this component created; undefined when `roleArn` was given. */
  readonly role?: ServiceRole;
  /** The aggregator ARN. */
  readonly arn: pulumi.Output<string>;
  /** The aggregator name. */
  readonly name: pulumi.Output<string>;
  /** The ARN of the role AWS Config assumes. */
  readonly roleArn: pulumi.Output<string>;

  constructor(
    name: string,
    args: OrganizationAggregatorArgs = {},
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super(TYPE, name, {}, opts);
    assertNoProblems("OrganizationAggregator", name, organizationAggregatorProblems(args));
    const { roleArn, awsRegions, allAwsRegions, tags, region, assumeRole } = args;

    if (roleArn === undefined) {
      const roleName = serviceRoleName(name);
      this.role = new ServiceRole(
        `${name}-role`,
        { name: roleName, tags, region, assumeRole },
        { parent: this },
      );
      // The ARN is computed rather than taken from the role's output, which a preview of any role
      // update makes unknown, so the aggregator would wrongly preview as changed.
      this.roleArn = pulumi
        .all([accountActingAs(assumeRole), pulumi.output(region)])
        .apply(
          ([account, home]) =>
            `arn:${partitionOf(home ?? programRegion())}:iam::${account}:role/${roleName}`,
        );
    } else {
      this.roleArn = pulumi.output(roleArn);
    }
    this.aggregator = new ConfigurationAggregator(
      name,
      {
        name: args.name,
        organizationAggregationSource: {
          roleArn: this.roleArn,
          ...(awsRegions === undefined
            ? { allAwsRegions: allAwsRegions ?? true }
            : { awsRegions: [...awsRegions] }),
        },
        aggregatorFilters: args.aggregatorFilters,
        tags,
        region,
        assumeRole,
      },
      { parent: this, dependsOn: this.role ? [this.role] : [] },
    );
    this.arn = this.aggregator.arn;
    this.name = this.aggregator.name;
    this.registerOutputs({
      aggregator: this.aggregator,
      role: this.role,
      arn: this.arn,
      name: this.name,
      roleArn: this.roleArn,
    });
  }
}

/**
 * The name of the role the component creates: from the project, stack and component name, so it
 * is known before deployment and differs between stacks; at most IAM's 64 characters.
 */
export function serviceRoleName(componentName: string): string {
  const full = `AWSConfigOrg-${pulumi.getProject()}-${pulumi.getStack()}-${componentName}`.replace(
    /[^\w+=,.@-]/g,
    "-",
  );
  if (full.length <= 64) return full;
  const digest = createHash("sha256").update(full).digest("hex").slice(0, 8);
  return `${full.slice(0, 55)}-${digest}`;
}

/** Every problem of the arguments that can be seen before deployment. */
export function organizationAggregatorProblems(args: OrganizationAggregatorArgs): string[] {
  const problems: string[] = [];
  if (args.awsRegions !== undefined) {
    problems.push(...regionListProblems("awsRegions", args.awsRegions));
    if (args.allAwsRegions === true) {
      problems.push("give either allAwsRegions: true or a list of awsRegions, not both");
    }
  } else if (args.allAwsRegions === false) {
    problems.push(
      "allAwsRegions is false but no awsRegions are listed; list the regions to aggregate",
    );
  }
  if (args.roleArn !== undefined && isPlain(args.roleArn)) {
    problems.push(...roleArnProblems("roleArn", args.roleArn));
  }
  if (args.region !== undefined && isPlain(args.region)) {
    problems.push(...regionProblems("region", args.region));
  }
  return problems;
}
