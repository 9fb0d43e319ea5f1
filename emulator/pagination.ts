import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { AwsError } from "./errors.js";

/**
 * Page tokens are opaque to callers: a position plus an issue time, authenticated with a key
 * that lives only in this process. A token is bound to its scope (operation, account, region and
 * whatever else fixes the listing), so a token from another listing, another emulator or a
 * tampered one is refused rather than silently misread.
 */
const KEY = randomBytes(32);

/** Where a listing resumes. */
export interface TokenPosition {
  /** The last sequence number or offset already returned. */
  readonly after: number;
  /** When the token was issued, milliseconds since the epoch. */
  readonly issuedAt: number;
}

/** Issues a token that resumes after `after`. */
export function encodeToken(scope: string, after: number, now: number): string {
  const payload = Buffer.from(`${after}.${now}`).toString("base64url");
  return `${payload}.${mac(scope, payload)}`;
}

/** Reads a token for `scope`; `undefined` when it is not one this emulator issued for it. */
export function decodeToken(token: string, scope: string): TokenPosition | undefined {
  const dot = token.indexOf(".");
  if (dot <= 0) return undefined;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(mac(scope, payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const [after, issuedAt] = Buffer.from(payload, "base64url")
    .toString("utf8")
    .split(".")
    .map(Number);
  if (!Number.isSafeInteger(after) || !Number.isSafeInteger(issuedAt)) return undefined;
  return { after: after, issuedAt: issuedAt };
}

function mac(scope: string, payload: string): string {
  return createHmac("sha256", KEY)
    .update(scope)
    .update("\n")
    .update(payload)
    .digest("base64url")
    .slice(0, 22);
}

/**
 * Resolves Config's `Limit`: absent or 0 means the default, which is the maximum; anything outside
 * 0..max is `InvalidLimitException`.
 */
export function configPageSize(limit: number | undefined, max: number): number {
  if (limit === undefined || limit === 0) return max;
  if (limit < 0)
    throw new AwsError(
      "InvalidLimitException",
      `Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 0`,
    );
  if (limit > max)
    throw new AwsError(
      "InvalidLimitException",
      `Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
    );
  return limit;
}

/** Reads Config's `NextToken`, refusing foreign or tampered tokens with `InvalidNextTokenException`. */
export function configResumeAfter(token: string | undefined, scope: string): number {
  if (token === undefined || token === "") return 0;
  const position = decodeToken(token, scope);
  if (position === undefined)
    throw new AwsError("InvalidNextTokenException", "The nextToken provided is invalid");
  return position.after;
}

/**
 * One page of `items` (ordered by `position`), resuming after `after`. Returns the page and the
 * token for the next one, if more remain.
 */
export function page<T>(
  items: readonly T[],
  position: (item: T) => number,
  after: number,
  size: number,
  scope: string,
  now: number,
): { readonly items: T[]; readonly next?: string } {
  const rest = items.filter((item) => position(item) > after);
  const taken = rest.slice(0, size);
  if (rest.length <= size) return { items: taken };
  return { items: taken, next: encodeToken(scope, position(taken[taken.length - 1]), now) };
}
