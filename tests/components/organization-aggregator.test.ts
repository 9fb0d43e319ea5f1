import * as assert from "node:assert/strict";
import { GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { EnableAWSServiceAccessCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import {
  OrganizationAggregator,
  type OrganizationAggregatorArgs,
} from "../../components/organization-aggregator";
import { ORGANIZATION_ID } from "../../emulator";
import { ACCOUNTS, REGIONS, roleArn } from "../support/fixtures";
import {
  aggregatorNamed,
  callCounts,
  childReference,
  ORGANIZATIONS_POLICY,
  plan,
  TYPES,
  urnOf,
  useComponentWorld,
} from "./helpers";
import { providerText } from "../../provider/shared/stub";

const ROLE_NAME = "AWSConfigOrg-project-stack-organization";
const ROLE_ARN = roleArn(ACCOUNTS.A, ROLE_NAME);

function organization(args: OrganizationAggregatorArgs) {
  return () => {
    const org = new OrganizationAggregator("organization", { name: "organization", ...args });
    return { arn: org.arn, name: org.name, roleArn: org.roleArn };
  };
}

describe("OrganizationAggregator end to end", () => {
  const { emulator, runner } = useComponentWorld();

  /** Every request since the last clear as `<service>:<operation>`, in arrival order. */
  const operations = () =>
    emulator()
      .requests()
      .map((r) => `${r.service}:${r.operation}`);

  it("up creates a role trusted by AWS Config with the organizations policy, then the aggregator using it", async () => {
    const result = await runner().up(organization({ tags: { team: "security" } }));
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
        account: ACCOUNTS.A,
        name: ROLE_NAME,
        arn: ROLE_ARN,
        attachedPolicyArns: [ORGANIZATIONS_POLICY],
        tags: { team: "security" },
      },
    ]);
    const role = await new IAMClient({ region: REGIONS.A }).send(
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
      [`aggregator ${ACCOUNTS.A}/${REGIONS.A} organization {"team":"security"}`],
    );
    assert.deepEqual(result.outputs, {
      arn: aggregator?.ConfigurationAggregatorArn,
      name: "organization",
      roleArn: ROLE_ARN,
    });
    assert.deepEqual(runner().state.get(urnOf(TYPES.organization, "organization"))?.outputs, {
      aggregator: childReference(
        TYPES.organization,
        TYPES.aggregator,
        "organization",
        "organization",
      ),
      role: childReference(TYPES.organization, TYPES.role, "organization-role", ROLE_NAME),
      arn: aggregator?.ConfigurationAggregatorArn,
      name: "organization",
      roleArn: ROLE_ARN,
    });
  });

  it("stores the one-line __provider text of each child's kind, in inputs and outputs", async () => {
    await runner().up(organization({ tags: { team: "security" } }));
    const stored = (type: string, name: string): unknown[] => {
      const resource = runner().state.get(urnOf(`${TYPES.organization}$${type}`, name));
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
    const given = roleArn(ACCOUNTS.A, "service-role/ExistingConfigOrgRole");
    const result = await runner().up(
      organization({ roleArn: given, awsRegions: [REGIONS.B, REGIONS.A] }),
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
      AwsRegions: [REGIONS.B, REGIONS.A],
      AllAwsRegions: false,
    });
    assert.equal(result.outputs.roleArn, given);
  });

  it("a tag change updates only the tags of the role and the aggregator", async () => {
    await runner().up(organization({ tags: { team: "security", stage: "prod" } }));
    const before = await aggregatorNamed("organization");
    emulator().clearRequests();

    const result = await runner().up(organization({ tags: { team: "audit" } }));
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
        account: ACCOUNTS.A,
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
    await runner().up(organization({ tags: { team: "security" } }));
    emulator().clearRequests();

    const result = await runner().destroy();
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
        managementAccount: ACCOUNTS.A,
        members: "all",
        enabledServicePrincipals: ["config.amazonaws.com"],
        delegatedAdministrators: [],
      },
    });
    assert.equal(runner().state.size, 0);
  });
});

