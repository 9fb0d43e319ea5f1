import * as assert from "node:assert/strict";
import { MultiAccountAggregation } from "../../components/multi-account-aggregation";
import { ACCOUNT_A, ACCOUNT_B, REGION_A, useEmulator } from "../support/emulator";
import { RunError, type ProgramRunner } from "../support/runner";
import { emulatorRunner, warmCallerAccount } from "./helpers";

describe("MultiAccountAggregation never creates an authorization in an account other than its source", () => {
  const fixture = useEmulator();
  let runner: ProgramRunner;

  before(warmCallerAccount);
  beforeEach(() => (runner = emulatorRunner(fixture)));
  afterEach(() => runner.close());

  it("fails the preview when a source account has no role and the program's credentials act elsewhere", async () => {
    const program = () => {
      new MultiAccountAggregation("w", {
        aggregator: { name: "w", region: REGION_A },
        sourceAccounts: [{ accountId: ACCOUNT_B }],
        regions: [REGION_A],
      });
    };
    const error = await runner.preview(program).then(
      () => assert.fail("the preview should fail"),
      (e: unknown) => e as RunError,
    );
    assert.ok(error instanceof RunError);
    assert.ok(
      error.errors.some((message) =>
        message.includes(
          `MultiAccountAggregation "w": source account ${ACCOUNT_B}: the authorizations would be created in account ${ACCOUNT_A} (with the program's own credentials); ` +
            `give an assumeRole whose role is in ${ACCOUNT_B}`,
        ),
      ),
      error.errors.join("\n"),
    );
    await runner.up(program).catch(() => undefined);
    assert.deepEqual(
      fixture.emulator.snapshot().resources.filter((r) => r.kind === "authorization"),
      [],
      "no authorization anywhere",
    );
  });

  it("fails the aggregator's create, before any write, when the given aggregator account is not where it is created, and authorizes nothing", async () => {
    const program = () => {
      new MultiAccountAggregation("w", {
        aggregator: { name: "w", region: REGION_A, accountId: ACCOUNT_B },
        sourceAccounts: [{ accountId: ACCOUNT_A }],
        regions: [REGION_A],
      });
    };
    // The given account is taken as it is at program time (no STS call, so programs build under
    // mocks); the aggregator checks it against its credentials when it is created.
    await runner.preview(program);
    fixture.emulator.clearRequests();
    const error = await runner.up(program).then(
      () => assert.fail("the update should fail"),
      (e: unknown) => e as RunError,
    );
    assert.ok(
      error.errors.some((message) =>
        message.includes(
          `aggregator "w": expectedAccountId is ${ACCOUNT_B}, but the default credentials act in account ${ACCOUNT_A}; nothing was written. ` +
            `Give credentials or an assumeRole for account ${ACCOUNT_B}, or correct the expected account.`,
        ),
      ),
      error.errors.join("\n"),
    );
    assert.deepEqual(
      fixture.emulator.requests().map((r) => r.operation),
      ["GetCallerIdentity"],
    );
    assert.deepEqual(fixture.emulator.snapshot().resources, []);
  });
});
