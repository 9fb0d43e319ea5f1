/**
 * Refresh at scale: 1,000 tagged authorizations spread over 5 accounts × 4 regions (reached with
 * `assumeRole`), read all at once through a freshly started host, as `pulumi refresh` does — and,
 * to show where calls go, the same reads with 16 in flight and without the host.
 */
import type { Emulator, RequestRecord } from "../emulator";
import { RUNTIME_MODULE } from "../provider/shared/stub";
import {
  accessKeysFor,
  AUTHORIZATION_TYPE,
  checkAndCreate,
  countByOperation,
  emulatorEnv,
  freshEmulator,
  fullScanPages,
  HOME_REGION,
  inParallel,
  ofOperation,
  roleArn,
  startHost,
  timed,
  urnOf,
  type Created,
  type ProviderTexts,
} from "./support";

/** The source accounts. */
export const REFRESH_ACCOUNTS = [
  "210000000001",
  "210000000002",
  "210000000003",
  "210000000004",
  "210000000005",
];
/** The source regions. */
export const REFRESH_REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"];
/** Authorizations refreshed. */
export const REFRESH_COUNT = 1000;

/** Calls of one operation: how many in all, and the most any one account+region got. */
export interface PerPlacement {
  readonly total: number;
  readonly maxPerPlacement: number;
  /** Account+region pairs that got at least one. */
  readonly placements: number;
}

/** How one way of reading all 1,000 went. */
export interface ReadPhase {
  /** How the reads were sent. */
  readonly how: string;
  /** DescribeAggregationAuthorizations calls (pages). */
  readonly describePages: PerPlacement;
  /** Full scans: Describe pages / pages per scan. The goal is ≤ 1 per account+region. */
  readonly scans: PerPlacement;
  /** Reads per full scan, on average: how well concurrent reads shared a scan. */
  readonly readsPerScan: number;
  readonly getResources: PerPlacement;
  readonly listTagsForResource: number;
  /** AssumeRole calls (each phase starts with no cached credentials). */
  readonly assumeRole: number;
  /** Any other calls, by operation. */
  readonly otherCalls: Record<string, number>;
  /** From the first Read sent to the last answered. */
  readonly wallMs: number;
  /** Milliseconds between the first and the last Describe the emulator received. */
  readonly describeSpreadMs: number;
  /** Reads that found their resource with the tags it was created with. */
  readonly readsCorrect: number;
}

/** The refresh figures. */
export interface RefreshResult {
  readonly resources: number;
  readonly accounts: number;
  readonly regions: number;
  /**
   * Pages a full scan of one account+region takes, counted by scanning each one from the bench
   * process after the reads (the same in every account+region here).
   */
  readonly pagesPerScan: number;
  /** The goal for GetResources: Σ over account+region of ⌈N/100⌉ (GetResources is regional). */
  readonly getResourcesGoal: number;
  /** ⌈N/100⌉ over all N at once, which no regional API can meet when N spans more regions. */
  readonly getResourcesGlobalBound: number;
  /** The measured refresh: all reads sent at once through a freshly started host. */
  readonly allAtOnce: ReadPhase;
  /** For comparison: a fresh host with at most 16 reads in flight, `pulumi refresh`'s default. */
  readonly parallel16: ReadPhase;
  /** For comparison: the same reads called in one process, without the host and gRPC. */
  readonly inProcess: ReadPhase;
}

/** `pulumi refresh --parallel` default (pulumi.com/docs/cli/commands/pulumi_refresh). */
export const PULUMI_DEFAULT_PARALLEL = 16;

const COUNTED = [
  "DescribeAggregationAuthorizations",
  "GetResources",
  "ListTagsForResource",
  "AssumeRole",
];

function perPlacement(requests: readonly RequestRecord[], divisor = 1): PerPlacement {
  const by = new Map<string, number>();
  for (const r of requests) {
    const key = `${r.account}/${r.region}`;
    by.set(key, (by.get(key) ?? 0) + 1);
  }
  return {
    total: requests.length / divisor,
    maxPerPlacement: Math.max(0, ...by.values()) / divisor,
    placements: by.size,
  };
}

/** The authorizations of the refresh world: round-robin over accounts, then over regions. */
function refreshWorld(): { name: string; account: string; props: Record<string, unknown> }[] {
  return Array.from({ length: REFRESH_COUNT }, (_, i) => {
    const account = REFRESH_ACCOUNTS[i % REFRESH_ACCOUNTS.length];
    const region =
      REFRESH_REGIONS[Math.floor(i / REFRESH_ACCOUNTS.length) % REFRESH_REGIONS.length];
    return {
      name: `refresh-${i}`,
      account,
      props: {
        authorizedAccountId: String(500000000000 + i),
        authorizedAwsRegion: "us-east-1",
        region,
        assumeRole: { roleArn: roleArn(account) },
        tags: { stack: "bench", n: String(i) },
      },
    };
  });
}

/** The outputs a read returned, as the engine sees them. */
interface ReadOutcome {
  readonly id: string;
  readonly outputs: Record<string, unknown>;
}

