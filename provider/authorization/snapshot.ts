/**
 * What refresh reads: one snapshot per account and region, taken with one paginated scan and one
 * paged GetResources of every tagged authorization there, and shared by all reads in that
 * placement for a short while.
 *
 * Why not a batch window: the dynamic-provider host hands reads over one at a time, milliseconds
 * apart (16 in flight by default in `pulumi refresh`), so a window of a few milliseconds catches
 * about one read and every read paid for a full scan. A snapshot makes a refresh of N
 * authorizations cost one scan and ⌈N/100⌉ tag pages per account and region, however the reads
 * arrive. Writes by this process drop the snapshot of their placement, so it never hides them.
 */
import type { AggregationAuthorization } from "@aws-sdk/client-config-service";
import { GetResourcesCommand } from "@aws-sdk/client-resource-groups-tagging-api";
import { placementKey, taggingClient } from "../shared/aws/clients";
import { awsCall, errorCode } from "../shared/aws/errors";
import { listTags } from "../shared/tags/api";
import { fromTagList, type Tags } from "../shared/tags/values";
import type { Placement } from "../shared/inputs/placement";
import { scanAll } from "./scan";

/** How long reads may share a snapshot: long enough for one refresh of thousands of resources. */
export const SNAPSHOT_TTL_MS = 60_000;
/** Resources per GetResources page: the API's maximum. */
const TAG_PAGE_SIZE = 100;

interface Snapshot {
  readonly takenAt: number;
  readonly authorizations: Map<string, AggregationAuthorization>;
  /** Tags by ARN, for every authorization GetResources returned (it omits never-tagged ones). */
  readonly tags: Map<string, Tags>;
}

const snapshots = new Map<string, Promise<Snapshot>>();

/** An authorization as refresh sees it: its description and its user tags. */
export interface ReadAuthorization {
  readonly authorization: AggregationAuthorization;
  readonly tags: Tags;
}

/**
 * The authorization `id` in the placement, from the shared snapshot, or from a new one when
 * `fresh` (a second look, after the first found nothing) or when the snapshot is too old.
 */
export async function readAuthorization(
  placement: Placement,
  id: string,
  description: string,
  fresh: boolean,
): Promise<ReadAuthorization | undefined> {
  const key = placementKey(placement);
  if (fresh) snapshots.delete(key);
  let pending = snapshots.get(key);
  if (pending) {
    const snapshot = await pending.catch(() => undefined);
    if (!snapshot || Date.now() - snapshot.takenAt > SNAPSHOT_TTL_MS) pending = undefined;
  }
  if (!pending) {
    pending = takeSnapshot(placement);
    snapshots.set(key, pending);
    pending.catch(() => snapshots.delete(key));
  }
  const snapshot = await pending;
  const authorization = snapshot.authorizations.get(id);
  if (!authorization) return undefined;
  const arn = authorization.AggregationAuthorizationArn ?? "";
  const tags = snapshot.tags.get(arn) ?? (await tagsUnlessGone(placement, arn, description));
  return tags && { authorization, tags };
}

/**
 * ListTagsForResource of an authorization the scan saw. It answers ResourceNotFoundException when
 * the authorization was deleted since: this look then found nothing (undefined), and the caller
 * decides, as for any absence, whether to look once more or to report it gone.
 */
async function tagsUnlessGone(
  placement: Placement,
  arn: string,
  description: string,
): Promise<Tags | undefined> {
  try {
    return await listTags({ resource: description, placement }, arn);
  } catch (error) {
    if (errorCode(error) === "ResourceNotFoundException") return undefined;
    throw error;
  }
}

/** Drops the snapshot of a placement this process has just written to. */
export function forgetSnapshot(placement: Placement): void {
  snapshots.delete(placementKey(placement));
}

async function takeSnapshot(placement: Placement): Promise<Snapshot> {
  const takenAt = Date.now();
  const [authorizations, tags] = await Promise.all([
    scanAll(placement),
    taggedAuthorizations(placement),
  ]);
  return { takenAt, authorizations, tags };
}

/** The tags of every tagged authorization in the placement, through GetResources pages. */
async function taggedAuthorizations(placement: Placement): Promise<Map<string, Tags>> {
  const tags = new Map<string, Tags>();
  let token: string | undefined;
  do {
    const page = await awsCall(
      {
        operation: "GetResources",
        resource: "the tags of the aggregation authorizations",
        placement,
      },
      () =>
        taggingClient(placement).send(
          new GetResourcesCommand({
            ResourceTypeFilters: ["config:aggregation-authorization"],
            ResourcesPerPage: TAG_PAGE_SIZE,
            PaginationToken: token || undefined,
          }),
        ),
    );
    for (const mapping of page.ResourceTagMappingList ?? []) {
      if (mapping.ResourceARN) tags.set(mapping.ResourceARN, fromTagList(mapping.Tags));
    }
    token = page.PaginationToken;
  } while (token);
  return tags;
}
