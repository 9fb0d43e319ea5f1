/**
 * AWS Config is eventually consistent: for a short while after a write, Describe may not see the
 * resource. A read that finds nothing right after this provider wrote the resource looks again
 * before it tells Pulumi the resource is gone, because "gone" drops it from state.
 */

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
  let found = await lookUp(false);
  const writtenAt = lastWrittenAt ? Date.parse(lastWrittenAt) : NaN;
  if (found !== undefined || !(Date.now() - writtenAt < CONSISTENCY_HORIZON_MS)) return found;
  for (const delay of CONFIRM_ABSENCE_DELAYS_MS) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    found = await lookUp(true);
    if (found !== undefined) return found;
  }
  return undefined;
}