/** Runs `readAll`, then counts what the emulator saw meanwhile. */
async function phase(
  emulator: Emulator,
  how: string,
  created: readonly Created[],
  pagesPerScan: () => number,
  readAll: () => Promise<ReadOutcome[]>,
): Promise<() => ReadPhase> {
  emulator.clearRequests();
  const { ms, result: reads } = await timed(readAll);
  const requests = emulator.requests();
  const readsCorrect = reads.filter(
    (read, i) =>
      read.id === created[i]?.id &&
      JSON.stringify(read.outputs.tags) === JSON.stringify(created[i]?.outputs.tags),
  ).length;
  const describe = ofOperation(requests, "DescribeAggregationAuthorizations");
  const times = describe.map((r) => r.time);
  // Pages per scan are counted after every phase has run; the figures are completed then.
  return () => {
    const scans = perPlacement(describe, pagesPerScan());
    return {
      how,
      describePages: perPlacement(describe),
      scans,
      readsPerScan: created.length / scans.total,
      getResources: perPlacement(ofOperation(requests, "GetResources")),
      listTagsForResource: ofOperation(requests, "ListTagsForResource").length,
      assumeRole: ofOperation(requests, "AssumeRole").length,
      otherCalls: countByOperation(requests.filter((r) => !COUNTED.includes(r.operation))),
      wallMs: ms,
      describeSpreadMs: times.length === 0 ? 0 : Math.max(...times) - Math.min(...times),
      readsCorrect,
    };
  };
}

/** Reads through a freshly started host (as `pulumi refresh` starts one), `limit` in flight. */
async function hostPhase(
  emulator: Emulator,
  how: string,
  created: readonly Created[],
  limit: number,
  pagesPerScan: () => number,
): Promise<() => ReadPhase> {
  const host = await startHost(emulator);
  try {
    return await phase(emulator, how, created, pagesPerScan, () =>
      inParallel(created, limit, (c) => host.read(c.id, c.urn, c.outputs, c.inputs)),
    );
  } finally {
    await host.stop();
  }
}

/**
 * The same reads, all at once, through the built runtime loaded into this process (the code the
 * host runs, minus gRPC and the host), with the host's environment applied for the duration.
 */
async function inProcessPhase(
  emulator: Emulator,
  created: readonly Created[],
  pagesPerScan: () => number,
): Promise<() => ReadPhase> {
  const env = emulatorEnv(emulator);
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(env);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built runtime, by name
    const runtime = require(RUNTIME_MODULE) as typeof import("../provider/runtime");
    await runtime.dispatch("authorization", "configure", [
      { config: new Map([["aws:region", HOME_REGION]]) },
    ]);
    return await phase(emulator, "in-process, all at once", created, pagesPerScan, () =>
      Promise.all(
        created.map(async (c) => {
          const read = (await runtime.dispatch("authorization", "read", [c.id, c.outputs])) as {
            id?: string;
            props?: Record<string, unknown>;
          };
          return { id: read.id ?? "", outputs: read.props ?? {} };
        }),
      ),
    );
  } finally {
    apply(saved);
  }
}

/**
 * Creates the 1,000 authorizations through one host (64 in flight) and stops it. Then reads all of
 * them three ways, counting each phase's calls: through a fresh host all at once (the figure), through a
 * fresh host with 16 in flight, and in this process without the host.
 */
export async function benchRefresh(texts: ProviderTexts): Promise<RefreshResult> {
  const emulator = await freshEmulator({ accessKeys: accessKeysFor(REFRESH_ACCOUNTS) });
  try {
    const setupHost = await startHost(emulator);
    let created: Created[];
    try {
      created = await inParallel(refreshWorld(), 64, ({ name, props }) =>
        checkAndCreate(setupHost, urnOf(AUTHORIZATION_TYPE, name), texts.authorization, props),
      );
    } finally {
      await setupHost.stop();
    }

    let pagesPerScan = NaN;
    const pages = () => pagesPerScan;
    const allAtOnce = await hostPhase(
      emulator,
      "fresh host, all at once",
      created,
      created.length,
      pages,
    );
    const parallel16 = await hostPhase(
      emulator,
      `fresh host, ${PULUMI_DEFAULT_PARALLEL} in flight`,
      created,
      PULUMI_DEFAULT_PARALLEL,
      pages,
    );
    const inProcess = await inProcessPhase(emulator, created, pages);

    const perRegion = new Map<string, number>();
    const counted = new Set<number>();
    for (const account of REFRESH_ACCOUNTS) {
      for (const region of REFRESH_REGIONS) {
        counted.add(await fullScanPages(emulator, region, account));
        perRegion.set(
          `${account}/${region}`,
          created.filter((c) => c.outputs.accountId === account && c.outputs.region === region)
            .length,
        );
      }
    }
    if (counted.size !== 1) {
      throw new Error(`full scans differ in pages: ${[...counted].join(", ")}`);
    }
    pagesPerScan = [...counted][0];
    return {
      resources: created.length,
      accounts: REFRESH_ACCOUNTS.length,
      regions: REFRESH_REGIONS.length,
      pagesPerScan,
      getResourcesGoal: [...perRegion.values()].reduce((sum, n) => sum + Math.ceil(n / 100), 0),
      getResourcesGlobalBound: Math.ceil(created.length / 100),
      allAtOnce: allAtOnce(),
      parallel16: parallel16(),
      inProcess: inProcess(),
    };
  } finally {
    await emulator.close();
  }
}
