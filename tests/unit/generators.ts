import { ACCOUNTS, FILTER_VALUES, ORGANIZATION_ROLE_ARN } from "../support/fixtures";
/**
 * A tiny seeded generator of valid inputs for the property tests: the same seed gives the same
 * inputs, so a failing case can be replayed from the seed and index in its message.
 */

type Raw = Record<string, unknown>;

/** mulberry32: a small, well-distributed 32-bit PRNG. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  bool(probability = 0.5): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  /** `count` items drawn with repetition, so lists get duplicates. */
  draw<T>(items: readonly T[], count: number): T[] {
    return Array.from({ length: count }, () => this.pick(items));
  }

  text(alphabet: string, min: number, max: number): string {
    const chars = [...alphabet];
    return Array.from({ length: this.int(min, max) }, () => this.pick(chars)).join("");
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }
}

/** Regions the generators draw from. */
export const REGION_POOL = [
  "us-east-1",
  "us-east-2",
  "us-west-2",
  "eu-west-1",
  "eu-central-2",
  "ap-southeast-5",
  "il-central-1",
] as const;
const ACCOUNT_POOL = [
  ACCOUNTS.A,
  ACCOUNTS.B,
  ACCOUNTS.C,
  ACCOUNTS.D,
  "000000000001",
  "999999999999",
  "123456789012",
];
const RESOURCE_TYPES = ["AWS::IAM::Role", "AWS::Lambda::Function", "Custom::My::Thing"];
const PRINCIPALS = [FILTER_VALUES.configPrincipal, "securityhub.amazonaws.com", "a=b,c@d.e-f_g+h"];
const NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
const PREFIX_CHARS = `${NAME_CHARS} .:/`;
const TAG_CHARS = "abcXYZ019 _.:/=+-@äßЖ語";
const SESSION_CHARS = "abcXYZ019_+=,.@-";
const EXTERNAL_ID_CHARS = "abcXYZ019_+=,.@:/-";

/** A random user tag map: at most 8 tags, never an `aws:` key. */
export function tags(random: Random): Record<string, string> {
  const result: Record<string, string> = {};
  for (let i = random.int(0, 8); i > 0; i--) {
    const key = random.text(TAG_CHARS, 1, 20);
    if (key.toLowerCase().startsWith("aws:")) continue;
    result[key] = random.text(TAG_CHARS, 0, 30);
  }
  return result;
}

/** A random valid assumeRole, in `account`. */
export function assumeRole(random: Random, account: string): Raw {
  return {
    roleArn: `arn:aws:iam::${account}:role/${random.text(NAME_CHARS, 1, 20)}`,
    ...(random.bool() ? { externalId: random.text(EXTERNAL_ID_CHARS, 2, 40) } : {}),
    ...(random.bool() ? { sessionName: random.text(SESSION_CHARS, 2, 64) } : {}),
    ...(random.bool() ? { durationSeconds: random.int(900, 43200) } : {}),
  };
}

function sourceRegions(random: Random): Raw {
  switch (random.int(0, 2)) {
    case 0:
      return { allAwsRegions: true };
    case 1:
      return { awsRegions: random.draw(REGION_POOL, random.int(1, 6)) };
    default:
      return { allAwsRegions: false, awsRegions: random.draw(REGION_POOL, random.int(1, 6)) };
  }
}

function filter(random: Random, values: readonly string[]): Raw {
  return {
    ...(random.bool() ? { type: "INCLUDE" } : {}),
    value: random.draw(values, random.int(1, 5)),
  };
}

/** A random valid ConfigurationAggregator program (what the resource class sends to check). */
export function aggregatorProgram(random: Random): Raw {
  const program: Raw = { region: random.pick(REGION_POOL) };
  if (random.bool()) program.name = random.text(NAME_CHARS, 1, 40);
  program.autoNamePrefix = random.text(PREFIX_CHARS, 1, 30);
  if (random.bool()) {
    program.accountAggregationSource = {
      accountIds: random.draw(ACCOUNT_POOL, random.int(1, 8)),
      ...sourceRegions(random),
    };
  } else {
    program.organizationAggregationSource = {
      roleArn: ORGANIZATION_ROLE_ARN,
      ...sourceRegions(random),
    };
  }
  switch (random.int(0, 3)) {
    case 0:
      program.aggregatorFilters = { resourceType: filter(random, RESOURCE_TYPES) };
      break;
    case 1:
      program.aggregatorFilters = { servicePrincipal: filter(random, PRINCIPALS) };
      break;
    case 2:
      program.aggregatorFilters = {
        resourceType: filter(random, RESOURCE_TYPES),
        servicePrincipal: filter(random, PRINCIPALS),
      };
      break;
    default:
      break;
  }
  if (random.bool()) program.tags = tags(random);
  if (random.bool()) program.assumeRole = assumeRole(random, random.pick([ACCOUNTS.A, ACCOUNTS.C]));
  if (random.bool()) program.adoptExisting = random.bool();
  return program;
}

/** A random valid AggregationAuthorization program. */
export function authorizationProgram(random: Random): Raw {
  return {
    authorizedAccountId: random.pick(ACCOUNT_POOL),
    authorizedAwsRegion: random.pick(REGION_POOL),
    region: random.pick(REGION_POOL),
    ...(random.bool() ? { tags: tags(random) } : {}),
    ...(random.bool()
      ? { assumeRole: assumeRole(random, random.pick([ACCOUNTS.A, ACCOUNTS.C])) }
      : {}),
    ...(random.bool() ? { adoptExisting: random.bool() } : {}),
  };
}

/**
 * The same program written differently: every list shuffled with one of its items repeated,
 * and the tag keys in another order.
 */
export function rewritten(random: Random, program: Raw): Raw {
  const mixList = (list: unknown): unknown =>
    Array.isArray(list) ? random.shuffle([...list, random.pick(list)]) : list;
  const mixObject = (value: unknown): unknown =>
    value && typeof value === "object"
      ? Object.fromEntries(random.shuffle(Object.entries(value as Raw)))
      : value;
  const mixSource = (source: unknown): unknown => {
    if (!source || typeof source !== "object") return source;
    const { accountIds, awsRegions, ...rest } = source as Raw;
    return {
      ...rest,
      ...(accountIds === undefined ? {} : { accountIds: mixList(accountIds) }),
      ...(awsRegions === undefined ? {} : { awsRegions: mixList(awsRegions) }),
    };
  };
  const mixFilters = (filters: unknown): unknown => {
    if (!filters || typeof filters !== "object") return filters;
    return Object.fromEntries(
      Object.entries(filters as Raw).map(([key, f]) => [
        key,
        { ...(f as Raw), value: mixList((f as Raw).value) },
      ]),
    );
  };
  const copy: Raw = { ...program };
  if ("accountAggregationSource" in copy)
    copy.accountAggregationSource = mixSource(copy.accountAggregationSource);
  if ("organizationAggregationSource" in copy) {
    copy.organizationAggregationSource = mixSource(copy.organizationAggregationSource);
  }
  if ("aggregatorFilters" in copy) copy.aggregatorFilters = mixFilters(copy.aggregatorFilters);
  if ("tags" in copy) copy.tags = mixObject(copy.tags);
  return mixObject(copy) as Raw;
}
