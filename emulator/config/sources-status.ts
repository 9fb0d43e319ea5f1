import type { Call } from "../context.js";
import { AwsError } from "../errors.js";
import { configPageSize, configResumeAfter, page } from "../pagination.js";
import { s } from "../protocols/shapes.js";
import { Violations } from "../validation.js";
import { checkName } from "./aggregators.js";
import { organizationRefusal } from "./organization-rules.js";
import { sourceRegions } from "./pending.js";
import { type AggregatorRecord, authorizationKey, isVisible } from "./store.js";

/** Input shape of DescribeConfigurationAggregatorSourcesStatus. */
export const describeSourcesStatusShape = s.struct({
  ConfigurationAggregatorName: s.string,
  UpdateStatus: s.list(s.string),
  NextToken: s.string,
  Limit: s.integer,
});

const STATUSES = ["FAILED", "SUCCEEDED", "OUTDATED"];

interface SourcesStatusInput {
  readonly ConfigurationAggregatorName?: string;
  readonly UpdateStatus?: string[];
  readonly NextToken?: string;
  readonly Limit?: number;
}

/** One source in one region, as the API returns it. */
interface SourceStatus {
  readonly SourceId: string;
  readonly SourceType: "ACCOUNT" | "ORGANIZATION";
  readonly AwsRegion: string;
  readonly LastUpdateStatus: "SUCCEEDED" | "FAILED";
  readonly LastUpdateTime: number;
  readonly LastErrorCode?: string;
  readonly LastErrorMessage?: string;
}

/**
 * DescribeConfigurationAggregatorSourcesStatus: every source of the aggregator in every region,
 * with whether data could flow now. An account source succeeds where the source account has
 * authorized the aggregator's account and region (its own account needs no authorization); an
 * organization source succeeds while the aggregator's account may still aggregate the
 * organization. The emulator moves no data, so OUTDATED never occurs.
 */
export function describeConfigurationAggregatorSourcesStatus(
  input: SourcesStatusInput,
  call: Call,
): unknown {
  const v = new Violations();
  checkName(v, input.ConfigurationAggregatorName, "configurationAggregatorName");
  v.count(input.UpdateStatus, "updateStatus", 1);
  if (input.UpdateStatus?.some((status) => !STATUSES.includes(status)) === true)
    v.add(
      input.UpdateStatus,
      "updateStatus",
      `Member must satisfy constraint: [Member must satisfy enum value set: [${STATUSES.join(", ")}]]`,
    );
  v.throwIfAny();
  const size = configPageSize(input.Limit, 100);
  const filter = [...new Set(input.UpdateStatus ?? [])].sort();
  const name = input.ConfigurationAggregatorName!;
  const scope = `DescribeConfigurationAggregatorSourcesStatus|${call.account}|${call.region}|${name}|${filter.join(",")}`;
  const after = configResumeAfter(input.NextToken, scope);
  const record = call.world.config.region(call.account, call.region).aggregators.get(name);
  if (record === undefined || !isVisible(record, call.now, call.world.faults.consistencyWindowMs))
    throw new AwsError(
      "NoSuchConfigurationAggregatorException",
      "The configuration aggregator does not exist. Check the configuration aggregator name and try again.",
    );
  const numbered = statuses(record, call)
    .filter((st) => filter.length === 0 || filter.includes(st.LastUpdateStatus))
    .map((st, i) => ({ st, n: i + 1 }));
  const result = page(numbered, (e) => e.n, after, size, scope, call.now);
  return {
    AggregatedSourceStatusList: result.items.map((e) => e.st),
    ...(result.next === undefined ? {} : { NextToken: result.next }),
  };
}

/** The statuses of all sources, in the order the aggregator lists accounts and regions. */
function statuses(record: AggregatorRecord, call: Call): SourceStatus[] {
  const updated = record.updatedAt / 1000;
  if (record.organizationSource !== undefined) {
    const refusal = organizationRefusal(call);
    const regions = record.organizationSource.AllAwsRegions
      ? call.world.config.regionsSeen()
      : (record.organizationSource.AwsRegions ?? []);
    return regions.map((region) => ({
      SourceId: record.organizationId ?? call.world.organization.id,
      SourceType: "ORGANIZATION",
      AwsRegion: region,
      LastUpdateTime: updated,
      ...(refusal === undefined
        ? { LastUpdateStatus: "SUCCEEDED" }
        : {
            LastUpdateStatus: "FAILED",
            LastErrorCode: refusal.code,
            LastErrorMessage: refusal.message,
          }),
    }));
  }
  const source = record.accountSource;
  if (source === undefined) return [];
  const key = authorizationKey({
    authorizedAccountId: call.account,
    authorizedAwsRegion: call.region,
  });
  const out: SourceStatus[] = [];
  for (const account of source.AccountIds) {
    for (const region of sourceRegions(source, call)) {
      const authorization =
        account === call.account
          ? undefined
          : call.world.config.region(account, region).authorizations.get(key);
      if (account === call.account || authorization !== undefined) {
        out.push({
          SourceId: account,
          SourceType: "ACCOUNT",
          AwsRegion: region,
          LastUpdateStatus: "SUCCEEDED",
          LastUpdateTime: Math.max(updated, (authorization?.createdAt ?? 0) / 1000),
        });
      } else {
        out.push({
          SourceId: account,
          SourceType: "ACCOUNT",
          AwsRegion: region,
          LastUpdateStatus: "FAILED",
          LastUpdateTime: updated,
          // AWS publishes no list of these codes; this one and its message are the emulator's.
          LastErrorCode: "AccessDeniedException",
          LastErrorMessage: `Account ${account} has not authorized aggregator account ${call.account} in ${call.region} to collect its data in ${region}: it has no aggregation authorization for them there.`,
        });
      }
    }
  }
  return out;
}
