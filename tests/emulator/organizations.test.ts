import assert from "node:assert/strict";
import {
  DeregisterDelegatedAdministratorCommand,
  DescribeOrganizationCommand,
  DisableAWSServiceAccessCommand,
  EnableAWSServiceAccessCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  type OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from "@aws-sdk/client-organizations";
import { ORGANIZATION_ID, startEmulator } from "../../emulator/index.js";
import { useEmulator } from "../support/emulator.js";
import { accessKeyOf, ACCOUNTS, REGIONS, SOURCE_KEYS } from "../support/fixtures.js";
import { keys, organizations, organizationsFailure, START_ORGANIZATION } from "./helpers.js";

const CONFIG = "config.amazonaws.com";
const GUARDDUTY = "guardduty.amazonaws.com";

/** A client of the management account (the fixture's default credentials). */
const management = () => organizations();
/** A client acting as a member account, through its configured key. */
const member = (account: string) => organizations({ credentials: keys(accessKeyOf(account)) });

const ACCESS_DENIED = {
  name: "AccessDeniedException",
  message: "You don't have permissions to access this resource.",
};
const NOT_IN_USE = {
  name: "AWSOrganizationsNotInUseException",
  message:
    "Your account isn't a member of an organization. To make this request, you must use the credentials of an account that belongs to an organization.",
};

const enable = (principal: string) =>
  new EnableAWSServiceAccessCommand({ ServicePrincipal: principal });
const register = (account: string, principal = CONFIG) =>
  new RegisterDelegatedAdministratorCommand({ AccountId: account, ServicePrincipal: principal });
const deregister = (account: string, principal = CONFIG) =>
  new DeregisterDelegatedAdministratorCommand({ AccountId: account, ServicePrincipal: principal });

describe("emulator: AWS Organizations, all features (the default)", () => {
  const fixture = useEmulator({ accessKeys: SOURCE_KEYS });

  it("describes the organization to the management account and to members alike", async () => {
    const expected = {
      Id: ORGANIZATION_ID,
      Arn: `arn:aws:organizations::${ACCOUNTS.A}:organization/${ORGANIZATION_ID}`,
      FeatureSet: "ALL",
      MasterAccountArn: `arn:aws:organizations::${ACCOUNTS.A}:account/${ORGANIZATION_ID}/${ACCOUNTS.A}`,
      MasterAccountId: ACCOUNTS.A,
      MasterAccountEmail: `aws+${ACCOUNTS.A}@example.com`,
      AvailablePolicyTypes: [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }],
    };
    assert.deepEqual(
      (await management().send(new DescribeOrganizationCommand({}))).Organization,
      expected,
    );
    assert.deepEqual(
      (await member(ACCOUNTS.B).send(new DescribeOrganizationCommand({}))).Organization,
      expected,
    );
    assert.deepEqual(
      fixture.emulator.requests().map(({ time: _t, ...r }) => r),
      [
        {
          seq: 1,
          service: "organizations",
          operation: "DescribeOrganization",
          account: ACCOUNTS.A,
          region: REGIONS.A,
          status: 200,
        },
        {
          seq: 2,
          service: "organizations",
          operation: "DescribeOrganization",
          account: ACCOUNTS.B,
          region: REGIONS.A,
          status: 200,
        },
      ],
    );
  });

  it("enables trusted access once, lists it with its date, and disables it", async () => {
    const client = management();
    const before = Date.now();
    await client.send(enable(CONFIG));
    await client.send(enable(GUARDDUTY));
    await client.send(enable(CONFIG));
    const listed = await client.send(new ListAWSServiceAccessForOrganizationCommand({}));
    assert.deepEqual(
      listed.EnabledServicePrincipals?.map((p) => p.ServicePrincipal),
      [CONFIG, GUARDDUTY],
    );
    const date = listed.EnabledServicePrincipals?.[0]?.DateEnabled?.getTime() ?? 0;
    assert.ok(date >= before - 1000 && date <= Date.now(), `DateEnabled ${date}`);
    assert.equal(listed.NextToken, undefined);
    await client.send(new DisableAWSServiceAccessCommand({ ServicePrincipal: CONFIG }));
    await client.send(new DisableAWSServiceAccessCommand({ ServicePrincipal: CONFIG }));
    const after = await client.send(new ListAWSServiceAccessForOrganizationCommand({}));
    assert.deepEqual(
      after.EnabledServicePrincipals?.map((p) => p.ServicePrincipal),
      [GUARDDUTY],
    );
    assert.deepEqual(fixture.emulator.snapshot().organization.enabledServicePrincipals, [
      GUARDDUTY,
    ]);
  });

  it("registers, lists and deregisters a delegated administrator", async () => {
    const client = management();
    await client.send(enable(CONFIG));
    const before = Date.now();
    await client.send(register(ACCOUNTS.B));
    const listed = await client.send(
      new ListDelegatedAdministratorsCommand({ ServicePrincipal: CONFIG }),
    );
    const admin = listed.DelegatedAdministrators?.[0];
    const delegated = admin?.DelegationEnabledDate?.getTime() ?? 0;
    assert.ok(delegated >= before - 1000 && delegated <= Date.now());
    assert.ok(admin?.JoinedTimestamp instanceof Date);
    assert.deepEqual(listed.DelegatedAdministrators, [
      {
        Id: ACCOUNTS.B,
        Arn: `arn:aws:organizations::${ACCOUNTS.A}:account/${ORGANIZATION_ID}/${ACCOUNTS.B}`,
        Email: `aws+${ACCOUNTS.B}@example.com`,
        Name: `Account ${ACCOUNTS.B}`,
        Status: "ACTIVE",
        JoinedMethod: "CREATED",
        JoinedTimestamp: admin?.JoinedTimestamp,
        DelegationEnabledDate: admin?.DelegationEnabledDate,
      },
    ]);
    assert.deepEqual(fixture.emulator.snapshot().organization.delegatedAdministrators, [
      { account: ACCOUNTS.B, servicePrincipal: CONFIG },
    ]);
    await client.send(deregister(ACCOUNTS.B));
    const after = await client.send(new ListDelegatedAdministratorsCommand({}));
    assert.deepEqual(after.DelegatedAdministrators, []);
  });

  it("refuses to register before trusted access is enabled", async () => {
    assert.deepEqual(await organizationsFailure(management().send(register(ACCOUNTS.B))), {
      name: "ConstraintViolationException",
      message:
        "You attempted to register a delegated administrator before you enabled service access. Call the EnableAWSServiceAccess API first.",
      reason: "SERVICE_ACCESS_NOT_ENABLED",
    });
  });

  it("refuses to register the management account", async () => {
    await management().send(enable(CONFIG));
    assert.deepEqual(await organizationsFailure(management().send(register(ACCOUNTS.A))), {
      name: "ConstraintViolationException",
      message:
        "You attempted to register the management account of the organization as a delegated administrator for an Amazon Web Services service integrated with Organizations. You can designate only a member account as a delegated administrator.",
      reason: "CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR",
    });
  });

  it("refuses to register twice and to deregister an account not registered", async () => {
    await management().send(enable(CONFIG));
    await management().send(register(ACCOUNTS.B));
    assert.deepEqual(await organizationsFailure(management().send(register(ACCOUNTS.B))), {
      name: "AccountAlreadyRegisteredException",
      message:
        "The specified account is already a delegated administrator for this Amazon Web Services service.",
    });
    assert.deepEqual(await organizationsFailure(management().send(deregister(ACCOUNTS.C))), {
      name: "AccountNotRegisteredException",
      message:
        "The specified account is not a delegated administrator for this Amazon Web Services service.",
    });
    assert.deepEqual(
      fixture.emulator
        .requests()
        .map((r) => `${r.account} ${r.operation} ${r.status} ${r.errorCode ?? ""}`.trim()),
      [
        `${ACCOUNTS.A} EnableAWSServiceAccess 200`,
        `${ACCOUNTS.A} RegisterDelegatedAdministrator 200`,
        `${ACCOUNTS.A} RegisterDelegatedAdministrator 400 AccountAlreadyRegisteredException`,
        `${ACCOUNTS.A} DeregisterDelegatedAdministrator 400 AccountNotRegisteredException`,
      ],
    );
  });

  it("refuses service principals it does not recognise", async () => {
    const unrecognized = {
      name: "InvalidInputException",
      message: "You specified a service principal that isn't recognized.",
      reason: "UNRECOGNIZED_SERVICE_PRINCIPAL",
    };
    const client = management();
    assert.deepEqual(
      await organizationsFailure(client.send(enable("example.amazonaws.com"))),
      unrecognized,
    );
    assert.deepEqual(
      await organizationsFailure(client.send(register(ACCOUNTS.B, "example.amazonaws.com"))),
      unrecognized,
    );
    assert.deepEqual(
      await organizationsFailure(
        client.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: "x.example" })),
      ),
      unrecognized,
    );
  });

  it("reserves changes to the management account", async () => {
    const client = member(ACCOUNTS.B);
    const calls: (() => Promise<unknown>)[] = [
      () => client.send(enable(CONFIG)),
      () => client.send(new DisableAWSServiceAccessCommand({ ServicePrincipal: CONFIG })),
      () => client.send(register(ACCOUNTS.C)),
      () => client.send(deregister(ACCOUNTS.C)),
    ];
    for (const call of calls) assert.deepEqual(await organizationsFailure(call()), ACCESS_DENIED);
    assert.deepEqual(
      fixture.emulator.requests().map((r) => `${r.account} ${r.operation} ${r.errorCode}`),
      [
        `${ACCOUNTS.B} EnableAWSServiceAccess AccessDeniedException`,
        `${ACCOUNTS.B} DisableAWSServiceAccess AccessDeniedException`,
        `${ACCOUNTS.B} RegisterDelegatedAdministrator AccessDeniedException`,
        `${ACCOUNTS.B} DeregisterDelegatedAdministrator AccessDeniedException`,
      ],
    );
  });

  it("opens the listings to delegated administrators of any service, not to other members", async () => {
    await management().send(enable(GUARDDUTY));
    await management().send(register(ACCOUNTS.B, GUARDDUTY));
    const seen = await member(ACCOUNTS.B).send(new ListDelegatedAdministratorsCommand({}));
    assert.deepEqual(
      seen.DelegatedAdministrators?.map((d) => d.Id),
      [ACCOUNTS.B],
    );
    const access = await member(ACCOUNTS.B).send(
      new ListAWSServiceAccessForOrganizationCommand({}),
    );
    assert.deepEqual(
      access.EnabledServicePrincipals?.map((p) => p.ServicePrincipal),
      [GUARDDUTY],
    );
    assert.deepEqual(
      await organizationsFailure(
        member(ACCOUNTS.C).send(new ListDelegatedAdministratorsCommand({})),
      ),
      ACCESS_DENIED,
    );
    assert.deepEqual(
      await organizationsFailure(
        member(ACCOUNTS.C).send(new ListAWSServiceAccessForOrganizationCommand({})),
      ),
      ACCESS_DENIED,
    );
  });

  it("lists each account once, filtered by service principal when one is given", async () => {
    const client = management();
    await client.send(enable(CONFIG));
    await client.send(enable(GUARDDUTY));
    await client.send(register(ACCOUNTS.C, GUARDDUTY));
    await client.send(register(ACCOUNTS.B, CONFIG));
    await client.send(register(ACCOUNTS.C, CONFIG));
    const ids = async (principal?: string) =>
      (
        await client.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: principal }))
      ).DelegatedAdministrators?.map((d) => d.Id);
    assert.deepEqual(await ids(), [ACCOUNTS.C, ACCOUNTS.B]);
    assert.deepEqual(await ids(CONFIG), [ACCOUNTS.B, ACCOUNTS.C]);
    assert.deepEqual(await ids(GUARDDUTY), [ACCOUNTS.C]);
  });

  it("pages both listings by MaxResults and refuses a foreign NextToken", async () => {
    const client = management();
    for (const principal of [CONFIG, GUARDDUTY, "securityhub.amazonaws.com"])
      await client.send(enable(principal));
    for (const account of [ACCOUNTS.B, ACCOUNTS.C, ACCOUNTS.D])
      await client.send(register(account));
    const first = await client.send(
      new ListDelegatedAdministratorsCommand({ ServicePrincipal: CONFIG, MaxResults: 2 }),
    );
    assert.deepEqual(
      first.DelegatedAdministrators?.map((d) => d.Id),
      [ACCOUNTS.B, ACCOUNTS.C],
    );
    const second = await client.send(
      new ListDelegatedAdministratorsCommand({
        ServicePrincipal: CONFIG,
        MaxResults: 2,
        NextToken: first.NextToken,
      }),
    );
    assert.deepEqual(
      second.DelegatedAdministrators?.map((d) => d.Id),
      [ACCOUNTS.D],
    );
    assert.equal(second.NextToken, undefined);
    const access = await client.send(
      new ListAWSServiceAccessForOrganizationCommand({ MaxResults: 2 }),
    );
    assert.equal(access.EnabledServicePrincipals?.length, 2);
    const rest = await client.send(
      new ListAWSServiceAccessForOrganizationCommand({
        MaxResults: 2,
        NextToken: access.NextToken,
      }),
    );
    assert.deepEqual(
      rest.EnabledServicePrincipals?.map((p) => p.ServicePrincipal),
      ["securityhub.amazonaws.com"],
    );
    assert.deepEqual(
      await organizationsFailure(
        client.send(new ListAWSServiceAccessForOrganizationCommand({ NextToken: first.NextToken })),
      ),
      {
        name: "InvalidInputException",
        message:
          "You specified an invalid value for nextToken. Get the value for the NextToken parameter from the response to a previous call of the operation.",
        reason: "INVALID_NEXT_TOKEN",
      },
    );
  });

  it("validates input against the model, with AWS's messages and the matching reason", async () => {
    const client = management();
    const cases: [() => Promise<unknown>, string, string][] = [
      [
        () => client.send(register("12345")),
        "1 validation error detected: Value '12345' at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^\\d{12}$",
        "INVALID_PATTERN",
      ],
      [
        () => client.send(new EnableAWSServiceAccessCommand({} as never)),
        "1 validation error detected: Value null at 'servicePrincipal' failed to satisfy constraint: Member must not be null",
        "INPUT_REQUIRED",
      ],
      [
        () => client.send(enable(`${"a".repeat(129)}`)),
        `1 validation error detected: Value '${"a".repeat(129)}' at 'servicePrincipal' failed to satisfy constraint: Member must have length less than or equal to 128`,
        "MAX_LENGTH_EXCEEDED",
      ],
      [
        () => client.send(new ListDelegatedAdministratorsCommand({ MaxResults: 21 })),
        "1 validation error detected: Value '21' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 20",
        "MAX_VALUE_EXCEEDED",
      ],
      [
        () => client.send(new ListAWSServiceAccessForOrganizationCommand({ MaxResults: 0 })),
        "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
        "MIN_VALUE_EXCEEDED",
      ],
      [
        () => client.send(register("1234567890123", "bad principal")),
        "3 validation errors detected: Value '1234567890123' at 'accountId' failed to satisfy constraint: Member must have length less than or equal to 12; Value '1234567890123' at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^\\d{12}$; Value 'bad principal' at 'servicePrincipal' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
        "MAX_LENGTH_EXCEEDED",
      ],
    ];
    for (const [call, message, reason] of cases)
      assert.deepEqual(await organizationsFailure(call()), {
        name: "InvalidInputException",
        message,
        reason,
      });
  });

  it("is global: a client of another region sees the same organization", async () => {
    await management().send(enable(CONFIG));
    const elsewhere = organizations({ region: REGIONS.B });
    const { EnabledServicePrincipals } = await elsewhere.send(
      new ListAWSServiceAccessForOrganizationCommand({}),
    );
    assert.deepEqual(
      EnabledServicePrincipals?.map((p) => p.ServicePrincipal),
      [CONFIG],
    );
    assert.deepEqual(
      fixture.emulator.requests().map((r) => `${r.operation} ${r.region}`),
      [`EnableAWSServiceAccess ${REGIONS.A}`, `ListAWSServiceAccessForOrganization ${REGIONS.B}`],
    );
  });

  it("throttles with Organizations' own code when a fault says so", async () => {
    fixture.emulator.setFaults({ rules: [{ kind: "throttle", service: "organizations" }] });
    assert.deepEqual(
      await organizationsFailure(management().send(new DescribeOrganizationCommand({}))),
      { name: "TooManyRequestsException", message: "Rate exceeded" },
    );
  });

  it("returns to the start options on reset: no trusted access, no delegated administrators", async () => {
    await management().send(enable(CONFIG));
    await management().send(register(ACCOUNTS.B));
    fixture.emulator.reset();
    assert.deepEqual(fixture.emulator.snapshot().organization, START_ORGANIZATION);
  });
});

