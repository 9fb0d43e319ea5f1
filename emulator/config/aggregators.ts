import { randomInt } from "node:crypto";
import type { Call } from "../context.js";
import { AwsError } from "../errors.js";
import { configPageSize, configResumeAfter, page } from "../pagination.js";
import { s } from "../protocols/shapes.js";
import { Violations } from "../validation.js";
import {
  type AccountSource,
  type AggregatorFilter,
  type AggregatorFilters,
  type AggregatorRecord,
  isVisible,
  type OrganizationSource,
  type RegionState,
} from "./store.js";
import { admitOrganizationAggregator } from "./organization-rules.js";
import { requestAuthorizations } from "./pending.js";
import { applyTags, checkTagList, refuseReservedKeys, type TagInput } from "./tag-rules.js";

/** At most this many aggregators per account and region (AWS Config quota). */
export const MAX_AGGREGATORS = 50;

const NAME_PATTERN = "[\\w\\-]+";
const ACCOUNT_PATTERN = "\\d{12}";
const RESOURCE_TYPE_PATTERN = "[a-zA-Z0-9]{2,64}::[a-zA-Z0-9]{2,64}::[a-zA-Z0-9]{2,64}";
const SERVICE_PRINCIPAL_PATTERN = "[\\w+=,.@-]+";

const tagShape = s.struct({ Key: s.string, Value: s.string });
const regionsShape = s.list(s.string);
const filterShape = s.struct({ Type: s.string, Value: s.list(s.string) });

/** Input shape of PutConfigurationAggregator. */
export const putAggregatorShape = s.struct({
  ConfigurationAggregatorName: s.string,
  AccountAggregationSources: s.list(
    s.struct({ AccountIds: s.list(s.string), AllAwsRegions: s.boolean, AwsRegions: regionsShape }),
  ),
  OrganizationAggregationSource: s.struct({
    RoleArn: s.string,
    AwsRegions: regionsShape,
    AllAwsRegions: s.boolean,
  }),
  Tags: s.list(tagShape),
  AggregatorFilters: s.struct({ ResourceType: filterShape, ServicePrincipal: filterShape }),
});

/** Input shape of DescribeConfigurationAggregators. */
export const describeAggregatorsShape = s.struct({
  ConfigurationAggregatorNames: s.list(s.string),
  NextToken: s.string,
  Limit: s.integer,
});

/** Input shape of DeleteConfigurationAggregator. */
export const deleteAggregatorShape = s.struct({ ConfigurationAggregatorName: s.string });

interface SourceInput {
  readonly AccountIds?: string[];
  readonly RoleArn?: string;
  readonly AllAwsRegions?: boolean;
  readonly AwsRegions?: string[];
}

interface PutInput {
  readonly ConfigurationAggregatorName?: string;
  readonly AccountAggregationSources?: SourceInput[];
  readonly OrganizationAggregationSource?: SourceInput;
  readonly Tags?: TagInput[];
  readonly AggregatorFilters?: AggregatorFilters;
}

/** PutConfigurationAggregator: creates or replaces an aggregator; tags count only at creation. */
export function putConfigurationAggregator(input: PutInput, call: Call): unknown {
  validatePut(input);
  const name = input.ConfigurationAggregatorName!;
  const accountSource = input.AccountAggregationSources?.[0];
  const orgSource = input.OrganizationAggregationSource;
  checkSources(accountSource, orgSource);
  const organizationId = orgSource && admitOrganizationAggregator(call);
  const state = call.world.config.region(call.account, call.region);
  let record = state.aggregators.get(name);
  if (record === undefined) {
    record = create(state, name, call);
    applyTags(
      record,
      (input.Tags ?? []).map((t) => [t.Key!, t.Value!] as const),
    );
  }
  // An update replaces the whole definition, AccountIds included; Tags are ignored (AWS docs).
  record.accountSource = accountSource && storedAccountSource(accountSource);
  record.organizationSource = orgSource && storedOrganizationSource(orgSource);
  record.organizationId = organizationId;
  if (record.accountSource !== undefined) requestAuthorizations(record.accountSource, call);
  // Decoded input is a fresh object per request, so it can be kept as is.
  record.filters = input.AggregatorFilters;
  record.updatedAt = call.now;
  return { ConfigurationAggregator: aggregatorView(record) };
}

