import { findResource } from "./config/tags.js";
import { type ConfigResource, isVisible } from "./config/store.js";
import { applyTags, refuseReservedKeys, removeTags, TAG_PATTERN } from "./config/tag-rules.js";
import type { Call } from "./context.js";
import { AwsError } from "./errors.js";
import { decodeToken, page } from "./pagination.js";
import { s } from "./protocols/shapes.js";
import { type JsonService, jsonOp } from "./services.js";
import { Violations } from "./validation.js";

const INVALID = "InvalidParameterException";
/** Pagination tokens of GetResources expire after 15 minutes, as documented. */
const TOKEN_LIFETIME_MS = 15 * 60 * 1000;

/** Resource type of each Config resource kind, as `ResourceTypeFilters` name them. */
const RESOURCE_TYPES: Readonly<Record<ConfigResource["kind"], string>> = {
  aggregator: "config:config-aggregator",
  authorization: "config:aggregation-authorization",
};

interface TagFilter {
  readonly Key?: string;
  readonly Values?: string[];
}

interface GetResourcesInput {
  readonly PaginationToken?: string;
  readonly TagFilters?: TagFilter[];
  readonly ResourcesPerPage?: number;
  readonly TagsPerPage?: number;
  readonly ResourceTypeFilters?: string[];
  readonly IncludeComplianceDetails?: boolean;
  readonly ExcludeCompliantResources?: boolean;
  readonly ResourceARNList?: string[];
}

const getResourcesShape = s.struct({
  PaginationToken: s.string,
  TagFilters: s.list(s.struct({ Key: s.string, Values: s.list(s.string) })),
  ResourcesPerPage: s.integer,
  TagsPerPage: s.integer,
  ResourceTypeFilters: s.list(s.string),
  IncludeComplianceDetails: s.boolean,
  ExcludeCompliantResources: s.boolean,
  ResourceARNList: s.list(s.string),
});

/**
 * GetResources, either by ARN list (no filters, no paging; unknown ARNs left out) or by resource
 * type and tag filters, paged. Resources never tagged are not returned; ones tagged once and
 * untagged since are, with `Tags: []`, as the API reference describes.
 */
function getResources(input: GetResourcesInput, call: Call): unknown {
  const byArn = input.ResourceARNList !== undefined;
  if (byArn) checkArnListRequest(input);
  else checkFilterRequest(input);
  const state = call.world.config.region(call.account, call.region);
  const windowMs = call.world.faults.consistencyWindowMs;
  const listable = (r: ConfigResource | undefined): r is ConfigResource =>
    r !== undefined && (r.everTagged || r.tags.size > 0) && isVisible(r, call.now, windowMs);
  const view = (r: ConfigResource): Record<string, unknown> => ({
    ResourceARN: r.arn,
    Tags: [...r.tags].map(([Key, Value]) => ({ Key, Value })),
    ...(input.IncludeComplianceDetails === true ? { ComplianceDetails: COMPLIANT } : {}),
  });
  if (byArn) {
    const found = [...new Set(input.ResourceARNList)].map((arn) => state.byArn.get(arn));
    return { ResourceTagMappingList: found.filter(listable).map(view), PaginationToken: "" };
  }
  const scope = `GetResources|${call.account}|${call.region}|${JSON.stringify([
    input.TagFilters ?? [],
    input.ResourceTypeFilters ?? [],
    input.IncludeComplianceDetails ?? false,
    input.ExcludeCompliantResources ?? false,
  ])}`;
  const after = resumeAfter(input.PaginationToken, scope, call.now);
  // With no tag policy every resource is compliant, so excluding compliant ones leaves none.
  const excludeAll =
    input.IncludeComplianceDetails === true && input.ExcludeCompliantResources === true;
  const matching = [...state.byArn.values()]
    .filter((r) => !excludeAll && listable(r))
    .filter((r) => typeMatches(r, input.ResourceTypeFilters) && tagsMatch(r, input.TagFilters))
    .sort((a, b) => a.seq - b.seq);
  const result = page(
    matching,
    (r) => r.seq,
    after,
    input.ResourcesPerPage ?? 100,
    scope,
    call.now,
  );
  return { ResourceTagMappingList: result.items.map(view), PaginationToken: result.next ?? "" };
}

const COMPLIANT = { NoncompliantKeys: [], KeysWithNoncompliantValues: [], ComplianceStatus: true };

function checkArnListRequest(input: GetResourcesInput): void {
  const combined =
    (input.TagFilters?.length ?? 0) > 0 ||
    (input.ResourceTypeFilters?.length ?? 0) > 0 ||
    (input.PaginationToken ?? "") !== "" ||
    input.ResourcesPerPage !== undefined ||
    input.TagsPerPage !== undefined;
  if (combined)
    throw new AwsError(
      INVALID,
      "ResourceARNList cannot be combined with TagFilters, ResourceTypeFilters, PaginationToken, ResourcesPerPage or TagsPerPage.",
    );
  const v = new Violations(INVALID);
  v.count(input.ResourceARNList, "resourceARNList", 1, 100);
  v.members(input.ResourceARNList, "resourceARNList", { max: 1011, min: 1 });
  v.throwIfAny();
}

