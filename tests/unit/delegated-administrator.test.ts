import * as assert from "node:assert/strict";
import { registrationAdvice } from "../../provider/delegated-administrator/advice";
import { checkDelegatedAdministrator } from "../../provider/delegated-administrator/check";
import { diffDelegatedAdministrator } from "../../provider/delegated-administrator/diff";
import {
  delegatedAdministratorId,
  type DelegatedAdministratorState,
} from "../../provider/delegated-administrator/schema";
import { PREVIEW_UNKNOWN } from "../../provider/shared/inputs/unknowns";
import type { CheckFailure } from "../../provider/shared/inputs/validation";
import { ACCOUNTS, OWNER_ROLE_ARN, REGIONS } from "../support/fixtures";
import { NO_CHANGE, replace, UPDATE } from "./diff-table";

type Raw = Record<string, unknown>;

const CONFIG_PRINCIPAL = "config.amazonaws.com";

/** The management account is ACCOUNTS.A; the registered member is ACCOUNTS.B. */
const valid = (overrides: Raw = {}): Raw => ({
  region: REGIONS.A,
  accountId: ACCOUNTS.B,
  servicePrincipal: CONFIG_PRINCIPAL,
  ...overrides,
});
const checked = (overrides: Raw = {}) => {
  const result = checkDelegatedAdministrator(valid(overrides));
  assert.deepEqual(result.failures, []);
  return result.inputs;
};
const stateOf = (overrides: Raw = {}): DelegatedAdministratorState => ({
  ...checked(overrides),
  managementAccountId: ACCOUNTS.A,
});
/** The one failure of `property`, for `reason`. */
const failure = (property: string, reason: string): CheckFailure[] => [{ property, reason }];
/** The row of a missing `property` (`what`, in the title), whose failure says what it is. */
const missing = (what: string, property: string, reason: string) => ({
  title: `a missing ${what}`,
  input: valid({ [property]: undefined }),
  failures: failure(property, `is required: ${reason}`),
});
const accountIdReason = (value: string) =>
  `${JSON.stringify(value)} is not an AWS account ID: expected exactly 12 digits`;

describe("DelegatedAdministrator check", () => {
  const INVALID: { title: string; input: Raw; failures: CheckFailure[] }[] = [
    missing("account ID", "accountId", "the 12-digit ID of the member account to register"),
    {
      title: "an 11-digit account ID",
      input: valid({ accountId: "22222222222" }),
      failures: failure("accountId", accountIdReason("22222222222")),
    },
    {
      title: "an account ID with a dash",
      input: valid({ accountId: "2222-2222-2222" }),
      failures: failure("accountId", accountIdReason("2222-2222-2222")),
    },
    {
      title: "an account ID given as a number",
      input: valid({ accountId: 222222222222 }),
      failures: failure("accountId", "Invalid input: expected string, received number"),
    },
    missing(
      "service principal",
      "servicePrincipal",
      'the service principal, such as "config.amazonaws.com"',
    ),
    {
      title: "a service principal with a slash, which would also break the ID",
      input: valid({ servicePrincipal: "config.amazonaws.com/x" }),
      failures: failure(
        "servicePrincipal",
        '"config.amazonaws.com/x" is not a service principal such as "config.amazonaws.com": it may contain only letters, digits and _ + = , . @ -',
      ),
    },
    {
      title: "both identity inputs wrong at once, each reported",
      input: valid({ accountId: "x", servicePrincipal: "" }),
      failures: [
        { property: "accountId", reason: accountIdReason("x") },
        { property: "servicePrincipal", reason: "must not be empty" },
      ],
    },
    {
      title: "a malformed assumeRole ARN",
      input: valid({ assumeRole: { roleArn: "OrgAdmin" } }),
      failures: failure(
        "assumeRole.roleArn",
        '"OrgAdmin" is not an IAM role ARN of the form arn:aws:iam::<12-digit account>:role/<name>',
      ),
    },
    {
      title: "an unknown property",
      input: valid({ delegatedAdminAccountId: ACCOUNTS.B }),
      failures: failure(
        "delegatedAdminAccountId",
        "unknown property; allowed properties are: accountId, servicePrincipal, region, assumeRole, adoptExisting",
      ),
    },
  ];
  for (const { title, input, failures } of INVALID) {
    it(`refuses ${title}, naming the property, the value and the rule`, () => {
      assert.deepEqual(checkDelegatedAdministrator(input).failures, failures);
    });
  }

  it("lets unknown identity inputs through at preview", () => {
    assert.deepEqual(
      checkDelegatedAdministrator(
        valid({ accountId: PREVIEW_UNKNOWN, servicePrincipal: PREVIEW_UNKNOWN }),
      ).failures,
      [],
    );
  });

  it("forms the ID as pulumi-aws imports aws_organizations_delegated_administrator", () => {
    assert.equal(delegatedAdministratorId(checked()), `${ACCOUNTS.B}/config.amazonaws.com`);
  });
});

