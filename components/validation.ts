/**
 * Early validation of component arguments, apart from the components so it can be tested on its
 * own. Messages name the argument, the value and what is allowed. Only plain values are checked
 * here; values that are Outputs are checked by the resources' own `check` at preview.
 */
import * as pulumi from "@pulumi/pulumi";
import { ACCOUNT_ID_PATTERN } from "../provider/shared/arn";

/** A component argument that breaks a rule. */
export class ComponentArgumentError extends Error {
  constructor(component: string, name: string, message: string) {
    super(`${component} "${name}": ${message}`);
    this.name = "ComponentArgumentError";
  }
}

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** Problems of a list of account IDs: empty, malformed, or duplicated. */
export function accountListProblems(argument: string, accountIds: readonly string[]): string[] {
  if (accountIds.length === 0)
    return [`${argument} is empty; list at least one 12-digit account ID`];
  const problems: string[] = [];
  const seen = new Set<string>();
  accountIds.forEach((id, i) => {
    if (!ACCOUNT_ID_PATTERN.test(id))
      problems.push(`${argument}[${i}] ${JSON.stringify(id)} is not a 12-digit account ID`);
    else if (seen.has(id)) problems.push(`${argument}[${i}] ${JSON.stringify(id)} is listed twice`);
    seen.add(id);
  });
  return problems;
}

/** Problems of a list of regions: empty or duplicated. */
export function regionListProblems(argument: string, regions: readonly string[]): string[] {
  if (regions.length === 0)
    return [`${argument} is empty; list at least one region such as "us-east-1"`];
  const duplicates = regions.filter((region, i) => regions.indexOf(region) !== i);
  return [...new Set(duplicates)].map(
    (region) => `${argument} lists ${JSON.stringify(region)} twice`,
  );
}

/** Problems of a role name used to derive role ARNs. */
export function roleNameProblems(argument: string, roleName: string): string[] {
  return ROLE_NAME.test(roleName)
    ? []
    : [
        `${argument} ${JSON.stringify(roleName)} is not an IAM role name (1–64 letters, digits and _+=,.@-)`,
      ];
}

/** Throws one error listing every problem, if there are any. */
export function assertNoProblems(component: string, name: string, problems: string[]): void {
  if (problems.length > 0) throw new ComponentArgumentError(component, name, problems.join("; "));
}

/** True for a value known while the program runs (not an Output). */
export function isPlain<T>(value: pulumi.Input<T> | undefined): value is T {
  return !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}
