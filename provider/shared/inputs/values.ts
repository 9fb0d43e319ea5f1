/**
 * Order-insensitive normalization and comparison of plain values, shared by `check` and `diff`.
 */
import { isUnknown } from "./unknowns";

/** Sorted, de-duplicated copy of a string list; the unknown sentinel passes through untouched. */
export function sortedUnique<T extends readonly string[] | string | undefined>(list: T): T {
  if (list === undefined || typeof list === "string") return list;
  if (list.some(isUnknown)) return list;
  return [...new Set(list)].sort() as unknown as T;
}

/** Deep equality of JSON-like values where object key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const aKeys = definedKeys(a);
  const bKeys = definedKeys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) =>
    deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** Keys whose values are not `undefined`: an absent key and an undefined one mean the same here. */
function definedKeys(value: object): string[] {
  return Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
}

/** A copy of `value` without the keys whose value is `undefined` (Pulumi state cannot hold them). */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
