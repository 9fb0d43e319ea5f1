import * as assert from "node:assert/strict";
import {
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from "@aws-sdk/client-organizations";
import { HostError, type PropertyMap } from "../support/host";
import { ACCOUNTS, REGIONS } from "../support/fixtures";
import { operations, urnOf, useHostedProviders, withProvider } from "./helpers";
import { providerText } from "../../provider/shared/stub";

const SERVICE_ACCESS_TYPE = "pulumi-nodejs:dynamic/aws-config:ServiceAccess";
const DELEGATED_ADMINISTRATOR_TYPE = "pulumi-nodejs:dynamic/aws-config:DelegatedAdministrator";
const ACCESS_URN = urnOf(SERVICE_ACCESS_TYPE, "config");
const ADMIN_URN = urnOf(DELEGATED_ADMINISTRATOR_TYPE, "audit");
const CONFIG = "config.amazonaws.com";

describe("ServiceAccess and DelegatedAdministrator through the dynamic-provider host", function () {
  const { emulator, host } = useHostedProviders();
  const accessCode = providerText("serviceAccess");
  const adminCode = providerText("delegatedAdministrator");

  /** check then create, as `pulumi up` does for a new resource. */
  async function created(urn: string, code: string, inputs: PropertyMap) {
    const checked = await host().check(urn, {}, withProvider(code, inputs));
    assert.deepEqual(checked.failures, []);
    const result = await host().create(urn, checked.inputs);
    return { inputs: checked.inputs, id: result.id, outputs: result.outputs };
  }

  it("refuses malformed inputs at check, naming property, value and rule, with no AWS call", async () => {
    const access = await host().check(
      ACCESS_URN,
      {},
      withProvider(accessCode, { servicePrincipal: "config amazonaws" }),
    );
    const admin = await host().check(
      ADMIN_URN,
      {},
      withProvider(adminCode, { accountId: "2222", servicePrincipal: CONFIG }),
    );
    assert.deepEqual(
      [access.failures, admin.failures],
      [
        [
          {
            property: "servicePrincipal",
            reason:
              '"config amazonaws" is not a service principal such as "config.amazonaws.com": it may contain only letters, digits and _ + = , . @ -',
          },
        ],
        [
          {
            property: "accountId",
            reason: '"2222" is not an AWS account ID: expected exactly 12 digits',
          },
        ],
      ],
    );
    assert.deepEqual(operations(emulator()), []);
  });

  it("enables trusted access, registers the account, diffs without calls, and removes both", async () => {
    const access = await created(ACCESS_URN, accessCode, { servicePrincipal: CONFIG });
    assert.deepEqual(access.id, CONFIG);
    assert.deepEqual(access.outputs, {
      servicePrincipal: CONFIG,
      region: REGIONS.A,
      accountId: ACCOUNTS.A,
      preexisting: false,
      __provider: accessCode,
    });
    const admin = await created(ADMIN_URN, adminCode, {
      accountId: ACCOUNTS.B,
      servicePrincipal: CONFIG,
    });
    assert.equal(admin.id, `${ACCOUNTS.B}/${CONFIG}`);
    assert.deepEqual(admin.outputs, {
      accountId: ACCOUNTS.B,
      servicePrincipal: CONFIG,
      region: REGIONS.A,
      managementAccountId: ACCOUNTS.A,
      __provider: adminCode,
    });
    // The host learned the default account before the tests (one STS call per process).
    assert.deepEqual(operations(emulator()), [
      "ListAWSServiceAccessForOrganization",
      "EnableAWSServiceAccess",
      "ListDelegatedAdministrators",
      "RegisterDelegatedAdministrator",
    ]);
    emulator().clearRequests();

    const same = await host().diff(admin.id, ADMIN_URN, admin.outputs, admin.inputs, admin.inputs);
    const moved = await host().check(
      ADMIN_URN,
      admin.inputs,
      withProvider(adminCode, { accountId: ACCOUNTS.C, servicePrincipal: CONFIG }),
    );
    const replaced = await host().diff(
      admin.id,
      ADMIN_URN,
      admin.outputs,
      moved.inputs,
      admin.inputs,
    );
    assert.deepEqual(
      [same, replaced],
      [
        { changes: "none", replaces: [], deleteBeforeReplace: false },
        { changes: "some", replaces: ["accountId"], deleteBeforeReplace: false },
      ],
    );
    assert.deepEqual(operations(emulator()), []);

    // Destroy order: the registration (it depends on trusted access), then trusted access.
    await host().delete(admin.id, ADMIN_URN, admin.outputs);
    await host().delete(access.id, ACCESS_URN, access.outputs);
    assert.deepEqual(operations(emulator()), [
      "DeregisterDelegatedAdministrator",
      "DisableAWSServiceAccess",
    ]);
  });

  it("refuses a registration that predates the stack, with what to do", async () => {
    await created(ACCESS_URN, accessCode, { servicePrincipal: CONFIG });
    await new OrganizationsClient({ region: REGIONS.A }).send(
      new RegisterDelegatedAdministratorCommand({
        AccountId: ACCOUNTS.B,
        ServicePrincipal: CONFIG,
      }),
    );
    emulator().clearRequests();
    const checked = await host().check(
      ADMIN_URN,
      {},
      withProvider(adminCode, { accountId: ACCOUNTS.B, servicePrincipal: CONFIG }),
    );
    const failure = await host()
      .create(ADMIN_URN, checked.inputs)
      .then(
        () => assert.fail("the create should have been refused"),
        (error: unknown) => error,
      );
    assert.ok(failure instanceof HostError);
    assert.equal(failure.initFailure, undefined);
    assert.match(
      failure.details,
      new RegExp(
        `^Account ${ACCOUNTS.B} is already registered as delegated administrator for "config.amazonaws.com" in the organization of management account ${ACCOUNTS.A} .*set adoptExisting: true`,
      ),
    );
    assert.deepEqual(operations(emulator()), ["ListDelegatedAdministrators"]);
  });
});