describe("emulator: AWS Organizations with listed members", () => {
  useEmulator({
    accessKeys: SOURCE_KEYS,
    organization: { mode: "all", members: [ACCOUNTS.B] },
  });

  it("treats unlisted accounts as outside any organization", async () => {
    assert.deepEqual(
      await organizationsFailure(member(ACCOUNTS.C).send(new DescribeOrganizationCommand({}))),
      NOT_IN_USE,
    );
    await management().send(enable(CONFIG));
    assert.deepEqual(await organizationsFailure(management().send(register(ACCOUNTS.C))), {
      name: "AccountNotFoundException",
      message: `We can't find an Amazon Web Services account with the AccountId that you specified: ${ACCOUNTS.C} is not an account of organization ${ORGANIZATION_ID}.`,
    });
    await management().send(register(ACCOUNTS.B));
  });
});

describe("emulator: AWS Organizations, consolidated billing only", () => {
  useEmulator({ accessKeys: SOURCE_KEYS, organization: "consolidated-billing" });

  it("describes the organization with its feature set", async () => {
    const { Organization } = await member(ACCOUNTS.B).send(new DescribeOrganizationCommand({}));
    assert.equal(Organization?.FeatureSet, "CONSOLIDATED_BILLING");
    assert.deepEqual(Organization?.AvailablePolicyTypes, []);
  });

  it("refuses trusted access and delegated administrators: they need all features", async () => {
    const notAllFeatures = {
      name: "ConstraintViolationException",
      message:
        "You attempted to perform an operation that requires the organization to be configured to support all features. An organization that supports only consolidated billing features can't perform this operation.",
      reason: "ORGANIZATION_NOT_IN_ALL_FEATURES_MODE",
    };
    assert.deepEqual(await organizationsFailure(management().send(enable(CONFIG))), notAllFeatures);
    assert.deepEqual(
      await organizationsFailure(management().send(register(ACCOUNTS.B))),
      notAllFeatures,
    );
    assert.deepEqual(
      await organizationsFailure(member(ACCOUNTS.B).send(enable(CONFIG))),
      ACCESS_DENIED,
    );
  });
});

