import type { Call } from "../context.js";
import { requireOrganization } from "./access.js";
import type { OrganizationStore } from "./store.js";

/** `arn:aws:organizations::<management>:account/<organization>/<account>`. */
export function accountArn(organization: OrganizationStore, account: string): string {
  return `arn:aws:organizations::${organization.managementAccount}:account/${organization.id}/${account}`;
}

/** The e-mail address the emulator gives an account (AWS requires one per account). */
export function accountEmail(account: string): string {
  return `aws+${account}@example.com`;
}

/** DescribeOrganization: open to every account of the organization. */
export function describeOrganization(_input: unknown, call: Call): unknown {
  const organization = requireOrganization(call);
  const all = organization.featureSet === "ALL";
  return {
    Organization: {
      Id: organization.id,
      Arn: `arn:aws:organizations::${organization.managementAccount}:organization/${organization.id}`,
      FeatureSet: organization.featureSet,
      MasterAccountArn: accountArn(organization, organization.managementAccount),
      MasterAccountId: organization.managementAccount,
      MasterAccountEmail: accountEmail(organization.managementAccount),
      // Deprecated by AWS but still returned: service control policies come with all features.
      AvailablePolicyTypes: all ? [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }] : [],
    },
  };
}
