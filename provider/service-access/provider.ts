/**
 * ServiceAccess's AWS Organizations calls: ListAWSServiceAccessForOrganization,
 * EnableAWSServiceAccess and DisableAWSServiceAccess, in the organization's management account.
 */
import {
  DisableAWSServiceAccessCommand,
  EnableAWSServiceAccessCommand,
  ListAWSServiceAccessForOrganizationCommand,
} from "@aws-sdk/client-organizations";
import type * as pulumi from "@pulumi/pulumi";
import { organizationsClient, organizationsPlacement } from "../shared/aws/clients";
import { awsCall, type CallContext } from "../shared/aws/errors";
import { actingAccount, ensureOwnAccount, ensureUpdateInOwnAccount } from "../shared/aws/identity";
import { placementOf, type Placement } from "../shared/inputs/placement";
import { carryComputed, readResult } from "../shared/state";
import { withoutUndefined } from "../shared/inputs/values";
import { serviceAccessPlan } from "./plan";
import { disablesOnDelete, type ServiceAccessInputs, type ServiceAccessState } from "./schema";

type Inputs = ServiceAccessInputs & { __provider?: string };

/** The outputs AWS (or the first create) decides; everything else comes from the inputs. */
const COMPUTED: readonly (keyof ServiceAccessState)[] = ["accountId", "preexisting"];

function describeAs(servicePrincipal: string): string {
  return `trusted access for ${JSON.stringify(servicePrincipal)}`;
}

function context(
  placement: Placement,
  servicePrincipal: string,
  operation: string,
  accountId?: string,
): CallContext {
  // Errors name where the call went: Organizations answers in the partition's main region.
  return {
    operation,
    resource: describeAs(servicePrincipal),
    placement: organizationsPlacement(placement),
    accountId,
  };
}

/** Every service principal the organization trusts, all pages read. */
async function enabledServicePrincipals(
  placement: Placement,
  servicePrincipal: string,
  accountId?: string,
): Promise<Set<string>> {
  const enabled = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await awsCall(
      context(placement, servicePrincipal, "ListAWSServiceAccessForOrganization", accountId),
      () =>
        organizationsClient(placement).send(
          new ListAWSServiceAccessForOrganizationCommand({ NextToken: nextToken }),
        ),
    );
    for (const entry of page.EnabledServicePrincipals ?? [])
      if (entry.ServicePrincipal) enabled.add(entry.ServicePrincipal);
    nextToken = page.NextToken;
  } while (nextToken);
  return enabled;
}

/** The ServiceAccess provider. */
export const serviceAccessProvider: pulumi.dynamic.ResourceProvider<Inputs, ServiceAccessState> = {
  ...serviceAccessPlan,

  /**
   * Lists the organization's trusted services; enables this one only when it is not among them,
   * recording whether it was (`preexisting`), so that delete leaves alone what others enabled.
   */
  async create(inputs) {
    const placement = placementOf(inputs);
    const principal = inputs.servicePrincipal;
    // The management account is recorded for the account check of later steps: from the role
    // ARN when a role is assumed, else one STS call per process (first, so that the calls come
    // in a fixed order).
    const accountId = await actingAccount(placement);
    const enabled = await enabledServicePrincipals(placement, principal, accountId);
    const preexisting = enabled.has(principal);
    if (!preexisting) {
      await awsCall(context(placement, principal, "EnableAWSServiceAccess", accountId), () =>
        organizationsClient(placement).send(
          new EnableAWSServiceAccessCommand({ ServicePrincipal: principal }),
        ),
      );
    }
    return { id: principal, outs: withoutUndefined({ ...inputs, accountId, preexisting }) };
  },

  async read(id, props) {
    const state = props as ServiceAccessState;
    const placement = placementOf(state);
    // Trusted access is per organization: in another account it would describe another one.
    await ensureOwnAccount(placement, state.accountId, describeAs(id));
    const enabled = await enabledServicePrincipals(placement, id, state.accountId);
    // Trusted access has no ARN: the account was checked above, before the list.
    return readResult(id, state, describeAs(id), {
      found: enabled.has(id) ? id : undefined,
      arnOf: () => "",
      refresh: (principal) =>
        Promise.resolve(withoutUndefined({ ...state, servicePrincipal: principal })),
      computed: COMPUTED,
    });
  },

  /** Only `assumeRole` (same account) or `adoptExisting` change in place: nothing to call. */
  async update(id, olds, news) {
    // Nothing is written; only a dropped assumeRole needs the default credentials' account checked.
    await ensureUpdateInOwnAccount(placementOf(news), olds, describeAs(id), false);
    return { outs: withoutUndefined(carryComputed(olds, COMPUTED, news)) };
  },

  /**
   * DisableAWSServiceAccess, only when this resource enabled trusted access (or adopted it):
   * trusted access that predates it stays enabled.
   */
  async delete(id, props) {
    if (!disablesOnDelete(props)) return;
    const placement = placementOf(props);
    // Disabling addresses the organization of the credentials: elsewhere it would hit another.
    await ensureOwnAccount(placement, props.accountId, describeAs(id));
    await awsCall(context(placement, id, "DisableAWSServiceAccess", props.accountId), () =>
      organizationsClient(placement).send(
        new DisableAWSServiceAccessCommand({ ServicePrincipal: id }),
      ),
    );
  },
};
