/**
 * The emulator's public contract: what tests, benchmarks and the demo may rely on.
 *
 * The emulator is a local AWS endpoint (AWS Config, Resource Groups Tagging API, STS, IAM, AWS
 * Organizations) bound to
 * 127.0.0.1. The real AWS SDK v3 clients reach it through the SDK's standard `AWS_ENDPOINT_URL`
 * variable; the service is recognised from the SigV4 credential scope of the `Authorization` header.
 */

/** The AWS services the emulator speaks. */
export type ServiceName = "config" | "tagging" | "sts" | "iam" | "organizations";

/** One answered request, as kept in the request log. */
export interface RequestRecord {
  /** Position in the log, from 1, in arrival order. */
  readonly seq: number;
  /** Arrival time, milliseconds since the epoch. */
  readonly time: number;
  readonly service: ServiceName;
  /** The operation name, e.g. `PutConfigurationAggregator`; `""` when it could not be read. */
  readonly operation: string;
  /** The account the caller acted as; `""` when the request carried no credentials. */
  readonly account: string;
  /** The region of the SigV4 credential scope. */
  readonly region: string;
  /** HTTP status sent; 0 when the connection was dropped on purpose. */
  readonly status: number;
  /** AWS error code of an error response, e.g. `ThrottlingException`. */
  readonly errorCode?: string;
  /** True when the fault injector, not the service logic, produced this outcome. */
  readonly injected?: boolean;
}

/** The kinds of fault the emulator can inject. */
export type FaultKind =
  /**
   * HTTP 400 `ThrottlingException` (Config), `ThrottledException` (Tagging), `Throttling`
   * (STS/IAM), `TooManyRequestsException` (Organizations).
   */
  | "throttle"
  /** HTTP 500 `InternalFailure`. */
  | "internal-error"
  /** HTTP 503 `ServiceUnavailable`. */
  | "unavailable"
  /** Adds `latencyMs` before the request is handled. */
  | "latency"
  /** Destroys the socket without a response. */
  | "drop"
  /**
   * An error the SDK does not retry: HTTP `status` (default 400) with AWS error `errorCode`
   * (default `AccessDeniedException`), as when a permission is missing.
   */
  | "reject";

/** One fault rule. A request is matched by every selector given; absent selectors match all. */
export interface FaultRule {
  readonly kind: FaultKind;
  readonly service?: ServiceName;
  readonly operation?: string;
  readonly account?: string;
  readonly region?: string;
  /**
   * Throttle only: a token bucket refilled at this many requests per second, one bucket per
   * (service, operation, account, region). Requests beyond it are throttled. Without it, a
   * throttle rule hits by `probability`.
   */
  readonly ratePerSecond?: number;
  /** Throttle only: bucket capacity. Defaults to `ratePerSecond`. */
  readonly burst?: number;
  /** Chance in [0, 1] that a matching request is hit (drawn from the seeded generator). Defaults to 1. */
  readonly probability?: number;
  /** Reject only: the AWS error code sent. Defaults to `AccessDeniedException`. */
  readonly errorCode?: string;
  /** Reject only: the HTTP status sent. Defaults to 400. */
  readonly status?: number;
  /** Latency only: milliseconds added. */
  readonly latencyMs?: number;
  /** Hit only the next N matching requests, then the rule expires. `times: 1` is a one-shot fault. */
  readonly times?: number;
  /**
   * Error kinds only. `"before"` (default): the operation is not carried out. `"after"`: the
   * operation is carried out and then the error is returned, as when a response is lost.
   */
  readonly phase?: "before" | "after";
}

