/**
 * The part of `check` every resource shares: drop the serialized provider, validate against the
 * schema and the cross-field rules, settle the region, and turn schema issues into the
 * `{ property, reason }` failures that `check` returns, so that `pulumi preview` lists every
 * problem at once, with paths like `accountAggregationSource.accountIds[2]`.
 */
import type { z } from "zod";
import { defaultRegion } from "../aws/settings";
import { isUnknown } from "./unknowns";

/** One input problem, as the dynamic-provider `check` contract reports it. */
export interface CheckFailure {
  /** Path of the offending input, e.g. `tags["cost center"]` or `assumeRole.roleArn`. */
  readonly property: string;
  /** What is wrong and what is allowed. */
  readonly reason: string;
}

/** Inputs as the engine sends them, `__provider` included. */
export type RawInputs = Record<string, unknown>;

/** The outcome of validation: failures, or inputs ready to normalize. */
export interface Validated {
  readonly failures: CheckFailure[];
  /** The inputs without `__provider`, with `region` defaulted. */
  readonly inputs: RawInputs;
}

/** Validates `news` against `schema` plus `crossField`, and fills in the default region. */
export function validate(
  schema: z.ZodType,
  news: object,
  crossField: (inputs: RawInputs) => CheckFailure[],
): Validated {
  const { __provider: _provider, ...inputs } = news as RawInputs;
  const failures = [...schemaFailures(schema, inputs), ...crossField(inputs)];
  const region = inputs.region ?? defaultRegion();
  if (region === undefined) {
    failures.push({
      property: "region",
      reason:
        'no region given: set the "region" input, the stack config "aws:region", or the AWS_REGION environment variable',
    });
  }
  return { failures, inputs: { ...inputs, region } };
}

type PathPart = PropertyKey;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Renders a path as `a.b[0].c`; keys that are not identifiers become `["my key"]`. */
export function formatPath(path: readonly PathPart[]): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else if (typeof part === "string" && IDENTIFIER.test(part)) text += text ? `.${part}` : part;
    else text += `[${JSON.stringify(String(part))}]`;
  }
  return text;
}

/**
 * Validates `input` against `schema` and returns every failure. Issues on a value that is, or
 * sits below, the preview-unknown sentinel are dropped: an unknown is not a wrong value.
 */
export function schemaFailures(schema: z.ZodType, input: unknown): CheckFailure[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  const failures: CheckFailure[] = [];
  for (const issue of result.error.issues) {
    if (crossesUnknown(input, issue.path)) continue;
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        failures.push({
          property: formatPath([...issue.path, key]),
          reason: `unknown property${allowed ? `; allowed properties are: ${allowed}` : ""}`,
        });
      }
      continue;
    }
    failures.push({ property: formatPath(issue.path), reason: issue.message });
  }
  return failures;
}

/** True when any value along `path` in `input` (the root included) is the unknown sentinel. */
function crossesUnknown(input: unknown, path: readonly PathPart[]): boolean {
  let value = input;
  for (const part of path) {
    if (isUnknown(value)) return true;
    if (value === null || typeof value !== "object") return false;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return isUnknown(value);
}

/** The keys a strict object schema at `path` accepts, for a helpful "unknown property" message. */
function allowedKeysAt(schema: z.ZodType, path: readonly PathPart[]): string | undefined {
  let node: unknown = schema;
  for (const part of path) {
    node = unwrap(node);
    const shape = shapeOf(node);
    if (shape && typeof part === "string") node = shape[part];
    else if (isArraySchema(node)) node = (node as { element: unknown }).element;
    else return undefined;
  }
  const shape = shapeOf(unwrap(node));
  return shape
    ? Object.keys(shape)
        .filter((key) => !SET_BY_RESOURCE_CLASSES.has(key))
        .join(", ")
    : undefined;
}

/** Inputs the resource classes fill in themselves; listing them would invite users to set them. */
const SET_BY_RESOURCE_CLASSES = new Set(["autoNamePrefix"]);

function unwrap(node: unknown): unknown {
  let current = node as { unwrap?: () => unknown } | undefined;
  while (current && typeof current.unwrap === "function" && !shapeOf(current)) {
    current = current.unwrap() as typeof current;
  }
  return current;
}

function shapeOf(node: unknown): Record<string, unknown> | undefined {
  const shape = (node as { shape?: unknown } | undefined)?.shape;
  return shape && typeof shape === "object" ? (shape as Record<string, unknown>) : undefined;
}

function isArraySchema(node: unknown): boolean {
  return (node as { element?: unknown } | undefined)?.element !== undefined;
}
