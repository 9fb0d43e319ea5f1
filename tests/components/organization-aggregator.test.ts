import * as assert from "node:assert/strict";
import { GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { EnableAWSServiceAccessCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import {
  OrganizationAggregator,
  type OrganizationAggregatorArgs,
} from "../../components/organization-aggregator";
import { ORGANIZATION_ID } from "../../emulator";
import {
  ACCOUNT_A,
  ACCOUNT_B,
  REGION_A,
  REGION_B,
  roleArn,
  useEmulator,
} from "../support/emulator";
import type { ProgramRunner } from "../support/runner";
import {
  aggregatorNamed,
  callCounts,
  emulatorRunner,
  ORGANIZATIONS_POLICY,
  plan,
  RESOURCE_REFERENCE_SIG,
  TYPES,
  urnOf,
  warmCallerAccount,
} from "./helpers";
import { providerText } from "../../provider/shared/stub";
import { SIG_KEY } from "../support/properties";

const ROLE_NAME = "AWSConfigOrg-project-stack-organization";
const ROLE_ARN = roleArn(ACCOUNT_A, ROLE_NAME);

function organization(args: OrganizationAggregatorArgs) {
  return () => {
    const org = new OrganizationAggregator("organization", { name: "organization", ...args });
    return { arn: org.arn, name: org.name, roleArn: org.roleArn };
  };
}

describe("OrganizationAggregator end to end", () => {
  const fixture = useEmulator();
  const emulator = () => fixture.emulator;
  let runner: ProgramRunner;

  before(warmCallerAccount);
  beforeEach(() => {
    runner = emulatorRunner(fixture);
  });
  afterEach(async () => {
    await runner.close();
  });

  /** Every request since the last clear as `<service>:<operation>`, in arrival order. */
  const operations = () =>
    emulator()
      .requests()
      .map((r) => `${r.service}:${r.operation}`);

  it("up creates a role trusted by AWS Config with the organizations policy, then the aggregator using it", async () => {
    const result = await runner.up(organization({ tags: { team: "security" } }));
    assert.deepEqual(plan(result), [
      "create organization",
      "create organization",
      "create organization-role",
    ]);
    // The aggregator waits for the role: AWS Config checks the role when the aggregator is put.
    assert.deepEqual(operations(), [
      "iam:CreateRole",
      "iam:AttachRolePolicy",
      "config:DescribeConfigurationAggregators",
      "config:PutConfigurationAggregator",
    ]);
    assert.deepEqual(emulator().snapshot().roles, [
      {
        account: ACCOUNT_A,
        name: ROLE_NAME,
        arn: ROLE_ARN,
        attachedPolicyArns: [ORGANIZATIONS_POLICY],
        tags: { team: "security" },
      },
    ]);
    const role = await new IAMClient({ region: REGION_A }).send(
      new GetRoleCommand({ RoleName: ROLE_NAME }),
    );
    assert.deepEqual(JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!)), {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "config.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ],
    });
    const aggregator = await aggregatorNamed("organization");
    assert.deepEqual(aggregator?.OrganizationAggregationSource, {
      RoleArn: ROLE_ARN,
      AllAwsRegions: true,
    });
    assert.equal(aggregator?.AccountAggregationSources, undefined);
    assert.deepEqual(
      emulator()
        .snapshot()
        .resources.map(
          (r) => `${r.kind} ${r.account}/${r.region} ${r.id} ${JSON.stringify(r.tags)}`,
        ),
      [`aggregator ${ACCOUNT_A}/${REGION_A} organization {"team":"security"}`],
    );
    assert.deepEqual(result.outputs, {
      arn: aggregator?.ConfigurationAggregatorArn,
      name: "organization",
      roleArn: ROLE_ARN,
    });
    assert.deepEqual(runner.state.get(urnOf(TYPES.organization, "organization"))?.outputs, {
      aggregator: {
        [SIG_KEY]: RESOURCE_REFERENCE_SIG,
        id: "organization",
        urn: urnOf(`${TYPES.organization}$${TYPES.aggregator}`, "organization"),
      },
      role: {
        [SIG_KEY]: RESOURCE_REFERENCE_SIG,
        id: ROLE_NAME,
        urn: urnOf(`${TYPES.organization}$${TYPES.role}`, "organization-role"),
      },
      arn: aggregator?.ConfigurationAggregatorArn,
      name: "organization",
      roleArn: ROLE_ARN,
    });
  });

  it("stores the one-line __provider text of each child's kind, in inputs and outputs", async () => {
    await runner.up(organization({ tags: { team: "security" } }));
    const stored = (type: string, name: string): unknown[] => {
      const resource = runner.state.get(urnOf(`${TYPES.organization}$${type}`, name));
      return [resource?.inputs.__provider, resource?.outputs.__provider];
    };
    assert.deepEqual(stored(TYPES.aggregator, "organization"), [
      providerText("aggregator"),
      providerText("aggregator"),
    ]);
    assert.deepEqual(stored(TYPES.role, "organization-role"), [
      providerText("role"),
      providerText("role"),
    ]);
  });

  it("with roleArn given creates no role and calls no IAM API", async () => {
    const given = roleArn(ACCOUNT_A, "service-role/ExistingConfigOrgRole");
    const result = await runner.up(
      organization({ roleArn: given, awsRegions: [REGION_B, REGION_A] }),
    );
    assert.deepEqual(plan(result), ["create organization", "create organization"]);
    assert.deepEqual(callCounts(emulator()), {
      "config:DescribeConfigurationAggregators (NoSuchConfigurationAggregatorException)": 1,
      "config:PutConfigurationAggregator": 1,
    });
    assert.deepEqual(emulator().snapshot().roles, []);
    const aggregator = await aggregatorNamed("organization");
    assert.deepEqual(aggregator?.OrganizationAggregationSource, {
      RoleArn: given,
      AwsRegions: [REGION_B, REGION_A],
      AllAwsRegions: false,
    });
    assert.equal(result.outputs.roleArn, given);
  });

  it("a tag change updates only the tags of the role and the aggregator", async () => {
    await runner.up(organization({ tags: { team: "security", stage: "prod" } }));
    const before = await aggregatorNamed("organization");
    emulator().clearRequests();

    const result = await runner.up(organization({ tags: { team: "audit" } }));
    assert.deepEqual(plan(result), [
      "same organization",
      "update organization [tags]",
      "update organization-role [tags]",
    ]);
    // IAM addresses the role by name: the default credentials' account is checked once first.
    assert.deepEqual(callCounts(emulator()), {
      "sts:GetCallerIdentity": 1,
      "iam:UntagRole": 1,
      "iam:TagRole": 1,
      "config:UntagResource": 1,
      "config:TagResource": 1,
    });
    const snapshot = emulator().snapshot();
    assert.deepEqual(snapshot.roles, [
      {
        account: ACCOUNT_A,
        name: ROLE_NAME,
        arn: ROLE_ARN,
        attachedPolicyArns: [ORGANIZATIONS_POLICY],
        tags: { team: "audit" },
      },
    ]);
    assert.deepEqual(
      snapshot.resources.map((r) => [r.id, r.tags]),
      [["organization", { team: "audit" }]],
    );
    // Same ARN, source, creation and last-update times: no Put, no replacement.
    assert.deepEqual(await aggregatorNamed("organization"), before);
  });

  it("destroy deletes the aggregator, then detaches the policy and deletes the role", async () => {
    await runner.up(organization({ tags: { team: "security" } }));
    emulator().clearRequests();

    const result = await runner.destroy();
    assert.deepEqual(
      result.steps.map((s) => `${s.op} ${s.name}`),
      ["delete organization", "delete organization-role", "delete organization"],
    );
    assert.deepEqual(operations(), [
      "sts:GetCallerIdentity",
      "config:DeleteConfigurationAggregator",
      "iam:ListAttachedRolePolicies",
      "iam:DetachRolePolicy",
      "iam:DeleteRole",
    ]);
    // Config enabled its trusted access when the aggregator was created; deleting it leaves that on.
    assert.deepEqual(emulator().snapshot(), {
      resources: [],
      roles: [],
      organization: {
        mode: "all",
        id: ORGANIZATION_ID,
        managementAccount: ACCOUNT_A,
        members: "all",
        enabledServicePrincipals: ["config.amazonaws.com"],
        delegatedAdministrators: [],
      },
    });
    assert.equal(runner.state.size, 0);
  });
});

