/**
 * The pure half of the ServiceAccess provider, `check` and `diff`: no AWS call and no AWS SDK, so
 * that the runtime answers a preview without loading the SDK (see `provider/runtime.ts`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { checkServiceAccess } from "./check";
import { diffServiceAccess } from "./diff";
import type { ServiceAccessInputs, ServiceAccessState } from "./schema";

/** `check` and `diff` of ServiceAccess. */
export const serviceAccessPlan = {
  async check(_olds, news) {
    return Promise.resolve(checkServiceAccess(news));
  },

  async diff(_id, olds, news) {
    return Promise.resolve(diffServiceAccess(olds, news));
  },
} satisfies Pick<
  pulumi.dynamic.ResourceProvider<
    ServiceAccessInputs & { __provider?: string },
    ServiceAccessState
  >,
  "check" | "diff"
>;
