/**
 * The emulator's request log, summarised for end-to-end assertions: the engine runs steps in
 * parallel, so the order of calls varies between runs while their counts do not.
 */
import type { Emulator } from "../../../emulator/index.js";

/** `{ "service:Operation@account": count }` of the log, optionally emptying it. */
export function callCountsByAccount(
  emulator: Emulator,
  { clear = true } = {},
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const request of emulator.requests()) {
    const error = request.errorCode ? ` (${request.errorCode})` : "";
    const key = `${request.service}:${request.operation}@${request.account}${error}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  if (clear) emulator.clearRequests();
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** Every Config resource and IAM role the emulator holds, as sortable one-line descriptions. */
export function holdings(emulator: Emulator): string[] {
  const { resources, roles } = emulator.snapshot();
  return [
    ...resources.map(
      (r) =>
        `${r.kind} ${r.account}/${r.region} ${r.id.replace(/-[a-z0-9]{7}$/, "-*")} ${JSON.stringify(r.tags)}`,
    ),
    ...roles.map((r) => `role ${r.account} ${r.name} ${JSON.stringify(r.tags)}`),
  ].sort();
}
