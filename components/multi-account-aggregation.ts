/**
 * MultiAccountAggregation: an individual-accounts aggregator over many accounts, with an
 * aggregation authorization in every source account and region.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  ConfigurationAggregator,
  type AggregatorFiltersArgs,
} from "../provider/aggregator/resource";
import { AggregationAuthorization } from "../provider/authorization/resource";
import type { AssumeRoleArgs } from "../provider/shared/inputs/placement";
import { partitionOf } from "../provider/shared/aws/arn";
import { accountActingAs } from "./caller-account";
import { roleAccount } from "../provider/shared/aws/arn";
import { show } from "../provider/shared/inputs/rules";
import {
  accountIdProblems,
  accountListProblems,
  assertNoProblems,
  ComponentArgumentError,
  isPlain,
  regionListProblems,
  regionProblems,
  roleArnProblems,
  roleNameProblems,
} from "./validation";

/** Where the aggregator lives. */
export interface AggregatorPlacementArgs {
  /** The aggregator name. Defaults to `<component name>-<7 random>`, kept across updates. */
  readonly name?: pulumi.Input<string>;
  /** The region of the aggregator; the authorizations name it. */
  readonly region: string;
  /**
   * The aggregator's account; the authorizations name it. Defaults to the account the aggregator
   * is created in: that of `assumeRole.roleArn`, else that of the program's own credentials (one
   * STS GetCallerIdentity call per run). When given, it must be that same account.
   */
  readonly accountId?: pulumi.Input<string>;
  /** Act in the aggregator's account. Defaults to the program's own credentials. */
  readonly assumeRole?: pulumi.Input<AssumeRoleArgs>;
}

/** One source account and how to act in it. */
export interface SourceAccountArgs {
  /** The 12-digit account ID. */
  readonly accountId: string;
  /** The role to assume in it to create the authorizations. Defaults to the stack's credentials. */
  readonly assumeRole?: pulumi.Input<AssumeRoleArgs>;
}

/** Arguments of {@link MultiAccountAggregation}. Give `sourceAccounts`, or `sourceAccountIds` with `sourceRoleName`. */
export interface MultiAccountAggregationArgs {
  /** The aggregator. */
  readonly aggregator: AggregatorPlacementArgs;
  /** The source accounts, each with its own way in. */
  readonly sourceAccounts?: readonly SourceAccountArgs[];
  /** The source account IDs, entered through the role `sourceRoleName` in each. */
  readonly sourceAccountIds?: readonly string[];
  /** The name of the role to assume in every account of `sourceAccountIds` (only with it). */
  readonly sourceRoleName?: string;
  /** The source regions: an authorization is created in each, in every source account. */
  readonly regions: readonly string[];
  /** Collect only some resource types or service principals. Defaults to everything. */
  readonly aggregatorFilters?: pulumi.Input<AggregatorFiltersArgs>;
  /** Tags applied to every child. Defaults to none. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

const TYPE = "aws-config-aggregation:index:MultiAccountAggregation";

/** An individual-accounts aggregator and its authorizations, one per source account and region. */
export class MultiAccountAggregation extends pulumi.ComponentResource {
  /** The aggregator. */
  readonly aggregator: ConfigurationAggregator;
  /** The authorizations, by `<account>-<region>`. */
  readonly authorizations: Readonly<Record<string, AggregationAuthorization>>;
  /** The aggregator ARN. */
  readonly arn: pulumi.Output<string>;
  /** The aggregator name. */
  readonly name: pulumi.Output<string>;

