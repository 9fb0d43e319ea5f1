/**
 * The health of an aggregator's sources, for programs and scripts: which accounts (or the
 * organization) and regions deliver data, and the last error of those that do not.
 *
 * It is a plain async function, not a resource or an output: a status changes on its own every
 * few hours, so keeping it in state would make every refresh report a change.
 */
import {
  DescribeConfigurationAggregatorSourcesStatusCommand,
  type AggregatedSourceStatus,
} from "@aws-sdk/client-config-service";
import { configClient } from "../provider/shared/aws/clients";
import { awsCall } from "../provider/shared/aws/errors";
import type { AssumeRoleSpec } from "../provider/shared/inputs/placement";

/** Which aggregator to ask about. */
export interface AggregatorSourcesStatusArgs {
  /** The aggregator name. */
  readonly name: string;
  /** The region the aggregator lives in. */
  readonly region: string;
  /** Act in the aggregator's account. Defaults to the process's own credentials. */
  readonly assumeRole?: AssumeRoleSpec;
}

/** One source of an aggregator, in one region. */
export interface AggregatorSourceStatus {
  /** `ACCOUNT` for a listed account, `ORGANIZATION` for the whole organization. */
  readonly sourceType: string;
  /** The account ID, or the organization ID. */
  readonly sourceId: string;
  readonly region: string;
  /** `SUCCEEDED`, `FAILED` or `OUTDATED`. */
  readonly status: string;
  /** When the source last reported (ISO 8601), if it ever did. */
  readonly lastUpdateTime?: string;
  /** AWS's code for the last failure. AWS publishes no list of them: treat it as opaque. */
  readonly lastErrorCode?: string;
  readonly lastErrorMessage?: string;
}

/** The most sources AWS returns per page. */
const PAGE_SIZE = 100;

/**
 * Every source of the aggregator with its status (DescribeConfigurationAggregatorSourcesStatus,
 * all pages), sorted by type, source and region.
 *
 * @example
 * const failing = (await aggregatorSourcesStatus({ name: "org", region: "us-east-1" }))
 *   .filter((source) => source.status !== "SUCCEEDED");
 */
export async function aggregatorSourcesStatus(
  args: AggregatorSourcesStatusArgs,
): Promise<AggregatorSourceStatus[]> {
  const placement = { region: args.region, assumeRole: args.assumeRole };
  const client = configClient(placement);
  const sources: AggregatorSourceStatus[] = [];
  let nextToken: string | undefined;
  do {
    const page = await awsCall(
      {
        operation: "DescribeConfigurationAggregatorSourcesStatus",
        resource: `aggregator "${args.name}"`,
        placement,
      },
      () =>
        client.send(
          new DescribeConfigurationAggregatorSourcesStatusCommand({
            ConfigurationAggregatorName: args.name,
            Limit: PAGE_SIZE,
            NextToken: nextToken,
          }),
        ),
    );
    sources.push(...(page.AggregatedSourceStatusList ?? []).map(sourceStatusOf));
    nextToken = page.NextToken;
  } while (nextToken);
  return sources.sort(
    (a, b) =>
      a.sourceType.localeCompare(b.sourceType) ||
      a.sourceId.localeCompare(b.sourceId) ||
      a.region.localeCompare(b.region),
  );
}

/** AWS's shape in this package's words, without empty fields. */
function sourceStatusOf(source: AggregatedSourceStatus): AggregatorSourceStatus {
  return {
    sourceType: source.SourceType ?? "",
    sourceId: source.SourceId ?? "",
    region: source.AwsRegion ?? "",
    status: source.LastUpdateStatus ?? "",
    ...(source.LastUpdateTime && { lastUpdateTime: source.LastUpdateTime.toISOString() }),
    ...(source.LastErrorCode && { lastErrorCode: source.LastErrorCode }),
    ...(source.LastErrorMessage && { lastErrorMessage: source.LastErrorMessage }),
  };
}
