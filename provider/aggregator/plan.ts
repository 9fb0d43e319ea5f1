/** ConfigurationAggregator: `check` and `diff`, pure (served before the AWS SDK loads). */
import { planOf } from "../shared/plan";
import { checkAggregator } from "./check";
import { diffAggregator } from "./diff";
import type { ConfigurationAggregatorInputs, ConfigurationAggregatorState } from "./schema";

/** The pure half of the ConfigurationAggregator provider. */
export const aggregatorPlan = planOf<ConfigurationAggregatorInputs, ConfigurationAggregatorState>(
  (olds, news) => checkAggregator(olds, news),
  diffAggregator,
);