function create(state: RegionState, name: string, call: Call): AggregatorRecord {
  if (state.aggregators.size >= MAX_AGGREGATORS)
    throw new AwsError(
      "LimitExceededException",
      `The configuration aggregator cannot be created because the account already has the maximum of ${MAX_AGGREGATORS} configuration aggregators in this region.`,
    );
  const record: AggregatorRecord = {
    kind: "aggregator",
    seq: call.world.config.nextSeq(),
    name,
    arn: `arn:aws:config:${call.region}:${call.account}:config-aggregator/config-aggregator-${randomId()}`,
    createdAt: call.now,
    updatedAt: call.now,
    tags: new Map(),
    everTagged: false,
  };
  state.aggregators.set(name, record);
  state.index(record);
  return record;
}

function validatePut(input: PutInput): void {
  const v = new Violations();
  checkName(v, input.ConfigurationAggregatorName, "configurationAggregatorName");
  v.count(input.AccountAggregationSources, "accountAggregationSources", 0, 1);
  input.AccountAggregationSources?.forEach((src, i) => {
    const at = `accountAggregationSources.${i + 1}.member`;
    if (v.required(src.AccountIds, `${at}.accountIds`)) {
      v.count(src.AccountIds, `${at}.accountIds`, 1);
      v.members(src.AccountIds, `${at}.accountIds`, { pattern: ACCOUNT_PATTERN });
    }
    v.count(src.AwsRegions, `${at}.awsRegions`, 1);
  });
  const org = input.OrganizationAggregationSource;
  if (org !== undefined) {
    v.required(org.RoleArn, "organizationAggregationSource.roleArn");
    v.count(org.AwsRegions, "organizationAggregationSource.awsRegions", 1);
  }
  checkTagList(v, input.Tags, "tags", 0);
  checkFilter(v, input.AggregatorFilters?.ResourceType, "aggregatorFilters.resourceType", {
    min: 1,
    max: 256,
    pattern: RESOURCE_TYPE_PATTERN,
  });
  checkFilter(v, input.AggregatorFilters?.ServicePrincipal, "aggregatorFilters.servicePrincipal", {
    min: 1,
    max: 128,
    pattern: SERVICE_PRINCIPAL_PATTERN,
  });
  v.throwIfAny();
  refuseReservedKeys((input.Tags ?? []).map((t) => t.Key!));
  const filters = input.AggregatorFilters;
  if (filters !== undefined && !filters.ResourceType && !filters.ServicePrincipal)
    throw invalid("AggregatorFilters must contain either ResourceType or ServicePrincipal.");
}

function checkFilter(
  v: Violations,
  filter: AggregatorFilter | undefined,
  path: string,
  rule: { min: number; max: number; pattern: string },
): void {
  if (filter === undefined) return;
  v.oneOf(filter.Type, `${path}.type`, ["INCLUDE"]);
  v.members(filter.Value, `${path}.value`, rule);
}

/** Name rules shared by Put, Describe and Delete. */
export function checkName(v: Violations, name: string | undefined, path: string): void {
  if (!v.required(name, path)) return;
  v.length(name, path, 1, 256);
  v.pattern(name, path, NAME_PATTERN);
}

/**
 * The service's own rules, beyond the model: exactly one source kind, and for that source either
 * all regions or a list of regions. Messages are AWS Config's.
 */
function checkSources(account: SourceInput | undefined, org: SourceInput | undefined): void {
  if (account !== undefined && org !== undefined)
    throw invalid(
      "The configuration aggregator cannot be created because your request contains both the AccountAggregationSource and the OrganizationAggregationSource. Include only one aggregation source and try again.",
    );
  const source = account ?? org;
  if (source === undefined)
    throw invalid(
      "The configuration aggregator cannot be created because your request is missing either the AccountAggregationSource or the OrganizationAggregationSource. Include the appropriate aggregation source and try again.",
    );
  const all = source.AllAwsRegions === true;
  if (all && source.AwsRegions !== undefined && source.AwsRegions.length > 0)
    throw invalid(
      "Your configuration aggregator contains a list of regions and also specifies the use of all regions. You must choose one of these options.",
    );
  if (!all && source.AwsRegions === undefined)
    throw invalid(
      "Your request does not specify any regions. Select AWS Config-supported regions and try again.",
    );
  if (org !== undefined && org.RoleArn === "")
    throw new AwsError(
      "InvalidRoleException",
      "You have provided a null or empty Amazon Resource Name (ARN) for the IAM role assumed by Config and used by the customer managed configuration recorder.",
    );
}

