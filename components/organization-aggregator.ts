/**
 * OrganizationAggregator: an organization-wide aggregator in the management or delegated
 * administrator account, with the IAM role AWS Config needs and, when asked, the management
 * account's part of a delegated administrator (trusted access and registration) — in a few lines.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import {
  ConfigurationAggregator,
  type AggregatorFiltersArgs,
} from "../provider/aggregator/resource";
import { DelegatedAdministrator } from "../provider/delegated-administrator/resource";
import { ServiceRole } from "../provider/role/resource";
import { CONFIG_SERVICE_PRINCIPAL } from "../provider/role/schema";
import { ServiceAccess } from "../provider/service-access/resource";
import { partitionOf, roleAccount } from "../provider/shared/aws/arn";
import type { AssumeRoleArgs } from "../provider/shared/inputs/placement";
import { accountActingAs, programRegion } from "./caller-account";
import {
  accountIdProblems,
  assertNoProblems,
  ComponentArgumentError,
  isPlain,
  regionListProblems,
  regionProblems,
  roleArnProblems,
} from "./validation";

/** The service principal of AWS Config's organization rules and conformance packs. */
export const CONFIG_MULTI_ACCOUNT_SETUP_PRINCIPAL = "config-multiaccountsetup.amazonaws.com";

/** A member account to make AWS Config's delegated administrator and to aggregate in. */
export interface DelegatedAdministratorPlacementArgs {
  /** The 12-digit member account to register; the aggregator and its role are created there. */
  readonly accountId: pulumi.Input<string>;
  /** The role to assume in that account, to create the role and the aggregator. */
  readonly assumeRole: pulumi.Input<AssumeRoleArgs>;
  /**
   * Also enable trusted access for, and register the account for,
   * `config-multiaccountsetup.amazonaws.com` (organization rules and conformance packs), as AWS
   * Config's CLI guide does. Defaults to false: only `config.amazonaws.com`, which is all an
   * aggregator needs.
   */
  readonly multiAccountSetup?: boolean;
  /**
   * Take over registrations of the account that already exist, instead of refusing them; removing
   * the component then deregisters them. Defaults to false. Trusted access that is already on is
   * always recorded and left on at removal (see ServiceAccess).
   */
  readonly adoptExisting?: pulumi.Input<boolean>;
}

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
   * Act in the account that creates the aggregator: the management account or a delegated
   * administrator. With `delegatedAdministrator`, this is the management account, which enables
   * trusted access and registers the delegated administrator. Defaults to the program's own
   * credentials.
   */
  readonly assumeRole?: pulumi.Input<AssumeRoleArgs>;
  /**
   * Aggregate in a member account registered as AWS Config's delegated administrator, as AWS
   * recommends over the management account. The management account (`assumeRole`, or the
   * program's own credentials) enables trusted access for `config.amazonaws.com` and registers the
   * account; then the role and the aggregator are created in that account, after the
   * registration. Defaults to none: the aggregator lives where `assumeRole` acts.
   */
  readonly delegatedAdministrator?: DelegatedAdministratorPlacementArgs;
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
  /** Trusted access for each service principal, with `delegatedAdministrator`; else empty. */
  readonly serviceAccesses: ServiceAccess[];
  /** The registration for each service principal, with `delegatedAdministrator`; else empty. */
  readonly delegatedAdministrators: DelegatedAdministrator[];

  constructor(
    name: string,
    args: OrganizationAggregatorArgs = {},
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super(TYPE, name, {}, opts);
    assertNoProblems("OrganizationAggregator", name, organizationAggregatorProblems(args));
    const { roleArn, awsRegions, allAwsRegions, tags, region, delegatedAdministrator } = args;
    this.serviceAccesses = [];
    this.delegatedAdministrators = [];
    if (delegatedAdministrator) {
      const principals = [CONFIG_SERVICE_PRINCIPAL];
      if (delegatedAdministrator.multiAccountSetup)
        principals.push(CONFIG_MULTI_ACCOUNT_SETUP_PRINCIPAL);
      for (const servicePrincipal of principals) {
        const access = new ServiceAccess(
          `${name}-access-${servicePrincipal}`,
          { servicePrincipal, region, assumeRole: args.assumeRole },
          { parent: this },
        );
        this.serviceAccesses.push(access);
        // Organizations refuses a registration before trusted access for the service.
        this.delegatedAdministrators.push(
          new DelegatedAdministrator(
            `${name}-admin-${servicePrincipal}`,
            {
              accountId: delegatedAdministrator.accountId,
              servicePrincipal,
              region,
              assumeRole: args.assumeRole,
              adoptExisting: delegatedAdministrator.adoptExisting,
            },
            { parent: this, dependsOn: [access] },
          ),
        );
      }
    }
    // Where the role and the aggregator live: the delegated administrator, else `assumeRole`.
    const assumeRole = delegatedAdministrator ? delegatedAdministrator.assumeRole : args.assumeRole;
    // AWS Config accepts a delegated administrator's aggregator only once it is registered.
    const registered = this.delegatedAdministrators;

    const unknownAccount = (reason: string): never => {
      throw new ComponentArgumentError(
        "OrganizationAggregator",
        name,
        `the aggregator's account cannot be found (${reason}); give assumeRole, roleArn, or credentials`,
      );
    };
    if (roleArn === undefined) {
      const roleName = serviceRoleName(name);
      this.role = new ServiceRole(
        `${name}-role`,
        { name: roleName, tags, region, assumeRole },
        { parent: this, dependsOn: registered },
      );
      // The ARN is computed rather than taken from the role's output, which a preview of any role
      // update makes unknown, so the aggregator would wrongly preview as changed.
      this.roleArn = pulumi
        .all([accountActingAs(assumeRole, unknownAccount), pulumi.output(region)])
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
        // Where the registration went is where the aggregator must land (a role ARN given as an
        // Output is not checked at construction); free, as the role ARN names the account.
        expectedAccountId: delegatedAdministrator?.accountId,
      },
      { parent: this, dependsOn: this.role ? [this.role, ...registered] : registered },
    );
    this.arn = this.aggregator.arn;
    this.name = this.aggregator.name;
    this.registerOutputs({
      aggregator: this.aggregator,
      role: this.role,
      arn: this.arn,
      name: this.name,
      roleArn: this.roleArn,
      // Only with a delegated administrator, so that existing stacks' outputs stay as they were.
      ...(delegatedAdministrator
        ? {
            serviceAccesses: this.serviceAccesses,
            delegatedAdministrators: this.delegatedAdministrators,
          }
        : {}),
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
  if (args.delegatedAdministrator !== undefined)
    problems.push(...delegatedAdministratorProblems(args.delegatedAdministrator));
  return problems;
}

/** Problems of `delegatedAdministrator` that can be seen before deployment. */
function delegatedAdministratorProblems(args: DelegatedAdministratorPlacementArgs): string[] {
  const { accountId, assumeRole } = args;
  const problems: string[] = [];
  const accountProblems = isPlain(accountId)
    ? accountIdProblems("delegatedAdministrator.accountId", accountId)
    : [];
  problems.push(...accountProblems);
  // The account to compare a role with: a plain, well-formed one only.
  const account = isPlain(accountId) && accountProblems.length === 0 ? accountId : undefined;
  if (assumeRole === undefined) {
    problems.push(
      "delegatedAdministrator.assumeRole is missing; give the role to assume in the delegated administrator account",
    );
  } else if (isPlain(assumeRole) && isPlain(assumeRole.roleArn)) {
    const roleArn = assumeRole.roleArn;
    problems.push(...roleArnProblems("delegatedAdministrator.assumeRole.roleArn", roleArn));
    const acting = roleAccount(roleArn);
    if (account !== undefined && acting !== undefined && acting !== account) {
      problems.push(
        `delegatedAdministrator.assumeRole.roleArn ${JSON.stringify(roleArn)} is in account ${acting}, ` +
          `not in the delegated administrator account ${account}; the role and the aggregator are created where it acts`,
      );
    }
  }
  return problems;
}
