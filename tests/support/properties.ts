import { isDeepStrictEqual } from "node:util";
import type { PropertyMap } from "./host";

/** The key that marks a special value in Pulumi's property wire format. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret: `{ [SIG_KEY]: SECRET_SIG, value }` on the wire. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A secret in wire format, as the SDK registers `pulumi.secret(...)` and the engine keeps it. */
export interface WireSecret {
  [SIG_KEY]: typeof SECRET_SIG;
  value: unknown;
}

/** True when `value` is a wire-format secret. */
export function isSecret(value: unknown): value is WireSecret {
  return isObject(value) && value[SIG_KEY] === SECRET_SIG;
}

/** Wraps `value` as a wire-format secret (once). */
export function secret(value: unknown): WireSecret {
  return isSecret(value) ? value : { [SIG_KEY]: SECRET_SIG, value };
}

/**
 * Removes every secret wrapper, deeply: what the engine sends to a provider that does not accept
 * secrets, as the dynamic-provider host does not.
 */
export function reveal<T = unknown>(value: T): T {
  if (isSecret(value)) return reveal(value.value) as T;
  if (Array.isArray(value)) return (value as unknown[]).map((v) => reveal(v)) as T;
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)])) as T;
  }
  return value;
}

/**
 * Marks as secret every property of `outputs` whose counterpart in `inputs` is secret, recursing into
 * objects present on both sides; a list that held a secret anywhere becomes secret as a whole, as
 * the engine records it (seen in `pulumi stack export`). This restores secrecy after a provider
 * that cannot see secrets returns plain values.
 */
export function annotateSecrets(outputs: unknown, inputs: unknown): unknown {
  if (isSecret(inputs)) return secret(reveal(outputs));
  if (isSecret(outputs)) return outputs;
  if (Array.isArray(outputs) && Array.isArray(inputs)) {
    // The engine marks a whole list secret when any element was: positions do not survive a
    // provider that sorts or de-duplicates lists, as these providers do.
    if (inputs.some(containsSecret)) return secret(reveal(outputs));
    return outputs;
  }
  if (isObject(outputs) && isObject(inputs)) {
    return Object.fromEntries(
      Object.entries(outputs).map(([k, v]) => [k, k in inputs ? annotateSecrets(v, inputs[k]) : v]),
    );
  }
  return outputs;
}

/** True when `value` is a secret or holds one at any depth. */
function containsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (isObject(value)) return Object.values(value).some(containsSecret);
  return false;
}

/** Replaces the value of every secret, deeply, with `seal(value)`; used to write state safely. */
export function sealSecrets(value: unknown, seal: (plain: unknown) => string): unknown {
  if (isSecret(value)) return { [SIG_KEY]: SECRET_SIG, ciphertext: seal(reveal(value.value)) };
  if (Array.isArray(value)) return value.map((v) => sealSecrets(v, seal));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sealSecrets(v, seal)]));
  }
  return value;
}

/**
 * The top-level keys whose values differ between `olds` and `news`, sorted; secrets are compared by
 * value and `__provider` (the serialized code) is ignored, as the change is not the user's.
 */
export function changedKeys(olds: PropertyMap, news: PropertyMap): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  keys.delete("__provider");
  return [...keys].filter((k) => !sameValue(olds[k], news[k])).sort();
}

/** Deep equality of two property values, ignoring secrecy. */
export function sameValue(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(reveal(a), reveal(b));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
