/**
 * AggregationAuthorization's AWS calls: create, read, update (tags only), delete. Validation and
 * diffing are pure and live beside it (check.ts, diff.ts); this file only talks to AWS.
 */
import {
  DeleteAggregationAuthorizationCommand,
  PutAggregationAuthorizationCommand,
  type AggregationAuthorization as AwsAuthorization,
} from "@aws-sdk/client-config-service";
import type * as pulumi from "@pulumi/pulumi";
import { arnAccount } from "../shared/aws/arn";
import { configClient } from "../shared/aws/clients";
import { findConsistently } from "../shared/aws/consistency";
import { alreadyExistsError, awsCall } from "../shared/aws/errors";
import { ensureOwnAccount, ensureUpdateInOwnAccount } from "../shared/aws/identity";
import { reconcileTags } from "../shared/tags/reconcile";
import { carryComputed, readResult, rethrowRecordingIfWritten } from "../shared/state";
import { type Placement, placementOf } from "../shared/inputs/placement";
import { type Tags, toTagList, userTags } from "../shared/tags/values";
import { withoutUndefined } from "../shared/inputs/values";
import { checkAuthorization } from "./check";
import { diffAuthorization } from "./diff";
import { findAuthorization } from "./scan";
import { forgetSnapshot, readAuthorization } from "./snapshot";
import {
  authorizationId,
  type AggregationAuthorizationInputs,
  type AggregationAuthorizationState,
} from "./schema";

type Inputs = AggregationAuthorizationInputs & { __provider?: string };

/** The outputs AWS computes; everything else in the state comes from the inputs. */
const COMPUTED: readonly (keyof AggregationAuthorizationState)[] = [
  "arn",
  "accountId",
  "creationTime",
];

function describeAs(id: string): string {
  return `aggregation authorization ${JSON.stringify(id)}`;
}

function stateFrom(
  authorization: AwsAuthorization,
  inputs: AggregationAuthorizationInputs,
  tags: Tags,
): AggregationAuthorizationState {
  const arn = authorization.AggregationAuthorizationArn ?? "";
  return withoutUndefined({
    authorizedAccountId: authorization.AuthorizedAccountId ?? inputs.authorizedAccountId,
    authorizedAwsRegion: authorization.AuthorizedAwsRegion ?? inputs.authorizedAwsRegion,
    region: inputs.region,
    tags: userTags(tags),
    assumeRole: inputs.assumeRole,
    adoptExisting: inputs.adoptExisting,
    arn,
    accountId: arnAccount(arn),
    creationTime: authorization.CreationTime?.toISOString(),
  });
}

async function put(inputs: AggregationAuthorizationInputs): Promise<AwsAuthorization> {
  const placement = placementOf(inputs);
  const id = authorizationId(inputs);
  forgetSnapshot(placement);
  const response = await awsCall(
    { operation: "PutAggregationAuthorization", resource: describeAs(id), placement },
    () =>
      configClient(placement).send(
        new PutAggregationAuthorizationCommand({
          AuthorizedAccountId: inputs.authorizedAccountId,
          AuthorizedAwsRegion: inputs.authorizedAwsRegion,
          Tags: toTagList(inputs.tags),
        }),
      ),
  );
  if (!response.AggregationAuthorization) {
    throw new Error(`PutAggregationAuthorization returned no authorization for ${describeAs(id)}`);
  }
  return response.AggregationAuthorization;
}

function alreadyExists(id: string, placement: Placement, existing: AwsAuthorization): Error {
  const arn = existing.AggregationAuthorizationArn ?? "";
  return alreadyExistsError(
    describeAs(id),
    placement.region,
    arn,
    "tags",
    "remove it from the program, since an account and region can authorize an aggregator only once",
  );
}

/** The AggregationAuthorization provider: check, diff, create, read, update, delete. */
export const authorizationProvider: pulumi.dynamic.ResourceProvider<
  Inputs,
  AggregationAuthorizationState
> = {
  async check(_olds, news) {
    return Promise.resolve(checkAuthorization(news));
  },

  async diff(_id, olds, news) {
    return Promise.resolve(diffAuthorization(olds, news));
  },

  /** Existence check (a shared scan), then one Put that carries the tags. */
  async create(inputs) {
    const placement = placementOf(inputs);
    const id = authorizationId(inputs);
    const existing = await findAuthorization(placement, id);
    if (existing && !inputs.adoptExisting) throw alreadyExists(id, placement, existing);
    const ref = { id, description: describeAs(id), inputs };
    const authorization = await put(inputs).catch((error: unknown) =>
      rethrowRecordingIfWritten(
        error,
        ref,
        () => findAuthorization(placement, id),
        (found) => stateFrom(found, inputs, {}),
      ),
    );
    const desiredTags = userTags(inputs.tags);
    if (!existing && !inputs.adoptExisting) {
      return { id, outs: stateFrom(authorization, inputs, desiredTags) };
    }
    // Adoption: Put ignores tags on an authorization that exists, so they are read and reconciled
    // apart — also when the existence check saw nothing, since it may lag behind a recent create.
    return {
      id,
      outs: await reconcileTags(stateFrom(authorization, inputs, {}), ref, undefined, desiredTags),
    };
  },

  async read(id, props) {
    const state = props as AggregationAuthorizationState;
    const placement = placementOf(state);
    const found = await findConsistently(
      (again) => readAuthorization(placement, id, describeAs(id), again),
      state.creationTime,
    );
    return readResult(id, state, describeAs(id), {
      found,
      arnOf: (read) => read.authorization.AggregationAuthorizationArn ?? "",
      refresh: (read) => Promise.resolve(stateFrom(read.authorization, state, read.tags)),
      computed: COMPUTED,
    });
  },

  /** Only tags (and how to reach AWS) can change in place: Untag/Tag when the tags changed. */
  async update(id, olds, news) {
    // Tags are addressed by ARN; nothing here goes by name.
    await ensureUpdateInOwnAccount(placementOf(news), olds, describeAs(id), false);
    const state = { ...carryComputed(olds, COMPUTED, news), tags: olds.tags };
    const ref = { id, description: describeAs(id), inputs: news };
    forgetSnapshot(placementOf(news));
    return { outs: await reconcileTags(state, ref, olds.tags, news.tags) };
  },

  /** DeleteAggregationAuthorization, which succeeds whether or not the authorization exists. */
  async delete(id, props) {
    const placement = placementOf(props);
    // Addressed by account and region: in another account it would remove a namesake, or nothing.
    await ensureOwnAccount(placement, props.accountId, describeAs(id));
    forgetSnapshot(placement);
    await awsCall(
      {
        operation: "DeleteAggregationAuthorization",
        resource: describeAs(id),
        placement,
        accountId: props.accountId,
      },
      () =>
        configClient(placement).send(
          new DeleteAggregationAuthorizationCommand({
            AuthorizedAccountId: props.authorizedAccountId,
            AuthorizedAwsRegion: props.authorizedAwsRegion,
          }),
        ),
    );
  },
};