describe("OrganizationAggregator with a delegated administrator", () => {
  const fixture = useEmulator();
  const emulator = () => fixture.emulator;
  let runner: ProgramRunner;
  const AUDIT_ROLE = roleArn(ACCOUNT_B, "Audit");
  const DELEGATED_ROLE_ARN = roleArn(ACCOUNT_B, ROLE_NAME);

  before(warmCallerAccount);
  beforeEach(() => {
    runner = emulatorRunner(fixture);
  });
  afterEach(async () => {
    await runner.close();
  });

  /** The Organizations, IAM and Config requests since the last clear, in arrival order. */
  const calls = () =>
    emulator()
      .requests()
      .filter((r) => ["organizations", "iam", "config"].includes(r.service))
      .map((r) => `${r.service}:${r.operation} ${r.account}`);

  const delegated = (extra: Partial<OrganizationAggregatorArgs["delegatedAdministrator"]> = {}) =>
    organization({
      delegatedAdministrator: {
        accountId: ACCOUNT_B,
        assumeRole: { roleArn: AUDIT_ROLE },
        ...extra,
      },
    });

  it("enables trusted access and registers the account from the management account, then builds the role and the aggregator there", async () => {
    const result = await runner.up(delegated());
    assert.deepEqual(plan(result), [
      "create organization",
      "create organization",
      "create organization-access-config.amazonaws.com",
      "create organization-admin-config.amazonaws.com",
      "create organization-role",
    ]);
    assert.deepEqual(calls(), [
      `organizations:ListAWSServiceAccessForOrganization ${ACCOUNT_A}`,
      `organizations:EnableAWSServiceAccess ${ACCOUNT_A}`,
      `organizations:ListDelegatedAdministrators ${ACCOUNT_A}`,
      `organizations:RegisterDelegatedAdministrator ${ACCOUNT_A}`,
      `iam:CreateRole ${ACCOUNT_B}`,
      `iam:AttachRolePolicy ${ACCOUNT_B}`,
      `config:DescribeConfigurationAggregators ${ACCOUNT_B}`,
      `config:PutConfigurationAggregator ${ACCOUNT_B}`,
    ]);
    assert.equal(result.outputs.roleArn, DELEGATED_ROLE_ARN);
  });

  it("previews the whole setup, then an unchanged program, without a single AWS call", async () => {
    const preview = await runner.preview(delegated());
    assert.deepEqual(plan(preview), [
      "create organization",
      "create organization",
      "create organization-access-config.amazonaws.com",
      "create organization-admin-config.amazonaws.com",
      "create organization-role",
    ]);
    assert.deepEqual(emulator().requests(), []);
    await runner.up(delegated());
    emulator().clearRequests();
    const again = await runner.preview(delegated());
    assert.ok(
      plan(again).every((step) => step.startsWith("same ")),
      plan(again).join(),
    );
    assert.deepEqual(emulator().requests(), []);
  });

  it("with multiAccountSetup also trusts and registers config-multiaccountsetup.amazonaws.com", async () => {
    const result = await runner.up(delegated({ multiAccountSetup: true }));
    const organizationsCalls = calls().filter((call) => call.startsWith("organizations:"));
    assert.deepEqual([...organizationsCalls].sort(), [
      `organizations:EnableAWSServiceAccess ${ACCOUNT_A}`,
      `organizations:EnableAWSServiceAccess ${ACCOUNT_A}`,
      `organizations:ListAWSServiceAccessForOrganization ${ACCOUNT_A}`,
      `organizations:ListAWSServiceAccessForOrganization ${ACCOUNT_A}`,
      `organizations:ListDelegatedAdministrators ${ACCOUNT_A}`,
      `organizations:ListDelegatedAdministrators ${ACCOUNT_A}`,
      `organizations:RegisterDelegatedAdministrator ${ACCOUNT_A}`,
      `organizations:RegisterDelegatedAdministrator ${ACCOUNT_A}`,
    ]);
    // Both registrations come before any IAM or Config call.
    assert.deepEqual(calls().slice(8), [
      `iam:CreateRole ${ACCOUNT_B}`,
      `iam:AttachRolePolicy ${ACCOUNT_B}`,
      `config:DescribeConfigurationAggregators ${ACCOUNT_B}`,
      `config:PutConfigurationAggregator ${ACCOUNT_B}`,
    ]);
    assert.equal(plan(result).length, 7);
  });

  it("leaves trusted access that was already on untouched, and on at destroy", async () => {
    await new OrganizationsClient({ region: REGION_A }).send(
      new EnableAWSServiceAccessCommand({ ServicePrincipal: "config.amazonaws.com" }),
    );
    emulator().clearRequests();
    await runner.up(delegated());
    assert.deepEqual(calls().slice(0, 3), [
      `organizations:ListAWSServiceAccessForOrganization ${ACCOUNT_A}`,
      `organizations:ListDelegatedAdministrators ${ACCOUNT_A}`,
      `organizations:RegisterDelegatedAdministrator ${ACCOUNT_A}`,
    ]);
    emulator().clearRequests();
    await runner.destroy();
    assert.deepEqual(calls(), [
      `config:DeleteConfigurationAggregator ${ACCOUNT_B}`,
      `iam:ListAttachedRolePolicies ${ACCOUNT_B}`,
      `iam:DetachRolePolicy ${ACCOUNT_B}`,
      `iam:DeleteRole ${ACCOUNT_B}`,
      `organizations:DeregisterDelegatedAdministrator ${ACCOUNT_A}`,
    ]);
  });

  it("destroy removes the aggregator and role, then deregisters, then disables the trusted access it enabled", async () => {
    await runner.up(delegated());
    emulator().clearRequests();
    await runner.destroy();
    assert.deepEqual(calls(), [
      `config:DeleteConfigurationAggregator ${ACCOUNT_B}`,
      `iam:ListAttachedRolePolicies ${ACCOUNT_B}`,
      `iam:DetachRolePolicy ${ACCOUNT_B}`,
      `iam:DeleteRole ${ACCOUNT_B}`,
      `organizations:DeregisterDelegatedAdministrator ${ACCOUNT_A}`,
      `organizations:DisableAWSServiceAccess ${ACCOUNT_A}`,
    ]);
    assert.equal(runner.state.size, 0);
  });
});
