import { parseArgs } from "node:util";
import { type OrganizationSettings, startEmulator } from "./index.js";
import { resolveOrganization } from "./organizations/index.js";

/**
 * `npm run emulator -- --port 4566 [--organization all|consolidated-billing|none]
 * [--organization-members <id,id,...>]`: runs the emulator in the foreground until
 * SIGINT/SIGTERM. Prints exactly one line once it listens, so scripts can wait for it (and read
 * the port when started with `--port 0`).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4566" },
      organization: { type: "string", default: "all" },
      "organization-members": { type: "string" },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`Invalid --port '${values.port}': use an integer from 0 to 65535.\n`);
    process.exit(2);
  }
  let organization: OrganizationSettings;
  try {
    const members = values["organization-members"];
    organization = resolveOrganization({
      mode: values.organization as OrganizationSettings["mode"],
      ...(members === undefined ? {} : { members: members.split(",").map((m) => m.trim()) }),
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const emulator = await startEmulator({ port, organization });
  process.stdout.write(`AWS emulator listening on ${emulator.url}\n`);
  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
