import { AwsError } from "../errors.js";

/**
 * A minimal description of a JSON 1.1 input shape: enough to reject wrongly typed members with a
 * `SerializationException` before any validation runs, as AWS's deserializer does. Constraints
 * (lengths, patterns) are not here; the operations check them so that messages name each member.
 */
export type Shape =
  | { readonly type: "string" | "boolean" | "integer" }
  | { readonly type: "list"; readonly member: Shape }
  | { readonly type: "map"; readonly value: Shape }
  | { readonly type: "structure"; readonly members: Readonly<Record<string, Shape>> };

/** Shape constructors, so that operation input declarations read like the model. */
export const s = {
  string: { type: "string" } as Shape,
  boolean: { type: "boolean" } as Shape,
  integer: { type: "integer" } as Shape,
  list: (member: Shape): Shape => ({ type: "list", member }),
  map: (value: Shape): Shape => ({ type: "map", value }),
  struct: (members: Record<string, Shape>): Shape => ({ type: "structure", members }),
};

/**
 * Checks `value` against `shape` and returns it with nulls removed and unknown members dropped
 * (AWS ignores members it does not know). Integers with a fraction are truncated, as AWS's
 * number parsing does. Throws `SerializationException` on a type mismatch.
 */
export function decode(value: unknown, shape: Shape): unknown {
  switch (shape.type) {
    case "string":
      if (typeof value !== "string") throw mismatch(value, "String");
      return value;
    case "boolean":
      if (typeof value !== "boolean") throw mismatch(value, "Boolean");
      return value;
    case "integer":
      if (typeof value !== "number" || !Number.isFinite(value)) throw mismatch(value, "Integer");
      if (Math.abs(value) > 2147483647) throw serialization("Numeric value out of range of int");
      return Math.trunc(value);
    case "list":
      if (!Array.isArray(value)) throw mismatch(value, "List");
      return value.filter((v) => v !== null).map((v) => decode(v, shape.member));
    case "map":
      return decodeObject(value, (entries) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of entries) if (v !== null) out[k] = decode(v, shape.value);
        return out;
      });
    case "structure":
      return decodeObject(value, (entries) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of entries) {
          const member = Object.hasOwn(shape.members, k) ? shape.members[k] : undefined;
          if (member !== undefined && v !== null) out[k] = decode(v, member);
        }
        return out;
      });
  }
}

function decodeObject(
  value: unknown,
  build: (entries: [string, unknown][]) => Record<string, unknown>,
): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw mismatch(value, "Structure");
  return build(Object.entries(value));
}

/** Messages in the form AWS's JSON deserializer uses, named after the JSON token it met. */
function mismatch(value: unknown, target: string): AwsError {
  if (Array.isArray(value)) return serialization("Start of list found where not expected");
  if (value !== null && typeof value === "object")
    return serialization("Start of structure or map found where not expected.");
  return serialization(`${tokenName(value)} can not be converted to ${article(target)}${target}`);
}

function tokenName(value: unknown): string {
  if (typeof value === "string") return "STRING_VALUE";
  if (typeof value === "number") return "NUMBER_VALUE";
  if (value === true) return "TRUE_VALUE";
  if (value === false) return "FALSE_VALUE";
  return "VALUE_NULL";
}

function article(target: string): string {
  return /^[AEIOU]/.test(target) ? "an " : "a ";
}

/** A `SerializationException`: the body could not be read as the operation's input. */
export function serialization(message: string): AwsError {
  return new AwsError("SerializationException", message);
}
