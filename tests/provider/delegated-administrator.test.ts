import * as assert from "node:assert/strict";
import {
  EnableAWSServiceAccessCommand,
  ListDelegatedAdministratorsCommand,
  RegisterDelegatedAdministratorCommand,
} from "@aws-sdk/client-organizations";
import { ACCOUNTS, REGIONS, roleArn } from "../support/fixtures";
import {
  checked,
  delegatedAdministrators,
  operations,
  rejection,
  useProviderWorld,
} from "./helpers";

const CONFIG = "config.amazonaws.com";
const ID = `${ACCOUNTS.B}/${CONFIG}`;

describe("DelegatedAdministrator provider against the emulator", () => {
  const { emulator, organizations } = useProviderWorld();

  async function registered(): Promise<string[]> {
    const page = await organizations().send(
      new ListDelegatedAdministratorsCommand({ ServicePrincipal: CONFIG }),
    );
    return (page.DelegatedAdministrators ?? []).map((entry) => entry.Id ?? "").sort();
  }

  /** Trusted access for AWS Config on, as a ServiceAccess would leave it; the log then cleared. */
  async function trustConfig(): Promise<void> {
    await organizations().send(new EnableAWSServiceAccessCommand({ ServicePrincipal: CONFIG }));
    emulator().clearRequests();
  }

  /** Trusted access on and account B registered by the management account itself; the log then cleared. */
  async function registerOutsideTheStack(): Promise<void> {
    await organizations().send(new EnableAWSServiceAccessCommand({ ServicePrincipal: CONFIG }));
    await organizations().send(
      new RegisterDelegatedAdministratorCommand({
        AccountId: ACCOUNTS.B,
        ServicePrincipal: CONFIG,
      }),
    );
    emulator().clearRequests();
  }

  const inputsFor = (extra: Record<string, unknown> = {}) =>
    checked(delegatedAdministrators, { accountId: ACCOUNTS.B, servicePrincipal: CONFIG, ...extra });

  /** Account B registered by the provider; the log then cleared. */
  async function createdByTheStack() {
    const created = await delegatedAdministrators.create(await inputsFor());
    emulator().clearRequests();
    return created;
  }

  it("checks and diffs without a single AWS call", async () => {
    const inputs = await inputsFor();
    await delegatedAdministrators.diff(
      ID,
      { ...inputs, managementAccountId: ACCOUNTS.A } as never,
      inputs,
    );
    await delegatedAdministrators.check({}, { accountId: "2222", servicePrincipal: CONFIG });
    assert.deepEqual(operations(emulator()), []);
  });

  it("registers with the account check, one list and one register", async () => {
    await trustConfig();
    const created = await delegatedAdministrators.create(await inputsFor());
    assert.deepEqual(created, {
      id: ID,
      outs: {
        accountId: ACCOUNTS.B,
        servicePrincipal: CONFIG,
        region: REGIONS.A,
        managementAccountId: ACCOUNTS.A,
      },
    });
    assert.deepEqual(operations(emulator()), [
      "GetCallerIdentity",
      "ListDelegatedAdministrators",
      "RegisterDelegatedAdministrator",
    ]);
    assert.deepEqual(await registered(), [ACCOUNTS.B]);
    emulator().clearRequests();
    // A second one in the same process knows the account already: one list, one register.
    await delegatedAdministrators.create(await inputsFor({ accountId: ACCOUNTS.C }));
    assert.deepEqual(operations(emulator()), [
      "ListDelegatedAdministrators",
      "RegisterDelegatedAdministrator",
    ]);
  });

  it("refuses a registration it did not make, saying how to adopt or remove it", async () => {
    await registerOutsideTheStack();
    const error = await rejection(delegatedAdministrators.create(await inputsFor()));
    assert.match(
      error.message,
      new RegExp(
        `^Account ${ACCOUNTS.B} is already registered as delegated administrator for "config.amazonaws.com" ` +
          `in the organization of management account ${ACCOUNTS.A} \\(arn:aws:organizations::${ACCOUNTS.A}:account/o-[a-z0-9]+/${ACCOUNTS.B}\\), and this stack did not register it\\. ` +
          `To manage the registration from this stack, set adoptExisting: true on the resource \\(its delete then deregisters the account\\); ` +
          `otherwise leave it out of this program, or deregister the account first ` +
          `\\(aws organizations deregister-delegated-administrator --account-id ${ACCOUNTS.B} --service-principal config.amazonaws.com\\)\\. `,
      ),
    );
    assert.deepEqual(operations(emulator()), ["GetCallerIdentity", "ListDelegatedAdministrators"]);
  });

  it("adopts a registration with adoptExisting, without registering again, and deregisters it at delete", async () => {
    await registerOutsideTheStack();
    const created = await delegatedAdministrators.create(await inputsFor({ adoptExisting: true }));
    assert.equal(created.id, ID);
    assert.deepEqual(operations(emulator()), ["GetCallerIdentity", "ListDelegatedAdministrators"]);
    emulator().clearRequests();
    await delegatedAdministrators.delete(created.id, created.outs);
    assert.deepEqual(operations(emulator()), ["DeregisterDelegatedAdministrator"]);
    assert.deepEqual(await registered(), []);
  });

  it("deregisters with one call, and counts an already deregistered account as done", async () => {
    await trustConfig();
    const created = await createdByTheStack();
    await delegatedAdministrators.delete(created.id, created.outs);
    assert.deepEqual(operations(emulator()), ["DeregisterDelegatedAdministrator"]);
    assert.deepEqual(await registered(), []);
    emulator().clearRequests();
    await delegatedAdministrators.delete(created.id, created.outs);
    assert.deepEqual(operations(emulator()), ["DeregisterDelegatedAdministrator"]);
  });

  it("reads a registration with one list, and reports it gone once deregistered elsewhere", async () => {
    await trustConfig();
    const created = await createdByTheStack();
    assert.deepEqual(await delegatedAdministrators.read(created.id, created.outs), {
      id: ID,
      props: created.outs,
      inputs: { accountId: ACCOUNTS.B, servicePrincipal: CONFIG, region: REGIONS.A },
    });
    assert.deepEqual(operations(emulator()), ["ListDelegatedAdministrators"]);
    await delegatedAdministrators.delete(created.id, created.outs);
    emulator().clearRequests();
    assert.deepEqual(await delegatedAdministrators.read(created.id, created.outs), {});
    assert.deepEqual(operations(emulator()), ["ListDelegatedAdministrators"]);
  });

  it("records a registration its own first request made when the answer was lost", async () => {
    await trustConfig();
    emulator().setFaults({
      rules: [
        {
          kind: "unavailable",
          operation: "RegisterDelegatedAdministrator",
          phase: "after",
          times: 1,
        },
      ],
    });
    const created = await delegatedAdministrators.create(await inputsFor());
    assert.equal(created.id, ID);
    // The SDK's retry finds the account registered: that is this create's own registration.
    assert.deepEqual(operations(emulator()), [
      "GetCallerIdentity",
      "ListDelegatedAdministrators",
      "RegisterDelegatedAdministrator",
      "RegisterDelegatedAdministrator",
    ]);
    assert.deepEqual(await registered(), [ACCOUNTS.B]);
  });

  it("reads past the first page of the service's delegated administrators", async () => {
    await trustConfig();
    // 25 other accounts registered first: Organizations lists 20 a page.
    for (let i = 0; i < 25; i++) {
      await organizations().send(
        new RegisterDelegatedAdministratorCommand({
          AccountId: String(500_000_000_000 + i),
          ServicePrincipal: CONFIG,
        }),
      );
    }
    const created = await createdByTheStack();
    const read = await delegatedAdministrators.read(created.id, created.outs);
    assert.equal(read.id, ID);
    assert.deepEqual(operations(emulator()), [
      "ListDelegatedAdministrators",
      "ListDelegatedAdministrators",
    ]);
  });

  it("says to enable trusted access first when it is off", async () => {
    const error = await rejection(delegatedAdministrators.create(await inputsFor()));
    assert.match(
      error.message,
      new RegExp(
        `^RegisterDelegatedAdministrator failed for delegated administrator ${ACCOUNTS.B} for "config.amazonaws.com" in ${ACCOUNTS.A}/${REGIONS.A}: ConstraintViolationException: .* ` +
          `Trusted access for "config.amazonaws.com" is not enabled in the organization: enable it first, with a ServiceAccess resource for "config.amazonaws.com" that this resource depends on \\(dependsOn\\)\\.$`,
      ),
    );
    assert.deepEqual(await registered(), []);
  });

  it("refuses to deregister from credentials that act in another account", async () => {
    await trustConfig();
    const created = await createdByTheStack();
    const error = await rejection(
      delegatedAdministrators.delete(created.id, {
        ...created.outs,
        managementAccountId: ACCOUNTS.C,
      }),
    );
    assert.match(
      error.message,
      new RegExp(
        `^delegated administrator ${ACCOUNTS.B} for "config.amazonaws.com" lives in account ${ACCOUNTS.C}, but without assumeRole the default credentials act in account ${ACCOUNTS.A}\\. `,
      ),
    );
    assert.deepEqual(operations(emulator()), []);
    assert.deepEqual(await registered(), [ACCOUNTS.B]);
  });

  it("acts in the management account through assumeRole, recording it from the role ARN", async () => {
    await trustConfig();
    const created = await delegatedAdministrators.create(
      await inputsFor({ assumeRole: { roleArn: roleArn(ACCOUNTS.A, "OrgAdmin") } }),
    );
    assert.equal(created.outs.managementAccountId, ACCOUNTS.A);
    assert.deepEqual(operations(emulator()), [
      "AssumeRole",
      "ListDelegatedAdministrators",
      "RegisterDelegatedAdministrator",
    ]);
  });
});