function invalid(message: string): AwsError {
  return new AwsError("InvalidParameterValueException", message);
}

function storedAccountSource(src: SourceInput): AccountSource {
  const all = src.AllAwsRegions === true;
  return {
    AccountIds: [...src.AccountIds!],
    AllAwsRegions: all,
    ...(all ? {} : { AwsRegions: [...src.AwsRegions!] }),
  };
}

function storedOrganizationSource(src: SourceInput): OrganizationSource {
  const all = src.AllAwsRegions === true;
  return {
    RoleArn: src.RoleArn!,
    AllAwsRegions: all,
    ...(all ? {} : { AwsRegions: [...src.AwsRegions!] }),
  };
}

/** An aggregator as the API returns it. AWS sets `CreatedBy` only for service-linked aggregators. */
export function aggregatorView(r: AggregatorRecord): Record<string, unknown> {
  return {
    ConfigurationAggregatorName: r.name,
    ConfigurationAggregatorArn: r.arn,
    ...(r.accountSource ? { AccountAggregationSources: [r.accountSource] } : {}),
    ...(r.organizationSource ? { OrganizationAggregationSource: r.organizationSource } : {}),
    CreationTime: r.createdAt / 1000,
    LastUpdatedTime: r.updatedAt / 1000,
    ...(r.filters ? { AggregatorFilters: r.filters } : {}),
  };
}

interface DescribeInput {
  readonly ConfigurationAggregatorNames?: string[];
  readonly NextToken?: string;
  readonly Limit?: number;
}

/** DescribeConfigurationAggregators: all aggregators, or the named ones (all must exist). */
export function describeConfigurationAggregators(input: DescribeInput, call: Call): unknown {
  const v = new Violations();
  const names = input.ConfigurationAggregatorNames;
  v.count(names, "configurationAggregatorNames", 0, 10);
  v.members(names, "configurationAggregatorNames", { max: 256, min: 1, pattern: NAME_PATTERN });
  v.throwIfAny();
  const size = configPageSize(input.Limit, 100);
  const scope = `DescribeConfigurationAggregators|${call.account}|${call.region}|${(names ?? []).join(",")}`;
  const after = configResumeAfter(input.NextToken, scope);
  const state = call.world.config.region(call.account, call.region);
  const windowMs = call.world.faults.consistencyWindowMs;
  const visible = (r: AggregatorRecord | undefined): r is AggregatorRecord =>
    r !== undefined && isVisible(r, call.now, windowMs);
  let listed: AggregatorRecord[];
  if (names !== undefined && names.length > 0) {
    listed = [...new Set(names)]
      .map((name) => {
        const r = state.aggregators.get(name);
        if (!visible(r)) throw noSuchAggregator();
        return r;
      })
      .sort((a, b) => a.seq - b.seq);
  } else {
    listed = [...state.aggregators.values()].filter(visible);
  }
  const result = page(listed, (r) => r.seq, after, size, scope, call.now);
  return {
    ConfigurationAggregators: result.items.map(aggregatorView),
    ...(result.next === undefined ? {} : { NextToken: result.next }),
  };
}

/** DeleteConfigurationAggregator: removes an aggregator and its tags. */
export function deleteConfigurationAggregator(
  input: { readonly ConfigurationAggregatorName?: string },
  call: Call,
): undefined {
  const v = new Violations();
  checkName(v, input.ConfigurationAggregatorName, "configurationAggregatorName");
  v.throwIfAny();
  const state = call.world.config.region(call.account, call.region);
  const record = state.aggregators.get(input.ConfigurationAggregatorName!);
  if (record === undefined) throw noSuchAggregator();
  state.aggregators.delete(record.name);
  state.unindex(record);
  return undefined;
}

function noSuchAggregator(): AwsError {
  return new AwsError(
    "NoSuchConfigurationAggregatorException",
    "The configuration aggregator does not exist. Check the configuration aggregator name and try again.",
  );
}

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

function randomId(): string {
  let id = "";
  for (let i = 0; i < 8; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}
