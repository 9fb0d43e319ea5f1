import type { Call } from "../context.js";
import { configPageSize, configResumeAfter, page } from "../pagination.js";
import { s } from "../protocols/shapes.js";
import { Violations } from "../validation.js";
import { type AccountSource, authorizationKey } from "./store.js";

/** Input shape of DescribePendingAggregationRequests. */
export const describePendingShape = s.struct({ Limit: s.integer, NextToken: s.string });

/** Input shape of DeletePendingAggregationRequest. */
export const deletePendingShape = s.struct({
  RequesterAccountId: s.string,
  RequesterAwsRegion: s.string,
});

/** The most pending requests per page (model: Limit 0..20, 0 meaning the maximum). */
const MAX_PENDING_PAGE = 20;

/**
 * The regions an account source covers: its list, or for `AllAwsRegions` every region the
 * emulator has seen (it keeps no list of AWS's region names).
 */
export function sourceRegions(source: AccountSource, call: Call): readonly string[] {
  return source.AllAwsRegions ? call.world.config.regionsSeen() : (source.AwsRegions ?? []);
}

/**
 * Leaves a pending request in every source account and region that has not authorized the
 * aggregator's account and region, as adding a source to an individual-accounts aggregator does.
 * The aggregator's own account needs no authorization, so it gets none.
 */
export function requestAuthorizations(source: AccountSource, call: Call): void {
  const key = authorizationKey({
    authorizedAccountId: call.account,
    authorizedAwsRegion: call.region,
  });
  for (const account of source.AccountIds) {
    if (account === call.account) continue;
    for (const region of sourceRegions(source, call)) {
      const state = call.world.config.region(account, region);
      if (state.authorizations.has(key) || state.pending.has(key)) continue;
      state.pending.set(key, {
        seq: call.world.config.nextSeq(),
        requesterAccountId: call.account,
        requesterAwsRegion: call.region,
      });
    }
  }
}

/** DescribePendingAggregationRequests: the requests waiting in the caller's account and region. */
export function describePendingAggregationRequests(
  input: { readonly Limit?: number; readonly NextToken?: string },
  call: Call,
): unknown {
  const size = configPageSize(input.Limit, MAX_PENDING_PAGE);
  const scope = `DescribePendingAggregationRequests|${call.account}|${call.region}`;
  const after = configResumeAfter(input.NextToken, scope);
  const state = call.world.config.region(call.account, call.region);
  const result = page([...state.pending.values()], (r) => r.seq, after, size, scope, call.now);
  return {
    PendingAggregationRequests: result.items.map((r) => ({
      RequesterAccountId: r.requesterAccountId,
      RequesterAwsRegion: r.requesterAwsRegion,
    })),
    ...(result.next === undefined ? {} : { NextToken: result.next }),
  };
}

/**
 * DeletePendingAggregationRequest: forgets a request; one that does not exist is not an error
 * (as with DeleteAggregationAuthorization).
 */
export function deletePendingAggregationRequest(
  input: { readonly RequesterAccountId?: string; readonly RequesterAwsRegion?: string },
  call: Call,
): undefined {
  const v = new Violations();
  if (v.required(input.RequesterAccountId, "requesterAccountId"))
    v.pattern(input.RequesterAccountId, "requesterAccountId", "\\d{12}");
  if (v.required(input.RequesterAwsRegion, "requesterAwsRegion"))
    v.length(input.RequesterAwsRegion, "requesterAwsRegion", 1, 64);
  v.throwIfAny();
  const key = authorizationKey({
    authorizedAccountId: input.RequesterAccountId!,
    authorizedAwsRegion: input.RequesterAwsRegion!,
  });
  call.world.config.region(call.account, call.region).pending.delete(key);
  return undefined;
}
