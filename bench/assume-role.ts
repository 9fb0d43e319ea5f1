/**
 * STS AssumeRole calls for a 50-account setup: one authorization per account in two source regions,
 * every one acting through `assumeRole` into its account's role, all created at once through one
 * host. The goal is one AssumeRole per distinct role, however many resources and regions use it.
 */
import type { ProviderHost } from "../tests/support/host";
import {
  AUTHORIZATION_TYPE,
  checkAndCreate,
  freshEmulator,
  ofOperation,
  roleArn,
  startHost,
  succeeded,
  urnOf,
  type ProviderTexts,
} from "./support";

/** Accounts, each with its own role. */
export const ASSUME_ROLE_ACCOUNTS = 50;
/** Source regions per account: two resources per role, in different regions. */
const ASSUME_ROLE_REGIONS = ["us-east-1", "eu-west-1"];

/** The assume-role figures. */
export interface AssumeRoleResult {
  readonly accounts: number;
  readonly resources: number;
  readonly distinctRoles: number;
  readonly assumeRoleCalls: number;
  /** Distinct RoleArns among those calls is not in the log; the calls per role, as a ratio. */
  readonly callsPerRole: number;
  readonly getCallerIdentityCalls: number;
  readonly failedCreates: number;
}

/** Creates 100 authorizations (50 accounts × 2 regions) concurrently and counts STS calls. */
export async function benchAssumeRole(texts: ProviderTexts): Promise<AssumeRoleResult> {
  const emulator = await freshEmulator();
  let host: ProviderHost | undefined;
  try {
    host = await startHost(emulator);
    const running = host;
    const accounts = Array.from({ length: ASSUME_ROLE_ACCOUNTS }, (_, i) =>
      String(230000000000 + i),
    );
    const roles = new Set(accounts.map((account) => roleArn(account)));
    emulator.clearRequests();
    const outcomes = await Promise.allSettled(
      accounts.flatMap((account) =>
        ASSUME_ROLE_REGIONS.map((region) =>
          checkAndCreate(
            running,
            urnOf(AUTHORIZATION_TYPE, `${account}-${region}`),
            texts.authorization,
            {
              authorizedAccountId: "111111111111",
              authorizedAwsRegion: "us-east-1",
              region,
              assumeRole: { roleArn: roleArn(account) },
            },
          ),
        ),
      ),
    );
    const requests = emulator.requests();
    const assumeRole = ofOperation(requests, "AssumeRole");
    const accountsActedIn = new Set(
      requests.filter((r) => r.service === "config" && succeeded(r)).map((r) => r.account),
    );
    if (accountsActedIn.size !== ASSUME_ROLE_ACCOUNTS) {
      throw new Error(`expected Config calls in 50 accounts, saw ${accountsActedIn.size}`);
    }
    return {
      accounts: ASSUME_ROLE_ACCOUNTS,
      resources: outcomes.length,
      distinctRoles: roles.size,
      assumeRoleCalls: assumeRole.length,
      callsPerRole: assumeRole.length / roles.size,
      getCallerIdentityCalls: ofOperation(requests, "GetCallerIdentity").length,
      failedCreates: outcomes.filter((o) => o.status === "rejected").length,
    };
  } finally {
    await host?.stop();
    await emulator.close();
  }
}
