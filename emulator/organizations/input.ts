import { decodeToken, page } from "../pagination.js";
import { Violations } from "../validation.js";
import { invalidInput } from "./errors.js";

/** Model patterns, as written in the Organizations model. */
const SERVICE_PRINCIPAL_PATTERN = "[\\w+=,.@-]*";
const ACCOUNT_ID_PATTERN = "^\\d{12}$";

/** The most results a page holds, and the default when `MaxResults` is absent (model: 1..20). */
export const MAX_RESULTS = 20;

/** Checks `ServicePrincipal` (1..128 characters, `[\w+=,.@-]*`). */
export function checkServicePrincipal(
  v: Violations,
  value: string | undefined,
  required: boolean,
): void {
  if (required && !v.required(value, "servicePrincipal")) return;
  v.length(value, "servicePrincipal", 1, 128);
  v.pattern(value, "servicePrincipal", SERVICE_PRINCIPAL_PATTERN);
}

/** Checks `AccountId` (required, at most 12 characters, `^\d{12}$`). */
export function checkAccountId(v: Violations, value: string | undefined): void {
  if (!v.required(value, "accountId")) return;
  v.length(value, "accountId", 0, 12);
  v.pattern(value, "accountId", ACCOUNT_ID_PATTERN);
}

/** Checks the paging members: `MaxResults` 1..20, `NextToken` at most 100,000 characters. */
export function checkPaging(
  v: Violations,
  input: { readonly MaxResults?: number; readonly NextToken?: string },
): void {
  v.range(input.MaxResults, "maxResults", 1, MAX_RESULTS);
  v.length(input.NextToken, "nextToken", 0, 100_000);
}

/**
 * Throws the collected violations as AWS Organizations does: an `InvalidInputException` whose
 * `Reason` names the kind of the first violation and whose message lists them all in AWS's
 * validation format.
 */
export function throwIfInvalid(v: Violations): void {
  const message = v.message();
  if (message !== undefined) throw invalidInput(reasonFor(v.firstConstraint() ?? ""), message);
}

function reasonFor(constraint: string): string {
  if (constraint.startsWith("Member must not be null")) return "INPUT_REQUIRED";
  if (constraint.startsWith("Member must satisfy regular expression")) return "INVALID_PATTERN";
  if (constraint.startsWith("Member must have length less")) return "MAX_LENGTH_EXCEEDED";
  if (constraint.startsWith("Member must have length greater")) return "MIN_LENGTH_EXCEEDED";
  if (constraint.startsWith("Member must have value less")) return "MAX_VALUE_EXCEEDED";
  return "MIN_VALUE_EXCEEDED";
}

/**
 * One page of a listing ordered by `position`, in Organizations' terms: `MaxResults` (default
 * {@link MAX_RESULTS}) and a `NextToken` bound to `scope`; a token not issued for this listing is
 * `InvalidInputException` with reason `INVALID_NEXT_TOKEN`.
 */
export function organizationsPage<T>(
  items: readonly T[],
  position: (item: T) => number,
  input: { readonly MaxResults?: number; readonly NextToken?: string },
  scope: string,
  now: number,
): { readonly items: T[]; readonly next?: string } {
  let after = 0;
  if (input.NextToken !== undefined && input.NextToken !== "") {
    const resumed = decodeToken(input.NextToken, scope);
    if (resumed === undefined)
      throw invalidInput(
        "INVALID_NEXT_TOKEN",
        "You specified an invalid value for nextToken. Get the value for the NextToken parameter from the response to a previous call of the operation.",
      );
    after = resumed.after;
  }
  return page(items, position, after, input.MaxResults ?? MAX_RESULTS, scope, now);
}
