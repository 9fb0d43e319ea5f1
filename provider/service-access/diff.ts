/**
 * `diff` for ServiceAccess. The service principal identifies it. The region only selects the
 * partition of the global Organizations endpoint, so it is not compared (as for ServiceRole).
 */
import type * as pulumi from "@pulumi/pulumi";
import { diffByTable, type DiffTable } from "../shared/diff";
import type { ServiceAccessInputs, ServiceAccessState } from "./schema";

/**
 * ServiceAccess's diff table. Unlike on the other resources, `adoptExisting` is compared: it
 * decides whether delete disables trusted access that predates the resource, so a change of it is
 * an update (recorded, no AWS call).
 */
export const SERVICE_ACCESS_DIFF: DiffTable = {
  compared: ["servicePrincipal", "assumeRole", "adoptExisting"],
  replaceOn: ["servicePrincipal"],
};

/** Compares the recorded outputs with the new, checked inputs. */
export function diffServiceAccess(
  olds: ServiceAccessState,
  news: ServiceAccessInputs,
): pulumi.dynamic.DiffResult {
  return diffByTable(SERVICE_ACCESS_DIFF, { ...olds }, { ...news });
}
