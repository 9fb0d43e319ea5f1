import type { StoredResourceView } from "../types.js";

/** One Config tag as the API carries it. */
export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** Tags of one resource, in the order keys were first added. */
export interface Taggable {
  readonly tags: Map<string, string>;
  /**
   * Whether the resource ever carried a tag. The Tagging API lists resources that were tagged
   * once and are untagged now, with `Tags: []`.
   */
  everTagged: boolean;
}

/** An account source as stored (a copy of what was put). */
export interface AccountSource {
  readonly AccountIds: readonly string[];
  readonly AllAwsRegions: boolean;
  readonly AwsRegions?: readonly string[];
}

/** An organization source as stored. */
export interface OrganizationSource {
  readonly RoleArn: string;
  readonly AllAwsRegions: boolean;
  readonly AwsRegions?: readonly string[];
}

/** One filter of `AggregatorFilters`. */
export interface AggregatorFilter {
  readonly Type?: string;
  readonly Value?: readonly string[];
}

/** `AggregatorFilters` as stored. */
export interface AggregatorFilters {
  readonly ResourceType?: AggregatorFilter;
  readonly ServicePrincipal?: AggregatorFilter;
}

/** A configuration aggregator. */
export interface AggregatorRecord extends Taggable {
  readonly kind: "aggregator";
  /** Creation order across both resource kinds of a region; orders listings and page tokens. */
  readonly seq: number;
  readonly name: string;
  readonly arn: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  updatedAt: number;
  accountSource?: AccountSource;
  organizationSource?: OrganizationSource;
  /** The organization an organization source aggregates, as it was at the last Put. */
  organizationId?: string;
  filters?: AggregatorFilters;
}

/** An aggregator's request to collect a source account's data, not yet authorized. */
export interface PendingRequest {
  /** Creation order; orders listings and page tokens. */
  readonly seq: number;
  readonly requesterAccountId: string;
  readonly requesterAwsRegion: string;
}

/** An aggregation authorization. */
export interface AuthorizationRecord extends Taggable {
  readonly kind: "authorization";
  readonly seq: number;
  readonly arn: string;
  readonly authorizedAccountId: string;
  readonly authorizedAwsRegion: string;
  readonly createdAt: number;
}

/** Either Config resource. */
export type ConfigResource = AggregatorRecord | AuthorizationRecord;

/** The Config resources of one account in one region. */
export class RegionState {
  /** Aggregators by name, in creation order. */
  readonly aggregators = new Map<string, AggregatorRecord>();
  /** Authorizations by `<account>:<region>`, in creation order. */
  readonly authorizations = new Map<string, AuthorizationRecord>();
  /** Both kinds by ARN, for the tagging operations. */
  readonly byArn = new Map<string, ConfigResource>();
  /**
   * Aggregation requests waiting for this account's authorization in this region, by
   * `<requester account>:<requester region>` (the key of the authorization that answers them).
   */
  readonly pending = new Map<string, PendingRequest>();

  constructor(
    readonly account: string,
    readonly region: string,
  ) {}

  /** Stores a new resource under its ARN (and, by the caller, under its key). */
  index(resource: ConfigResource): void {
    this.byArn.set(resource.arn, resource);
  }

  /** Forgets a resource and, with it, its tags. */
  unindex(resource: ConfigResource): void {
    this.byArn.delete(resource.arn);
  }
}

/** All Config state, per account and region. */
export class ConfigStore {
  private readonly regions = new Map<string, RegionState>();
  private seq = 0;

  /** The state of an account+region, created on first write. */
  region(account: string, region: string): RegionState {
    const key = `${account}/${region}`;
    let state = this.regions.get(key);
    if (state === undefined) {
      state = new RegionState(account, region);
      this.regions.set(key, state);
    }
    return state;
  }

  /** The next creation sequence number. */
  nextSeq(): number {
    return ++this.seq;
  }

  /**
   * The regions any Config call has touched since the last reset, sorted: the emulator's stand-in
   * for "all AWS regions", since it keeps no list of region names.
   */
  regionsSeen(): string[] {
    return [...new Set([...this.regions.values()].map((s) => s.region))].sort();
  }

  /** Forgets everything. */
  reset(): void {
    this.regions.clear();
  }

  /** Every resource, for `snapshot()`. */
  views(): StoredResourceView[] {
    const out: StoredResourceView[] = [];
    for (const state of this.regions.values()) {
      for (const r of state.byArn.values()) {
        out.push({
          kind: r.kind,
          account: state.account,
          region: state.region,
          arn: r.arn,
          id: r.kind === "aggregator" ? r.name : authorizationKey(r),
          tags: Object.fromEntries(r.tags),
        });
      }
    }
    return out;
  }
}

/** `<authorizedAccountId>:<authorizedAwsRegion>` — the identity of an authorization. */
export function authorizationKey(r: {
  readonly authorizedAccountId: string;
  readonly authorizedAwsRegion: string;
}): string {
  return `${r.authorizedAccountId}:${r.authorizedAwsRegion}`;
}

/**
 * Whether a resource is visible to reads at `now`: inside the consistency window after creation
 * it is not, as with AWS's eventual consistency right after a write.
 */
export function isVisible(resource: ConfigResource, now: number, windowMs: number): boolean {
  return windowMs <= 0 || now - resource.createdAt >= windowMs;
}

/** Tags as the Config API returns them. */
export function tagList(tags: ReadonlyMap<string, string>): Tag[] {
  return [...tags].map(([Key, Value]) => ({ Key, Value }));
}
