/**
 * The pure half of a provider: `check` and `diff`, with no AWS call and no AWS SDK. Each resource
 * has one (its `plan.ts`); its provider spreads it, and the runtime serves it alone until a call
 * needs AWS, so that a preview never waits for the SDK to load (see `provider/runtime.ts`).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { CheckFailure } from "./inputs/validation";

/** Inputs as the host hands them over: with the `__provider` text beside the resource's own. */
type Stored<Inputs> = Inputs & { __provider?: string };

/** `check` and `diff` of one resource, as the dynamic-provider host calls them. */
export type Plan<Inputs, State> = Required<
  Pick<pulumi.dynamic.ResourceProvider<Stored<Inputs>, State>, "check" | "diff">
>;

/** The plan of a resource from its pure `check` (earlier inputs, new inputs) and `diff`. */
export function planOf<Inputs, State>(
  check: (olds: Inputs | undefined, news: Inputs) => { inputs: Inputs; failures: CheckFailure[] },
  diff: (olds: State, news: Inputs) => pulumi.dynamic.DiffResult,
): Plan<Inputs, State> {
  return {
    check: (olds, news) => {
      const { inputs, failures } = check(olds, news);
      return Promise.resolve({ inputs: inputs as Stored<Inputs>, failures });
    },
    diff: (_id, olds, news) => Promise.resolve(diff(olds, news)),
  };
}
