/**
 * The pure half of the ServiceRole provider, `check` and `diff`: no AWS call and no AWS SDK, so
 * that the runtime answers a preview without loading the SDK (see `provider/runtime.ts`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { checkRole } from "./check";
import { diffRole } from "./diff";
import type { ServiceRoleInputs, ServiceRoleState } from "./schema";

/** `check` and `diff` of ServiceRole. */
export const rolePlan = {
  async check(olds, news) {
    return Promise.resolve(checkRole(olds, news));
  },

  async diff(_id, olds, news) {
    return Promise.resolve(diffRole(olds, news));
  },
} satisfies Pick<
  pulumi.dynamic.ResourceProvider<ServiceRoleInputs & { __provider?: string }, ServiceRoleState>,
  "check" | "diff"
>;
