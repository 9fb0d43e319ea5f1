/**
 * ConfigurationAggregator inputs: the rules of the AWS Config API reference and of the service,
 * checked before any AWS call, and the normalized shape `check` returns.
 */
import { z } from "zod";
import {
  accountId,
  awsRegion,
  iamRoleArn,
  nonEmptyList,
  show,
  tagMap,
} from "../shared/inputs/rules";
import { type AssumeRoleSpec, placement } from "../shared/inputs/placement";
import type { Tags } from "../shared/tags/values";
import { isUnknown } from "../shared/inputs/unknowns";
import type { CheckFailure } from "../shared/inputs/validation";

/** Most accounts one aggregator may aggregate (an AWS quota that cannot be raised). */
export const MAX_SOURCE_ACCOUNTS = 10_000;
/** Letters, digits, `_` and `-`; emptiness is the length rule's to report. */
const NAME = /^[\w-]*$/;
const RESOURCE_TYPE = /^[a-zA-Z0-9]{2,64}::[a-zA-Z0-9]{2,64}::[a-zA-Z0-9]{2,64}$/;
const SERVICE_PRINCIPAL = /^[\w+=,.@-]+$/;

/** A configuration aggregator name: 1–256 letters, digits, `_` and `-`. */
export const aggregatorName = z
  .string()
  .min(1, { error: "must not be empty" })
  .max(256, { error: (issue) => `${show(issue.input)} is longer than 256 characters` })
  .regex(NAME, {
    error: (issue) => `${show(issue.input)} may contain only letters, digits, "_" and "-"`,
  });

const regions = {
  allAwsRegions: z.boolean().optional(),
  awsRegions: nonEmptyList(awsRegion, "region").optional(),
};

const accountSource = z.strictObject({
  accountIds: nonEmptyList(
    accountId,
    "account ID",
    "the 12-digit IDs of the source accounts",
  ).refine((ids) => new Set(ids).size <= MAX_SOURCE_ACCOUNTS, {
    error: (issue) =>
      `${new Set(issue.input as string[]).size} distinct accounts given; an aggregator may have at most ${MAX_SOURCE_ACCOUNTS}`,
  }),
  ...regions,
});

const organizationSource = z.strictObject({ roleArn: iamRoleArn, ...regions });

const filterType = z.literal("INCLUDE", {
  error: (issue) => `${show(issue.input)} is not a filter type; the only type is "INCLUDE"`,
});

const aggregatorFilters = z.strictObject({
  resourceType: z
    .strictObject({
      type: filterType.optional(),
      value: nonEmptyList(
        z.string().regex(RESOURCE_TYPE, {
          error: (issue) =>
            `${show(issue.input)} is not a resource type such as "AWS::EC2::Instance"`,
        }),
        "resource type",
        'the resource types to include, such as ["AWS::EC2::Instance"]',
      ),
    })
    .optional(),
  servicePrincipal: z
    .strictObject({
      type: filterType.optional(),
      value: nonEmptyList(
        z
          .string()
          .max(128, { error: (issue) => `${show(issue.input)} is longer than 128 characters` })
          .regex(SERVICE_PRINCIPAL, {
            error: (issue) =>
              `${show(issue.input)} is not a service principal such as "config.amazonaws.com"`,
          }),
        "service principal",
        'the service principals to include, such as ["config.amazonaws.com"]',
      ),
    })
    .optional(),
});

/** The schema of the inputs the resource class sends (`__provider` removed). */
export const aggregatorInputSchema = z.strictObject({
  name: aggregatorName.optional(),
  accountAggregationSource: accountSource.optional(),
  organizationAggregationSource: organizationSource.optional(),
  aggregatorFilters: aggregatorFilters.optional(),
  tags: tagMap.optional(),
  ...placement,
  autoNamePrefix: z.string().optional(),
});

/** Regions of a source: all regions, or a list of them. */
export interface SourceRegions {
  /** Present and true when the source covers every region (current and future). */
  readonly allAwsRegions?: true;
  /** The regions, sorted and de-duplicated, when not all regions. */
  readonly awsRegions?: string[];
}

