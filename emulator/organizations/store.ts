import {
  DEFAULT_ACCOUNT,
  ORGANIZATION_ID,
  type OrganizationMode,
  type OrganizationSettings,
  type OrganizationView,
} from "../types.js";

/** How an account stands towards the organization. */
export type Membership = "management" | "member" | "outside";

/** One delegated administrator registration: an account for a service principal. */
export interface Delegation {
  readonly account: string;
  readonly servicePrincipal: string;
  /** Registration order; orders listings and page tokens. */
  readonly seq: number;
  /** Milliseconds since the epoch. */
  readonly registeredAt: number;
}

/** One service principal with trusted access. */
export interface ServiceAccess {
  readonly servicePrincipal: string;
  readonly seq: number;
  /** Milliseconds since the epoch. */
  readonly enabledAt: number;
}

const MODES: readonly OrganizationMode[] = ["all", "consolidated-billing", "none"];

/**
 * Checks organization settings from code, the command line or the control endpoint, and turns a
 * bare mode into settings. Throws an Error naming the bad value and what is allowed.
 */
export function resolveOrganization(
  input: OrganizationMode | OrganizationSettings | undefined,
): OrganizationSettings {
  const settings: unknown =
    typeof input === "string" ? { mode: input } : (input ?? { mode: "all" });
  if (settings === null || typeof settings !== "object")
    throw new Error("Invalid organization: expected an object with a mode.");
  const { mode, members, ...rest } = settings as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0)
    throw new Error(
      `Invalid organization: unknown field ${unknown.join(", ")}. Allowed fields are: mode, members.`,
    );
  if (typeof mode !== "string" || !(MODES as readonly string[]).includes(mode))
    throw new Error(
      `Invalid organization mode: ${String(mode)}. Allowed values are: ${MODES.join(", ")}.`,
    );
  if (members === undefined) return { mode: mode as OrganizationMode };
  if (!Array.isArray(members))
    throw new Error("Invalid organization members: expected a list of 12-digit account IDs.");
  for (const member of members as unknown[])
    if (typeof member !== "string" || !/^\d{12}$/.test(member))
      throw new Error(
        `Invalid organization member: ${String(member)}. Members are 12-digit account IDs.`,
      );
  if (mode === "none")
    throw new Error("Invalid organization: members are given but the mode is none.");
  // The management account belongs anyway; listing it again changes nothing.
  const others = (members as string[]).filter((m) => m !== DEFAULT_ACCOUNT);
  return { mode: mode as OrganizationMode, members: [...new Set(others)] };
}

/**
 * The organization: its settings, the services with trusted access and the delegated
 * administrators. It is global, as AWS Organizations is: one per emulator, whatever the region.
 */
export class OrganizationStore {
  /** The organization's ID. */
  readonly id = ORGANIZATION_ID;
  /** The management account. */
  readonly managementAccount = DEFAULT_ACCOUNT;
  private settings: OrganizationSettings;
  private members: ReadonlySet<string> | undefined;
  /** Trusted access by service principal, in the order enabled. */
  readonly serviceAccess = new Map<string, ServiceAccess>();
  /** Registrations by `<account>|<service principal>`, in the order registered. */
  readonly delegations = new Map<string, Delegation>();
  /** When the current organization was set up: the accounts' join time. */
  formedAt: number;
  private seq = 0;

  constructor(
    private readonly start: OrganizationSettings,
    now: number,
  ) {
    this.settings = start;
    this.members = start.members && new Set(start.members);
    this.formedAt = now;
  }

  /** Replaces the organization; trusted access and delegated administrators start empty. */
  set(settings: OrganizationSettings, now: number): void {
    this.settings = settings;
    this.members = settings.members && new Set(settings.members);
    this.serviceAccess.clear();
    this.delegations.clear();
    this.formedAt = now;
  }

  /** Back to the start options. */
  reset(now: number): void {
    this.set(this.start, now);
  }

  get mode(): OrganizationMode {
    return this.settings.mode;
  }

  /** `ALL` or `CONSOLIDATED_BILLING`, as the API names the feature set. */
  get featureSet(): "ALL" | "CONSOLIDATED_BILLING" {
    return this.settings.mode === "all" ? "ALL" : "CONSOLIDATED_BILLING";
  }

  /** Whether `account` manages the organization, is a member of it, or is outside it. */
  membership(account: string): Membership {
    if (this.settings.mode === "none") return "outside";
    if (account === DEFAULT_ACCOUNT) return "management";
    if (this.members === undefined || this.members.has(account)) return "member";
    return "outside";
  }

  /** The next number of the shared registration/enabling order. */
  nextSeq(): number {
    return ++this.seq;
  }

  /** Whether `account` is a delegated administrator for `servicePrincipal`. */
  isDelegatedAdministrator(account: string, servicePrincipal: string): boolean {
    return this.delegations.has(delegationKey(account, servicePrincipal));
  }

  /** Whether `account` is a delegated administrator for any service. */
  isAnyDelegatedAdministrator(account: string): boolean {
    for (const d of this.delegations.values()) if (d.account === account) return true;
    return false;
  }

  /** Turns on trusted access for a principal; already on, nothing changes (its date stays). */
  enableServiceAccess(servicePrincipal: string, now: number): void {
    if (this.serviceAccess.has(servicePrincipal)) return;
    this.serviceAccess.set(servicePrincipal, {
      servicePrincipal,
      seq: this.nextSeq(),
      enabledAt: now,
    });
  }

  /** What `snapshot()` shows. */
  view(): OrganizationView {
    const inOrganization = this.settings.mode !== "none";
    return {
      mode: this.settings.mode,
      ...(inOrganization ? { id: this.id, managementAccount: this.managementAccount } : {}),
      members: this.settings.members ?? (inOrganization ? "all" : []),
      enabledServicePrincipals: [...this.serviceAccess.keys()],
      delegatedAdministrators: [...this.delegations.values()].map((d) => ({
        account: d.account,
        servicePrincipal: d.servicePrincipal,
      })),
    };
  }
}

/** The key of a registration in {@link OrganizationStore.delegations}. */
export function delegationKey(account: string, servicePrincipal: string): string {
  return `${account}|${servicePrincipal}`;
}
