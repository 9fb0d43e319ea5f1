/**
 * ConfigurationAggregator's AWS calls: create, read, update, delete. Validation and diffing are
 * pure and live beside it (check.ts, diff.ts); this file only talks to AWS.
 */
import {
  DeleteConfigurationAggregatorCommand,
  DescribeConfigurationAggregatorsCommand,
  PutConfigurationAggregatorCommand,
  type ConfigurationAggregator as AwsAggregator,
  type PutConfigurationAggregatorRequest,
} from "@aws-sdk/client-config-service";
import type * as pulumi from "@pulumi/pulumi";
import { arnAccount } from "../shared/aws/arn";
import { configClient } from "../shared/aws/clients";
import { findConsistently } from "../shared/aws/consistency";
import { retryAfterDelays } from "../shared/aws/retry";
import { alreadyExistsError, attemptsOf, awsCall, errorCode } from "../shared/aws/errors";
import { ensureOwnAccount, ensureUpdateInOwnAccount } from "../shared/aws/identity";
import { reconcileTags } from "../shared/tags/reconcile";
import { carryComputed, readResult, rethrowRecordingIfWritten } from "../shared/state";
import { type Placement, placementOf } from "../shared/inputs/placement";
import { readTags } from "../shared/tags/api";
import { type Tags, toTagList, userTags } from "../shared/tags/values";
import { withoutUndefined } from "../shared/inputs/values";
import { checkAggregator } from "./check";
import { normalizeFilters, normalizeSource } from "./normalize";
import { diffAggregator, needsPut } from "./diff";
import type { ConfigurationAggregatorInputs, ConfigurationAggregatorState } from "./schema";

type Inputs = ConfigurationAggregatorInputs & { __provider?: string };

/** The error AWS Config gives for an aggregator name it does not know. */
const NO_SUCH_AGGREGATOR = "NoSuchConfigurationAggregatorException";

/** The outputs AWS computes; everything else in the state comes from the inputs. */
const COMPUTED: readonly (keyof ConfigurationAggregatorState)[] = [
  "arn",
  "accountId",
  "creationTime",
  "lastUpdatedTime",
];

function describeAs(name: string): string {
  return `aggregator ${JSON.stringify(name)}`;
}

/** The Put request for the desired inputs, carrying the desired tags. */
function putRequest(inputs: ConfigurationAggregatorInputs): PutConfigurationAggregatorRequest {
  const account = inputs.accountAggregationSource;
  const organization = inputs.organizationAggregationSource;
  const filters = inputs.aggregatorFilters;
  return withoutUndefined({
    ConfigurationAggregatorName: inputs.name,
    AccountAggregationSources: account && [
      withoutUndefined({
        AccountIds: account.accountIds,
        AllAwsRegions: account.allAwsRegions,
        AwsRegions: account.awsRegions,
      }),
    ],
    OrganizationAggregationSource:
      organization &&
      withoutUndefined({
        RoleArn: organization.roleArn,
        AllAwsRegions: organization.allAwsRegions,
        AwsRegions: organization.awsRegions,
      }),
    AggregatorFilters:
      filters &&
      withoutUndefined({
        ResourceType: filters.resourceType && {
          Type: filters.resourceType.type,
          Value: filters.resourceType.value,
        },
        ServicePrincipal: filters.servicePrincipal && {
          Type: filters.servicePrincipal.type,
          Value: filters.servicePrincipal.value,
        },
      }),
    Tags: toTagList(inputs.tags),
  });
}

