/**
 * ServiceRole's IAM calls: create (role, then policies), read, update (policies and tags), delete
 * (policies detached first, as IAM requires).
 */
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  type Role,
} from "@aws-sdk/client-iam";
import type * as pulumi from "@pulumi/pulumi";
import { arnAccount } from "../shared/aws/arn";
import { iamClient } from "../shared/aws/clients";
import { attemptsOf, awsCall, errorCode, type CallContext } from "../shared/aws/errors";
import { iamRoleTagWriter } from "../shared/tags/api";
import { reconcileTags } from "../shared/tags/reconcile";
import { fromTagList, type Tags, toTagList, userTags } from "../shared/tags/values";
import { ensureOwnAccount, ensureUpdateInOwnAccount } from "../shared/aws/identity";
import { carryComputed, PartialFailureError, readResult } from "../shared/state";
import { placementOf } from "../shared/inputs/placement";
import { withoutUndefined } from "../shared/inputs/values";
import { checkRole } from "./check";
import { diffRole } from "./diff";
import { trustPolicy, type ServiceRoleInputs, type ServiceRoleState } from "./schema";

type Inputs = ServiceRoleInputs & { __provider?: string };

/** IAM's error for a role or policy it does not know. */
const NO_SUCH_ENTITY = "NoSuchEntity";

/** The outputs IAM computes; everything else in the state comes from the inputs. */
const COMPUTED: readonly (keyof ServiceRoleState)[] = ["arn", "accountId"];

function describeAs(name: string): string {
  return `IAM role ${JSON.stringify(name)}`;
}

function context(inputs: ServiceRoleInputs, operation: string, accountId?: string): CallContext {
  return {
    operation,
    resource: describeAs(inputs.name),
    placement: placementOf(inputs),
    accountId,
  };
}

function stateFrom(
  role: Role | undefined,
  inputs: ServiceRoleInputs,
  policies: string[],
  tags: Tags,
): ServiceRoleState {
  const arn = role?.Arn ?? "";
  return withoutUndefined({
    ...inputs,
    managedPolicyArns: [...policies].sort(),
    tags: userTags(tags),
    arn,
    accountId: arnAccount(arn),
  });
}

/**
 * The ARNs of the managed policies attached to the role, every page. With `ifExists`, a role that
 * is gone yields undefined instead of an error. `accountId`, when known, spares an error message
 * the STS lookup of the account.
 */
