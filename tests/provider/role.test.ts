import * as assert from "node:assert/strict";
import { forgetActingAccounts } from "../../provider/shared/aws/identity";
import { useEmulator } from "../support/emulator";
import { checked, operations, rejection, roles } from "./helpers";
import { ACCOUNTS } from "../support/fixtures";

const POLICY = "arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations";

describe("ServiceRole provider against the emulator", () => {
  const fixture = useEmulator();
  // Each test counts its own STS calls, as a fresh provider process would make them.
  beforeEach(forgetActingAccounts);
  const emulator = () => fixture.emulator;

  it("records a role its own first CreateRole made when the answer was lost and the retry found it", async () => {
    emulator().setFaults({
      rules: [{ kind: "unavailable", operation: "CreateRole", phase: "after", times: 1 }],
    });
    const inputs = await checked(roles, { name: "ConfigOrgRole", tags: { team: "a" } });
    const created = await roles.create(inputs);
    assert.equal(created.id, "ConfigOrgRole");
    assert.equal(created.outs.arn, `arn:aws:iam::${ACCOUNTS.A}:role/ConfigOrgRole`);
    assert.deepEqual(created.outs.managedPolicyArns, [POLICY]);
    assert.deepEqual(created.outs.tags, { team: "a" });
    assert.deepEqual(operations(emulator()), [
      "CreateRole",
      "CreateRole",
      "GetRole",
      "AttachRolePolicy",
    ]);
    assert.deepEqual(
      emulator()
        .snapshot()
        .roles.map((role) => [role.name, role.attachedPolicyArns, role.tags]),
      [["ConfigOrgRole", [POLICY], { team: "a" }]],
    );
  });

  it("refuses a role of the same name that it did not create", async () => {
    const inputs = await checked(roles, { name: "ConfigOrgRole" });
    await roles.create(inputs);
    emulator().clearRequests();
    const error = await rejection(roles.create(inputs));
    assert.match(
      error.message,
      new RegExp(
        `^CreateRole failed for IAM role "ConfigOrgRole" in ${ACCOUNTS.A}/us-east-1: EntityAlreadyExists: `,
      ),
    );
    // One CreateRole, no look at the existing role; STS names the account in the message.
    assert.deepEqual(operations(emulator()), ["CreateRole", "GetCallerIdentity"]);
  });
});