  constructor(
    name: string,
    args: MultiAccountAggregationArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super(TYPE, name, {}, opts);
    assertNoProblems("MultiAccountAggregation", name, multiAccountAggregationProblems(args));
    const sources = sourceAccountsOf(args);
    const regions = [...args.regions].sort();

    this.aggregator = new ConfigurationAggregator(
      name,
      {
        name: args.aggregator.name,
        region: args.aggregator.region,
        assumeRole: args.aggregator.assumeRole,
        accountAggregationSource: {
          accountIds: sources.map((source) => source.accountId),
          awsRegions: regions,
        },
        aggregatorFilters: args.aggregatorFilters,
        tags: args.tags,
      },
      { parent: this },
    );

    const aggregatorAccount = verifiedAggregatorAccount(name, args.aggregator);
    const authorizations: Record<string, AggregationAuthorization> = {};
    for (const source of sources) {
      const actingAccount = verifiedSourceAccount(name, source);
      for (const region of regions) {
        // Names come from content, not list positions: adding or removing one account or region
        // adds or removes only its own authorizations.
        authorizations[`${source.accountId}-${region}`] = new AggregationAuthorization(
          `${name}-auth-${source.accountId}-${region}`,
          {
            authorizedAccountId: aggregatorAccount,
            authorizedAwsRegion: args.aggregator.region,
            // Known only once the acting account is verified, so nothing is created elsewhere.
            region: actingAccount.apply(() => region),
            assumeRole: source.assumeRole,
            tags: args.tags,
          },
          { parent: this },
        );
      }
    }
    this.authorizations = authorizations;
    this.arn = this.aggregator.arn;
    this.name = this.aggregator.name;
    // `authorizations` stays a property only: registering a map of children whose inputs may fail
    // (a source account check) would hold the component's registration open on their failure.
    this.registerOutputs({ aggregator: this.aggregator, arn: this.arn, name: this.name });
  }
}

/**
 * The aggregator's account as a value known before deployment (see `callerAccount` for why not
 * the aggregator's output): the account its credentials act in, which a given `accountId` must
 * match — else every authorization would name an account that never collects from them.
 */
function verifiedAggregatorAccount(
  component: string,
  aggregator: AggregatorPlacementArgs,
): pulumi.Output<string> {
  const acting = accountActingAs(aggregator.assumeRole);
  if (aggregator.accountId === undefined) return acting;
  return pulumi.all([aggregator.accountId, acting]).apply(([given, account]) => {
    if (given !== account) {
      throw new ComponentArgumentError(
        "MultiAccountAggregation",
        component,
        `aggregator.accountId ${given}: the aggregator is created in account ${account} (${howActing(aggregator.assumeRole)}); give that account, or an assumeRole whose role is in ${given}`,
      );
    }
    return given;
  });
}

/** How a component's children act in their account, for messages. */
function howActing(assumeRole: unknown): string {
  return assumeRole ? "through its assumeRole" : "with the program's own credentials";
}

/**
 * The account the source's credentials act in, checked against the account the source names:
 * without it, authorizations would land (and succeed) in whatever account the credentials reach,
 * while the aggregator waits for them in another. A mismatch fails the deployment at preview.
 */
function verifiedSourceAccount(
  component: string,
  source: SourceAccountArgs,
): pulumi.Output<string> {
  return accountActingAs(source.assumeRole).apply((account) => {
    if (account !== source.accountId) {
      throw new ComponentArgumentError(
        "MultiAccountAggregation",
        component,
        `source account ${source.accountId}: the authorizations would be created in account ${account} (${howActing(source.assumeRole)}); give an assumeRole whose role is in ${source.accountId}`,
      );
    }
    return account;
  });
}

/** The source accounts with their roles, from either form of the arguments. */
export function sourceAccountsOf(args: MultiAccountAggregationArgs): SourceAccountArgs[] {
  if (args.sourceAccounts) return [...args.sourceAccounts];
  const partition = partitionOf(args.aggregator.region);
  return (args.sourceAccountIds ?? []).map((accountId) => ({
    accountId,
    assumeRole: { roleArn: `arn:${partition}:iam::${accountId}:role/${args.sourceRoleName ?? ""}` },
  }));
}

/** Every problem of the arguments that can be seen before deployment. */
export function multiAccountAggregationProblems(args: MultiAccountAggregationArgs): string[] {
  return [
    ...aggregatorProblems(args.aggregator),
    ...sourceProblems(args),
    ...regionListProblems("regions", args.regions),
  ];
}

function aggregatorProblems(aggregator: AggregatorPlacementArgs): string[] {
  const problems = regionProblems("aggregator.region", aggregator.region);
  const roleArn = plainRoleArn(aggregator.assumeRole);
  if (roleArn !== undefined)
    problems.push(...roleArnProblems("aggregator.assumeRole.roleArn", roleArn));
  const { accountId } = aggregator;
  if (accountId === undefined || !isPlain(accountId)) return problems;
  const idProblems = accountIdProblems("aggregator.accountId", accountId);
  problems.push(...idProblems);
  const roleAccountId = typeof roleArn === "string" ? roleAccount(roleArn) : undefined;
  if (idProblems.length === 0 && roleAccountId !== undefined && roleAccountId !== accountId) {
    problems.push(
      `aggregator.accountId ${show(accountId)} differs from the account of aggregator.assumeRole.roleArn, ${roleAccountId}, where the aggregator is created`,
    );
  }
  return problems;
}

function sourceProblems(args: MultiAccountAggregationArgs): string[] {
  const { sourceAccounts, sourceAccountIds, sourceRoleName } = args;
  if (sourceAccounts && sourceAccountIds)
    return ["give sourceAccounts or sourceAccountIds, not both"];
  if (sourceAccountIds) {
    const problems = accountListProblems("sourceAccountIds", sourceAccountIds);
    problems.push(
      ...(sourceRoleName === undefined
        ? ["sourceAccountIds needs sourceRoleName: the role to assume in each source account"]
        : roleNameProblems("sourceRoleName", sourceRoleName)),
    );
    return problems;
  }
  if (!sourceAccounts)
    return ["no source accounts: give sourceAccounts, or sourceAccountIds with sourceRoleName"];
  const problems = accountListProblems(
    "sourceAccounts",
    sourceAccounts.map((source) => source.accountId),
  );
  if (sourceRoleName !== undefined) {
    problems.push(
      "sourceRoleName applies only to sourceAccountIds; with sourceAccounts give each account its own assumeRole",
    );
  }
  sourceAccounts.forEach((source, i) => {
    const roleArn = plainRoleArn(source.assumeRole);
    if (roleArn === undefined) return;
    const where = `sourceAccounts[${i}].assumeRole.roleArn`;
    const arnProblems = roleArnProblems(where, roleArn);
    problems.push(...arnProblems);
    const account = typeof roleArn === "string" ? roleAccount(roleArn) : undefined;
    if (arnProblems.length === 0 && account !== source.accountId) {
      problems.push(`${where} ${show(roleArn)} is in account ${account}, not ${source.accountId}`);
    }
  });
  return problems;
}

/** The role ARN of an `assumeRole` when it is known at construction, else undefined. */
function plainRoleArn(assumeRole: pulumi.Input<AssumeRoleArgs> | undefined): unknown {
  if (assumeRole === undefined || !isPlain(assumeRole)) return undefined;
  return isPlain(assumeRole.roleArn) ? assumeRole.roleArn : undefined;
}
