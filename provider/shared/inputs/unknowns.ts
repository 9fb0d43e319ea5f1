/**
 * Preview unknowns.
 *
 * During `pulumi preview` the engine sends values it cannot know yet as one fixed string, even in
 * place of arrays and objects. Validating or sorting that string as if it were a value produces
 * nonsense (a list of its sorted characters), so every pure step checks for it first.
 */

/** The string the Pulumi engine sends to dynamic providers in place of an unknown value. */
export const PREVIEW_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when `value` is the engine's unknown sentinel. */
export function isUnknown(value: unknown): boolean {
  return value === PREVIEW_UNKNOWN;
}

/** True when `value` is, or contains at any depth, the engine's unknown sentinel. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object")
    return Object.values(value).some(containsUnknown);
  return false;
}
