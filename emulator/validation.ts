import { AwsError } from "./errors.js";

/**
 * Collects input-constraint violations and reports them the way AWS's request validation does:
 * `2 validation errors detected: Value 'x' at 'name' failed to satisfy constraint: ...; ...`.
 * Paths use AWS's form: lower-camel member names, 1-based list positions and `.member.`
 * (`tags.1.member.key`). Every check is independent so that one request reports all its problems.
 */
export class Violations {
  private readonly messages: string[] = [];
  private readonly constraints: string[] = [];

  /** @param code the error code to throw: `ValidationException` (JSON services) or `ValidationError` (STS, IAM). */
  constructor(private readonly code = "ValidationException") {}

  /** Records one violation of `constraint` by `value` at `path`. */
  add(value: unknown, path: string, constraint: string, sensitive = false): void {
    const shown = sensitive ? "'***'" : renderValue(value);
    this.messages.push(`Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
    this.constraints.push(constraint);
  }

  /** Records `Member must not be null` when the value is absent; returns whether it is present. */
  required<T>(value: T | undefined | null, path: string): value is T {
    if (value !== undefined && value !== null) return true;
    this.add(null, path, "Member must not be null");
    return false;
  }

  /** Length bounds of a string, counted in Unicode code points as Smithy defines `@length`. */
  length(
    value: string | undefined,
    path: string,
    min: number,
    max?: number,
    sensitive = false,
  ): void {
    if (value === undefined) return;
    const failed = lengthFailure(value, min, max);
    if (failed !== undefined) this.add(value, path, failed, sensitive);
  }

  /** A whole-value regular expression, reported with the pattern as written in the service model. */
  pattern(value: string | undefined, path: string, source: string, sensitive = false): void {
    if (value === undefined || matches(value, source)) return;
    this.add(value, path, `Member must satisfy regular expression pattern: ${source}`, sensitive);
  }

  /** Numeric range of an integer member. */
  range(value: number | undefined, path: string, min: number, max: number): void {
    if (value === undefined) return;
    if (value < min)
      this.add(value, path, `Member must have value greater than or equal to ${min}`);
    else if (value > max)
      this.add(value, path, `Member must have value less than or equal to ${max}`);
  }

  /** Item count of a list (AWS calls it "length" too). */
  count(list: readonly unknown[] | undefined, path: string, min: number, max?: number): void {
    if (list === undefined) return;
    if (max !== undefined && list.length > max)
      this.add(list, path, `Member must have length less than or equal to ${max}`);
    else if (list.length < min)
      this.add(list, path, `Member must have length greater than or equal to ${min}`);
  }

  /**
   * Constraints on the members of a list of strings. AWS reports these once, on the list, as
   * `Member must satisfy constraint: [<each failed member constraint>]`.
   */
  members(
    list: readonly string[] | undefined,
    path: string,
    rule: { readonly min?: number; readonly max?: number; readonly pattern?: string },
  ): void {
    if (list === undefined) return;
    const failed = new Set<string>();
    for (const item of list) {
      if (rule.max !== undefined && codePoints(item) > rule.max)
        failed.add(`Member must have length less than or equal to ${rule.max}`);
      if (rule.min !== undefined && codePoints(item) < rule.min)
        failed.add(`Member must have length greater than or equal to ${rule.min}`);
      if (rule.pattern !== undefined && !matches(item, rule.pattern))
        failed.add(`Member must satisfy regular expression pattern: ${rule.pattern}`);
    }
    if (failed.size > 0)
      this.add(list, path, `Member must satisfy constraint: [${[...failed].join(", ")}]`);
  }

  /** An enum member. */
  oneOf(value: string | undefined, path: string, allowed: readonly string[]): void {
    if (value === undefined || allowed.includes(value)) return;
    this.add(value, path, `Member must satisfy enum value set: [${allowed.join(", ")}]`);
  }

  /** The constraint of the first violation recorded, e.g. `Member must not be null`. */
  firstConstraint(): string | undefined {
    return this.constraints[0];
  }

  /** All violations in AWS's one-message form; `undefined` when there are none. */
  message(): string | undefined {
    const n = this.messages.length;
    if (n === 0) return undefined;
    const noun = n === 1 ? "validation error" : "validation errors";
    return `${n} ${noun} detected: ${this.messages.join("; ")}`;
  }

  /** Throws the collected violations as one error; does nothing when there are none. */
  throwIfAny(): void {
    const message = this.message();
    if (message !== undefined) throw new AwsError(this.code, message);
  }
}

function lengthFailure(value: string, min: number, max: number | undefined): string | undefined {
  const n = codePoints(value);
  if (max !== undefined && n > max) return `Member must have length less than or equal to ${max}`;
  if (n < min) return `Member must have length greater than or equal to ${min}`;
  return undefined;
}

/** Length in Unicode code points; the fast path avoids allocating for the common ASCII case. */
export function codePoints(value: string): number {
  let n = value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      n--;
      i++;
    }
  }
  return n;
}

const compiled = new Map<string, RegExp>();

/** Whole-string match of a model pattern (`u` flag so `\p{L}` works; `\w` stays ASCII as in Java). */
export function matches(value: string, source: string): boolean {
  let re = compiled.get(source);
  if (re === undefined) {
    re = new RegExp(`^(?:${source})$`, "u");
    compiled.set(source, re);
  }
  return re.test(value);
}

/** Renders a value as AWS's messages do: `null`, or Java's `toString()` in single quotes. */
function renderValue(value: unknown): string {
  return value === undefined || value === null ? "null" : `'${javaString(value)}'`;
}

function javaString(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(javaString).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${k}: ${javaString(v)}`);
    return `{${entries.join(",")}}`;
  }
  return String(value);
}
