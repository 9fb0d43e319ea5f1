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
  TagRoleCommand,
  UntagRoleCommand,
  type Role,
} from "@aws-sdk/client-iam";
import type * as pulumi from "@pulumi/pulumi";
import { arnAccount } from "../shared/aws/arn";
import { iamClient } from "../shared/aws/clients";
import { attemptsOf, awsCall, errorCode, type CallContext } from "../shared/aws/errors";
import { applyTagDelta, TagUpdateError, type TagWriter } from "../shared/tags/api";
import { fromTagList, tagDelta, type Tags, toTagList, userTags } from "../shared/tags/values";
import {
  ensureFoundInOwnAccount,
  ensureOwnAccount,
  ensureUpdateInOwnAccount,
} from "../shared/aws/identity";
import { carryComputed, inputsOf, PartialFailureError } from "../shared/state";
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

async function attachedPolicies(inputs: ServiceRoleInputs): Promise<string[]> {
  const policies: string[] = [];
  let marker: string | undefined;
  do {
    const page = await awsCall(context(inputs, "ListAttachedRolePolicies"), () =>
      iamClient(placementOf(inputs)).send(
        new ListAttachedRolePoliciesCommand({ RoleName: inputs.name, Marker: marker }),
      ),
    );
    for (const policy of page.AttachedPolicies ?? [])
      if (policy.PolicyArn) policies.push(policy.PolicyArn);
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return policies;
}

/**
 * Attaches and detaches policies, then untags and tags, each only when needed. A failure part-way
 * is a partial failure recording what the role has now, so the next update finishes the job.
 */
async function converge(
  state: ServiceRoleState,
  desired: ServiceRoleInputs,
  inputs: Inputs,
): Promise<ServiceRoleState> {
  const client = iamClient(placementOf(desired));
  let current = state;
  try {
    for (const policy of desired.managedPolicyArns.filter(
      (arn) => !current.managedPolicyArns.includes(arn),
    )) {
      await awsCall(context(desired, "AttachRolePolicy", state.accountId), () =>
        client.send(new AttachRolePolicyCommand({ RoleName: desired.name, PolicyArn: policy })),
      );
      current = { ...current, managedPolicyArns: [...current.managedPolicyArns, policy].sort() };
    }
    for (const policy of current.managedPolicyArns.filter(
      (arn) => !desired.managedPolicyArns.includes(arn),
    )) {
      await awsCall(context(desired, "DetachRolePolicy", state.accountId), () =>
        client.send(new DetachRolePolicyCommand({ RoleName: desired.name, PolicyArn: policy })),
      );
      current = {
        ...current,
        managedPolicyArns: current.managedPolicyArns.filter((arn) => arn !== policy),
      };
    }
    const writer: TagWriter = {
      untagOperation: "UntagRole",
      tagOperation: "TagRole",
      untag: (keys) => client.send(new UntagRoleCommand({ RoleName: desired.name, TagKeys: keys })),
      tag: (tags) =>
        client.send(new TagRoleCommand({ RoleName: desired.name, Tags: toTagList(tags) })),
    };
    const roleContext = {
      resource: describeAs(desired.name),
      placement: placementOf(desired),
      accountId: state.accountId,
    };
    try {
      const tags = await applyTagDelta(
        roleContext,
        writer,
        current.tags,
        tagDelta(current.tags, desired.tags),
      );
      current = { ...current, tags };
    } catch (error) {
      if (error instanceof TagUpdateError) current = { ...current, tags: error.tagsNow };
      throw error;
    }
  } catch (error) {
    throw new PartialFailureError(desired.name, { ...inputs, ...current }, error as Error);
  }
  return current;
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
    return Promise.resolve(checkRole(olds as never, news as never));
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
    return { id: inputs.name, outs: await converge(state, inputs, inputs) };
  },

  async read(id, props) {
    const state = props as ServiceRoleState;
    const found = await awsCall(
      context(state, "GetRole", state.accountId),
      () => iamClient(placementOf(state)).send(new GetRoleCommand({ RoleName: id })),
      [NO_SUCH_ENTITY],
    );
    if (!found) {
      // Gone, unless the credentials now act in another account, where it is not found.
      await ensureOwnAccount(placementOf(state), state.accountId, describeAs(id));
      return {};
    }
    ensureFoundInOwnAccount(found.Role?.Arn ?? "", state.accountId, describeAs(id));
    const refreshed = stateFrom(
      found.Role,
      state,
      await attachedPolicies(state),
      fromTagList(found.Role?.Tags),
    );
    // ReadResult types `inputs` as the outputs type; the host forwards them as the new inputs.
    return {
      id,
      props: refreshed,
      inputs: inputsOf<ServiceRoleState, ServiceRoleState>(refreshed, COMPUTED),
    };
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
        news,
      ),
    };
  },

  /** Detaches every attached policy (IAM refuses to delete a role with policies), then DeleteRole. */
  async delete(id, props) {
    await ensureOwnAccount(placementOf(props), props.accountId, describeAs(id));
    const client = iamClient(placementOf(props));
    const attached = await awsCall(
      context(props, "ListAttachedRolePolicies", props.accountId),
      () => client.send(new ListAttachedRolePoliciesCommand({ RoleName: id })),
      [NO_SUCH_ENTITY],
    );
    if (!attached) return;
    for (const policy of attached.AttachedPolicies ?? []) {
      await awsCall(
        context(props, "DetachRolePolicy", props.accountId),
        () =>
          client.send(new DetachRolePolicyCommand({ RoleName: id, PolicyArn: policy.PolicyArn })),
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
