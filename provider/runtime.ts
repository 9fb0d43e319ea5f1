/**
 * The implementation the serialized providers load at run time, as
 * `require("pulumi-aws-config-aggregation/runtime")` from the program's directory.
 *
 * Keeping the implementation here, outside the text Pulumi stores in state, keeps that text small
 * and means an upgrade of this package also fixes delete and refresh of resources created by an
 * older version (state keeps the provider text that was current at the last update).
 */
import type * as pulumi from "@pulumi/pulumi";
import { aggregatorProvider } from "./aggregator/provider";
import { authorizationProvider } from "./authorization/provider";
import { roleProvider } from "./role/provider";
import { applyStackConfig, type StackConfig } from "./shared/settings";

/** The providers, by the kind name the serialized stubs use. */
export const providers: Record<ProviderKind, pulumi.dynamic.ResourceProvider> = {
  aggregator: aggregatorProvider as pulumi.dynamic.ResourceProvider,
  authorization: authorizationProvider as pulumi.dynamic.ResourceProvider,
  role: roleProvider as pulumi.dynamic.ResourceProvider,
};

/** The kinds of resource this package implements. */
export type ProviderKind = "aggregator" | "authorization" | "role";

/**
 * Runs one provider method; the serialized stubs call this. `configure` applies the stack config
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
  const provider = providers[kind] as unknown as Record<
    string,
    (...a: unknown[]) => Promise<unknown>
  >;
  const implementation = provider[method];
  if (!implementation) throw new Error(`the ${kind} provider has no ${method} method`);
  return implementation(...args);
}
