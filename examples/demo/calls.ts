/**
 * What the demo prints after each step, whichever engine ran it: the AWS calls the emulator
 * answered, by service and operation.
 */
import type { Emulator } from "../../emulator";

/** Prints the AWS calls the emulator answered since the last step, and forgets them. */
export function printCalls(emulator: Emulator): void {
  const byOperation = new Map<string, number>();
  for (const request of emulator.requests()) {
    const key = `${request.service}:${request.operation}${request.errorCode ? ` (${request.errorCode})` : ""}`;
    byOperation.set(key, (byOperation.get(key) ?? 0) + 1);
  }
  const total = emulator.requests().length;
  console.log(
    `  AWS calls: ${total}${total ? ` — ${[...byOperation].map(([op, n]) => `${op} ×${n}`).join(", ")}` : ""}`,
  );
  emulator.clearRequests();
}
