/**
 * `check` for ConfigurationAggregator: validate every input before any AWS call, then normalize
 * (sorted, de-duplicated lists; defaults) so that `diff` compares like with like.
 */
import { validate, type RawInputs } from "../shared/check";
import { keptOrGeneratedName } from "../shared/naming";
import type { CheckFailure } from "../shared/validation";
import { isUnknown } from "../shared/unknowns";
import { sortedUnique, withoutUndefined } from "../shared/values";
import {
  aggregatorInputSchema,
  crossFieldFailures,
  type AggregatorFilter,
  type AggregatorFilters,
  type ConfigurationAggregatorInputs,
  type SourceRegions,
} from "./schema";

/** The result of `check`: normalized inputs, or the failures that stop the preview. */
export interface AggregatorCheckResult {
  readonly inputs: ConfigurationAggregatorInputs;
  readonly failures: CheckFailure[];
}

/** Validates and normalizes aggregator inputs; `olds` are the previous inputs, if any. */
export function checkAggregator(
  olds: RawInputs | undefined,
  news: RawInputs,
): AggregatorCheckResult {
  const { failures, inputs } = validate(aggregatorInputSchema, news, crossFieldFailures);
  if (failures.length > 0)
    return { inputs: inputs as unknown as ConfigurationAggregatorInputs, failures };
  return { inputs: normalizeAggregatorInputs(inputs, olds), failures };
}

/** Normalized inputs: generated name kept stable, lists sorted, defaults made explicit. */
export function normalizeAggregatorInputs(
  inputs: RawInputs,
  olds?: RawInputs,
): ConfigurationAggregatorInputs {
  const typed = inputs as unknown as ConfigurationAggregatorInputs;
  return withoutUndefined({
    ...typed,
    name:
      typed.name ??
      keptOrGeneratedName(typed.autoNamePrefix, olds, { maxLength: 256, allowed: /[^\w-]/g }),
    accountAggregationSource: normalizeSource(typed.accountAggregationSource),
    organizationAggregationSource: normalizeSource(typed.organizationAggregationSource),
    aggregatorFilters: normalizeFilters(typed.aggregatorFilters),
  });
}

/** A source with sorted, de-duplicated lists and exactly one way of naming its regions. */
export function normalizeSource<S extends SourceRegions & { accountIds?: string[] }>(
  source: S | undefined,
): S | undefined {
  if (source === undefined || isUnknown(source)) return source;
  const { allAwsRegions, awsRegions, ...rest } = source as S & { allAwsRegions?: unknown };
  const regions: SourceRegions =
    allAwsRegions === true
      ? { allAwsRegions: true }
      : isUnknown(allAwsRegions)
        ? { allAwsRegions, awsRegions: sortedUnique(awsRegions) }
        : { awsRegions: sortedUnique(awsRegions) };
  const accountIds = rest.accountIds === undefined ? undefined : sortedUnique(rest.accountIds);
  return withoutUndefined({ ...rest, ...(accountIds ? { accountIds } : {}), ...regions }) as S;
}

/** Filters with their type made explicit and their values sorted. */
export function normalizeFilters(
  filters: AggregatorFilters | undefined,
): AggregatorFilters | undefined {
  if (filters === undefined || isUnknown(filters)) return filters;
  return withoutUndefined({
    resourceType: normalizeFilter(filters.resourceType),
    servicePrincipal: normalizeFilter(filters.servicePrincipal),
  });
}

function normalizeFilter(
  filter: Partial<AggregatorFilter> | undefined,
): AggregatorFilter | undefined {
  if (filter === undefined || isUnknown(filter)) return filter as AggregatorFilter | undefined;
  return { type: filter.type ?? "INCLUDE", value: sortedUnique(filter.value ?? []) };
}
