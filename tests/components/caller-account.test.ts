import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  accountActingAs,
  callerAccount,
  forgetCallerAccount,
} from "../../components/caller-account";
import { useEmulator } from "../support/emulator";
import { ACCOUNTS, roleArn } from "../support/fixtures";

/** An Output's settled value, rejection included (`promise()` is the Output's own, internal). */
const valueOf = (output: pulumi.Output<string>): Promise<string> =>
  (output as unknown as { promise(): Promise<string> }).promise();

/** The value and the secretness of an Output. */
async function settle(output: pulumi.Output<string>): Promise<[string, boolean]> {
  return [await valueOf(output), await pulumi.isSecret(output)];
}

describe("the account a component's children act in", () => {
  const arn = roleArn(ACCOUNTS.B, "Source");

  it("comes from the role ARN and stays plain when only the external ID is secret", async () => {
    const account = accountActingAs({ roleArn: arn, externalId: pulumi.secret("ext-1234") });
    assert.deepEqual(await settle(account), [ACCOUNTS.B, false]);
  });

  it("stays plain when the whole assumeRole is a secret Output", async () => {
    const account = accountActingAs(pulumi.secret({ roleArn: arn, externalId: "ext-1234" }));
    assert.deepEqual(await settle(account), [ACCOUNTS.B, false]);
  });

  it("stays secret when the role ARN itself is secret", async () => {
    const account = accountActingAs({ roleArn: pulumi.secret(arn) });
    assert.deepEqual(await settle(account), [ACCOUNTS.B, true]);
  });

  it("refuses an ARN that names no IAM role instead of falling back to the program's account", async () => {
    const userArn = `arn:aws:iam::${ACCOUNTS.B}:user/S`;
    const account = accountActingAs({ roleArn: userArn });
    await assert.rejects(valueOf(account), {
      message: `assumeRole.roleArn "${userArn}" is not an IAM role ARN of the form arn:aws:iam::<12-digit account>:role/<name>`,
    });
  });
});

describe("the program's own account", () => {
  const fixture = useEmulator();
  beforeEach(forgetCallerAccount);
  afterEach(forgetCallerAccount);

  it("is asked of STS once, riding out its failures as the providers do", async () => {
    fixture.emulator.setFaults({
      rules: [
        { kind: "internal-error", operation: "GetCallerIdentity", times: 2 },
        { kind: "throttle", operation: "GetCallerIdentity", times: 1 },
      ],
    });

    assert.equal(await callerAccount(), ACCOUNTS.A);
    assert.equal(await callerAccount(), ACCOUNTS.A);
    assert.deepEqual(
      fixture.emulator.requests().map((r) => `${r.operation} ${r.errorCode ?? "ok"}`),
      [
        "GetCallerIdentity InternalFailure",
        "GetCallerIdentity InternalFailure",
        "GetCallerIdentity Throttling",
        "GetCallerIdentity ok",
      ],
    );
  });
});
