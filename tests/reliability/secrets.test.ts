/**
 * Secrets: `assumeRole.externalId` never shows in plain text — not in the state text, the stack
 * outputs, the provider host's stderr, any error message (an AssumeRole refused for a wrong
 * external ID, a check failure on a malformed one, a partial failure), nor the emulator's request
 * log — across create, refresh, a partial update and destroy, for both resources and for a
 * MultiAccountAggregation whose source role needs an external ID.
 *
 * The emulator refuses AssumeRole without the right external ID (`roleExternalIds`), so a run that
 * succeeds proves the ID reached STS.
 */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  AggregationAuthorization,
  ConfigurationAggregator,
  MultiAccountAggregation,
} from "../../index";
import { useEmulator } from "../support/emulator";
import { isSecret } from "../support/properties";
import { RunError, type ProgramRunner } from "../support/runner";
import { AGGREGATOR_TYPE, newRunner, outcomeOf } from "./harness";
import { ACCOUNTS, REGIONS, roleArn } from "../support/fixtures";

/**
 * The external IDs: `deployer` and `source` are what the roles' trust policies require;
 * distinctive, so a leak cannot hide. Wrong and malformed IDs are secrets too: a typo of the real
 * one must not leak either.
 */
const EXTERNAL_IDS = {
  deployer: "xid-Pz7Q-4f1a9c2e-secret",
  source: "xid-K3vR-77b0d5aa-secret",
  wrong: "xid-Pz7Q-4f1a9c2f-secret",
  malformed: "xid Pz7Q 4f1a9c2e secret!",
} as const;
const SECRETS = Object.values(EXTERNAL_IDS);

const DEPLOYER = roleArn(ACCOUNTS.B, "Deployer");
const SOURCE_ROLE = roleArn(ACCOUNTS.C, "ConfigSource");

interface Options {
  tags?: Record<string, string>;
  /** Adds an aggregator whose role is assumed with this external ID. */
  extra?: string;
  /**
   * Export no stack outputs: in a run where a resource fails, the runner awaits the outputs one
   * by one, and Node warns about rejections of the failed resource's outputs handled late.
   */
  noOutputs?: boolean;
}

/**
 * An aggregator and an authorization in account B through a role that needs an external ID, and a
 * MultiAccountAggregation whose source account C needs another one.
 */
function program({ tags = { team: "blue" }, extra, noOutputs }: Options = {}) {
  return () => {
    const assumeRole = { roleArn: DEPLOYER, externalId: EXTERNAL_IDS.deployer };
    const aggregator = new ConfigurationAggregator("agg", {
      name: "secret-agg",
      accountAggregationSource: { accountIds: [ACCOUNTS.C], awsRegions: [REGIONS.A] },
      assumeRole,
      tags,
    });
    const authorization = new AggregationAuthorization("auth", {
      authorizedAccountId: ACCOUNTS.A,
      authorizedAwsRegion: REGIONS.A,
      assumeRole,
      tags,
    });
    const multi = new MultiAccountAggregation("multi", {
      aggregator: { name: "secret-multi", region: REGIONS.A, accountId: ACCOUNTS.A },
      sourceAccounts: [
        {
          accountId: ACCOUNTS.C,
          assumeRole: { roleArn: SOURCE_ROLE, externalId: EXTERNAL_IDS.source },
        },
      ],
      regions: [REGIONS.A],
      tags,
    });
    if (extra !== undefined) {
      new ConfigurationAggregator("extra", {
        name: "secret-extra",
        accountAggregationSource: { accountIds: [ACCOUNTS.C], allAwsRegions: true },
        assumeRole: { roleArn: DEPLOYER, externalId: extra },
      });
    }
    if (noOutputs) return {};
    // Every output a stack would export, and whether the role output is kept secret.
    return {
      aggregatorArn: aggregator.arn,
      aggregatorAccount: aggregator.accountId,
      aggregatorTags: aggregator.tags,
      authorizationArn: authorization.arn,
      authorizationAccount: authorization.accountId,
      multiArn: multi.arn,
      assumeRoleIsSecret: pulumi.output(pulumi.isSecret(aggregator.assumeRole)),
      authorizationRoleIsSecret: pulumi.output(pulumi.isSecret(authorization.assumeRole)),
    };
  };
}

