import * as assert from "node:assert/strict";
import { HostError, type PropertyMap } from "../support/host";
import {
  AGGREGATOR_URN,
  aggregatorUrn,
  operations,
  useHostedProviders,
  withProvider,
} from "./helpers";
import { ACCOUNTS, REGIONS, roleArn } from "../support/fixtures";

const ROLE = roleArn(ACCOUNTS.B, "Deployer");
const EXTERNAL_ID = "s3cret-external-id-7f3a";
const WRONG_EXTERNAL_ID = "wr0ng-external-id-91c2";
const ROTATED_EXTERNAL_ID = "r0tated-external-id-5d1e";
const URN = AGGREGATOR_URN;

/** An aggregator program acting through the role; a distinct session name gets fresh credentials. */
function programInputs(sessionName: string, extra: PropertyMap = {}): PropertyMap {
  return {
    name: "org",
    accountAggregationSource: { accountIds: [ACCOUNTS.A, ACCOUNTS.B], allAwsRegions: true },
    assumeRole: { roleArn: ROLE, externalId: EXTERNAL_ID, sessionName },
    autoNamePrefix: "org",
    ...extra,
  };
}

describe("assumeRole with an external ID through the dynamic-provider host", function () {
  const hosted = useHostedProviders({ roleExternalIds: { [ROLE]: EXTERNAL_ID } });
  const { emulator, host, aggregatorCode: code } = hosted;

  /** The external IDs appear nowhere a person or a log collector could read them. */
  function assertSecretsKept(...messages: string[]) {
    const places = {
      stderr: host().stderr(),
      requestLog: JSON.stringify(emulator().requests()),
      messages: messages.join("\n"),
    };
    for (const [place, text] of Object.entries(places)) {
      for (const secret of [EXTERNAL_ID, WRONG_EXTERNAL_ID, ROTATED_EXTERNAL_ID]) {
        assert.equal(text.includes(secret), false, `${place} contains an external ID`);
      }
    }
  }

  async function failureOf(call: Promise<unknown>): Promise<HostError> {
    const error = await call.then(
      () => assert.fail("the call should have failed"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof HostError);
    return error;
  }

  it("creates the aggregator in the role's account, assuming the role once", async () => {
    const first = await host().check(URN, {}, withProvider(code, programInputs("create-test")));
    assert.deepEqual(first.failures, []);
    const created = await host().create(URN, first.inputs);
    const second = await host().check(
      aggregatorUrn("org-2"),
      {},
      withProvider(code, programInputs("create-test", { name: "org-2" })),
    );
    await host().create(aggregatorUrn("org-2"), second.inputs);

    assert.deepEqual(
      emulator()
        .requests()
        .map((r) => `${r.operation} as ${r.account}`),
      [
        `AssumeRole as ${ACCOUNTS.A}`,
        `DescribeConfigurationAggregators as ${ACCOUNTS.B}`,
        `PutConfigurationAggregator as ${ACCOUNTS.B}`,
        `DescribeConfigurationAggregators as ${ACCOUNTS.B}`,
        `PutConfigurationAggregator as ${ACCOUNTS.B}`,
      ],
    );
    assert.equal(created.outputs.accountId, ACCOUNTS.B);
    assert.match(
      String(created.outputs.arn),
      new RegExp(
        `^arn:aws:config:us-east-1:${ACCOUNTS.B}:config-aggregator/config-aggregator-[a-z0-9]{8}$`,
      ),
    );
    assert.deepEqual(
      emulator()
        .snapshot()
        .resources.map((r) => `${r.account}/${r.region}/${r.id}`),
      [`${ACCOUNTS.B}/${REGIONS.A}/org`, `${ACCOUNTS.B}/${REGIONS.A}/org-2`],
    );
    assertSecretsKept();
  });

  it("updates a changed external ID or session name without any AWS call", async () => {
    const checked = await host().check(URN, {}, withProvider(code, programInputs("update-test")));
    const created = await host().create(URN, checked.inputs);
    emulator().clearRequests();
    const news = await host().check(
      URN,
      checked.inputs,
      withProvider(code, {
        ...programInputs("update-test"),
        assumeRole: { roleArn: ROLE, externalId: ROTATED_EXTERNAL_ID, sessionName: "renamed" },
      }),
    );
    assert.deepEqual(
      await host().diff(created.id, URN, created.outputs, news.inputs, checked.inputs),
      { changes: "some", replaces: [], deleteBeforeReplace: false },
    );
    const updated = await host().update(
      created.id,
      URN,
      created.outputs,
      news.inputs,
      checked.inputs,
    );
    assert.deepEqual(updated.outputs.assumeRole, news.inputs.assumeRole);
    assert.deepEqual(operations(emulator()), []);
    assertSecretsKept();
  });

  it("diffs a role in another account as a replacement", async () => {
    const checked = await host().check(URN, {}, withProvider(code, programInputs("replace-test")));
    const created = await host().create(URN, checked.inputs);
    const news = await host().check(
      URN,
      checked.inputs,
      withProvider(code, {
        ...programInputs("replace-test"),
        assumeRole: { roleArn: roleArn(ACCOUNTS.C, "Deployer") },
      }),
    );
    assert.deepEqual(
      await host().diff(created.id, URN, created.outputs, news.inputs, checked.inputs),
      { changes: "some", replaces: ["assumeRole"], deleteBeforeReplace: false },
    );
  });

  it("reports a refused external ID without repeating it, in errors and in the host's stderr", async () => {
    const refused = `DescribeConfigurationAggregators failed for aggregator "org" in ${ACCOUNTS.B}/${REGIONS.A}: AccessDenied: User: arn:aws:iam::${ACCOUNTS.A}:root is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`;
    const wrongRole = { roleArn: ROLE, externalId: WRONG_EXTERNAL_ID, sessionName: "refused" };
    const checked = await host().check(
      URN,
      {},
      withProvider(code, programInputs("refused", { assumeRole: wrongRole })),
    );
    const createFailure = await failureOf(host().create(URN, checked.inputs));
    assert.deepEqual([createFailure.details, createFailure.initFailure], [refused, undefined]);
    assert.deepEqual(emulator().snapshot().resources, []);

    // The host prints read and delete failures, stack included, to its stderr (the engine's log).
    const state = { ...checked.inputs, arn: "", accountId: ACCOUNTS.B, tags: {} };
    const readFailure = await failureOf(host().read("org", URN, state, checked.inputs));
    assert.equal(readFailure.details, refused);
    const deleteFailure = await failureOf(host().delete("org", URN, state));
    assert.equal(
      deleteFailure.details,
      `DeleteConfigurationAggregator failed for aggregator "org" in ${ACCOUNTS.B}/${REGIONS.A}: AccessDenied: User: arn:aws:iam::${ACCOUNTS.A}:root is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`,
    );
    assert.ok(host().stderr().includes(`AwsCallError: ${deleteFailure.details}`));
    assert.deepEqual(
      emulator()
        .requests()
        .map((r) => `${r.operation} ${r.status} ${r.errorCode}`),
      ["AssumeRole 403 AccessDenied", "AssumeRole 403 AccessDenied", "AssumeRole 403 AccessDenied"],
    );
    assertSecretsKept(
      createFailure.message,
      readFailure.message,
      deleteFailure.message,
      JSON.stringify(createFailure),
    );
  });
});
