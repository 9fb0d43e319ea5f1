/**
 * The implementation the serialized providers load at run time, as
 * `require("pulumi-aws-config-aggregation/runtime")` from the program's directory.
 *
 * Keeping the implementation here, outside the text Pulumi stores in state, keeps that text small
 * and means an upgrade of this package also fixes delete and refresh of resources created by an
 * older version (state keeps the provider text that was current at the last update).
 */
import { aggregatorPlan } from "./aggregator/plan";
import { authorizationPlan } from "./authorization/plan";
import { delegatedAdministratorPlan } from "./delegated-administrator/plan";
import { rolePlan } from "./role/plan";
import { serviceAccessPlan } from "./service-access/plan";
import { applyStackConfig, type StackConfig } from "./shared/aws/settings";
import type { ProviderKind } from "./shared/stub";

/** A provider seen as its methods, for dispatch by name. */
type Methods = Partial<Record<string, (...args: unknown[]) => Promise<unknown>>>;

/** `check` and `diff` of each kind: pure, loaded with the runtime, without the AWS SDK. */
const plans = {
  aggregator: aggregatorPlan,
  authorization: authorizationPlan,
  role: rolePlan,
  serviceAccess: serviceAccessPlan,
  delegatedAdministrator: delegatedAdministratorPlan,
} satisfies Record<ProviderKind, unknown>;

/*
 * The whole providers, loaded on the first create, read, update or delete of their kind. They
 * bring the AWS SDK clients, which take longer to load than the rest of the package; a preview
 * needs only `check` and `diff`, so the host answers its first call without waiting for them.
 * `require` rather than `import()`: the package is CommonJS, and the module is needed at once.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const implementations = {
  aggregator: () =>
    (require("./aggregator/provider") as typeof import("./aggregator/provider")).aggregatorProvider,
  authorization: () =>
    (require("./authorization/provider") as typeof import("./authorization/provider"))
      .authorizationProvider,
  role: () => (require("./role/provider") as typeof import("./role/provider")).roleProvider,
  serviceAccess: () =>
    (require("./service-access/provider") as typeof import("./service-access/provider"))
      .serviceAccessProvider,
  delegatedAdministrator: () =>
    (
      require("./delegated-administrator/provider") as typeof import("./delegated-administrator/provider")
    ).delegatedAdministratorProvider,
} satisfies Record<ProviderKind, () => unknown>;
/* eslint-enable @typescript-eslint/no-require-imports */

/** The kinds of resource this package implements (declared with the stubs that name them). */
export type { ProviderKind };

/** The methods the dynamic-provider host calls. */
const METHODS = ["configure", "check", "diff", "create", "read", "update", "delete"] as const;

/**
 * The provider object of `kind` that `providerText` hands to the dynamic-provider host: each
 * method goes through {@link dispatch}, so `configure` applies the stack config.
 */
export function provider(kind: ProviderKind): Methods {
  return Object.fromEntries(
    METHODS.map((method) => [method, (...args: unknown[]) => dispatch(kind, method, args)]),
  );
}

/**
 * Runs one provider method; the `__provider` texts call this (directly, in resources stored by
 * earlier versions). `configure` applies the stack config
 * (`aws:region`, `aws:profile`) for the whole host process.
 */
export async function dispatch(
  kind: ProviderKind,
  method: string,
  args: unknown[],
): Promise<unknown> {
  if (method === "configure") {
    applyStackConfig((args[0] as { config: StackConfig }).config);
    return undefined;
  }
  const pure = method === "check" || method === "diff";
  const methods = (pure ? plans[kind] : implementations[kind]()) as unknown as Methods;
  const implementation = methods[method];
  if (!implementation) throw new Error(`the ${kind} provider has no ${method} method`);
  return implementation(...args);
}