describe("OrganizationAggregator with a delegated administrator", () => {
  const { emulator, runner } = useComponentWorld();
  const AUDIT_ROLE = roleArn(ACCOUNTS.B, "Audit");
  const DELEGATED_ROLE_ARN = roleArn(ACCOUNTS.B, ROLE_NAME);
  /** What `up` plans for the delegated setup, as {@link plan} sorts it. */
  const DELEGATED_PLAN = [
    "create organization",
    "create organization",
    "create organization-access-config.amazonaws.com",
    "create organization-admin-config.amazonaws.com",
    "create organization-role",
  ];
  /** The role and the aggregator built in the delegated administrator, in order. */
  const BUILT_IN_B = [
    `iam:CreateRole ${ACCOUNTS.B}`,
    `iam:AttachRolePolicy ${ACCOUNTS.B}`,
    `config:DescribeConfigurationAggregators ${ACCOUNTS.B}`,
    `config:PutConfigurationAggregator ${ACCOUNTS.B}`,
  ];
  /** What `destroy` does before trusted access: children first, then the registration. */
  const TORN_DOWN = [
    `config:DeleteConfigurationAggregator ${ACCOUNTS.B}`,
    `iam:ListAttachedRolePolicies ${ACCOUNTS.B}`,
    `iam:DetachRolePolicy ${ACCOUNTS.B}`,
    `iam:DeleteRole ${ACCOUNTS.B}`,
    `organizations:DeregisterDelegatedAdministrator ${ACCOUNTS.A}`,
  ];

  /** The Organizations, IAM and Config requests since the last clear, in arrival order. */
  const calls = () =>
    emulator()
      .requests()
      .filter((r) => ["organizations", "iam", "config"].includes(r.service))
      .map((r) => `${r.service}:${r.operation} ${r.account}`);

  const delegated = (extra: Partial<OrganizationAggregatorArgs["delegatedAdministrator"]> = {}) =>
    organization({
      delegatedAdministrator: {
        accountId: ACCOUNTS.B,
        assumeRole: { roleArn: AUDIT_ROLE },
        ...extra,
      },
    });

  it("enables trusted access and registers the account from the management account, then builds the role and the aggregator there", async () => {
    const result = await runner().up(delegated());
    assert.deepEqual(plan(result), DELEGATED_PLAN);
    assert.deepEqual(calls(), [
      `organizations:ListAWSServiceAccessForOrganization ${ACCOUNTS.A}`,
      `organizations:EnableAWSServiceAccess ${ACCOUNTS.A}`,
      `organizations:ListDelegatedAdministrators ${ACCOUNTS.A}`,
      `organizations:RegisterDelegatedAdministrator ${ACCOUNTS.A}`,
      ...BUILT_IN_B,
    ]);
    assert.equal(result.outputs.roleArn, DELEGATED_ROLE_ARN);
  });

  it("previews the whole setup, then an unchanged program, without a single AWS call", async () => {
    const preview = await runner().preview(delegated());
    assert.deepEqual(plan(preview), DELEGATED_PLAN);
    assert.deepEqual(emulator().requests(), []);
    await runner().up(delegated());
    emulator().clearRequests();
    const again = await runner().preview(delegated());
    assert.ok(
      plan(again).every((step) => step.startsWith("same ")),
      plan(again).join(),
    );
    assert.deepEqual(emulator().requests(), []);
  });

  it("with multiAccountSetup also trusts and registers config-multiaccountsetup.amazonaws.com", async () => {
    const result = await runner().up(delegated({ multiAccountSetup: true }));
    const organizationsCalls = calls().filter((call) => call.startsWith("organizations:"));
    assert.deepEqual([...organizationsCalls].sort(), [
      `organizations:EnableAWSServiceAccess ${ACCOUNTS.A}`,
      `organizations:EnableAWSServiceAccess ${ACCOUNTS.A}`,
      `organizations:ListAWSServiceAccessForOrganization ${ACCOUNTS.A}`,
      `organizations:ListAWSServiceAccessForOrganization ${ACCOUNTS.A}`,
      `organizations:ListDelegatedAdministrators ${ACCOUNTS.A}`,
      `organizations:ListDelegatedAdministrators ${ACCOUNTS.A}`,
      `organizations:RegisterDelegatedAdministrator ${ACCOUNTS.A}`,
      `organizations:RegisterDelegatedAdministrator ${ACCOUNTS.A}`,
    ]);
    // Both registrations come before any IAM or Config call.
    assert.deepEqual(calls().slice(8), BUILT_IN_B);
    assert.equal(plan(result).length, 7);
  });

  it("leaves trusted access that was already on untouched, and on at destroy", async () => {
    await new OrganizationsClient({ region: REGIONS.A }).send(
      new EnableAWSServiceAccessCommand({ ServicePrincipal: "config.amazonaws.com" }),
    );
    emulator().clearRequests();
    await runner().up(delegated());
    assert.deepEqual(calls().slice(0, 3), [
      `organizations:ListAWSServiceAccessForOrganization ${ACCOUNTS.A}`,
      `organizations:ListDelegatedAdministrators ${ACCOUNTS.A}`,
      `organizations:RegisterDelegatedAdministrator ${ACCOUNTS.A}`,
    ]);
    emulator().clearRequests();
    await runner().destroy();
    assert.deepEqual(calls(), TORN_DOWN);
  });

  it("destroy removes the aggregator and role, then deregisters, then disables the trusted access it enabled", async () => {
    await runner().up(delegated());
    emulator().clearRequests();
    await runner().destroy();
    assert.deepEqual(calls(), [
      ...TORN_DOWN,
      `organizations:DisableAWSServiceAccess ${ACCOUNTS.A}`,
    ]);
    assert.equal(runner().state.size, 0);
  });
});
