import * as assert from "node:assert/strict";
import { checkServiceAccess } from "../../provider/service-access/check";
import { diffServiceAccess } from "../../provider/service-access/diff";
import { disablesOnDelete, type ServiceAccessState } from "../../provider/service-access/schema";
import { PREVIEW_UNKNOWN } from "../../provider/shared/inputs/unknowns";
import type { CheckFailure } from "../../provider/shared/inputs/validation";
import { ACCOUNTS, OWNER_ROLE_ARN, REGIONS } from "../support/fixtures";

type Raw = Record<string, unknown>;

const CONFIG_PRINCIPAL = "config.amazonaws.com";

const MULTI_ACCOUNT_SETUP = "config-multiaccountsetup.amazonaws.com";
const CHARACTERS = (value: string) =>
  `${JSON.stringify(value)} is not a service principal such as "config.amazonaws.com": it may contain only letters, digits and _ + = , . @ -`;

const checked = (news: Raw) => {
  const result = checkServiceAccess({
    region: REGIONS.A,
    servicePrincipal: CONFIG_PRINCIPAL,
    ...news,
  });
  assert.deepEqual(result.failures, []);
  return result.inputs;
};
const stateOf = (news: Raw, preexisting = false): ServiceAccessState => ({
  ...checked(news),
  accountId: ACCOUNTS.A,
  preexisting,
});

describe("ServiceAccess check", () => {
  const INVALID: { title: string; input: Raw; failures: CheckFailure[] }[] = [
    {
      title: "a missing service principal",
      input: { region: REGIONS.A },
      failures: [
        {
          property: "servicePrincipal",
          reason: 'is required: the service principal, such as "config.amazonaws.com"',
        },
      ],
    },
    {
      title: "an empty service principal",
      input: { region: REGIONS.A, servicePrincipal: "" },
      failures: [{ property: "servicePrincipal", reason: "must not be empty" }],
    },
    {
      title: "a service principal longer than 128 characters",
      input: { region: REGIONS.A, servicePrincipal: "p".repeat(129) },
      failures: [
        {
          property: "servicePrincipal",
          reason: `${JSON.stringify("p".repeat(129))} is longer than 128 characters`,
        },
      ],
    },
    {
      title: "a service principal with a space and a slash",
      input: { region: REGIONS.A, servicePrincipal: "config amazonaws.com/x" },
      failures: [{ property: "servicePrincipal", reason: CHARACTERS("config amazonaws.com/x") }],
    },
    {
      title: "a service principal that is not a string",
      input: { region: REGIONS.A, servicePrincipal: 42 },
      failures: [
        { property: "servicePrincipal", reason: "Invalid input: expected string, received number" },
      ],
    },
    {
      title: "an unknown property",
      input: { region: REGIONS.A, servicePrincipal: CONFIG_PRINCIPAL, tags: { a: "b" } },
      failures: [
        {
          property: "tags",
          reason:
            "unknown property; allowed properties are: servicePrincipal, region, assumeRole, adoptExisting",
        },
      ],
    },
    {
      title: "a malformed region",
      input: { region: "Europe", servicePrincipal: CONFIG_PRINCIPAL },
      failures: [
        { property: "region", reason: '"Europe" is not an AWS region name such as "us-east-1"' },
      ],
    },
  ];
  for (const { title, input, failures } of INVALID) {
    it(`refuses ${title}, naming the property, the value and the rule`, () => {
      assert.deepEqual(checkServiceAccess(input).failures, failures);
    });
  }

  it("accepts the 128-character maximum and every character the model allows", () => {
    for (const principal of ["p".repeat(128), "a_b+c=d,e.f@g-h", MULTI_ACCOUNT_SETUP])
      assert.equal(checked({ servicePrincipal: principal }).servicePrincipal, principal);
  });

  it("lets an unknown service principal through at preview", () => {
    assert.deepEqual(
      checkServiceAccess({ region: REGIONS.A, servicePrincipal: PREVIEW_UNKNOWN }).failures,
      [],
    );
  });

  it("drops the serialized provider and fills in the default region", () => {
    const previous = process.env.AWS_REGION;
    process.env.AWS_REGION = "eu-central-1";
    try {
      assert.deepEqual(
        checkServiceAccess({
          __provider: "exports.handler = () => ({})",
          servicePrincipal: CONFIG_PRINCIPAL,
        }),
        {
          inputs: { servicePrincipal: CONFIG_PRINCIPAL, region: "eu-central-1" },
          failures: [],
        },
      );
    } finally {
      if (previous === undefined) delete process.env.AWS_REGION;
      else process.env.AWS_REGION = previous;
    }
  });
});

describe("ServiceAccess diff", () => {
  const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false };
  const ROWS: { title: string; olds: ServiceAccessState; news: Raw; expected: object }[] = [
    { title: "nothing when nothing changed", olds: stateOf({}), news: {}, expected: NO_CHANGE },
    {
      title: "nothing when only the region changed (it selects the partition only)",
      olds: stateOf({}),
      news: { region: "eu-west-1" },
      expected: NO_CHANGE,
    },
    {
      title: "a replacement when the service principal changed",
      olds: stateOf({}),
      news: { servicePrincipal: MULTI_ACCOUNT_SETUP },
      expected: { changes: true, replaces: ["servicePrincipal"], deleteBeforeReplace: false },
    },
    {
      title: "an update when adoptExisting changed, since it decides what delete does",
      olds: stateOf({}, true),
      news: { adoptExisting: true },
      expected: { changes: true, replaces: [], deleteBeforeReplace: false },
    },
    {
      title: "an update when a role in the same management account is given",
      olds: stateOf({}),
      news: { assumeRole: { roleArn: OWNER_ROLE_ARN } },
      expected: { changes: true, replaces: [], deleteBeforeReplace: false },
    },
    {
      title: "a replacement when the role acts in another account",
      olds: stateOf({}),
      news: { assumeRole: { roleArn: `arn:aws:iam::${ACCOUNTS.C}:role/OrgAdmin` } },
      expected: { changes: true, replaces: ["assumeRole"], deleteBeforeReplace: false },
    },
    {
      title: "a possible replacement when the service principal is unknown at preview",
      olds: stateOf({}),
      news: { servicePrincipal: PREVIEW_UNKNOWN },
      expected: { changes: true, replaces: ["servicePrincipal"], deleteBeforeReplace: false },
    },
  ];
  for (const { title, olds, news, expected } of ROWS) {
    it(`shows ${title}`, () => {
      const inputs =
        news.servicePrincipal === PREVIEW_UNKNOWN
          ? { ...checked({}), servicePrincipal: PREVIEW_UNKNOWN }
          : checked(news);
      assert.deepEqual(diffServiceAccess(olds, inputs), expected);
    });
  }
});

describe("ServiceAccess delete policy", () => {
  it("disables trusted access that this resource enabled", () => {
    assert.equal(disablesOnDelete(stateOf({}, false)), true);
  });
  it("leaves trusted access that predates the resource enabled", () => {
    assert.equal(disablesOnDelete(stateOf({}, true)), false);
  });
  it("disables pre-existing trusted access that was adopted", () => {
    assert.equal(disablesOnDelete(stateOf({ adoptExisting: true }, true)), true);
  });
});
