/**
 * Users unit-test their programs under `pulumi.runtime.setMocks`, as awsx and eks document: no
 * engine, no provider, and often no AWS credentials. Building a component there must make no AWS
 * call when the arguments name the accounts, and must not bring the process down when they do not.
 */
import * as assert from "node:assert/strict";
import { forgetCallerAccount } from "../../components/caller-account";
import { MultiAccountAggregation } from "../../components/multi-account-aggregation";
import { OrganizationAggregator } from "../../components/organization-aggregator";
import { useEmulator } from "../support/emulator";
import { ACCOUNTS, REGIONS, roleArn } from "../support/fixtures";
import { useRecordingMocks } from "./helpers";

describe("components under pulumi.runtime.setMocks", () => {
  const fixture = useEmulator();
  beforeEach(forgetCallerAccount);
  afterEach(forgetCallerAccount);
  const { registered, settled } = useRecordingMocks();

  it("MultiAccountAggregation with aggregator.accountId and source roles makes no AWS call", async () => {
    new MultiAccountAggregation("workloads", {
      aggregator: { name: "workloads", region: REGIONS.A, accountId: ACCOUNTS.A },
      sourceAccountIds: [ACCOUNTS.C, ACCOUNTS.B],
      sourceRoleName: "ConfigSource",
      regions: [REGIONS.B, REGIONS.A],
    });

    const children = (await settled()).filter((r) => r.type.endsWith("AggregationAuthorization"));
    assert.deepEqual(
      children.map(
        (r) => `${r.name} ${String(r.inputs.authorizedAccountId)} ${String(r.inputs.region)}`,
      ),
      [
        `workloads-auth-${ACCOUNTS.C}-${REGIONS.B} ${ACCOUNTS.A} ${REGIONS.B}`,
        `workloads-auth-${ACCOUNTS.C}-${REGIONS.A} ${ACCOUNTS.A} ${REGIONS.A}`,
        `workloads-auth-${ACCOUNTS.B}-${REGIONS.B} ${ACCOUNTS.A} ${REGIONS.B}`,
        `workloads-auth-${ACCOUNTS.B}-${REGIONS.A} ${ACCOUNTS.A} ${REGIONS.A}`,
      ],
    );
    const aggregator = registered().find((r) => r.type.endsWith("ConfigurationAggregator"));
    assert.equal(aggregator?.inputs.expectedAccountId, ACCOUNTS.A);
    assert.deepEqual(fixture.emulator.requests(), []);
  });

  it("OrganizationAggregator with an assumeRole makes no AWS call: the role ARN names the account", async () => {
    new OrganizationAggregator("org", {
      region: REGIONS.A,
      assumeRole: { roleArn: roleArn(ACCOUNTS.B, "Deployer") },
    });

    const aggregator = (await settled()).find((r) => r.type.endsWith("ConfigurationAggregator"));
    assert.deepEqual(aggregator?.inputs.organizationAggregationSource, {
      roleArn: roleArn(ACCOUNTS.B, "AWSConfigOrg-project-stack-org"),
      allAwsRegions: true,
    });
    assert.deepEqual(fixture.emulator.requests(), []);
  });

  it("OrganizationAggregator in a delegated administrator makes no AWS call: the arguments name both accounts", async () => {
    new OrganizationAggregator("audit", {
      region: REGIONS.A,
      assumeRole: { roleArn: roleArn(ACCOUNTS.A, "Management") },
      delegatedAdministrator: {
        accountId: ACCOUNTS.B,
        assumeRole: { roleArn: roleArn(ACCOUNTS.B, "OrganizationAccountAccessRole") },
      },
    });

    const types = (await settled()).map((r) => `${r.type.split(":").pop()} ${r.name}`);
    assert.deepEqual(types.sort(), [
      "ConfigurationAggregator audit",
      "DelegatedAdministrator audit-admin-config.amazonaws.com",
      "OrganizationAggregator audit",
      "ServiceAccess audit-access-config.amazonaws.com",
      "ServiceRole audit-role",
    ]);
    assert.deepEqual(fixture.emulator.requests(), []);
  });

  it("without aggregator.accountId and without credentials, the error names aggregator.accountId", async () => {
    const saved = { ...process.env };
    for (const key of [
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN",
      "AWS_PROFILE",
    ])
      delete process.env[key];
    process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/credentials";
    process.env.AWS_CONFIG_FILE = "/nonexistent/config";
    process.env.AWS_EC2_METADATA_DISABLED = "true";
    // Under mocks the SDK leaves a child's failed input unhandled (a real run fails the update
    // with it); mocha's own listener is set aside so that the test can read what users see.
    const mochaListeners = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    const rejections: string[] = [];
    process.on("unhandledRejection", (reason) => rejections.push(String(reason)));
    try {
      new MultiAccountAggregation("workloads", {
        aggregator: { name: "workloads", region: REGIONS.A },
        sourceAccountIds: [ACCOUNTS.B],
        sourceRoleName: "ConfigSource",
        regions: [REGIONS.A],
      });
      await settled();
      for (let wait = 0; rejections.length === 0 && wait < 100; wait++)
        await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.removeAllListeners("unhandledRejection");
      for (const listener of mochaListeners) process.on("unhandledRejection", listener);
      process.env = saved;
    }

    assert.ok(rejections.length > 0, "the failure is reported");
    assert.deepEqual(
      new Set(rejections),
      new Set([
        'ComponentArgumentError: error serializing property "authorizedAccountId": MultiAccountAggregation "workloads": ' +
          "aggregator.accountId is not given and the aggregator's account cannot be found " +
          "(STS GetCallerIdentity with the program's credentials: CredentialsProviderError: Could not load credentials from any providers); " +
          "give aggregator.accountId, an aggregator.assumeRole, or credentials",
      ]),
    );
    assert.deepEqual(fixture.emulator.requests(), []);
  });
});
