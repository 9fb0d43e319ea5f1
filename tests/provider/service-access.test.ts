import * as assert from "node:assert/strict";
import {
  EnableAWSServiceAccessCommand,
  ListAWSServiceAccessForOrganizationCommand,
} from "@aws-sdk/client-organizations";
import { ACCOUNTS, REGIONS, roleArn } from "../support/fixtures";
import { checked, operations, rejection, serviceAccesses, useProviderWorld } from "./helpers";

const CONFIG = "config.amazonaws.com";
const MULTI_ACCOUNT_SETUP = "config-multiaccountsetup.amazonaws.com";

describe("ServiceAccess provider against the emulator", () => {
  const { emulator, organizations } = useProviderWorld();

  async function trusted(): Promise<string[]> {
    const page = await organizations().send(new ListAWSServiceAccessForOrganizationCommand({}));
    return (page.EnabledServicePrincipals ?? []).map((entry) => entry.ServicePrincipal ?? "");
  }

  /** Trusted access for AWS Config created by the provider; the log then cleared. */
  async function createdByTheStack() {
    const created = await serviceAccesses.create(
      await checked(serviceAccesses, { servicePrincipal: CONFIG }),
    );
    emulator().clearRequests();
    return created;
  }

  it("checks and diffs without a single AWS call", async () => {
    const inputs = await checked(serviceAccesses, { servicePrincipal: CONFIG });
    const state = { ...inputs, accountId: ACCOUNTS.A, preexisting: false } as never;
    await serviceAccesses.diff(CONFIG, state, inputs);
    await serviceAccesses.check({}, { servicePrincipal: "not a principal" });
    assert.deepEqual(operations(emulator()), []);
  });

  it("enables trusted access that is off: the account check, one list and one enable", async () => {
    const inputs = await checked(serviceAccesses, { servicePrincipal: CONFIG });
    const created = await serviceAccesses.create(inputs);
    assert.deepEqual(created, {
      id: CONFIG,
      outs: {
        servicePrincipal: CONFIG,
        region: REGIONS.A,
        accountId: ACCOUNTS.A,
        preexisting: false,
      },
    });
    assert.deepEqual(operations(emulator()), [
      "GetCallerIdentity",
      "ListAWSServiceAccessForOrganization",
      "EnableAWSServiceAccess",
    ]);
    emulator().clearRequests();
    // A second one in the same process knows the account already: one list, one enable.
    await serviceAccesses.create(
      await checked(serviceAccesses, { servicePrincipal: MULTI_ACCOUNT_SETUP }),
    );
    assert.deepEqual(operations(emulator()), [
      "ListAWSServiceAccessForOrganization",
      "EnableAWSServiceAccess",
    ]);
    assert.deepEqual((await trusted()).sort(), [MULTI_ACCOUNT_SETUP, CONFIG]);
  });

  it("records trusted access that was already on, without enabling it, and leaves it on at delete", async () => {
    await organizations().send(new EnableAWSServiceAccessCommand({ ServicePrincipal: CONFIG }));
    emulator().clearRequests();
    const created = await serviceAccesses.create(
      await checked(serviceAccesses, { servicePrincipal: CONFIG }),
    );
    assert.equal(created.outs.preexisting, true);
    assert.deepEqual(operations(emulator()), [
      "GetCallerIdentity",
      "ListAWSServiceAccessForOrganization",
    ]);
    emulator().clearRequests();
    await serviceAccesses.delete(created.id, created.outs);
    assert.deepEqual(operations(emulator()), []);
    assert.deepEqual(await trusted(), [CONFIG]);
  });

  it("disables pre-existing trusted access at delete when it was adopted", async () => {
    await organizations().send(new EnableAWSServiceAccessCommand({ ServicePrincipal: CONFIG }));
    const created = await serviceAccesses.create(
      await checked(serviceAccesses, { servicePrincipal: CONFIG, adoptExisting: true }),
    );
    assert.equal(created.outs.preexisting, true);
    emulator().clearRequests();
    await serviceAccesses.delete(created.id, created.outs);
    assert.deepEqual(operations(emulator()), ["DisableAWSServiceAccess"]);
    assert.deepEqual(await trusted(), []);
  });

  it("disables the trusted access it enabled with one call", async () => {
    const created = await createdByTheStack();
    await serviceAccesses.delete(created.id, created.outs);
    assert.deepEqual(operations(emulator()), ["DisableAWSServiceAccess"]);
    assert.deepEqual(await trusted(), []);
  });

  it("reads trusted access that is on with one list, and reports it gone once disabled elsewhere", async () => {
    const created = await createdByTheStack();
    const read = await serviceAccesses.read(created.id, created.outs);
    assert.deepEqual(read, {
      id: CONFIG,
      props: created.outs,
      inputs: { servicePrincipal: CONFIG, region: REGIONS.A },
    });
    assert.deepEqual(operations(emulator()), ["ListAWSServiceAccessForOrganization"]);
    await serviceAccesses.delete(created.id, created.outs);
    emulator().clearRequests();
    assert.deepEqual(await serviceAccesses.read(created.id, created.outs), {});
    assert.deepEqual(operations(emulator()), ["ListAWSServiceAccessForOrganization"]);
  });

  it("updates adoptExisting in place without an AWS call beyond the account check", async () => {
    await organizations().send(new EnableAWSServiceAccessCommand({ ServicePrincipal: CONFIG }));
    const created = await createdByTheStack();
    const news = await checked(serviceAccesses, { servicePrincipal: CONFIG, adoptExisting: true });
    const updated = await serviceAccesses.update(created.id, created.outs, news);
    assert.deepEqual(updated.outs, { ...created.outs, adoptExisting: true });
    assert.deepEqual(operations(emulator()), []);
  });

  it("refuses to disable from credentials that act in another account", async () => {
    const created = await createdByTheStack();
    const error = await rejection(
      serviceAccesses.delete(created.id, { ...created.outs, accountId: ACCOUNTS.B }),
    );
    assert.equal(
      error.message,
      `trusted access for "config.amazonaws.com" lives in account ${ACCOUNTS.B}, but without assumeRole the default credentials act in account ${ACCOUNTS.A}. ` +
        `Run with credentials for account ${ACCOUNTS.B} or give an assumeRole whose role is there; ` +
        `to move the resource to account ${ACCOUNTS.A}, replace it (for example with the replaceOnChanges option).`,
    );
    assert.deepEqual(operations(emulator()), []);
    assert.deepEqual(await trusted(), [CONFIG]);
  });

  it("names the operation, account and AWS's error when a member account tries", async () => {
    const inputs = await checked(serviceAccesses, {
      servicePrincipal: CONFIG,
      assumeRole: { roleArn: roleArn(ACCOUNTS.B, "OrgAdmin") },
    });
    const error = await rejection(serviceAccesses.create(inputs));
    assert.match(
      error.message,
      new RegExp(
        `^ListAWSServiceAccessForOrganization failed for trusted access for "config.amazonaws.com" in ${ACCOUNTS.B}/${REGIONS.A}: AccessDeniedException: `,
      ),
    );
    assert.deepEqual(operations(emulator()), ["AssumeRole", "ListAWSServiceAccessForOrganization"]);
  });
});