describe("secrets: assumeRole.externalId", function () {
  this.timeout(60_000);
  const fixture = useEmulator({
    roleExternalIds: { [DEPLOYER]: EXTERNAL_IDS.deployer, [SOURCE_ROLE]: EXTERNAL_IDS.source },
  });
  let runner: ProgramRunner;
  /** Every error message seen, from runs and from the host's call log. */
  let errors: string[];

  // One stack for all tests, emptied after each: the host's stderr and call log then cover them all.
  before(() => (runner = newRunner(fixture, REGIONS.A)));
  after(() => runner.close());
  beforeEach(() => (errors = []));
  afterEach(async () => void (await outcomeOf(runner.destroy())));

  /** Runs and keeps the error message of a failed run. */
  async function run(step: Promise<unknown>): Promise<RunError | undefined> {
    const failure = await outcomeOf(step);
    if (failure) errors.push(failure.message, ...failure.errors);
    return failure;
  }

  /** Nothing anyone can read contains a plain external ID. */
  function assertNoLeak(where: string, text: string): void {
    for (const secret of SECRETS) {
      assert.equal(text.includes(secret), false, `${where} contains an external ID`);
    }
  }

  function assertNothingLeaked(outputs: unknown = {}): void {
    assertNoLeak("the state text", runner.stateText());
    assertNoLeak("the stack outputs", JSON.stringify(outputs));
    assertNoLeak("the provider host's stderr", runner.host!.stderr());
    const hostErrors = runner.host!.calls.flatMap((c) => (c.error ? [c.error] : []));
    assertNoLeak("an error message", JSON.stringify([...errors, ...hostErrors]));
    assertNoLeak("the emulator's request log", JSON.stringify(fixture.emulator.requests()));
  }

  /**
   * The external IDs, wherever the state keeps them, are secrets (sealed in the state text), while
   * the rest of each role stays readable.
   */
  function assertRolesSealed(): void {
    const withRoles = [...runner.state.values()].filter((s) => "assumeRole" in s.inputs);
    assert.deepEqual(withRoles.map((s) => s.name).sort(), [
      "agg",
      "auth",
      `multi-auth-${ACCOUNTS.C}-${REGIONS.A}`,
    ]);
    for (const state of withRoles) {
      for (const [side, role] of [
        ["input", state.inputs.assumeRole],
        ["output", state.outputs.assumeRole],
      ] as const) {
        const { roleArn, externalId } = role as Record<string, unknown>;
        assert.ok(isSecret(externalId), `${state.urn}: ${side} assumeRole.externalId is secret`);
        assert.equal(typeof roleArn, "string", `${state.urn}: ${side} assumeRole.roleArn is plain`);
      }
    }
    const sealed = runner.stateText().match(/"ciphertext": "v1:/g) ?? [];
    assert.equal(sealed.length, 6, "each external ID sealed, as input and as output");
  }

  it("stays secret through create, refresh, an unchanged up and destroy", async function () {
    const up = await runner.up(program());
    assert.deepEqual(
      [up.outputs.assumeRoleIsSecret, up.outputs.authorizationRoleIsSecret],
      [true, true],
    );
    assert.equal(up.outputs.aggregatorAccount, ACCOUNTS.B, "the role was assumed");
    assert.equal(up.outputs.authorizationAccount, ACCOUNTS.B);
    const snapshot = fixture.emulator.snapshot().resources;
    assert.deepEqual(
      snapshot.map((r) => `${r.kind} ${r.account}`).sort(),
      [
        `aggregator ${ACCOUNTS.A}`,
        `aggregator ${ACCOUNTS.B}`,
        `authorization ${ACCOUNTS.B}`,
        `authorization ${ACCOUNTS.C}`,
      ],
      "every role was assumed with its external ID",
    );
    assertRolesSealed();
    assertNothingLeaked(up.outputs);

    await runner.refresh();
    assertRolesSealed();
    assertNothingLeaked();

    const again = await runner.up(program());
    assert.deepEqual(
      again.steps.filter((s) => s.op !== "same").map((s) => s.name),
      [],
    );
    assertNothingLeaked(again.outputs);

    await runner.destroy();
    assert.deepEqual(fixture.emulator.snapshot().resources, []);
    assertNothingLeaked();
  });

  it("stays secret in a partial failure and the update that completes it", async function () {
    await runner.up(program());
    fixture.emulator.setFaults({
      rules: [{ kind: "reject", operation: "TagResource", account: ACCOUNTS.B, times: 1 }],
    });
    const failure = await run(runner.up(program({ tags: { team: "red" }, noOutputs: true })));
    fixture.emulator.setFaults({});
    assert.ok(failure, "the TagResource refusal fails the run");
    assert.match(
      failure.message,
      new RegExp(`TagResource failed for .* in ${ACCOUNTS.B}/us-east-1: AccessDeniedException`),
    );
    const partial = [...runner.state.values()].filter((s) => s.initErrors !== undefined);
    assert.equal(partial.length, 1, "one resource is recorded as partial");
    assertRolesSealed();
    assertNothingLeaked();

    const done = await runner.up(program({ tags: { team: "red" } }));
    assertRolesSealed();
    assertNothingLeaked(done.outputs);
  });

  it("stays secret when AssumeRole is refused for a wrong external ID", async function () {
    await runner.up(program());
    const failure = await run(runner.up(program({ extra: EXTERNAL_IDS.wrong })));
    assert.ok(failure, "the wrong external ID fails the run");
    const urn = `urn:pulumi:stack::project::${AGGREGATOR_TYPE}::extra`;
    assert.deepEqual(
      failure.result.steps.filter((s) => s.error).map((s) => s.urn),
      [urn],
    );
    assert.match(
      failure.errors[0],
      new RegExp(
        `^${urn}: create failed \\(gRPC UNKNOWN\\): DescribeConfigurationAggregators failed for aggregator "secret-extra" in ${ACCOUNTS.B}/${REGIONS.A}: AccessDenied: .*sts:AssumeRole on resource: arn:aws:iam::${ACCOUNTS.B}:role/Deployer`,
      ),
    );
    const assumeRoles = fixture.emulator.requests().filter((r) => r.operation === "AssumeRole");
    assert.ok(
      assumeRoles.some((r) => r.errorCode === "AccessDenied"),
      "STS refused the wrong external ID",
    );
    assertNothingLeaked();
  });

  it("stays secret when check refuses a malformed external ID", async function () {
    const failure = await run(runner.up(program({ extra: EXTERNAL_IDS.malformed })));
    assert.ok(failure);
    const urn = `urn:pulumi:stack::project::${AGGREGATOR_TYPE}::extra`;
    assert.ok(
      failure.errors.includes(
        `${urn}: check failed: assumeRole.externalId: the external ID may contain only letters, digits and _ + = , . @ : / - (value hidden: it is secret)`,
      ),
      failure.message,
    );
    assert.equal(
      fixture.emulator.requests().some((r) => r.operation === "AssumeRole" && r.errorCode),
      false,
      "the malformed ID never reached STS",
    );
    assertNothingLeaked();
    // The engine schedules no step after a failed Check: the refused resource is not recorded.
    assert.equal(runner.state.has(urn), false);
  });
});
