/**
 * `check` for ConfigurationAggregator: validate every input before any AWS call, then normalize
 * (sorted, de-duplicated lists; defaults) so that `diff` compares like with like.
 */
import { type CheckFailure, type RawInputs, validate } from "../shared/inputs/validation";
import { keptOrGeneratedName, type NamedInputs } from "../shared/inputs/naming";
import { withoutUndefined } from "../shared/inputs/values";
import { normalizeFilters, normalizeSource } from "./normalize";
import {
  aggregatorInputSchema,
  crossFieldFailures,
  type ConfigurationAggregatorInputs,
} from "./schema";

/** The result of `check`: normalized inputs, or the failures that stop the preview. */
export interface AggregatorCheckResult {
  readonly inputs: ConfigurationAggregatorInputs;
  readonly failures: CheckFailure[];
}

/** Validates and normalizes aggregator inputs; `olds` are the previous inputs, if any. */
export function checkAggregator(
  olds: NamedInputs | undefined,
  news: object,
): AggregatorCheckResult {
  const { failures, inputs } = validate(aggregatorInputSchema, news, crossFieldFailures);
  if (failures.length > 0)
    return { inputs: inputs as unknown as ConfigurationAggregatorInputs, failures };
  return { inputs: normalizeAggregatorInputs(inputs, olds), failures };
}

/** Normalized inputs: generated name kept stable, lists sorted, defaults made explicit. */
export function normalizeAggregatorInputs(
  inputs: RawInputs,
  olds?: NamedInputs,
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
