/**
 * `diff` for ServiceRole. The name and the trusted service identify the role; since a role name is
 * unique in its account, replacing a role that keeps its name deletes the old one first.
 */
import type * as pulumi from "@pulumi/pulumi";
import { diffByTable, type DiffTable } from "../shared/diff";
import { sortedUnique } from "../shared/inputs/values";
import type { ServiceRoleInputs, ServiceRoleState } from "./schema";

/** The role's diff table: the name and the trusted service identify it. */
export const ROLE_DIFF: DiffTable = {
  compared: ["name", "trustedService", "managedPolicyArns", "assumeRole"],
  replaceOn: ["name", "trustedService"],
  globalName: "name",
  tagged: true,
  normalize: (property, value) =>
    property === "managedPolicyArns" ? sortedUnique(value as string[]) : value,
};

/** Compares the recorded outputs with the new, checked inputs. */
export function diffRole(
  olds: ServiceRoleState,
  news: ServiceRoleInputs,
): pulumi.dynamic.DiffResult {
  return diffByTable(ROLE_DIFF, { ...olds }, { ...news });
}
