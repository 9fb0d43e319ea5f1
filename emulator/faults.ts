import { z } from "zod";
import { AwsError } from "./errors.js";
import type { FaultKind, FaultRule, FaultSpec, ServiceName } from "./types.js";

/** The request a fault decision is made for. */
export interface FaultTarget {
  readonly service: ServiceName;
  readonly operation: string;
  readonly account: string;
  readonly region: string;
}

/** An error fault kind. */
export type ErrorFaultKind = Extract<
  FaultKind,
  "throttle" | "internal-error" | "unavailable" | "reject"
>;

/** What the injector decided for one request. */
export interface FaultDecision {
  /** Milliseconds to wait before handling (sum of the latency rules that hit). */
  readonly latencyMs: number;
  /** Destroy the socket without answering. */
  readonly drop: boolean;
  /** Answer with this error, before or after carrying the operation out. */
  readonly error?: {
    readonly kind: ErrorFaultKind;
    readonly phase: "before" | "after";
    /** The rule that hit, for the `reject` kind's code and status. */
    readonly rule: FaultRule;
  };
}

const NO_FAULT: FaultDecision = { latencyMs: 0, drop: false };

interface Bucket {
  tokens: number;
  last: number;
}

interface ActiveRule {
  readonly rule: FaultRule;
  /** Hits left before the rule expires; `Infinity` without `times`. */
  remaining: number;
  readonly buckets: Map<string, Bucket>;
}

/**
 * Decides, per request, which configured faults hit. Rules are tried in order: every latency rule
 * that hits adds its delay, and the first drop or error rule that hits decides the outcome (later
 * rules are then not consulted, so their `times` are not spent). Probabilities are drawn from a
 * seeded generator, so the same seed and the same request sequence give the same faults.
 */
export class FaultInjector {
  private rules: ActiveRule[] = [];
  private random: () => number = mulberry32(1);
  private windowMs = 0;
  private spec: FaultSpec = {};

  /** The configuration in force, as last set. */
  get current(): FaultSpec {
    return this.spec;
  }

  /** Replaces the configuration; throws on an invalid spec. */
  set(spec: FaultSpec): void {
    const valid = parseFaultSpec(spec);
    this.spec = valid;
    this.rules = (valid.rules ?? []).map((rule) => ({
      rule,
      remaining: rule.times ?? Infinity,
      buckets: new Map(),
    }));
    this.random = mulberry32(valid.seed ?? 1);
    this.windowMs = valid.consistencyWindowMs ?? 0;
  }

  /** Milliseconds a newly created Config resource stays invisible to reads. */
  get consistencyWindowMs(): number {
    return this.windowMs;
  }

  /** Decides the faults for one request arriving at `now` (milliseconds). */
  decide(target: FaultTarget, now: number): FaultDecision {
    if (this.rules.length === 0) return NO_FAULT;
    let latencyMs = 0;
    for (const active of this.rules) {
      const { rule } = active;
      if (active.remaining <= 0 || !selects(rule, target) || !this.hits(active, target, now))
        continue;
      active.remaining--;
      if (rule.kind === "latency") latencyMs += rule.latencyMs ?? 0;
      else if (rule.kind === "drop") return { latencyMs, drop: true };
      else
        return {
          latencyMs,
          drop: false,
          error: { kind: rule.kind, phase: rule.phase ?? "before", rule },
        };
    }
    return latencyMs === 0 ? NO_FAULT : { latencyMs, drop: false };
  }

  private hits(active: ActiveRule, target: FaultTarget, now: number): boolean {
    const { rule } = active;
    if (rule.kind === "throttle" && rule.ratePerSecond !== undefined) {
      return !takeToken(active.buckets, target, rule.ratePerSecond, rule.burst, now);
    }
    const p = rule.probability ?? 1;
    return p >= 1 || this.random() < p;
  }
}

function selects(rule: FaultRule, t: FaultTarget): boolean {
  return (
    (rule.service === undefined || rule.service === t.service) &&
    (rule.operation === undefined || rule.operation === t.operation) &&
    (rule.account === undefined || rule.account === t.account) &&
    (rule.region === undefined || rule.region === t.region)
  );
}

/** Token bucket per (service, operation, account, region); returns false when it is empty. */
function takeToken(
  buckets: Map<string, Bucket>,
  t: FaultTarget,
  rate: number,
  burst: number | undefined,
  now: number,
): boolean {
  const capacity = burst ?? rate;
  const key = `${t.service}|${t.operation}|${t.account}|${t.region}`;
  let bucket = buckets.get(key);
  if (bucket === undefined) {
    bucket = { tokens: capacity, last: now };
    buckets.set(key, bucket);
  }
  bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.last) / 1000) * rate);
  bucket.last = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

/** The error a fault produces, with the codes each service really uses. */
export function faultError(kind: ErrorFaultKind, rule: FaultRule, target: FaultTarget): AwsError {
  const { service } = target;
  switch (kind) {
    case "throttle":
      return new AwsError(THROTTLE_CODES[service], "Rate exceeded", 400);
    case "internal-error":
      return new AwsError(
        "InternalFailure",
        "The request processing has failed because of an unknown error, exception or failure.",
        500,
      );
    case "unavailable":
      return new AwsError("ServiceUnavailable", "Service is unavailable. Please try again.", 503);
    case "reject":
      return rejection(rule, target);
  }
}

/**
 * A non-retryable refusal. The default, `AccessDeniedException`, reads as AWS's own message for a
 * missing permission, so tests of error wrapping see a realistic text.
 */
function rejection(rule: FaultRule, target: FaultTarget): AwsError {
  const code = rule.errorCode ?? "AccessDeniedException";
  const status = rule.status ?? 400;
  const action = `${target.service}:${target.operation}`;
  const message = code.startsWith("AccessDenied")
    ? `User: arn:aws:iam::${target.account}:root is not authorized to perform: ${action}`
    : `Injected ${code} for ${action}.`;
  return new AwsError(code, message, status);
}

const THROTTLE_CODES: Readonly<Record<ServiceName, string>> = {
  config: "ThrottlingException",
  tagging: "ThrottledException",
  sts: "Throttling",
  iam: "Throttling",
  organizations: "TooManyRequestsException",
};

/** mulberry32: a small, fast seeded generator; quality is ample for fault dice. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ruleSchema = z.strictObject({
  kind: z.enum(["throttle", "internal-error", "unavailable", "latency", "drop", "reject"]),
  service: z.enum(["config", "tagging", "sts", "iam", "organizations"]).optional(),
  operation: z.string().min(1).optional(),
  account: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  ratePerSecond: z.number().positive().optional(),
  burst: z.number().min(1).optional(),
  probability: z.number().min(0).max(1).optional(),
  errorCode: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9.]*$/)
    .optional(),
  status: z.number().int().min(400).max(599).optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  times: z.number().int().min(1).optional(),
  phase: z.enum(["before", "after"]).optional(),
});

const specSchema = z.strictObject({
  seed: z.number().int().optional(),
  rules: z.array(ruleSchema).optional(),
  consistencyWindowMs: z.number().int().min(0).optional(),
});

/**
 * Validates a fault spec (from code or from `POST /_emulator/faults`). Unknown fields are refused
 * so that a misspelt selector cannot silently widen a rule to every request.
 */
export function parseFaultSpec(input: unknown): FaultSpec {
  const result = specSchema.safeParse(input);
  if (!result.success) throw new Error(`Invalid fault spec: ${z.prettifyError(result.error)}`);
  return result.data;
}
