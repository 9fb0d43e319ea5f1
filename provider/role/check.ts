/** `check` and `diff` for ServiceRole: validation, defaults, and the replace rules. */
import type * as pulumi from "@pulumi/pulumi";
import { validate, type RawInputs } from "../shared/check";
import { diffByTable, type DiffTable } from "../shared/diff";
import { keptOrGeneratedName } from "../shared/naming";
import { userTags } from "../shared/tags";
import { isUnknown } from "../shared/unknowns";
import type { CheckFailure } from "../shared/validation";
import { sortedUnique, withoutUndefined } from "../shared/values";
import {
  CONFIG_ORGANIZATIONS_POLICY_ARN,
  CONFIG_SERVICE_PRINCIPAL,
  roleInputSchema,
  type ServiceRoleInputs,
  type ServiceRoleState,
} from "./schema";

/** Validates role inputs and applies defaults: AWS Config's principal and organization policy. */
export function checkRole(
  olds: RawInputs | undefined,
  news: RawInputs,
): { inputs: ServiceRoleInputs; failures: CheckFailure[] } {
  const { failures, inputs } = validate(roleInputSchema, news, () => []);
  const typed = inputs as unknown as Partial<ServiceRoleInputs>;
  if (failures.length > 0) return { inputs: typed as ServiceRoleInputs, failures };
  const policies = typed.managedPolicyArns ?? [CONFIG_ORGANIZATIONS_POLICY_ARN];
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

/** The role's diff table: the name and the trusted service identify it. */
export const ROLE_DIFF: DiffTable = {
  compared: ["name", "trustedService", "managedPolicyArns", "tags", "assumeRole"],
  replaceOn: ["name", "trustedService"],
  normalize: (property, value) => {
    if (property === "tags") return userTags(value as Record<string, string>);
    if (property === "managedPolicyArns") return sortedUnique(value as string[]);
    return value;
  },
};

/** Compares the recorded outputs with the new, checked inputs. */
export function diffRole(
  olds: ServiceRoleState,
  news: ServiceRoleInputs,
): pulumi.dynamic.DiffResult {
  return diffByTable(ROLE_DIFF, { ...olds }, { ...news });
}
