/**
 * The implementation the serialized providers load at run time, as
 * `require("pulumi-aws-config-aggregation/runtime")` from the program's directory.
 *
 * Keeping the implementation here, outside the text Pulumi stores in state, keeps that text small
 * and means an upgrade of this package also fixes delete and refresh of resources created by an
 * older version (state keeps the provider text that was current at the last update).
 */
import { aggregatorProvider } from "./aggregator/provider";
import { authorizationProvider } from "./authorization/provider";
import { delegationProvider } from "./delegated-administrator/provider";
import { roleProvider } from "./role/provider";
import { trustedAccessProvider } from "./service-access/provider";
import { applyStackConfig, type StackConfig } from "./shared/aws/settings";
import type { ProviderKind } from "./shared/stub";

/** A provider seen as its methods, for dispatch by name. */
type Methods = Partial<Record<string, (...args: unknown[]) => Promise<unknown>>>;

/** The providers, by the kind name the serialized stubs use. */
export const providers = {
  aggregator: aggregatorProvider,
  authorization: authorizationProvider,
  role: roleProvider,
  serviceAccess: trustedAccessProvider,
  delegatedAdministrator: delegationProvider,
} satisfies Record<ProviderKind, unknown>;

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
  const implementation = (providers[kind] as unknown as Methods)[method];
  if (!implementation) throw new Error(`the ${kind} provider has no ${method} method`);
  return implementation(...args);
}
