/**
 * Which account the credentials of a placement act in. Known from the role ARN when a role is
 * assumed; otherwise asked of STS GetCallerIdentity, once per credentials per process.
 */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { placementKey, stsClient } from "./clients";
import { roleAccount } from "./arn";
import type { Placement } from "./types";

const callerAccounts = new Map<string, Promise<string>>();

/** The account the placement's credentials act in; rejects if STS cannot say. */
export function actingAccount(placement: Placement): Promise<string> {
  const fromRole = roleAccount(placement.assumeRole?.roleArn ?? "");
  if (fromRole) return Promise.resolve(fromRole);
  const key = placementKey(placement);
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
 * Guards an update that drops `assumeRole`: the default credentials act from then on, and a pure
 * diff cannot know their account. Acting in another account would create a second resource there
 * and orphan this one, so that is refused with what to do instead.
 */
export async function ensureSameAccount(
  placement: Placement,
  accountId: string,
  resource: string,
): Promise<void> {
  const account = await actingAccount(placement);
  if (account !== accountId) {
    throw new Error(
      `${resource} lives in account ${accountId}, but without assumeRole the credentials act in account ${account}. ` +
        `Keep assumeRole for account ${accountId}, or replace the resource (for example with the replaceOnChanges option).`,
    );
  }
}
