/**
 * Which account the credentials of a placement act in. Known from the role ARN when a role is
 * assumed; otherwise asked of STS GetCallerIdentity, once per credentials and partition per
 * process (whatever the region).
 */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { stsClient } from "./clients";
import { credentialsKey } from "./credentials";
import { arnAccount, partitionOf, roleAccount } from "./arn";
import type { Placement } from "../inputs/placement";

const callerAccounts = new Map<string, Promise<string>>();

/** The account the placement's credentials act in; rejects if STS cannot say. */
export function actingAccount(placement: Placement): Promise<string> {
  const fromRole = roleAccount(placement.assumeRole?.roleArn ?? "");
  if (fromRole) return Promise.resolve(fromRole);
  // Who the credentials are does not depend on the region, only on the partition they sign for.
  const key = `${partitionOf(placement.region)}|${credentialsKey(placement.assumeRole)}`;
  let pending = callerAccounts.get(key);
  if (!pending) {
    pending = stsClient(placement)
      .send(new GetCallerIdentityCommand({}))
      .then((identity) => {
        if (!identity.Account) throw new Error("GetCallerIdentity returned no account");
        return identity.Account;
      });
    pending.catch(() => callerAccounts.delete(key));
    callerAccounts.set(key, pending);
  }
  return pending;
}

/**
 * Forgets the accounts learned from STS, as a new process would. Tests use it so that each
 * scenario counts its own GetCallerIdentity call.
 */
export function forgetActingAccounts(): void {
  callerAccounts.clear();
}

/**
 * Before an update or delete addressed by name, or before calling a resource gone: refuses when
 * the credentials act in another account than the resource's. Only needed without `assumeRole`:
 * then the default credentials act, and they may have changed since the resource was made (another
 * profile, another CI role), where writing or deleting by name would make a second resource, or
 * remove someone else's, and orphan this one. With `assumeRole` the role ARN names the account and
 * `diff` already replaces on a move. One STS call per credentials per process.
 */
export async function ensureOwnAccount(
  placement: Placement,
  accountId: string | undefined,
  resource: string,
): Promise<void> {
  if (placement.assumeRole !== undefined || accountId === undefined) return;
  const account = await actingAccount(placement);
  if (account !== accountId) {
    throw new Error(
      `${resource} lives in account ${accountId}, but without assumeRole the default credentials act in account ${account}. ` +
        `Run with credentials for account ${accountId} or give an assumeRole whose role is there; ` +
        `to move the resource to account ${account}, replace it (for example with the replaceOnChanges option).`,
    );
  }
}

/**
 * The account check of every update, one rule for all resources: check when the update addresses
 * the resource by name (a Put, or any IAM call), or when the recorded state acted through
 * `assumeRole` — whatever the new inputs say about the role.
 *
 * Why both: a call by name, made with credentials that moved to another account, would create or
 * change a namesake there (see {@link ensureOwnAccount}). A call by ARN cannot reach a namesake, so
 * a tag-only update needs the check only where the credentials most likely moved: a role dropped
 * from the inputs leaves the default credentials to act, usually in another account, where the tag
 * calls would fail with an AccessDenied that does not say why. Where the new inputs keep a role,
 * {@link ensureOwnAccount} makes no call, since `diff` already replaces on a move; and a tag-only
 * update that never had a role makes none either, so it costs no GetCallerIdentity.
 */
export async function ensureUpdateInOwnAccount(
  placement: Placement,
  recorded: { readonly accountId?: string; readonly assumeRole?: unknown },
  resource: string,
  addressesByName: boolean,
): Promise<void> {
  if (addressesByName || recorded.assumeRole !== undefined)
    await ensureOwnAccount(placement, recorded.accountId, resource);
}

/**
 * A read found a resource of this name: refuses when it belongs to another account than the one
 * recorded, which means the credentials now act elsewhere and found a namesake there.
 */
export function ensureFoundInOwnAccount(
  foundArn: string,
  accountId: string | undefined,
  resource: string,
): void {
  const found = arnAccount(foundArn);
  if (accountId !== undefined && found !== "" && found !== accountId) {
    throw new Error(
      `${resource} lives in account ${accountId}, but the credentials in use act in account ${found}, where a resource of the same name was found. ` +
        `Run with credentials for account ${accountId} or give an assumeRole whose role is there.`,
    );
  }
}
