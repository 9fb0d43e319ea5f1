/** `check` and `diff` of ConfigurationAggregator: pure, so the runtime serves them before loading the SDK. */
import { planOf } from "../shared/plan";
import { checkAggregator } from "./check";
import { diffAggregator } from "./diff";
import type { ConfigurationAggregatorInputs, ConfigurationAggregatorState } from "./schema";

/** The pure half of the ConfigurationAggregator provider. */
export const aggregatorPlan = planOf<ConfigurationAggregatorInputs, ConfigurationAggregatorState>(
  (olds, news) => checkAggregator(olds, news),
  diffAggregator,
);
