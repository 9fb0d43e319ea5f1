import type { StoredRoleView } from "../types.js";

/** An IAM role as the emulator holds it. */
export interface RoleRecord {
  readonly account: string;
  readonly name: string;
  readonly path: string;
  /** Unique ID, `AROA` + 17 characters. */
  readonly id: string;
  readonly arn: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly assumeRolePolicyDocument: string;
  readonly description?: string;
  readonly maxSessionDuration: number;
  readonly permissionsBoundary?: string;
  readonly tags: Map<string, string>;
  /** Attached managed policy ARNs, in attachment order. */
  readonly attached: string[];
}

/**
 * IAM state. IAM is global, so roles are kept per account only. Role names are unique regardless
 * of letter case, as in IAM, so they are keyed in lower case.
 */
export class IamStore {
  private readonly accounts = new Map<string, Map<string, RoleRecord>>();

  /** The roles of an account, keyed by lower-case name. */
  roles(account: string): Map<string, RoleRecord> {
    let roles = this.accounts.get(account);
    if (roles === undefined) {
      roles = new Map();
      this.accounts.set(account, roles);
    }
    return roles;
  }

  /** A role by name (any letter case), if it exists. */
  find(account: string, name: string): RoleRecord | undefined {
    return this.accounts.get(account)?.get(name.toLowerCase());
  }

  /** Forgets every role. */
  reset(): void {
    this.accounts.clear();
  }

  /** Every role, for `snapshot()`. */
  views(): StoredRoleView[] {
    return [...this.accounts.values()].flatMap((roles) =>
      [...roles.values()].map((r) => ({
        account: r.account,
        name: r.name,
        arn: r.arn,
        attachedPolicyArns: [...r.attached],
        tags: Object.fromEntries(r.tags),
      })),
    );
  }
}