async function attachedPolicies(
  role: ServiceRoleInputs,
  { accountId, ifExists = false }: { accountId?: string; ifExists?: boolean } = {},
): Promise<string[] | undefined> {
  const policies: string[] = [];
  let marker: string | undefined;
  do {
    const page = await awsCall(
      context(role, "ListAttachedRolePolicies", accountId),
      () =>
        iamClient(placementOf(role)).send(
          new ListAttachedRolePoliciesCommand({ RoleName: role.name, Marker: marker }),
        ),
      ifExists ? [NO_SUCH_ENTITY] : [],
    );
    if (!page) return undefined;
    for (const policy of page.AttachedPolicies ?? [])
      if (policy.PolicyArn) policies.push(policy.PolicyArn);
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return policies;
}

/** The role's state as {@link converge} changes it, so that a failure records how far it got. */
interface Progress {
  state: ServiceRoleState;
}

/** Attaches each policy `desired` lists that the role lacks, one AttachRolePolicy each. */
async function attachMissingPolicies(
  progress: Progress,
  desired: ServiceRoleInputs,
): Promise<void> {
  const client = iamClient(placementOf(desired));
  const missing = desired.managedPolicyArns.filter(
    (arn) => !progress.state.managedPolicyArns.includes(arn),
  );
  for (const policy of missing) {
    await awsCall(context(desired, "AttachRolePolicy", progress.state.accountId), () =>
      client.send(new AttachRolePolicyCommand({ RoleName: desired.name, PolicyArn: policy })),
    );
    const attached = [...progress.state.managedPolicyArns, policy].sort();
    progress.state = { ...progress.state, managedPolicyArns: attached };
  }
}

/** Detaches each attached policy `desired` no longer lists, one DetachRolePolicy each. */
async function detachUnwantedPolicies(
  progress: Progress,
  desired: ServiceRoleInputs,
): Promise<void> {
  const client = iamClient(placementOf(desired));
  const unwanted = progress.state.managedPolicyArns.filter(
    (arn) => !desired.managedPolicyArns.includes(arn),
  );
  for (const policy of unwanted) {
    await awsCall(context(desired, "DetachRolePolicy", progress.state.accountId), () =>
      client.send(new DetachRolePolicyCommand({ RoleName: desired.name, PolicyArn: policy })),
    );
    const attached = progress.state.managedPolicyArns.filter((arn) => arn !== policy);
    progress.state = { ...progress.state, managedPolicyArns: attached };
  }
}

/**
 * Brings the role from `state` to `desired`: policies attached, then detached, then tags through
 * the shared tag step with IAM's tag calls, each only when needed. A failure part-way is a partial
 * failure recording what the role has now, so the next update finishes the job.
 */
async function converge(state: ServiceRoleState, desired: Inputs): Promise<ServiceRoleState> {
  const progress: Progress = { state };
  try {
    await attachMissingPolicies(progress, desired);
    await detachUnwantedPolicies(progress, desired);
  } catch (error) {
    throw new PartialFailureError(desired.name, { ...desired, ...progress.state }, error as Error);
  }
  const ref = { id: desired.name, description: describeAs(desired.name), inputs: desired };
  const writer = iamRoleTagWriter(placementOf(desired), desired.name);
  return reconcileTags(progress.state, ref, progress.state.tags, desired.tags, writer);
}

/** The description CreateRole gives; it also marks a role as made by this provider. */
function roleDescription(trustedService: string): string {
  return `Lets ${trustedService} act for this account; managed by Pulumi.`;
}

/**
 * After CreateRole answered "already exists": when the SDK had sent it more than once, the first
 * request may have created the role and only its answer was lost. A role of that name with this
 * provider's description is then taken as this create's own, so it is recorded instead of being
 * left behind under a name every later run would find taken. Otherwise undefined: it is not ours.
 */
async function createdByEarlierAttempt(
  error: unknown,
  inputs: ServiceRoleInputs,
  description: string,
): Promise<Role | undefined> {
  if (errorCode(error) !== "EntityAlreadyExists" || attemptsOf(error) <= 1) return undefined;
  const found = await awsCall(context(inputs, "GetRole"), () =>
    iamClient(placementOf(inputs)).send(new GetRoleCommand({ RoleName: inputs.name })),
  );
  return found.Role?.Description === description ? found.Role : undefined;
}

/** The ServiceRole provider. */
export const roleProvider: pulumi.dynamic.ResourceProvider<Inputs, ServiceRoleState> = {
  async check(olds, news) {
    return Promise.resolve(checkRole(olds, news));
  },

  async diff(_id, olds, news) {
    return Promise.resolve(diffRole(olds, news));
  },

  /** CreateRole with the tags (it refuses a name that exists), then one AttachRolePolicy per policy. */
  async create(inputs) {
    const description = roleDescription(inputs.trustedService);
    const role = await awsCall(context(inputs, "CreateRole"), async () => {
      try {
        const created = await iamClient(placementOf(inputs)).send(
          new CreateRoleCommand({
            RoleName: inputs.name,
            AssumeRolePolicyDocument: trustPolicy(inputs.trustedService),
            Description: description,
            Tags: toTagList(inputs.tags).length > 0 ? toTagList(inputs.tags) : undefined,
          }),
        );
        return created.Role;
      } catch (error) {
        const own = await createdByEarlierAttempt(error, inputs, description);
        if (own === undefined) throw error;
        return own;
      }
    });
    const state = stateFrom(role, inputs, [], userTags(inputs.tags));
    return { id: inputs.name, outs: await converge(state, inputs) };
  },

  async read(id, props) {
    const state = props as ServiceRoleState;
    const found = await awsCall(
      context(state, "GetRole", state.accountId),
      () => iamClient(placementOf(state)).send(new GetRoleCommand({ RoleName: id })),
      [NO_SUCH_ENTITY],
    );
    return readResult(id, state, describeAs(id), {
      found,
      arnOf: (response) => response.Role?.Arn ?? "",
      refresh: async (response) =>
        stateFrom(
          response.Role,
          state,
          (await attachedPolicies(state)) ?? [],
          fromTagList(response.Role?.Tags),
        ),
      computed: COMPUTED,
    });
  },

  async update(id, olds, news) {
    // IAM addresses the role by name: in another account this would change a namesake.
    await ensureUpdateInOwnAccount(placementOf(news), olds, describeAs(id), true);
    return {
      outs: await converge(
        {
          ...carryComputed(olds, COMPUTED, news),
          managedPolicyArns: olds.managedPolicyArns,
          tags: olds.tags,
        },
        news,
      ),
    };
  },

  /** Detaches every attached policy (IAM refuses to delete a role with policies), then DeleteRole. */
  async delete(id, props) {
    await ensureOwnAccount(placementOf(props), props.accountId, describeAs(id));
    const client = iamClient(placementOf(props));
    const attached = await attachedPolicies(
      { ...props, name: id },
      { accountId: props.accountId, ifExists: true },
    );
    if (!attached) return;
    for (const policy of attached) {
      await awsCall(
        context(props, "DetachRolePolicy", props.accountId),
        () => client.send(new DetachRolePolicyCommand({ RoleName: id, PolicyArn: policy })),
        [NO_SUCH_ENTITY],
      );
    }
    await awsCall(
      context(props, "DeleteRole", props.accountId),
      () => client.send(new DeleteRoleCommand({ RoleName: id })),
      [NO_SUCH_ENTITY],
    );
  },
};
