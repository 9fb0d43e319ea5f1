import * as assert from "node:assert/strict";
import { checkRole } from "../../provider/role/check";
import { diffRole } from "../../provider/role/diff";
import type { ServiceRoleState } from "../../provider/role/schema";
import { PREVIEW_UNKNOWN } from "../../provider/shared/inputs/unknowns";
import { ACCOUNTS } from "../support/fixtures";

const checked = (news: Record<string, unknown>) => {
  const result = checkRole(undefined, { region: "us-east-1", name: "config-org", ...news });
  assert.deepEqual(result.failures, []);
  return result.inputs;
};
const stateOf = (news: Record<string, unknown>): ServiceRoleState => ({
  ...checked(news),
  arn: `arn:aws:iam::${ACCOUNTS.A}:role/config-org`,
  accountId: ACCOUNTS.A,
  tags: {},
});

describe("ServiceRole diff", () => {
  it("deletes the old role first when a replacement keeps the role name", () => {
    const olds = stateOf({});
    assert.deepEqual(diffRole(olds, checked({ trustedService: "securityhub.amazonaws.com" })), {
      changes: true,
      replaces: ["trustedService"],
      deleteBeforeReplace: true,
    });
  });

  it("creates the new role first when the name changes too", () => {
    const olds = stateOf({});
    assert.deepEqual(
      diffRole(
        olds,
        checked({ name: "config-org-2", trustedService: "securityhub.amazonaws.com" }),
      ),
      {
        changes: true,
        replaces: ["name", "trustedService"],
        deleteBeforeReplace: false,
      },
    );
  });

  it("updates policies in place, in any order", () => {
    const olds = stateOf({
      managedPolicyArns: ["arn:aws:iam::aws:policy/A", "arn:aws:iam::aws:policy/B"],
    });
    assert.deepEqual(
      diffRole(
        olds,
        checked({ managedPolicyArns: ["arn:aws:iam::aws:policy/B", "arn:aws:iam::aws:policy/A"] }),
      ),
      {
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
      },
    );
    assert.deepEqual(
      diffRole(olds, checked({ managedPolicyArns: ["arn:aws:iam::aws:policy/A"] })),
      {
        changes: true,
        replaces: [],
        deleteBeforeReplace: false,
      },
    );
  });

  it("refuses adoptExisting, which a role does not support", () => {
    assert.deepEqual(checkRole(undefined, { region: "us-east-1", adoptExisting: true }).failures, [
      {
        property: "adoptExisting",
        reason:
          "unknown property; allowed properties are: name, trustedService, managedPolicyArns, tags, region, assumeRole",
      },
    ]);
  });
});

describe("ServiceRole check defaults", () => {
  const defaultPolicy = (region: string) =>
    checkRole(undefined, { region, name: "config-org" }).inputs.managedPolicyArns;

  it("attaches AWSConfigRoleForOrganizations from the region's partition", () => {
    assert.deepEqual(defaultPolicy("eu-west-1"), [
      "arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations",
    ]);
    assert.deepEqual(defaultPolicy("us-gov-west-1"), [
      "arn:aws-us-gov:iam::aws:policy/service-role/AWSConfigRoleForOrganizations",
    ]);
    assert.deepEqual(defaultPolicy("cn-northwest-1"), [
      "arn:aws-cn:iam::aws:policy/service-role/AWSConfigRoleForOrganizations",
    ]);
  });

  it("leaves the default policy unknown while the region is unknown at preview", () => {
    assert.equal(defaultPolicy(PREVIEW_UNKNOWN), PREVIEW_UNKNOWN);
  });
});
