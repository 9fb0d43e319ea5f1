import * as assert from "node:assert/strict";
import { MultiAccountAggregation } from "../../components/multi-account-aggregation";
import { RunError } from "../support/runner";
import { useComponentWorld } from "./helpers";
import { ACCOUNTS, REGIONS } from "../support/fixtures";

describe("MultiAccountAggregation never creates an authorization in an account other than its source", () => {
  const { runner, fixture } = useComponentWorld();

  it("fails the preview when a source account has no role and the program's credentials act elsewhere", async () => {
    const program = () => {
      new MultiAccountAggregation("w", {
        aggregator: { name: "w", region: REGIONS.A },
        sourceAccounts: [{ accountId: ACCOUNTS.B }],
        regions: [REGIONS.A],
      });
    };
    const error = await runner()
      .preview(program)
      .then(
        () => assert.fail("the preview should fail"),
        (e: unknown) => e as RunError,
      );
    assert.ok(error instanceof RunError);
    assert.ok(
      error.errors.some((message) =>
        message.includes(
          `MultiAccountAggregation "w": source account ${ACCOUNTS.B}: the authorizations would be created in account ${ACCOUNTS.A} (with the program's own credentials); ` +
            `give an assumeRole whose role is in ${ACCOUNTS.B}`,
        ),
      ),
      error.errors.join("\n"),
    );
    await runner()
      .up(program)
      .catch(() => undefined);
    assert.deepEqual(
      fixture.emulator.snapshot().resources.filter((r) => r.kind === "authorization"),
      [],
      "no authorization anywhere",
    );
  });

  it("fails the aggregator's create, before any write, when the given aggregator account is not where it is created, and authorizes nothing", async () => {
    const program = () => {
      new MultiAccountAggregation("w", {
        aggregator: { name: "w", region: REGIONS.A, accountId: ACCOUNTS.B },
        sourceAccounts: [{ accountId: ACCOUNTS.A }],
        regions: [REGIONS.A],
      });
    };
    // The given account is taken as it is at program time (no STS call, so programs build under
    // mocks); the aggregator checks it against its credentials when it is created.
    await runner().preview(program);
    fixture.emulator.clearRequests();
    const error = await runner()
      .up(program)
      .then(
        () => assert.fail("the update should fail"),
        (e: unknown) => e as RunError,
      );
    assert.ok(
      error.errors.some((message) =>
        message.includes(
          `aggregator "w": expectedAccountId is ${ACCOUNTS.B}, but the default credentials act in account ${ACCOUNTS.A}; nothing was written. ` +
            `Give credentials or an assumeRole for account ${ACCOUNTS.B}, or correct the expected account.`,
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
