/**
 * Early validation of component arguments, apart from the components so it can be tested on its
 * own. Messages name the argument, the value and what is allowed. Only plain values are checked
 * here; values that are Outputs are checked by the resources' own `check` at preview.
 */
import * as pulumi from "@pulumi/pulumi";
import { ACCOUNT_ID_PATTERN, IAM_ROLE_ARN_PATTERN } from "../provider/shared/aws/arn";
import { AWS_REGION_PATTERN, EXPECTED, show } from "../provider/shared/inputs/rules";

/** A component argument that breaks a rule. */
export class ComponentArgumentError extends Error {
  constructor(component: string, name: string, message: string) {
    super(`${component} "${name}": ${message}`);
    this.name = "ComponentArgumentError";
  }
}

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** What a list item or argument must look like, for checks and their messages. */
interface ValueRule {
  readonly pattern: RegExp;
  /** What the value should be, after "is not" (the resources' own words, {@link EXPECTED}). */
  readonly kind: string;
  /** The kind after "list at least one": "12-digit account ID". */
  readonly item: string;
  readonly example: string;
}

const ACCOUNT_ID: ValueRule = {
  pattern: ACCOUNT_ID_PATTERN,
  kind: EXPECTED.accountId,
  item: "12-digit account ID",
  example: "123456789012",
};
const REGION: ValueRule = {
  pattern: AWS_REGION_PATTERN,
  kind: EXPECTED.region,
  item: 'region such as "us-east-1"',
  example: "us-east-1",
};

const ROLE_ARN: ValueRule = {
  pattern: IAM_ROLE_ARN_PATTERN,
  kind: EXPECTED.roleArn,
  item: "IAM role ARN",
  example: "arn:aws:iam::123456789012:role/Name",
};

/** Problems of a list of account IDs: empty, not strings, malformed, or duplicated. */
export function accountListProblems(argument: string, accountIds: readonly unknown[]): string[] {
  return listProblems(argument, accountIds, ACCOUNT_ID);
}

/** Problems of a list of regions: empty, not region names, or duplicated. */
export function regionListProblems(argument: string, regions: readonly unknown[]): string[] {
  return listProblems(argument, regions, REGION);
}

function listProblems(argument: string, values: readonly unknown[], rule: ValueRule): string[] {
  if (values.length === 0) return [`${argument} is empty; list at least one ${rule.item}`];
  const seen = new Set<unknown>();
  return values.flatMap((value, i) => {
    const where = `${argument}[${i}]`;
    const problems = valueProblems(where, value, rule);
    if (problems.length === 0 && seen.has(value))
      problems.push(`${where} ${show(value)} is listed twice`);
    seen.add(value);
    return problems;
  });
}

function valueProblems(argument: string, value: unknown, rule: ValueRule): string[] {
  if (typeof value !== "string") return [notAString(argument, value, rule.example)];
  return rule.pattern.test(value) ? [] : [`${argument} ${show(value)} is not ${rule.kind}`];
}

/** Problems of a single account ID argument. */
export function accountIdProblems(argument: string, accountId: unknown): string[] {
  return valueProblems(argument, accountId, ACCOUNT_ID);
}

/** Problems of a single region argument. */
export function regionProblems(argument: string, region: unknown): string[] {
  return valueProblems(argument, region, REGION);
}

/** Problems of a role ARN known at construction: it must name an IAM role. */
export function roleArnProblems(argument: string, roleArn: unknown): string[] {
  return valueProblems(argument, roleArn, ROLE_ARN);
}

/**
 * A value of the wrong type — typically a number read from YAML stack config, where an unquoted
 * account ID arrives as a number (and would lose a leading zero) — with how to write it instead.
 */
function notAString(argument: string, value: unknown, example: string): string {
  const what =
    value === undefined || value === null
      ? String(value)
      : `the ${Array.isArray(value) ? "array" : typeof value} ${show(value)}`;
  return `${argument} must be a string such as ${show(example)} (quoted in YAML stack config), not ${what}`;
}

/** Problems of a role name used to derive role ARNs. */
export function roleNameProblems(argument: string, roleName: string): string[] {
  return ROLE_NAME.test(roleName)
    ? []
    : [`${argument} ${show(roleName)} is not an IAM role name (1–64 letters, digits and _+=,.@-)`];
}

/** Throws one error listing every problem, if there are any. */
export function assertNoProblems(component: string, name: string, problems: string[]): void {
  if (problems.length > 0) throw new ComponentArgumentError(component, name, problems.join("; "));
}

/** True for a value known while the program runs (not an Output). */
export function isPlain<T>(value: pulumi.Input<T> | undefined): value is T {
  return !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}
