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
import { useEmulator } from "../support/emulator.js";
import { accessKeyOf, ACCOUNTS, REGIONS, roleArn, SOURCE_KEYS } from "../support/fixtures.js";
import { config, keys, organizations, rejectsWith } from "./helpers.js";

const CONFIG = "config.amazonaws.com";

/** An organization aggregator over two regions, as `account` would put it. */
const putOrganizationAggregator = (account: string) =>
  new PutConfigurationAggregatorCommand({
    ConfigurationAggregatorName: "organization",
    OrganizationAggregationSource: {
      RoleArn: roleArn(account, "AWSConfigOrg"),
      AwsRegions: [REGIONS.A, REGIONS.B],
    },
  });

const NOT_DELEGATED =
  "You are not a registered delegated administrator for Config with permissions to call ListDelegatedAdministrators API. Ensure that the management account registers delagated administrator for Config service principal name before the delegated administrator creates an aggregator.";

describe("emulator: Config organization aggregators follow the organization", () => {
  const fixture = useEmulator({ accessKeys: SOURCE_KEYS });
  const memberConfig = () => config({ credentials: keys(accessKeyOf(ACCOUNTS.B)) });

  it("from the management account: created, and Config's trusted access is enabled", async () => {
    const { ConfigurationAggregator } = await config().send(putOrganizationAggregator(ACCOUNTS.A));
    assert.deepEqual(ConfigurationAggregator?.OrganizationAggregationSource, {
      RoleArn: roleArn(ACCOUNTS.A, "AWSConfigOrg"),
      AllAwsRegions: false,
      AwsRegions: [REGIONS.A, REGIONS.B],
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
      memberConfig().send(putOrganizationAggregator(ACCOUNTS.B)),
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
      new RegisterDelegatedAdministratorCommand({
        AccountId: ACCOUNTS.B,
        ServicePrincipal: CONFIG,
      }),
    );
    await memberConfig().send(putOrganizationAggregator(ACCOUNTS.B));
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
        `ORGANIZATION ${ORGANIZATION_ID} ${REGIONS.A} SUCCEEDED`,
        `ORGANIZATION ${ORGANIZATION_ID} ${REGIONS.B} SUCCEEDED`,
      ],
    );
    await management.send(
      new DeregisterDelegatedAdministratorCommand({
        AccountId: ACCOUNTS.B,
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
        [REGIONS.A, "FAILED", "OrganizationAccessDeniedException", NOT_DELEGATED],
        [REGIONS.B, "FAILED", "OrganizationAccessDeniedException", NOT_DELEGATED],
      ],
    );
    await rejectsWith(
      memberConfig().send(putOrganizationAggregator(ACCOUNTS.B)),
      "OrganizationAccessDeniedException",
      400,
      NOT_DELEGATED,
    );
  });

  it("in a consolidated-billing organization: OrganizationAllFeaturesNotEnabledException", async () => {
    fixture.emulator.setOrganization("consolidated-billing");
    await rejectsWith(
      config().send(putOrganizationAggregator(ACCOUNTS.A)),
      "OrganizationAllFeaturesNotEnabledException",
      400,
      "Config resource cannot be created because your organization does not have all features enabled.",
    );
    assert.deepEqual(fixture.emulator.snapshot().organization.enabledServicePrincipals, []);
  });

  it("with no organization: NoAvailableOrganizationException, while account sources still work", async () => {
    fixture.emulator.setOrganization({ mode: "none" });
    await rejectsWith(
      config().send(putOrganizationAggregator(ACCOUNTS.A)),
      "NoAvailableOrganizationException",
      400,
      "Organization is no longer available.",
    );
    const { ConfigurationAggregator } = await config().send(
      new PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: "accounts",
        AccountAggregationSources: [{ AccountIds: [ACCOUNTS.B], AwsRegions: [REGIONS.A] }],
      }),
    );
    assert.equal(ConfigurationAggregator?.ConfigurationAggregatorName, "accounts");
  });

  it("from an account outside the listed members: NoAvailableOrganizationException", async () => {
    fixture.emulator.setOrganization({ mode: "all", members: [ACCOUNTS.C] });
    await rejectsWith(
      memberConfig().send(putOrganizationAggregator(ACCOUNTS.B)),
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
          OrganizationAggregationSource: { RoleArn: roleArn(ACCOUNTS.A, "r") },
        }),
      ),
      "InvalidParameterValueException",
      400,
      "Your request does not specify any regions. Select AWS Config-supported regions and try again.",
    );
  });
});
