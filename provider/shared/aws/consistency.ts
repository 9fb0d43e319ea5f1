/**
 * AWS Config is eventually consistent: for a short while after a write, Describe may not see the
 * resource. A read that finds nothing right after this provider wrote the resource looks again
 * before it tells Pulumi the resource is gone, because "gone" drops it from state.
 */
import { retryAfterDelays } from "./retry";

/** Pauses between confirming looks, in milliseconds. */
export const CONFIRM_ABSENCE_DELAYS_MS = [250, 500, 1000, 2000];
/** How long after its last write a resource may still be invisible. */
export const CONSISTENCY_HORIZON_MS = 2 * 60_000;

/**
 * Looks up a resource; when it is not found and was written within the horizon, looks again after
 * each delay (telling `lookUp` it is a second look, so that it asks AWS rather than a cache).
 * Returns what the last look found.
 */
export async function findConsistently<T>(
  lookUp: (again: boolean) => Promise<T | undefined>,
  lastWrittenAt: string | undefined,
): Promise<T | undefined> {
  const writtenAt = lastWrittenAt ? Date.parse(lastWrittenAt) : NaN;
  // Decided once, after the first look, so that a horizon passing during the looks cuts none short.
  let recent: boolean | undefined;
  return retryAfterDelays(
    CONFIRM_ABSENCE_DELAYS_MS,
    (index) => lookUp(index > 0),
    (outcome) =>
      outcome.ok &&
      outcome.value === undefined &&
      (recent ??= Date.now() - writtenAt < CONSISTENCY_HORIZON_MS),
  );
}
