/**
 * What Pulumi stores in state as each resource's `__provider`: the dynamic-provider host runs it
 * (`require-from-string`, then `.handler()`) to get the provider object.
 *
 * It holds no logic: it loads this package's runtime by name from the program's directory (where
 * the host runs) and asks it for the provider of one kind. It captures no SDK client or
 * credential, and does not change when the implementation does, so an upgrade of this package
 * also fixes delete and refresh of resources an older version created.
 */
import * as pulumi from "@pulumi/pulumi";

/**
 * The kinds of resource this package implements: the names the stubs ask the runtime for. Declared
 * here, where the stubs are made, so that the runtime depends on the stubs and not the other way.
 */
export type ProviderKind =
  "aggregator" | "authorization" | "role" | "serviceAccess" | "delegatedAdministrator";

/** The module specifier the stubs load; resolved from the Pulumi program's directory. */
export const RUNTIME_MODULE = "pulumi-aws-config-aggregation/runtime";

/**
 * The `__provider` text of `kind`: one line (about 100 bytes) instead of the 2 KB that Pulumi's
 * closure serializer makes of a provider object. Pulumi stores it twice per resource (inputs and
 * outputs), and the engine rewrites the whole state after every step, so its size is paid
 * O(resources²) in a deployment's time.
 */
export function providerText(kind: ProviderKind): string {
  return `exports.handler = () => require(${JSON.stringify(RUNTIME_MODULE)}).provider(${JSON.stringify(kind)});\n`;
}

/**
 * A resource served by this package's dynamic provider. It registers what `dynamic.Resource`
 * does — the `pulumi-nodejs:dynamic/<module>:<type>` token and a `__provider` property — but with
 * {@link providerText} instead of a serialized provider object.
 */
export abstract class DelegatedResource extends pulumi.CustomResource {
  protected constructor(
    kind: ProviderKind,
    type: string,
    name: string,
    props: pulumi.Inputs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(
      `pulumi-nodejs:dynamic/aws-config:${type}`,
      name,
      { ...props, __provider: providerText(kind) },
      opts,
    );
  }
}

/**
 * A provider object for `kind` that delegates every call to the installed runtime: what resources
 * stored as `__provider` before {@link providerText} (Pulumi's serialization of this object), and
 * what a host given the object itself runs.
 */
export function delegatingProvider(kind: ProviderKind): pulumi.dynamic.ResourceProvider {
  /* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call --
     the runtime is loaded by name at run time on purpose; `dispatch` is typed in runtime.ts. */
  // A local copy: compiled code would otherwise read `exports.RUNTIME_MODULE`, and the serializer
  // would then capture this module's exports object, which fails for an installed package.
  const runtimeModule = RUNTIME_MODULE;
  const call = (method: string, args: unknown[]): Promise<never> =>
    require(runtimeModule).dispatch(kind, method, args);
  /* eslint-enable */
  return {
    configure: (...args) => call("configure", args),
    check: (...args) => call("check", args),
    diff: (...args) => call("diff", args),
    create: (...args) => call("create", args),
    read: (...args) => call("read", args),
    update: (...args) => call("update", args),
    delete: (...args) => call("delete", args),
  };
}
