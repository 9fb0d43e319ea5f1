import type { AddressInfo } from "node:net";
import { ConfigStore } from "./config/index.js";
import type { ResolvedOptions, World } from "./context.js";
import { handleControl } from "./control.js";
import { Dispatcher } from "./dispatch.js";
import { FaultInjector } from "./faults.js";
import { IamStore } from "./iam/index.js";
import { RequestLog } from "./log.js";
import { OrganizationStore, resolveOrganization } from "./organizations/index.js";
import { createHttpServer } from "./server.js";
import type { Emulator, EmulatorOptions } from "./types.js";

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_MAX_LOG_ENTRIES = 100_000;

/**
 * Starts the emulator on 127.0.0.1 and resolves once it accepts connections.
 *
 * @example
 * const emulator = await startEmulator({ accessKeys: { AKIAB: "222222222222" } });
 * process.env.AWS_ENDPOINT_URL = emulator.url;
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  const faults = new FaultInjector();
  faults.set(options.faults ?? {});
  const world: World = {
    config: new ConfigStore(),
    iam: new IamStore(),
    organization: new OrganizationStore(resolved.organization, Date.now()),
    faults,
    options: resolved,
  };
  const log = new RequestLog(resolved.maxLogEntries);
  const dispatcher = new Dispatcher(world, log);

  const emulator: Omit<Emulator, "url" | "port" | "close"> = {
    reset() {
      world.config.reset();
      world.iam.reset();
      world.organization.reset(Date.now());
      faults.set({});
      log.clear();
    },
    requests: () => log.list(),
    clearRequests: () => log.clear(),
    setFaults: (spec) => faults.set(spec),
    setOrganization: (settings) =>
      world.organization.set(resolveOrganization(settings), Date.now()),
    snapshot: () => ({
      resources: world.config.views(),
      roles: world.iam.views(),
      organization: world.organization.view(),
    }),
  };
  const server = createHttpServer({
    maxBodyBytes: resolved.maxBodyBytes,
    aws: (req) => dispatcher.handle(req),
    control: (method, url, body) =>
      handleControl({ ...emulator, faults: () => faults.current }, method, url, body),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    ...emulator,
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1)
    throw new Error(`Invalid maxBodyBytes: ${maxBodyBytes}. Use a positive integer of bytes.`);
  for (const [key, account] of Object.entries(options.accessKeys ?? {}))
    if (!/^\d{12}$/.test(account))
      throw new Error(
        `Invalid account for access key ${key}: '${account}'. Accounts are 12-digit IDs.`,
      );
  return {
    accessKeys: { ...options.accessKeys },
    deniedRoles: new Set(options.deniedRoles ?? []),
    roleExternalIds: { ...options.roleExternalIds },
    maxBodyBytes,
    maxLogEntries: options.maxLogEntries ?? DEFAULT_MAX_LOG_ENTRIES,
    organization: resolveOrganization(options.organization),
  };
}
