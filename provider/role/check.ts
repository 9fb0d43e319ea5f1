/** `check` for ServiceRole: validation and defaults. */
import { type CheckFailure, validate } from "../shared/inputs/validation";
import { keptOrGeneratedName, type NamedInputs } from "../shared/inputs/naming";
import { isUnknown, PREVIEW_UNKNOWN } from "../shared/inputs/unknowns";
import { sortedUnique, withoutUndefined } from "../shared/inputs/values";
import {
  configOrganizationsPolicyArn,
  CONFIG_SERVICE_PRINCIPAL,
  roleInputSchema,
  type ServiceRoleInputs,
} from "./schema";

/** Validates role inputs and applies defaults: AWS Config's principal and organization policy. */
export function checkRole(
  olds: NamedInputs | undefined,
  news: object,
): { inputs: ServiceRoleInputs; failures: CheckFailure[] } {
  const { failures, inputs } = validate(roleInputSchema, news, () => []);
  const typed = inputs as unknown as Partial<ServiceRoleInputs>;
  if (failures.length > 0) return { inputs: typed as ServiceRoleInputs, failures };
  // The default policy lives in the region's partition (arn:aws-cn:…, arn:aws-us-gov:…).
  const region = typed.region;
  const policies =
    typed.managedPolicyArns ??
    (region === undefined || isUnknown(region)
      ? PREVIEW_UNKNOWN
      : [configOrganizationsPolicyArn(region)]);
  return {
    failures,
    inputs: withoutUndefined({
      ...typed,
      name:
        typed.name ??
        keptOrGeneratedName(typed.autoNamePrefix, olds, { maxLength: 64, allowed: /[^\w+=,.@-]/g }),
      trustedService: typed.trustedService ?? CONFIG_SERVICE_PRINCIPAL,
      managedPolicyArns: isUnknown(policies) ? policies : sortedUnique(policies),
    }) as ServiceRoleInputs,
  };
}
