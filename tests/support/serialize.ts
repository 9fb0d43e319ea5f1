import * as pulumi from "@pulumi/pulumi";

type Provider = pulumi.dynamic.ResourceProvider;

// The serialized text embeds the source of the arrow function that captures the provider. Written
// in this file, it would be embedded as our compiler prints it (tsx prints `()=>provider`), while
// @pulumi/pulumi's compiled `dynamic/index.js` has `() => provider`; the texts must be identical.
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a constant body, see above
const capture = new Function("provider", "return () => provider;") as (
  p: Provider,
) => () => Provider;

// Keyed on the provider object, as `pulumi.dynamic.Resource` does, so each provider is serialized once.
const cache = new WeakMap<object, Promise<string>>();

/**
 * Returns the `__provider` text that `pulumi.dynamic.Resource` stores for `provider`, character for
 * character: the same `serializeFunction(() => provider, { allowSecrets: true })` call, so the host
 * loads exactly the code a real deployment would (and caches it as the same provider). The result
 * is cached per provider object.
 */
export function serializeProvider(provider: Provider): Promise<string> {
  let text = cache.get(provider);
  if (text === undefined) {
    text = pulumi.runtime
      .serializeFunction(capture(provider), { allowSecrets: true })
      .then((serialized) => serialized.text);
    cache.set(provider, text);
  }
  return text;
}
