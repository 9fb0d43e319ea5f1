/**
 * The pure half of the DelegatedAdministrator provider, `check` and `diff`: no AWS call and no AWS SDK, so
 * that the runtime answers a preview without loading the SDK (see `provider/runtime.ts`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { checkDelegatedAdministrator } from "./check";
import { diffDelegatedAdministrator } from "./diff";
import type { DelegatedAdministratorInputs, DelegatedAdministratorState } from "./schema";

/** `check` and `diff` of DelegatedAdministrator. */
export const delegatedAdministratorPlan = {
  async check(_olds, news) {
    return Promise.resolve(checkDelegatedAdministrator(news));
  },

  async diff(_id, olds, news) {
    return Promise.resolve(diffDelegatedAdministrator(olds, news));
  },
} satisfies Pick<
  pulumi.dynamic.ResourceProvider<
    DelegatedAdministratorInputs & { __provider?: string },
    DelegatedAdministratorState
  >,
  "check" | "diff"
>;