/** The whole fault configuration; `setFaults` replaces the previous one. */
export interface FaultSpec {
  /** Seed of the generator behind `probability`, so runs repeat. Defaults to 1. */
  readonly seed?: number;
  readonly rules?: readonly FaultRule[];
  /**
   * Eventual consistency: for this many milliseconds after a Config resource is created, Describe*,
   * ListTagsForResource and GetResources do not see it.
   */
  readonly consistencyWindowMs?: number;
}

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Access key ID → account ID. Any other key acts as {@link DEFAULT_ACCOUNT}. */
  readonly accessKeys?: Readonly<Record<string, string>>;
  /** Role ARNs whose AssumeRole is refused with `AccessDenied`. */
  readonly deniedRoles?: readonly string[];
  /** Role ARN → the external ID its trust policy requires; AssumeRole without it is refused. */
  readonly roleExternalIds?: Readonly<Record<string, string>>;
  /** Largest request body accepted, in bytes. Defaults to 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Faults active from the start. */
  readonly faults?: FaultSpec;
  /**
   * Most request-log records kept; older ones are dropped so long benchmarks cannot exhaust
   * memory. Defaults to 100,000.
   */
  readonly maxLogEntries?: number;
  /**
   * The organization the accounts belong to. Defaults to `"all"`: {@link DEFAULT_ACCOUNT} manages
   * an all-features organization ({@link ORGANIZATION_ID}) and every other account is a member.
   */
  readonly organization?: OrganizationMode | OrganizationSettings;
}

/**
 * The kind of organization: `all` (all features), `consolidated-billing`, or `none` (no account
 * belongs to an organization).
 */
export type OrganizationMode = "all" | "consolidated-billing" | "none";

/** The organization as set at start, by `setOrganization()` or `POST /_emulator/organization`. */
export interface OrganizationSettings {
  readonly mode: OrganizationMode;
  /**
   * The member accounts (12-digit IDs) besides the management account; accounts not listed belong
   * to no organization. Defaults to every account the emulator sees.
   */
  readonly members?: readonly string[];
}

/** The organization as the emulator holds it, for `snapshot()`. */
export interface OrganizationView {
  readonly mode: OrganizationMode;
  /** Absent with mode `none`. */
  readonly id?: string;
  /** Absent with mode `none`. */
  readonly managementAccount?: string;
  /** The member accounts, or `"all"` when every other account is a member. */
  readonly members: readonly string[] | "all";
  /** Service principals with trusted access (EnableAWSServiceAccess), in the order enabled. */
  readonly enabledServicePrincipals: readonly string[];
  /** Registered delegated administrators, in the order registered. */
  readonly delegatedAdministrators: readonly {
    readonly account: string;
    readonly servicePrincipal: string;
  }[];
}

/** A Config resource as the emulator holds it, for orphan and loss checks. */
export interface StoredResourceView {
  readonly kind: "aggregator" | "authorization";
  readonly account: string;
  readonly region: string;
  readonly arn: string;
  /** Aggregator name, or `<authorizedAccountId>:<authorizedAwsRegion>`. */
  readonly id: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** An IAM role as the emulator holds it. */
export interface StoredRoleView {
  readonly account: string;
  readonly name: string;
  readonly arn: string;
  readonly attachedPolicyArns: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

/** Everything the emulator holds, across accounts and regions. */
export interface EmulatorSnapshot {
  readonly resources: readonly StoredResourceView[];
  readonly roles: readonly StoredRoleView[];
  readonly organization: OrganizationView;
}

/** A running emulator. */
export interface Emulator {
  /** `http://127.0.0.1:<port>` — the value for `AWS_ENDPOINT_URL`. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
  /**
   * Forgets all resources, roles, the request log and the faults, and returns the organization to
   * its start options (issued credentials stay valid).
   */
  reset(): void;
  /** A copy of the request log. */
  requests(): RequestRecord[];
  /** Empties the request log only. */
  clearRequests(): void;
  /** Replaces the fault configuration; `setFaults({})` clears it. */
  setFaults(spec: FaultSpec): void;
  /**
   * Replaces the organization until the next `reset()`, which returns to the start options. Service
   * access and delegated administrators start empty. Throws on invalid settings.
   */
  setOrganization(settings: OrganizationMode | OrganizationSettings): void;
  /** What the emulator holds now. */
  snapshot(): EmulatorSnapshot;
}

/** The account that any access key not configured otherwise acts as (as LocalStack does). */
export const DEFAULT_ACCOUNT = "111111111111";

/**
 * The ID of the emulated organization, whose management account is {@link DEFAULT_ACCOUNT} (the
 * example ID of AWS's documentation).
 */
export const ORGANIZATION_ID = "o-exampleorgid";
