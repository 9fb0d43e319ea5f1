/**
 * The pure half of the AggregationAuthorization provider, `check` and `diff`: no AWS call and no AWS SDK, so
 * that the runtime answers a preview without loading the SDK (see `provider/runtime.ts`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { checkAuthorization } from "./check";
import { diffAuthorization } from "./diff";
import type { AggregationAuthorizationInputs, AggregationAuthorizationState } from "./schema";

/** `check` and `diff` of AggregationAuthorization. */
export const authorizationPlan = {
  async check(_olds, news) {
    return Promise.resolve(checkAuthorization(news));
  },

  async diff(_id, olds, news) {
    return Promise.resolve(diffAuthorization(olds, news));
  },
} satisfies Pick<
  pulumi.dynamic.ResourceProvider<
    AggregationAuthorizationInputs & { __provider?: string },
    AggregationAuthorizationState
  >,
  "check" | "diff"
>;
