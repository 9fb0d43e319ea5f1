/**
 * AWS calls per lifecycle step, for each resource, through the real dynamic-provider host, counted
 * from the emulator's request log — beside the calls the bridged `aws.cfg.*` resources make for the
 * same step (Terraform's code, ../shared/reference/anchors.md, "AWS API calls per Terraform
 * operation").
 */
import type { Emulator } from "../emulator";
import type { PropertyMap, ProviderHost } from "../tests/support/host";
import {
  AGGREGATOR_TYPE,
  AUTHORIZATION_TYPE,
  checkAndCreate,
  countByOperation,
  freshEmulator,
  fullScanPages,
  HOME_ACCOUNT,
  HOME_REGION,
  seedForeignAuthorizations,
  startHost,
  urnOf,
  withProvider,
  type Created,
  type ProviderTexts,
} from "./support";

/** Authorizations this stack does not manage, already in the account and region (P = 3 pages). */
export const EXISTING_AUTHORIZATIONS = 250;

/** One lifecycle step of one resource: our calls, the bridged resource's, and their ratio. */
export interface LifecycleRow {
  readonly resource: "ConfigurationAggregator" | "AggregationAuthorization";
  readonly step: string;
  /** What the step changes, as a reader needs it to compare the two counts. */
  readonly scenario: string;
  /** AWS calls this package made, from the request log. */
  readonly ours: number;
  /** Our calls by operation. */
  readonly operations: Record<string, number>;
  /** The bridged resource's calls for the same step, from anchors.md; undefined when it has none. */
  readonly theirs: number | undefined;
  /** How {@link theirs} is made up. */
  readonly theirsFormula: string;
  /** ours / theirs; undefined when theirs is undefined or zero. */
  readonly ratio: number | undefined;
}

/** The lifecycle figures. */
export interface LifecycleResult {
  /**
   * P: pages of a full authorization scan in the benchmark's account and region, counted with a
   * scan before the create and again after it (the two agree).
   */
  readonly scanPages: number;
  /** Authorizations in that account and region after the create (ours included). */
  readonly authorizationsInRegion: number;
  readonly rows: LifecycleRow[];
}

/** Runs `step` and returns the calls the emulator saw meanwhile. */
async function counted(
  emulator: Emulator,
  step: () => Promise<unknown>,
): Promise<Record<string, number>> {
  emulator.clearRequests();
  await step();
  const requests = emulator.requests();
  // A retried call would count twice; nothing here is throttled, so any such failure is a bug.
  // (A 4xx such as the existence check's NoSuchConfigurationAggregatorException is an answer.)
  const retried = requests.filter((r) => r.injected || r.status >= 500 || r.status === 0);
  if (retried.length > 0) {
    const list = retried.map((r) => `${r.operation} ${r.status} ${r.errorCode ?? ""}`).join(", ");
    throw new Error(`unexpected failed AWS calls during a lifecycle step: ${list}`);
  }
  return countByOperation(requests);
}

function row(
  resource: LifecycleRow["resource"],
  step: string,
  scenario: string,
  operations: Record<string, number>,
  theirs: number | undefined,
  theirsFormula: string,
): LifecycleRow {
  const ours = Object.values(operations).reduce((a, b) => a + b, 0);
  const ratio = theirs === undefined || theirs === 0 ? undefined : ours / theirs;
  return { resource, step, scenario, ours, operations, theirs, theirsFormula, ratio };
}

/** The engine's no-op path: Check with the old inputs, then Diff; fails if Diff reports a change. */
async function noOp(host: ProviderHost, resource: Created, properties: PropertyMap, code: string) {
  const checked = await host.check(resource.urn, resource.inputs, withProvider(code, properties));
  const diff = await host.diff(
    resource.id,
    resource.urn,
    resource.outputs,
    checked.inputs,
    resource.inputs,
  );
  if (diff.changes !== "none") throw new Error(`no-op diff of ${resource.urn} reported changes`);
}

/** Check, Diff (which must be an in-place update), then Update, as `pulumi up` does. */
async function update(
  host: ProviderHost,
  resource: Created,
  properties: PropertyMap,
  code: string,
): Promise<Created> {
  const checked = await host.check(resource.urn, resource.inputs, withProvider(code, properties));
  const diff = await host.diff(
    resource.id,
    resource.urn,
    resource.outputs,
    checked.inputs,
    resource.inputs,
  );
  if (diff.changes !== "some" || diff.replaces.length > 0) {
    throw new Error(`expected an in-place update of ${resource.urn}, got ${JSON.stringify(diff)}`);
  }
  const { outputs } = await host.update(
    resource.id,
    resource.urn,
    resource.outputs,
    checked.inputs,
    resource.inputs,
  );
  return { ...resource, inputs: checked.inputs, outputs };
}