function checkFilterRequest(input: GetResourcesInput): void {
  const v = new Violations(INVALID);
  v.range(input.ResourcesPerPage, "resourcesPerPage", 1, 100);
  v.range(input.TagsPerPage, "tagsPerPage", 100, 500);
  v.count(input.TagFilters, "tagFilters", 0, 50);
  input.TagFilters?.forEach((f, i) => {
    const at = `tagFilters.${i + 1}.member`;
    if (v.required(f.Key, `${at}.key`)) v.length(f.Key, `${at}.key`, 1, 128);
    v.count(f.Values, `${at}.values`, 0, 20);
    v.members(f.Values, `${at}.values`, { max: 256 });
  });
  v.count(input.ResourceTypeFilters, "resourceTypeFilters", 0, 100);
  v.members(input.ResourceTypeFilters, "resourceTypeFilters", { max: 256 });
  v.length(input.PaginationToken, "paginationToken", 0, 2048);
  v.throwIfAny();
}

function resumeAfter(token: string | undefined, scope: string, now: number): number {
  if (token === undefined || token === "") return 0;
  const position = decodeToken(token, scope);
  if (position === undefined)
    throw new AwsError(INVALID, "The specified PaginationToken is not valid for this request.");
  if (now - position.issuedAt > TOKEN_LIFETIME_MS)
    throw new AwsError(
      "PaginationTokenExpiredException",
      "The specified PaginationToken has expired. A PaginationToken is valid for at most 15 minutes.",
    );
  return position.after;
}

/** `service` or `service:resourceType`; no filter matches everything. */
function typeMatches(r: ConfigResource, filters: readonly string[] | undefined): boolean {
  if (filters === undefined || filters.length === 0) return true;
  const type = RESOURCE_TYPES[r.kind];
  return filters.some((f) => f === "config" || f === type);
}

/** AND across filters, OR across one filter's values; a filter without values matches the key. */
function tagsMatch(r: ConfigResource, filters: readonly TagFilter[] | undefined): boolean {
  return (filters ?? []).every((f) => {
    const value = r.tags.get(f.Key!);
    if (value === undefined) return false;
    return f.Values === undefined || f.Values.length === 0 || f.Values.includes(value);
  });
}

interface FailureInfo {
  readonly StatusCode: number;
  readonly ErrorCode: string;
  readonly ErrorMessage: string;
}

/**
 * Runs a tag change on each ARN. Per-resource failures go into `FailedResourcesMap` with the
 * owning service's error code and status (HTTP 200 overall), as the API reference describes.
 */
function eachResource(
  arns: readonly string[],
  call: Call,
  change: (r: ConfigResource) => void,
): unknown {
  const failed: Record<string, FailureInfo> = {};
  for (const arn of new Set(arns)) {
    try {
      if (!arn.startsWith("arn:aws:config:"))
        throw new AwsError(
          INVALID,
          `Resource ${arn} is not supported: only AWS Config aggregators and aggregation authorizations can be tagged here.`,
        );
      change(findResource(call, arn));
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      failed[arn] = {
        StatusCode: error.status,
        ErrorCode: error.code,
        ErrorMessage: error.message,
      };
    }
  }
  return { FailedResourcesMap: failed };
}

function checkArnList(v: Violations, arns: string[] | undefined): void {
  if (!v.required(arns, "resourceARNList")) return;
  v.count(arns, "resourceARNList", 1, 20);
  v.members(arns, "resourceARNList", { max: 1011, min: 1 });
}

/** TagResources: the same tags on up to 20 resources. */
function tagResources(
  input: { readonly ResourceARNList?: string[]; readonly Tags?: Record<string, string> },
  call: Call,
): unknown {
  const v = new Violations(INVALID);
  checkArnList(v, input.ResourceARNList);
  if (v.required(input.Tags, "tags")) {
    const entries = Object.entries(input.Tags);
    v.count(entries, "tags", 1, 50);
    entries.forEach(([key, value]) => {
      v.length(key, "tags.key", 1, 128);
      v.pattern(key, "tags.key", TAG_PATTERN);
      v.length(value, "tags.value", 0, 256);
      v.pattern(value, "tags.value", TAG_PATTERN);
    });
  }
  v.throwIfAny();
  const tags = Object.entries(input.Tags!);
  refuseReservedKeys(
    tags.map(([k]) => k),
    INVALID,
  );
  return eachResource(input.ResourceARNList!, call, (r) => applyTags(r, tags));
}

/** UntagResources: removes the keys from up to 20 resources. */
function untagResources(
  input: { readonly ResourceARNList?: string[]; readonly TagKeys?: string[] },
  call: Call,
): unknown {
  const v = new Violations(INVALID);
  checkArnList(v, input.ResourceARNList);
  if (v.required(input.TagKeys, "tagKeys")) {
    v.count(input.TagKeys, "tagKeys", 1, 50);
    v.members(input.TagKeys, "tagKeys", { max: 128, min: 1 });
  }
  v.throwIfAny();
  refuseReservedKeys(input.TagKeys!, INVALID);
  return eachResource(input.ResourceARNList!, call, (r) => removeTags(r, input.TagKeys!));
}

/**
 * The Resource Groups Tagging API (`ResourceGroupsTaggingAPI_20170126`, JSON 1.1) over the Config
 * resources: the same resources and the same tag store as Config's own tag operations.
 */
export const taggingService: JsonService = {
  protocol: "json",
  name: "tagging",
  targetPrefix: "ResourceGroupsTaggingAPI_20170126",
  operations: {
    GetResources: jsonOp(getResourcesShape, getResources),
    TagResources: jsonOp(
      s.struct({ ResourceARNList: s.list(s.string), Tags: s.map(s.string) }),
      tagResources,
    ),
    UntagResources: jsonOp(
      s.struct({ ResourceARNList: s.list(s.string), TagKeys: s.list(s.string) }),
      untagResources,
    ),
  },
};