/** Outputs from what AWS returned, the inputs that are not AWS's, and the tags as they are. */
function stateFrom(
  aggregator: AwsAggregator,
  inputs: ConfigurationAggregatorInputs,
  tags: Tags,
): ConfigurationAggregatorState {
  const arn = aggregator.ConfigurationAggregatorArn ?? "";
  const account = aggregator.AccountAggregationSources?.[0];
  const organization = aggregator.OrganizationAggregationSource;
  const filters = aggregator.AggregatorFilters;
  return withoutUndefined({
    name: aggregator.ConfigurationAggregatorName ?? inputs.name,
    region: inputs.region,
    accountAggregationSource:
      account &&
      normalizeSource({
        accountIds: account.AccountIds ?? [],
        allAwsRegions: account.AllAwsRegions ? true : undefined,
        awsRegions: account.AllAwsRegions ? undefined : account.AwsRegions,
      }),
    organizationAggregationSource:
      organization &&
      normalizeSource({
        roleArn: organization.RoleArn ?? "",
        allAwsRegions: organization.AllAwsRegions ? true : undefined,
        awsRegions: organization.AllAwsRegions ? undefined : organization.AwsRegions,
      }),
    aggregatorFilters:
      filters &&
      normalizeFilters(
        withoutUndefined({
          resourceType: filters.ResourceType && {
            type: "INCLUDE" as const,
            value: filters.ResourceType.Value ?? [],
          },
          servicePrincipal: filters.ServicePrincipal && {
            type: "INCLUDE" as const,
            value: filters.ServicePrincipal.Value ?? [],
          },
        }),
      ),
    tags: userTags(tags),
    assumeRole: inputs.assumeRole,
    adoptExisting: inputs.adoptExisting,
    autoNamePrefix: inputs.autoNamePrefix,
    arn,
    accountId: arnAccount(arn),
    creationTime: aggregator.CreationTime?.toISOString(),
    lastUpdatedTime: aggregator.LastUpdatedTime?.toISOString(),
  });
}

async function describe(placement: Placement, name: string): Promise<AwsAggregator | undefined> {
  const page = await awsCall(
    { operation: "DescribeConfigurationAggregators", resource: describeAs(name), placement },
    () =>
      configClient(placement).send(
        new DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: [name] }),
      ),
    [NO_SUCH_AGGREGATOR],
  );
  return page?.ConfigurationAggregators?.[0];
}

/**
 * Pauses before retrying a Put that AWS refused with InvalidRoleException. IAM changes take
 * seconds to propagate, so an organization aggregator created right after its role (as
 * OrganizationAggregator does) is commonly refused at first although the role is fine.
 */
export const ROLE_PROPAGATION_DELAYS_MS = [1000, 2000, 4000, 8000];

/** What a Put returned, and how many requests it took (the SDK's retries included). */
interface PutOutcome {
  readonly aggregator: AwsAggregator;
  readonly attempts: number;
}

async function put(inputs: ConfigurationAggregatorInputs): Promise<PutOutcome> {
  const placement = placementOf(inputs);
  const delays = inputs.organizationAggregationSource ? ROLE_PROPAGATION_DELAYS_MS : [];
  let attempts = 0;
  const send = async () => {
    try {
      const sent = await configClient(placement).send(
        new PutConfigurationAggregatorCommand(putRequest(inputs)),
      );
      attempts += attemptsOf(sent);
      return sent;
    } catch (error) {
      attempts += attemptsOf(error);
      throw error;
    }
  };
  const response = await awsCall(
    { operation: "PutConfigurationAggregator", resource: describeAs(inputs.name), placement },
    () =>
      retryAfterDelays(
        delays,
        send,
        (outcome) => !outcome.ok && errorCode(outcome.error) === "InvalidRoleException",
      ),
  );
  if (!response.ConfigurationAggregator) {
    throw new Error(
      `PutConfigurationAggregator returned no aggregator for ${describeAs(inputs.name)}`,
    );
  }
  return { aggregator: response.ConfigurationAggregator, attempts };
}

function alreadyExists(name: string, placement: Placement, existing: AwsAggregator): Error {
  const arn = existing.ConfigurationAggregatorArn ?? "";
  return alreadyExistsError(
    describeAs(name),
    placement.region,
    arn,
    "settings and tags",
    "choose another name",
  );
}

/** How far apart a genuine creation's creation and update times may be stamped. */
export const CREATION_STAMP_TOLERANCE_MS = 1000;

/**
 * Put is an upsert: if another deployment created the same name between this one's existence
 * check and its Put, the Put updated that aggregator instead of creating one. A genuine creation
 * stamps its creation and update times together (within a tolerance, as the service's clock
 * reading is not documented); an update of an older aggregator stamps them apart. When this Put
 * took several requests (a lost response, throttling), its own first request may have created the
 * aggregator and a retry updated it, so a gap up to the Put's own duration is this Put's doing.
 */
function createdBySomeoneElse(aggregator: AwsAggregator, ownRetriesMs: number): boolean {
  const created = aggregator.CreationTime?.getTime();
  const updated = aggregator.LastUpdatedTime?.getTime();
  if (created === undefined || updated === undefined) return false;
  return updated - created > CREATION_STAMP_TOLERANCE_MS + ownRetriesMs;
}

