/**
 * `diff` for ConfigurationAggregator. Replacement only when identity changes: the name, the region,
 * or the owning account. Switching between account and organization source is an in-place Put,
 * as in CloudFormation.
 */
import type * as pulumi from "@pulumi/pulumi";
import { diffByTable, type DiffTable } from "../shared/diff";
import { normalizeFilters, normalizeSource } from "./normalize";
import type {
  AccountAggregationSource,
  AggregatorFilters,
  ConfigurationAggregatorInputs,
  ConfigurationAggregatorState,
  OrganizationAggregationSource,
} from "./schema";

/** The aggregator's diff table. `adoptExisting` only matters at creation, so it is not compared. */
export const AGGREGATOR_DIFF: DiffTable = {
  compared: [
    "name",
    "region",
    "accountAggregationSource",
    "organizationAggregationSource",
    "aggregatorFilters",
    "assumeRole",
  ],
  replaceOn: ["name", "region"],
  tagged: true,
  normalize: (property, value) => {
    switch (property) {
      case "accountAggregationSource":
      case "organizationAggregationSource":
        return normalizeSource(value as AccountAggregationSource | OrganizationAggregationSource);
      case "aggregatorFilters":
        return normalizeFilters(value as AggregatorFilters | undefined);
      default:
        return value;
    }
  },
};

/** Compares the recorded outputs with the new, checked inputs. */
export function diffAggregator(
  olds: ConfigurationAggregatorState,
  news: ConfigurationAggregatorInputs,
): pulumi.dynamic.DiffResult {
  return diffByTable(AGGREGATOR_DIFF, { ...olds }, { ...news });
}

/** What a Put changes: everything but the name, region, tags and credentials. */
const PUT_DIFF: DiffTable = {
  compared: ["accountAggregationSource", "organizationAggregationSource", "aggregatorFilters"],
  replaceOn: [],
  normalize: AGGREGATOR_DIFF.normalize,
};

/** True when anything but tags and credentials changed, i.e. a Put is needed. */
export function needsPut(
  olds: ConfigurationAggregatorState,
  news: ConfigurationAggregatorInputs,
): boolean {
  return diffByTable(PUT_DIFF, { ...olds }, { ...news }).changes === true;
}