async function aggregatorRows(host: ProviderHost, emulator: Emulator, code: string) {
  const R = "ConfigurationAggregator" as const;
  const urn = urnOf(AGGREGATOR_TYPE, "org");
  const base: PropertyMap = {
    name: "bench-org",
    accountAggregationSource: { accountIds: ["222222222222", "333333333333"], allAwsRegions: true },
    tags: { team: "security", stage: "prod" },
    autoNamePrefix: "org",
  };
  const rows: LifecycleRow[] = [];
  let resource!: Created;
  let ops = await counted(emulator, async () => {
    resource = await checkAndCreate(host, urn, code, base);
  });
  rows.push(row(R, "create", "new aggregator with 2 tags", ops, 3, "Put + Describe + ListTags"));

  ops = await counted(emulator, () => noOp(host, resource, base, code));
  rows.push(
    row(R, "no-op", "unchanged program (check + diff)", ops, undefined, "not in anchors.md"),
  );

  const retagged = { ...base, tags: { team: "platform" } };
  ops = await counted(emulator, async () => {
    resource = await update(host, resource, retagged, code);
  });
  rows.push(
    row(
      R,
      "tag-only update",
      "1 tag changed, 1 removed",
      ops,
      4,
      "Untag + Tag + Describe + ListTags",
    ),
  );

  const resourced = {
    ...retagged,
    accountAggregationSource: {
      accountIds: ["222222222222", "333333333333", "444444444444"],
      allAwsRegions: true,
    },
  };
  ops = await counted(emulator, async () => {
    resource = await update(host, resource, resourced, code);
  });
  rows.push(row(R, "source update", "1 account added", ops, 3, "Put + Describe + ListTags"));

  ops = await counted(emulator, () =>
    host.read(resource.id, urn, resource.outputs, resource.inputs),
  );
  rows.push(row(R, "refresh", "read one tagged aggregator", ops, 2, "Describe + ListTags"));

  ops = await counted(emulator, () => host.delete(resource.id, urn, resource.outputs));
  rows.push(row(R, "delete", "", ops, 1, "Delete"));
  return rows;
}

async function authorizationRows(
  host: ProviderHost,
  emulator: Emulator,
  code: string,
  pagesBefore: number,
) {
  const R = "AggregationAuthorization" as const;
  const urn = urnOf(AUTHORIZATION_TYPE, "auth");
  const base: PropertyMap = {
    authorizedAccountId: "222222222222",
    authorizedAwsRegion: "eu-west-1",
    tags: { team: "security", stage: "prod" },
  };
  const rows: LifecycleRow[] = [];
  let resource!: Created;
  let ops = await counted(emulator, async () => {
    resource = await checkAndCreate(host, urn, code, base);
  });
  rows.push(
    row(
      R,
      "create",
      "new authorization with 2 tags",
      ops,
      2 + pagesBefore,
      "Put + Describe×P + ListTags",
    ),
  );
  const p = await fullScanPages(emulator, HOME_REGION);
  if (p !== pagesBefore) throw new Error(`a full scan took ${pagesBefore} pages, then ${p}`);

  ops = await counted(emulator, () => noOp(host, resource, base, code));
  rows.push(
    row(R, "no-op", "unchanged program (check + diff)", ops, undefined, "not in anchors.md"),
  );

  const retagged = { ...base, tags: { team: "platform" } };
  ops = await counted(emulator, async () => {
    resource = await update(host, resource, retagged, code);
  });
  rows.push(
    row(
      R,
      "tag-only update",
      "1 tag changed, 1 removed",
      ops,
      3 + p,
      "Untag + Tag + Describe×P + ListTags",
    ),
  );

  ops = await counted(emulator, () =>
    host.read(resource.id, urn, resource.outputs, resource.inputs),
  );
  rows.push(
    row(R, "refresh", "read one tagged authorization", ops, 1 + p, "Describe×P + ListTags"),
  );

  ops = await counted(emulator, () => host.delete(resource.id, urn, resource.outputs));
  rows.push(row(R, "delete", "", ops, 1, "Delete"));
  return rows;
}

/**
 * Drives each resource through create, no-op, tag-only update, source update (aggregator only: an
 * authorization has no in-place source change), refresh and delete in one host, counting the AWS
 * calls of each step. {@link EXISTING_AUTHORIZATIONS} foreign authorizations sit in the same account
 * and region, so that a full scan has P = 3 pages, as it would in a real organization.
 */
export async function benchLifecycle(texts: ProviderTexts): Promise<LifecycleResult> {
  const emulator = await freshEmulator();
  let host: ProviderHost | undefined;
  try {
    await seedForeignAuthorizations(emulator, HOME_REGION, EXISTING_AUTHORIZATIONS);
    const scanPages = await fullScanPages(emulator, HOME_REGION);
    host = await startHost(emulator);
    const rows = [
      ...(await aggregatorRows(host, emulator, texts.aggregator)),
      ...(await authorizationRows(host, emulator, texts.authorization, scanPages)),
    ];
    const left = emulator
      .snapshot()
      .resources.filter((r) => r.account === HOME_ACCOUNT && !r.id.startsWith("3000"));
    if (left.length > 0)
      throw new Error(`lifecycle left resources behind: ${JSON.stringify(left)}`);
    return { scanPages, authorizationsInRegion: EXISTING_AUTHORIZATIONS + 1, rows };
  } finally {
    await host?.stop();
    await emulator.close();
  }
}
