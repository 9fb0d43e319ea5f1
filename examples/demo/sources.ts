/**
 * The demo's last word before it removes everything: the health of each aggregator's sources,
 * as `aggregatorSourcesStatus` reports it — what a user's script would check after `pulumi up`.
 */
import { aggregatorSourcesStatus } from "../../index";

/**
 * Prints every source of the aggregators `names` (in `region`), with its status and last error.
 * The demo process's own environment must point at the emulator.
 */
export async function printSourcesStatus(names: readonly string[], region: string): Promise<void> {
  console.log("\nSources of each aggregator (aggregatorSourcesStatus):");
  for (const name of names) {
    console.log(`  ${name}:`);
    for (const source of await aggregatorSourcesStatus({ name, region })) {
      const error = source.lastErrorCode
        ? ` — ${source.lastErrorCode}: ${source.lastErrorMessage}`
        : "";
      console.log(
        `    ${source.sourceType} ${source.sourceId} ${source.region}: ${source.status}${error}`,
      );
    }
  }
}
