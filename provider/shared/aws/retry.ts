/**
 * Retries, written once: the retry strategy of every client, and the pauses and retry-after-delays
 * loop for the waits the SDK cannot see.
 *
 * The strategy: the SDK's adaptive client-side rate limiter with a patient exponential backoff and
 * no retry quota.
 *
 * Why not the SDK's own `adaptive` mode: its retry quota (500 tokens, 5 per retry) empties after
 * about a hundred throttled requests, after which requests fail at once. A deployment that creates
 * thousands of authorizations against a throttled API would then fail instead of slowing down.
 */
import { DefaultRateLimiter } from "@smithy/core/retry";
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";

/** Attempts per request, the first included, unless the SDK's `AWS_MAX_ATTEMPTS` says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 12;

/** The attempts per request in force: `AWS_MAX_ATTEMPTS` when it is a positive whole number. */
export function maxAttempts(): number {
  const configured = Number(process.env.AWS_MAX_ATTEMPTS);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_ATTEMPTS;
}
const BASE_DELAY_MS = 100;
const THROTTLING_BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 20_000;

/** Retries throttling and transient errors with full-jitter backoff, pacing sends adaptively. */
export class PatientRetryStrategy implements RetryStrategyV2 {
  /** Reported to the SDK's user-agent as the adaptive mode it behaves like. */
  readonly mode = "adaptive";
  private readonly rateLimiter = new DefaultRateLimiter();

  /** Waits for the rate limiter before the first attempt. */
  async acquireInitialRetryToken(): Promise<RetryToken> {
    await this.rateLimiter.getSendToken();
    return retryToken(0);
  }

  /** Backs off and waits for the rate limiter, or refuses when the error is final. */
  async refreshRetryTokenForRetry(
    token: RetryToken,
    errorInfo: RetryErrorInfo,
  ): Promise<RetryToken> {
    this.rateLimiter.updateClientSendingRate(errorInfo);
    const attempt = token.getRetryCount() + 1;
    const retryable = errorInfo.errorType === "THROTTLING" || errorInfo.errorType === "TRANSIENT";
    if (!retryable || attempt >= maxAttempts()) throw new Error("No retry token available");
    const base = errorInfo.errorType === "THROTTLING" ? THROTTLING_BASE_DELAY_MS : BASE_DELAY_MS;
    const delay = Math.random() * Math.min(MAX_DELAY_MS, base * 2 ** attempt);
    await sleep(delay);
    await this.rateLimiter.getSendToken();
    return retryToken(attempt);
  }

  /** Lets the rate limiter raise its sending rate again. */
  recordSuccess(): void {
    this.rateLimiter.updateClientSendingRate({});
  }
}

/** The strategy sleeps itself, so the token asks the SDK for no further delay. */
function retryToken(count: number): RetryToken {
  return { getRetryCount: () => count, getRetryDelay: () => 0 };
}

/** Resolves after `ms` milliseconds: the one pause every retry and re-check of this package uses. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** How one attempt ended: with a value, or with an error. */
export type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/**
 * Runs `attempt` (given its index, 0 first), and again after each of `delays` in turn while
 * `again` says the outcome calls for another try; then returns the last value or throws the last
 * error. For waits the SDK's retry strategy cannot see: an answer that is well-formed but early
 * (a new IAM role not yet usable, a new resource not yet listed).
 */
export async function retryAfterDelays<T>(
  delays: readonly number[],
  attempt: (index: number) => Promise<T>,
  again: (outcome: Outcome<T>) => boolean,
): Promise<T> {
  for (let index = 0; ; index++) {
    let outcome: Outcome<T>;
    try {
      outcome = { ok: true, value: await attempt(index) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const delay = delays[index];
    if (delay === undefined || !again(outcome)) {
      if (outcome.ok) return outcome.value;
      throw outcome.error;
    }
    await sleep(delay);
  }
}
