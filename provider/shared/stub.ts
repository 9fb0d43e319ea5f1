/**
 * The provider object that Pulumi serializes into state for every resource.
 *
 * It holds no logic: each method loads this package's runtime by name from the program's
 * directory (where the dynamic-provider host runs) and delegates. The serialized text therefore
 * stays under a kilobyte or two, captures no SDK client or credential, and does not change when
 * the implementation does. Loading with `require` inside the methods is what Pulumi's closure
 * serializer handles best (an import at module level would be serialized by value or fail).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ProviderKind } from "../runtime";

/** The module specifier the stubs load; resolved from the Pulumi program's directory. */
export const RUNTIME_MODULE = "pulumi-aws-config-aggregation/runtime";

/** A provider for `kind` that delegates every call to the installed runtime. */
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
