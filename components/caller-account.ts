/**
 * The account the program's own AWS credentials act in, asked of STS GetCallerIdentity once per
 * program run (as `aws.getCallerIdentity()` does in pulumi-aws programs). Components use it to name
 * the aggregator's account as a plain value: taking it from the aggregator's `accountId` output
 * instead would make it unknown in every preview that updates the aggregator, and the preview
 * would then show each authorization as a possible replacement.
 */
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import * as pulumi from "@pulumi/pulumi";
import { PatientRetryStrategy } from "../provider/shared/aws/retry";
import type { AssumeRoleArgs } from "../provider/shared/inputs/placement";
import { roleAccount } from "../provider/shared/aws/arn";
import { isPlain, roleArnProblems } from "./validation";

let pending: Promise<string> | undefined;

/** The 12-digit account of the credentials the program runs with (stack `aws:profile` honoured). */
export function callerAccount(): Promise<string> {
  pending ??= (async () => {
    const aws = new pulumi.Config("aws");
    const profile = aws.get("profile");
    const client = new STSClient({
      region: programRegion(),
      credentials: profile ? fromNodeProviderChain({ profile }) : undefined,
      // The providers' retries, so a throttled or failing STS fails a run no sooner here.
      retryStrategy: new PatientRetryStrategy(),
    });
    const identity = await client.send(new GetCallerIdentityCommand({}));
    if (!identity.Account) throw new Error("STS GetCallerIdentity returned no account");
    return identity.Account;
  })();
  pending.catch(() => (pending = undefined));
  return pending;
}

/**
 * Forgets the account learned from STS, as a new program run would. The demo uses it to show the
 * calls of each run as a real `pulumi` command makes them.
 */
export function forgetCallerAccount(): void {
  pending = undefined;
}

/**
 * The account a component's children act in: the assumed role's, else the program's own.
 * `unknownAccount` turns a failure to learn the program's own account into the component's error.
 *
 * Only `roleArn` is read. Taking the whole `assumeRole` would make the result secret whenever
 * `externalId` is, and with it every account ID and region derived from it (shown as `[secret]`
 * in previews); the account is not secret, so a secret that covers the whole object is dropped.
 */
export function accountActingAs(
  assumeRole: pulumi.Input<AssumeRoleArgs> | undefined,
  unknownAccount: (reason: string) => never = (reason) => {
    throw new Error(reason);
  },
): pulumi.Output<string> {
  if (assumeRole === undefined) {
    return pulumi.output(
      callerAccount().catch((error: unknown) =>
        unknownAccount(
          `STS GetCallerIdentity with the program's credentials: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
        ),
      ),
    );
  }
  const roleArn = isPlain(assumeRole)
    ? pulumi.output(assumeRole.roleArn)
    : pulumi.unsecret(pulumi.output(assumeRole).apply((role) => role.roleArn));
  return roleArn.apply((arn) => {
    const account = roleAccount(arn);
    if (account === undefined) throw new Error(roleArnProblems("assumeRole.roleArn", arn).join());
    return account;
  });
}

/** The program's region: stack config `aws:region`, else `AWS_REGION` / `AWS_DEFAULT_REGION`, else us-east-1. */
export function programRegion(): string {
  return (
    new pulumi.Config("aws").get("region") ??
    process.env.AWS_REGION ??
    process.env.AWS_DEFAULT_REGION ??
    "us-east-1"
  );
}
