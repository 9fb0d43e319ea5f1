import type { ConfigStore } from "./config/store.js";
import type { FaultInjector } from "./faults.js";
import type { IamStore } from "./iam/store.js";
import type { OrganizationStore } from "./organizations/store.js";
import type { OrganizationSettings } from "./types.js";

/** Options after defaults are applied. */
export interface ResolvedOptions {
  readonly accessKeys: Readonly<Record<string, string>>;
  readonly deniedRoles: ReadonlySet<string>;
  readonly roleExternalIds: Readonly<Record<string, string>>;
  readonly maxBodyBytes: number;
  readonly maxLogEntries: number;
  /** The organization at start, which `reset()` returns to. */
  readonly organization: OrganizationSettings;
}

/** Everything the emulated services share: their state and the emulator's settings. */
export interface World {
  readonly config: ConfigStore;
  readonly iam: IamStore;
  readonly organization: OrganizationStore;
  readonly faults: FaultInjector;
  readonly options: ResolvedOptions;
}

/** One authenticated call, as an operation handler sees it. */
export interface Call {
  readonly world: World;
  /** The account the caller acts as. */
  readonly account: string;
  /** The region of the credential scope. */
  readonly region: string;
  readonly accessKeyId: string;
  /** `X-Amz-Security-Token`, present with temporary credentials. */
  readonly sessionToken?: string;
  /** Arrival time, milliseconds since the epoch. */
  readonly now: number;
}