describe("DelegatedAdministrator diff", () => {
  const ROWS: { title: string; news: Raw; expected: object }[] = [
    { title: "nothing when nothing changed", news: {}, expected: NO_CHANGE },
    {
      title: "nothing when only adoptExisting changed (it matters only to create)",
      news: { adoptExisting: true },
      expected: NO_CHANGE,
    },
    {
      title: "nothing when only the region changed (it selects the partition only)",
      news: { region: "eu-west-1" },
      expected: NO_CHANGE,
    },
    {
      title: "a replacement when the registered account changed",
      news: { accountId: ACCOUNTS.C },
      expected: replace("accountId"),
    },
    {
      title: "a replacement when the service principal changed",
      news: { servicePrincipal: "config-multiaccountsetup.amazonaws.com" },
      expected: replace("servicePrincipal"),
    },
    {
      title:
        "an update when a role in the management account is given (not the registered account)",
      news: { assumeRole: { roleArn: OWNER_ROLE_ARN } },
      expected: UPDATE,
    },
    {
      title: "a replacement when the role acts in the registered account, not the management one",
      news: { assumeRole: { roleArn: `arn:aws:iam::${ACCOUNTS.B}:role/OrgAdmin` } },
      expected: replace("assumeRole"),
    },
  ];
  for (const { title, news, expected } of ROWS) {
    it(`shows ${title}`, () => {
      assert.deepEqual(diffDelegatedAdministrator(stateOf(), checked(news)), expected);
    });
  }

  it("shows a possible replacement when the account is unknown at preview", () => {
    assert.deepEqual(
      diffDelegatedAdministrator(stateOf(), { ...checked(), accountId: PREVIEW_UNKNOWN }),
      replace("accountId"),
    );
  });
});

describe("DelegatedAdministrator registration advice", () => {
  const ROWS: [string | undefined, string | undefined][] = [
    [
      "SERVICE_ACCESS_NOT_ENABLED",
      'Trusted access for "config.amazonaws.com" is not enabled in the organization: enable it first, with a ServiceAccess resource for "config.amazonaws.com" that this resource depends on (dependsOn).',
    ],
    [
      "CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR",
      `Account ${ACCOUNTS.B} is the organization's management account, which cannot be a delegated administrator; it already has the access. Register a member account instead.`,
    ],
    [
      "MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED",
      `"config.amazonaws.com" takes no more delegated administrators. To move the registration to account ${ACCOUNTS.B}, set the resource option deleteBeforeReplace: true, so that the old account is deregistered before the new one is registered; or deregister the other account first.`,
    ],
    ["ACCOUNT_NUMBER_LIMIT_EXCEEDED", undefined],
    [undefined, undefined],
  ];
  for (const [reason, advice] of ROWS) {
    it(`for ${String(reason)}: ${advice === undefined ? "none" : "names the fix"}`, () => {
      assert.equal(registrationAdvice(reason, ACCOUNTS.B, CONFIG_PRINCIPAL), advice);
    });
  }
});

describe("DelegatedAdministrator diff properties", () => {
  it("a deployed program, run again, has no changes (every account × principal × role form)", () => {
    const accounts = [ACCOUNTS.B, ACCOUNTS.C, "000000000001"];
    const principals = [CONFIG_PRINCIPAL, "config-multiaccountsetup.amazonaws.com"];
    const roles = [undefined, { roleArn: OWNER_ROLE_ARN }];
    for (const accountId of accounts)
      for (const servicePrincipal of principals)
        for (const assumeRole of roles) {
          const inputs = checked({ accountId, servicePrincipal, assumeRole });
          assert.deepEqual(
            diffDelegatedAdministrator({ ...inputs, managementAccountId: ACCOUNTS.A }, inputs),
            { changes: false, replaces: [], deleteBeforeReplace: false },
            `${accountId} ${servicePrincipal} ${JSON.stringify(assumeRole)}`,
          );
        }
  });
});
