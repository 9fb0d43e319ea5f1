/**
 * `diff` for AggregationAuthorization. Everything but tags identifies it: the authorized account
 * and region, the source region, and the owning account. Only tags update in place.
 */
import type * as pulumi from "@pulumi/pulumi";
import { diffByTable, type DiffTable } from "../shared/diff";
import type { AggregationAuthorizationInputs, AggregationAuthorizationState } from "./schema";

/** The authorization's diff table. `adoptExisting` only matters at creation, so it is not compared. */
export const AUTHORIZATION_DIFF: DiffTable = {
  compared: ["authorizedAccountId", "authorizedAwsRegion", "region", "assumeRole"],
  replaceOn: ["authorizedAccountId", "authorizedAwsRegion", "region"],
  tagged: true,
};

/** Compares the recorded outputs with the new, checked inputs. */
export function diffAuthorization(
  olds: AggregationAuthorizationState,
  news: AggregationAuthorizationInputs,
): pulumi.dynamic.DiffResult {
  return diffByTable(AUTHORIZATION_DIFF, { ...olds }, { ...news });
}
