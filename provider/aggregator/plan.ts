/**
 * The pure half of the ConfigurationAggregator provider, `check` and `diff`: no AWS call and no AWS SDK, so
 * that the runtime answers a preview without loading the SDK (see `provider/runtime.ts`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { checkAggregator } from "./check";
import { diffAggregator } from "./diff";
import type { ConfigurationAggregatorInputs, ConfigurationAggregatorState } from "./schema";

/** `check` and `diff` of ConfigurationAggregator. */
export const aggregatorPlan = {
  async check(olds, news) {
    return Promise.resolve(checkAggregator(olds, news));
  },

  async diff(_id, olds, news) {
    return Promise.resolve(diffAggregator(olds, news));
  },
} satisfies Pick<
  pulumi.dynamic.ResourceProvider<
    ConfigurationAggregatorInputs & { __provider?: string },
    ConfigurationAggregatorState
  >,
  "check" | "diff"
>;
