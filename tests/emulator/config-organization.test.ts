import assert from "node:assert/strict";
import {
  DescribeConfigurationAggregatorSourcesStatusCommand,
  PutConfigurationAggregatorCommand,
} from "@aws-sdk/client-config-service";
import {
  DeregisterDelegatedAdministratorCommand,
  EnableAWSServiceAccessCommand,
  ListAWSServiceAccessForOrganizationCommand,
  RegisterDelegatedAdministratorCommand,
} from "@aws-sdk/client-organizations";
import { ORGANIZATION_ID } from "../../emulator/index.js";
import {
  ACCOUNT_A,
  ACCOUNT_B,
  REGION_A,
  REGION_B,
  roleArn,
  useEmulator,
} from "../support/emulator.js";
import { config, keys, organizations, rejectsWith } from "./helpers.js";

const CONFIG = "config.amazonaws.com";
const KEY_B = "AKIACONFIGMEMBERB";

/** An organization aggregator over two regions, as `account` would put it. */
const putOrganizationAggregator = (account: string) =>
  new PutConfigurationAggregatorCommand({
    ConfigurationAggregatorName: "organization",
    OrganizationAggregationSource: {
      RoleArn: roleArn(account, "AWSConfigOrg"),
      AwsRegions: [REGION_A, REGION_B],
    },
  });

const NOT_DELEGATED =
  "You are not a registered delegated administrator for Config with permissions to call ListDelegatedAdministrators API. Ensure that the management account registers delagated administrator for Config service principal name before the delegated administrator creates an aggregator.";

describe("emulator: Config organization aggregators follow the organization", () => {
  const fixture = useEmulator({ accessKeys: { [KEY_B]: ACCOUNT_B } });
  const memberConfig = () => config({ credentials: keys(KEY_B) });

  it("from the management account: created, and Config's trusted access is enabled", async () => {
    const { ConfigurationAggregator } = await config().send(putOrganizationAggregator(ACCOUNT_A));
    assert.deepEqual(ConfigurationAggregator?.OrganizationAggregationSource, {
      RoleArn: roleArn(ACCOUNT_A, "AWSConfigOrg"),
      AllAwsRegions: false,
      AwsRegions: [REGION_A, REGION_B],
    });
    const { EnabledServicePrincipals } = await organizations().send(
      new ListAWSServiceAccessForOrganizationCommand({}),
    );
    assert.deepEqual(
      EnabledServicePrincipals?.map((p) => p.ServicePrincipal),
      [CONFIG],
    );
    // Config's own call to Organizations is AWS-internal: the log holds only the caller's calls.
    assert.deepEqual(
      fixture.emulator.requests().map((r) => `${r.service}:${r.operation} ${r.status}`),
      [
        "config:PutConfigurationAggregator 200",
        "organizations:ListAWSServiceAccessForOrganization 200",
      ],
    );
  });

  it("from a member that is not a delegated administrator: OrganizationAccessDeniedException", async () => {
    await rejectsWith(
      memberConfig().send(putOrganizationAggregator(ACCOUNT_B)),
      "OrganizationAccessDeniedException",
      400,
      NOT_DELEGATED,
    );
    assert.deepEqual(fixture.emulator.snapshot().resources, []);
  });

  it("from a delegated administrator for config.amazonaws.com: created, and its sources succeed until it is deregistered", async () => {
    const management = organizations();
    await management.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: CONFIG }));
    await management.send(
      new RegisterDelegatedAdministratorCommand({ AccountId: ACCOUNT_B, ServicePrincipal: CONFIG }),
    );
    await memberConfig().send(putOrganizationAggregator(ACCOUNT_B));
    const status = () =>
      memberConfig().send(
        new DescribeConfigurationAggregatorSourcesStatusCommand({
          ConfigurationAggregatorName: "organization",
        }),
      );
    const succeeded = await status();
    assert.deepEqual(
      succeeded.AggregatedSourceStatusList?.map(
        (s) => `${s.SourceType} ${s.SourceId} ${s.AwsRegion} ${s.LastUpdateStatus}`,
      ),
      [
        `ORGANIZATION ${ORGANIZATION_ID} ${REGION_A} SUCCEEDED`,
        `ORGANIZATION ${ORGANIZATION_ID} ${REGION_B} SUCCEEDED`,
      ],
    );
    await management.send(
      new DeregisterDelegatedAdministratorCommand({
        AccountId: ACCOUNT_B,
        ServicePrincipal: CONFIG,
      }),
    );
    const failed = await status();
    assert.deepEqual(
      failed.AggregatedSourceStatusList?.map((s) => [
        s.AwsRegion,
        s.LastUpdateStatus,
        s.LastErrorCode,
        s.LastErrorMessage,
      ]),
      [
        [REGION_A, "FAILED", "OrganizationAccessDeniedException", NOT_DELEGATED],
        [REGION_B, "FAILED", "OrganizationAccessDeniedException", NOT_DELEGATED],
      ],
    );
    await rejectsWith(
      memberConfig().send(putOrganizationAggregator(ACCOUNT_B)),
      "OrganizationAccessDeniedException",
      400,
      NOT_DELEGATED,
    );
  });

  it("in a consolidated-billing organization: OrganizationAllFeaturesNotEnabledException", async () => {
    fixture.emulator.setOrganization("consolidated-billing");
    await rejectsWith(
      config().send(putOrganizationAggregator(ACCOUNT_A)),
      "OrganizationAllFeaturesNotEnabledException",
      400,
      "Config resource cannot be created because your organization does not have all features enabled.",
    );
    assert.deepEqual(fixture.emulator.snapshot().organization.enabledServicePrincipals, []);
  });

  it("with no organization: NoAvailableOrganizationException, while account sources still work", async () => {
    fixture.emulator.setOrganization({ mode: "none" });
    await rejectsWith(
      config().send(putOrganizationAggregator(ACCOUNT_A)),
      "NoAvailableOrganizationException",
      400,
      "Organization is no longer available.",
    );
    const { ConfigurationAggregator } = await config().send(
      new PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: "accounts",
        AccountAggregationSources: [{ AccountIds: [ACCOUNT_B], AwsRegions: [REGION_A] }],
      }),
    );
    assert.equal(ConfigurationAggregator?.ConfigurationAggregatorName, "accounts");
  });

  it("from an account outside the listed members: NoAvailableOrganizationException", async () => {
    fixture.emulator.setOrganization({ mode: "all", members: ["333333333333"] });
    await rejectsWith(
      memberConfig().send(putOrganizationAggregator(ACCOUNT_B)),
      "NoAvailableOrganizationException",
      400,
      "Organization is no longer available.",
    );
  });

  it("checks the request itself before the organization", async () => {
    fixture.emulator.setOrganization("none");
    await rejectsWith(
      config().send(
        new PutConfigurationAggregatorCommand({
          ConfigurationAggregatorName: "organization",
          OrganizationAggregationSource: { RoleArn: roleArn(ACCOUNT_A, "r") },
        }),
      ),
      "InvalidParameterValueException",
      400,
      "Your request does not specify any regions. Select AWS Config-supported regions and try again.",
    );
  });
});