/** Aggregate the listed accounts. */
export interface AccountAggregationSource extends SourceRegions {
  readonly accountIds: string[];
}

/** Aggregate the whole organization, reading it through this role. */
export interface OrganizationAggregationSource extends SourceRegions {
  readonly roleArn: string;
}

/** One filter: include only these values. */
export interface AggregatorFilter {
  readonly type: "INCLUDE";
  readonly value: string[];
}

/** Which resources the aggregator collects. */
export interface AggregatorFilters {
  readonly resourceType?: AggregatorFilter;
  readonly servicePrincipal?: AggregatorFilter;
}

/** The inputs `check` returns: validated, defaults applied, lists sorted and de-duplicated. */
export interface ConfigurationAggregatorInputs {
  readonly name: string;
  readonly region: string;
  readonly accountAggregationSource?: AccountAggregationSource;
  readonly organizationAggregationSource?: OrganizationAggregationSource;
  readonly aggregatorFilters?: AggregatorFilters;
  readonly tags?: Tags;
  readonly assumeRole?: AssumeRoleSpec;
  readonly adoptExisting?: boolean;
  /** The Pulumi resource name, from which a name is generated when `name` is omitted. */
  readonly autoNamePrefix?: string;
}

/** The outputs recorded in state. */
export interface ConfigurationAggregatorState extends ConfigurationAggregatorInputs {
  readonly arn: string;
  /** The account that owns the aggregator, read from its ARN. */
  readonly accountId: string;
  readonly creationTime?: string;
  readonly lastUpdatedTime?: string;
  readonly tags: Tags;
}

/**
 * The rules that span fields, which a per-field schema cannot express: exactly one source, and in
 * it all regions or a non-empty region list but not both. Unknown values are skipped.
 */
export function crossFieldFailures(input: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const account = input.accountAggregationSource;
  const organization = input.organizationAggregationSource;
  if (!isUnknown(account) && !isUnknown(organization)) {
    if (account !== undefined && organization !== undefined) {
      failures.push({
        property: "organizationAggregationSource",
        reason:
          "an aggregator takes exactly one source: give accountAggregationSource or organizationAggregationSource, not both",
      });
    } else if (account === undefined && organization === undefined) {
      failures.push({
        property: "accountAggregationSource",
        reason:
          "an aggregator needs a source: give accountAggregationSource (listed accounts) or organizationAggregationSource (the whole organization)",
      });
    }
  }
  for (const [property, source] of [
    ["accountAggregationSource", account],
    ["organizationAggregationSource", organization],
  ] as const) {
    const failure = regionChoiceFailure(property, source);
    if (failure) failures.push(failure);
  }
  const filters = input.aggregatorFilters;
  if (filters && typeof filters === "object" && !isUnknown(filters)) {
    const { resourceType, servicePrincipal } = filters as Record<string, unknown>;
    if (resourceType === undefined && servicePrincipal === undefined) {
      failures.push({
        property: "aggregatorFilters",
        reason: "give resourceType or servicePrincipal (or both), or leave aggregatorFilters out",
      });
    }
  }
  return failures;
}

function regionChoiceFailure(property: string, source: unknown): CheckFailure | undefined {
  if (!source || typeof source !== "object" || isUnknown(source)) return undefined;
  const { allAwsRegions, awsRegions } = source as Record<string, unknown>;
  if (isUnknown(allAwsRegions) || isUnknown(awsRegions)) return undefined;
  // A value of the wrong type already has its own failure; a second one here would mislead.
  if (allAwsRegions !== undefined && typeof allAwsRegions !== "boolean") return undefined;
  const listed = Array.isArray(awsRegions) && awsRegions.length > 0;
  if (allAwsRegions === true && listed) {
    return {
      property: `${property}.awsRegions`,
      reason: "give either allAwsRegions: true or a list of awsRegions, not both",
    };
  }
  if (allAwsRegions !== true && awsRegions === undefined) {
    return {
      property: `${property}.awsRegions`,
      reason: 'no regions given: set allAwsRegions: true or list awsRegions such as ["us-east-1"]',
    };
  }
  return undefined;
}
