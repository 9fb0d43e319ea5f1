/**
 * Normal forms of the aggregator's sources and filters: sorted, de-duplicated lists and one way of
 * saying each thing. `check` applies them to the inputs, `diff` to both sides before comparing, and
 * the provider to what AWS returns, so all three compare like with like.
 */
import { isUnknown } from "../shared/inputs/unknowns";
import { sortedUnique, withoutUndefined } from "../shared/inputs/values";
import type { AggregatorFilter, AggregatorFilters, SourceRegions } from "./schema";

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
