import type { Call } from "../context.js";
import { configPageSize, configResumeAfter, page } from "../pagination.js";
import { s } from "../protocols/shapes.js";
import { Violations } from "../validation.js";
import { type AuthorizationRecord, authorizationKey, isVisible } from "./store.js";
import { applyTags, checkTagList, refuseReservedKeys, type TagInput } from "./tag-rules.js";

/** Input shape of PutAggregationAuthorization. */
export const putAuthorizationShape = s.struct({
  AuthorizedAccountId: s.string,
  AuthorizedAwsRegion: s.string,
  Tags: s.list(s.struct({ Key: s.string, Value: s.string })),
});

/** Input shape of DescribeAggregationAuthorizations. */
export const describeAuthorizationsShape = s.struct({ Limit: s.integer, NextToken: s.string });

/** Input shape of DeleteAggregationAuthorization. */
export const deleteAuthorizationShape = s.struct({
  AuthorizedAccountId: s.string,
  AuthorizedAwsRegion: s.string,
});

interface Identity {
  readonly AuthorizedAccountId?: string;
  readonly AuthorizedAwsRegion?: string;
}

function checkIdentity(v: Violations, input: Identity): void {
  if (v.required(input.AuthorizedAccountId, "authorizedAccountId"))
    v.pattern(input.AuthorizedAccountId, "authorizedAccountId", "\\d{12}");
  if (v.required(input.AuthorizedAwsRegion, "authorizedAwsRegion"))
    v.length(input.AuthorizedAwsRegion, "authorizedAwsRegion", 1, 64);
}

/**
 * PutAggregationAuthorization: idempotent per (authorized account, authorized region). A repeat
 * Put changes nothing — tags included, as AWS documents.
 */
export function putAggregationAuthorization(
  input: Identity & { readonly Tags?: TagInput[] },
  call: Call,
): unknown {
  const v = new Violations();
  checkIdentity(v, input);
  checkTagList(v, input.Tags, "tags", 0);
  v.throwIfAny();
  refuseReservedKeys((input.Tags ?? []).map((t) => t.Key!));
  const state = call.world.config.region(call.account, call.region);
  const identity = {
    authorizedAccountId: input.AuthorizedAccountId!,
    authorizedAwsRegion: input.AuthorizedAwsRegion!,
  };
  const key = authorizationKey(identity);
  let record = state.authorizations.get(key);
  if (record === undefined) {
    record = {
      kind: "authorization",
      seq: call.world.config.nextSeq(),
      arn: `arn:aws:config:${call.region}:${call.account}:aggregation-authorization/${identity.authorizedAccountId}/${identity.authorizedAwsRegion}`,
      ...identity,
      createdAt: call.now,
      tags: new Map(),
      everTagged: false,
    };
    applyTags(
      record,
      (input.Tags ?? []).map((t) => [t.Key!, t.Value!] as const),
    );
    state.authorizations.set(key, record);
    state.index(record);
  }
  // The authorization answers the aggregator's request, which stops being pending.
  state.pending.delete(key);
  return { AggregationAuthorization: authorizationView(record) };
}

/** An authorization as the API returns it. */
export function authorizationView(r: AuthorizationRecord): Record<string, unknown> {
  return {
    AggregationAuthorizationArn: r.arn,
    AuthorizedAccountId: r.authorizedAccountId,
    AuthorizedAwsRegion: r.authorizedAwsRegion,
    CreationTime: r.createdAt / 1000,
  };
}

/** DescribeAggregationAuthorizations: every authorization of the account+region, oldest first. */
export function describeAggregationAuthorizations(
  input: { readonly Limit?: number; readonly NextToken?: string },
  call: Call,
): unknown {
  const size = configPageSize(input.Limit, 100);
  const scope = `DescribeAggregationAuthorizations|${call.account}|${call.region}`;
  const after = configResumeAfter(input.NextToken, scope);
  const state = call.world.config.region(call.account, call.region);
  const windowMs = call.world.faults.consistencyWindowMs;
  const listed = [...state.authorizations.values()].filter((r) => isVisible(r, call.now, windowMs));
  const result = page(listed, (r) => r.seq, after, size, scope, call.now);
  return {
    AggregationAuthorizations: result.items.map(authorizationView),
    ...(result.next === undefined ? {} : { NextToken: result.next }),
  };
}

/** DeleteAggregationAuthorization: removes it and its tags; an unknown pair is not an error. */
export function deleteAggregationAuthorization(input: Identity, call: Call): undefined {
  const v = new Violations();
  checkIdentity(v, input);
  v.throwIfAny();
  const state = call.world.config.region(call.account, call.region);
  const key = `${input.AuthorizedAccountId!}:${input.AuthorizedAwsRegion!}`;
  const record = state.authorizations.get(key);
  if (record !== undefined) {
    state.authorizations.delete(key);
    state.unindex(record);
  }
  return undefined;
}