describe("emulator: AWS Organizations, no organization", () => {
  const fixture = useEmulator({ accessKeys: SOURCE_KEYS, organization: "none" });

  it("answers every operation with AWSOrganizationsNotInUseException", async () => {
    const calls: ((client: OrganizationsClient) => Promise<unknown>)[] = [
      (c) => c.send(new DescribeOrganizationCommand({})),
      (c) => c.send(enable(CONFIG)),
      (c) => c.send(new DisableAWSServiceAccessCommand({ ServicePrincipal: CONFIG })),
      (c) => c.send(new ListAWSServiceAccessForOrganizationCommand({})),
      (c) => c.send(register(ACCOUNTS.B)),
      (c) => c.send(deregister(ACCOUNTS.B)),
      (c) => c.send(new ListDelegatedAdministratorsCommand({})),
    ];
    for (const call of calls) {
      assert.deepEqual(await organizationsFailure(call(management())), NOT_IN_USE);
      assert.deepEqual(await organizationsFailure(call(member(ACCOUNTS.B))), NOT_IN_USE);
    }
    assert.equal(fixture.emulator.requests().length, 14);
    assert.ok(
      fixture.emulator
        .requests()
        .every((r) => r.service === "organizations" && r.errorCode === NOT_IN_USE.name),
    );
  });
});

describe("emulator: organization options", () => {
  it("refuses invalid settings at start, naming the value and what is allowed", async () => {
    await assert.rejects(startEmulator({ organization: "partial" as "all" }), {
      message:
        "Invalid organization mode: partial. Allowed values are: all, consolidated-billing, none.",
    });
    await assert.rejects(startEmulator({ organization: { mode: "all", members: ["2222"] } }), {
      message: "Invalid organization member: 2222. Members are 12-digit account IDs.",
    });
  });
});