function lostCreationRace(name: string, placement: Placement, aggregator: AwsAggregator): Error {
  const arn = aggregator.ConfigurationAggregatorArn ?? "";
  return new Error(
    `${describeAs(name)} in ${arnAccount(arn)}/${placement.region} (${arn}) was created by another deployment at the same time as this one, ` +
      `so this stack did not create it and does not record it. AWS Config has no conditional create: this deployment's Put then ` +
      `updated that aggregator's sources and filters (its tags were kept). Choose another name, or run \`pulumi refresh\` and \`pulumi up\` in the stack that owns it ` +
      `to restore its settings; to manage it from this stack instead, set adoptExisting: true.`,
  );
}

/** The ConfigurationAggregator provider: check, diff, create, read, update, delete. */
export const aggregatorProvider: pulumi.dynamic.ResourceProvider<
  Inputs,
  ConfigurationAggregatorState
> = {
  async check(olds, news) {
    return Promise.resolve(checkAggregator(olds, news));
  },

  async diff(_id, olds, news) {
    return Promise.resolve(diffAggregator(olds, news));
  },

  /** Existence check, then one Put that carries the tags. */
  async create(inputs) {
    const placement = placementOf(inputs);
    const existing = await describe(placement, inputs.name);
    if (existing && !inputs.adoptExisting) throw alreadyExists(inputs.name, placement, existing);
    const ref = { id: inputs.name, description: describeAs(inputs.name), inputs };
    const putStarted = Date.now();
    const { aggregator, attempts } = await put(inputs).catch((error: unknown) =>
      rethrowRecordingIfWritten(
        error,
        ref,
        () => describe(placement, inputs.name),
        (found) => stateFrom(found, inputs, {}),
      ),
    );
    const ownRetriesMs = attempts > 1 ? Date.now() - putStarted : 0;
    const desiredTags = userTags(inputs.tags);
    if (!existing && !inputs.adoptExisting) {
      if (createdBySomeoneElse(aggregator, ownRetriesMs))
        throw lostCreationRace(inputs.name, placement, aggregator);
      return { id: inputs.name, outs: stateFrom(aggregator, inputs, desiredTags) };
    }
    // Adoption: Put ignores tags on an aggregator that exists, so they are read and reconciled
    // apart — also when the existence check saw nothing, since it may lag behind a recent create.
    return {
      id: inputs.name,
      outs: await reconcileTags(stateFrom(aggregator, inputs, {}), ref, undefined, desiredTags),
    };
  },

  async read(id, props) {
    const state = props as ConfigurationAggregatorState;
    const placement = placementOf(state);
    const found = await findConsistently(
      () => describe(placement, id),
      state.lastUpdatedTime ?? state.creationTime,
    );
    return readResult(id, state, describeAs(id), {
      found,
      arnOf: (aggregator) => aggregator.ConfigurationAggregatorArn ?? "",
      refresh: async (aggregator, arn) =>
        stateFrom(
          aggregator,
          { ...state, name: id },
          await readTags(placement, arn, describeAs(id)),
        ),
      computed: COMPUTED,
    });
  },

  /** Put only when more than tags changed; tags through Untag/Tag only when they changed. */
  async update(id, olds, news) {
    const placement = placementOf(news);
    // Put addresses the aggregator by name: in another account it would create a second one.
    const putNeeded = needsPut(olds, news);
    await ensureUpdateInOwnAccount(placement, olds, describeAs(id), putNeeded);
    let state = { ...carryComputed(olds, COMPUTED, news), tags: olds.tags };
    if (putNeeded) state = stateFrom((await put(news)).aggregator, news, olds.tags);
    const ref = { id, description: describeAs(id), inputs: news };
    return { outs: await reconcileTags({ ...state, name: id }, ref, olds.tags, news.tags) };
  },

  /** DeleteConfigurationAggregator; an aggregator that is already gone counts as deleted. */
  async delete(id, props) {
    const placement = placementOf(props);
    // Delete addresses the aggregator by name: in another account it would remove a namesake.
    await ensureOwnAccount(placement, props.accountId, describeAs(id));
    await awsCall(
      {
        operation: "DeleteConfigurationAggregator",
        resource: describeAs(id),
        placement,
        accountId: props.accountId,
      },
      () =>
        configClient(placement).send(
          new DeleteConfigurationAggregatorCommand({ ConfigurationAggregatorName: id }),
        ),
      [NO_SUCH_AGGREGATOR],
    );
  },
};
