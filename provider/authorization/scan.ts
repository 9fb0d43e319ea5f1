/**
 * Finding authorizations before creating one. The API has no lookup by key:
 * DescribeAggregationAuthorizations lists every authorization in the account and region. Lookups
 * that arrive together (many creates) share one paginated scan instead of one scan each; each
 * scan is fresh, since a stale answer here would adopt an authorization silently.
 */
import {
  DescribeAggregationAuthorizationsCommand,
  type AggregationAuthorization,
} from "@aws-sdk/client-config-service";
import { BatcherPool } from "../shared/aws/batch";
import { configClient, placementKey } from "../shared/aws/clients";
import { awsCall } from "../shared/aws/errors";
import type { Placement } from "../shared/inputs/placement";

/** Page size of the scan: the API's maximum, for the fewest calls. */
export const SCAN_PAGE_SIZE = 100;

interface Lookup {
  readonly placement: Placement;
  readonly id: string;
}

const scanners = new BatcherPool<Lookup, AggregationAuthorization | undefined>(() => scanBatch);

/** The authorization `<account>:<region>` in the placement's account and region, if it exists now. */
export function findAuthorization(
  placement: Placement,
  id: string,
): Promise<AggregationAuthorization | undefined> {
  return scanners.for(placementKey(placement)).request({ placement, id });
}

async function scanBatch(lookups: Lookup[]): Promise<(AggregationAuthorization | undefined)[]> {
  const first = lookups[0];
  if (!first) return [];
  const byId = await scanAll(first.placement);
  return lookups.map((lookup) => byId.get(lookup.id));
}

/** Every authorization in the placement's account and region, by ID, through a paginated scan. */
export async function scanAll(
  placement: Placement,
): Promise<Map<string, AggregationAuthorization>> {
  const byId = new Map<string, AggregationAuthorization>();
  let nextToken: string | undefined;
  do {
    const page = await awsCall(
      {
        operation: "DescribeAggregationAuthorizations",
        resource: `the aggregation authorizations`,
        placement,
      },
      () =>
        configClient(placement).send(
          new DescribeAggregationAuthorizationsCommand({
            Limit: SCAN_PAGE_SIZE,
            NextToken: nextToken,
          }),
        ),
    );
    for (const found of page.AggregationAuthorizations ?? []) {
      byId.set(`${found.AuthorizedAccountId}:${found.AuthorizedAwsRegion}`, found);
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return byId;
}
