import * as assert from "node:assert/strict";
import { GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import {
  OrganizationAggregator,
  type OrganizationAggregatorArgs,
} from "../../components/organization-aggregator";
import { ORGANIZATION_ID } from "../../emulator";
import { ACCOUNT_A, REGION_A, REGION_B, roleArn, useEmulator } from "../support/emulator";
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
