/**
 * `diff` for DelegatedAdministrator. The registered account and the service principal identify
 * the registration, so a change of either replaces it (register the new one, then deregister the
 * old). The region only selects the partition of the global Organizations endpoint and is not
 * compared.
 */
import type * as pulumi from "@pulumi/pulumi";
import { diffByTable, type DiffTable } from "../shared/diff";
import type { DelegatedAdministratorInputs, DelegatedAdministratorState } from "./schema";

/**
 * The registration's diff table. `adoptExisting` only matters at creation, so it is not compared.
 * The credentials act in the management account, not in the registered `accountId`.
 */
export const DELEGATED_ADMINISTRATOR_DIFF: DiffTable = {
  compared: ["accountId", "servicePrincipal", "assumeRole"],
  replaceOn: ["accountId", "servicePrincipal"],
  ownerProperty: "managementAccountId",
};

/** Compares the recorded outputs with the new, checked inputs. */
export function diffDelegatedAdministrator(
  olds: DelegatedAdministratorState,
  news: DelegatedAdministratorInputs,
): pulumi.dynamic.DiffResult {
  return diffByTable(DELEGATED_ADMINISTRATOR_DIFF, { ...olds }, { ...news });
}
