/**
 * DelegatedAdministrator's AWS Organizations calls: ListDelegatedAdministrators (filtered by the
 * service principal, all pages), RegisterDelegatedAdministrator and
 * DeregisterDelegatedAdministrator, in the organization's management account.
 */
import {
  DeregisterDelegatedAdministratorCommand,
  ListDelegatedAdministratorsCommand,
  RegisterDelegatedAdministratorCommand,
  type DelegatedAdministrator as AwsDelegatedAdministrator,
} from "@aws-sdk/client-organizations";
import type * as pulumi from "@pulumi/pulumi";
import { arnAccount } from "../shared/aws/arn";
import { organizationsClient, organizationsPlacement } from "../shared/aws/clients";
import { attemptsOf, awsCall, errorCode, type CallContext } from "../shared/aws/errors";
import {
  actingAccount,
  ensureFoundInOwnAccount,
  ensureOwnAccount,
  ensureUpdateInOwnAccount,
} from "../shared/aws/identity";
import { placementOf, type Placement } from "../shared/inputs/placement";
import { carryComputed, inputsOf } from "../shared/state";
import { withoutUndefined } from "../shared/inputs/values";
import { registrationAdvice } from "./advice";
import { delegatedAdministratorPlan } from "./plan";
import {
  delegatedAdministratorId,
  type DelegatedAdministratorInputs,
  type DelegatedAdministratorState,
} from "./schema";

type Inputs = DelegatedAdministratorInputs & { __provider?: string };
type Registration = Pick<DelegatedAdministratorInputs, "accountId" | "servicePrincipal">;

/** The outputs the create decides; everything else in the state comes from the inputs. */
const COMPUTED: readonly (keyof DelegatedAdministratorState)[] = ["managementAccountId"];

/** Organizations' answers for a registration that exists, or does not, already. */
const ALREADY_REGISTERED = "AccountAlreadyRegisteredException";
const NOT_REGISTERED = "AccountNotRegisteredException";

function describeAs(registration: Registration): string {
  return `delegated administrator ${registration.accountId} for ${JSON.stringify(registration.servicePrincipal)}`;
}

function context(
  placement: Placement,
  registration: Registration,
  operation: string,
  accountId?: string,
): CallContext {
  // Errors name where the call went: Organizations answers in the partition's main region.
  return {
    operation,
    resource: describeAs(registration),
    placement: organizationsPlacement(placement),
    accountId,
  };
}

/** The registration parts of an ID `<accountId>/<servicePrincipal>` (a principal has no `/`). */
function registrationOf(id: string): Registration {
  const slash = id.indexOf("/");
  return { accountId: id.slice(0, slash), servicePrincipal: id.slice(slash + 1) };
}

/**
 * The registration as ListDelegatedAdministrators shows it (filtered by the service principal),
 * or undefined. Pages are read until the account is found.
 */
async function findRegistration(
  placement: Placement,
  registration: Registration,
  managementAccountId?: string,
): Promise<AwsDelegatedAdministrator | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await awsCall(
      context(placement, registration, "ListDelegatedAdministrators", managementAccountId),
      () =>
        organizationsClient(placement).send(
          new ListDelegatedAdministratorsCommand({
            ServicePrincipal: registration.servicePrincipal,
            NextToken: nextToken,
          }),
        ),
    );
    const found = page.DelegatedAdministrators?.find(
      (entry) => entry.Id === registration.accountId,
    );
    if (found) return found;
    nextToken = page.NextToken;
  } while (nextToken);
  return undefined;
}

/**
 * The adoption guard's refusal for a registration this stack did not make. `arn` is the
 * registered account's ARN, whose account field is the management account.
 */
function alreadyRegistered(registration: Registration, managementAccountId: string, arn?: string) {
  const { accountId, servicePrincipal } = registration;
  return new Error(
    `Account ${accountId} is already registered as delegated administrator for ${JSON.stringify(servicePrincipal)} ` +
      `in the organization of management account ${managementAccountId}${arn ? ` (${arn})` : ""}, and this stack did not register it. ` +
      `To manage the registration from this stack, set adoptExisting: true on the resource (its delete then deregisters the account); ` +
      `otherwise leave it out of this program, or deregister the account first ` +
      `(aws organizations deregister-delegated-administrator --account-id ${accountId} --service-principal ${servicePrincipal}). ` +
      `If an earlier pulumi up of this stack was interrupted while registering it ("pending operations"), it is that up's: adopt it.`,
  );
}

/**
 * RegisterDelegatedAdministrator. "Already registered" after more than one request means this
 * call's own first request registered the account and only its answer was lost: that counts as
 * done. A refusal for a documented reason gets the advice that fixes it.
 */
async function register(
  placement: Placement,
  inputs: DelegatedAdministratorInputs,
  managementAccountId: string,
): Promise<void> {
  const outcome = await awsCall(
    context(placement, inputs, "RegisterDelegatedAdministrator", managementAccountId),
    async (): Promise<"registered" | "registered before"> => {
      try {
        await organizationsClient(placement).send(
          new RegisterDelegatedAdministratorCommand({
            AccountId: inputs.accountId,
            ServicePrincipal: inputs.servicePrincipal,
          }),
        );
        return "registered";
      } catch (error) {
        if (errorCode(error) === ALREADY_REGISTERED)
          return attemptsOf(error) > 1 ? "registered" : "registered before";
        const reason = (error as { Reason?: string }).Reason;
        const advice = registrationAdvice(reason, inputs.accountId, inputs.servicePrincipal);
        if (advice && error instanceof Error) error.message = `${error.message} ${advice}`;
        throw error;
      }
    },
  );
  // Registered by someone else between the list and this call (or the list lagged behind).
  if (outcome === "registered before" && !inputs.adoptExisting)
    throw alreadyRegistered(inputs, managementAccountId);
}

/** The DelegatedAdministrator provider. */
export const delegatedAdministratorProvider: pulumi.dynamic.ResourceProvider<
  Inputs,
  DelegatedAdministratorState
> = {
  ...delegatedAdministratorPlan,

  /**
   * Lists the service's delegated administrators; refuses an account already among them unless
   * `adoptExisting`, else registers it.
   */
  async create(inputs) {
    const placement = placementOf(inputs);
    // The management account is recorded for the account check of later steps: from the role
    // ARN when a role is assumed, else one STS call per process (first, so that the calls come
    // in a fixed order).
    const managementAccountId = await actingAccount(placement);
    const existing = await findRegistration(placement, inputs, managementAccountId);
    if (existing && !inputs.adoptExisting)
      throw alreadyRegistered(inputs, managementAccountId, existing.Arn);
    if (!existing) await register(placement, inputs, managementAccountId);
    return {
      id: delegatedAdministratorId(inputs),
      outs: withoutUndefined({ ...inputs, managementAccountId }),
    };
  },

  /**
   * Not written with the shared `readResult`: that reads the owning account from `accountId`,
   * which here is the registered account; the owner is `managementAccountId`.
   */
  async read(id, props) {
    const state = props as DelegatedAdministratorState;
    const placement = placementOf(state);
    const registration = registrationOf(id);
    const found = await findRegistration(placement, registration, state.managementAccountId);
    if (!found) {
      // Gone, unless the credentials now act in another organization, where it is not listed.
      await ensureOwnAccount(placement, state.managementAccountId, describeAs(registration));
      return {};
    }
    // The registered account's ARN carries the management account in its account field.
    ensureFoundInOwnAccount(found.Arn ?? "", state.managementAccountId, describeAs(registration));
    const refreshed = withoutUndefined({
      ...state,
      ...registration,
      managementAccountId: arnAccount(found.Arn ?? "") || state.managementAccountId,
    });
    // ReadResult types `inputs` as the outputs type; the host forwards them as the new inputs.
    return {
      id,
      props: refreshed,
      inputs: inputsOf<DelegatedAdministratorState, DelegatedAdministratorState>(
        refreshed,
        COMPUTED,
      ),
    };
  },

  /** Only `assumeRole` can change in place (same account): nothing to call. */
  async update(id, olds, news) {
    // Nothing is written; only a dropped assumeRole needs the default credentials' account checked.
    await ensureUpdateInOwnAccount(
      placementOf(news),
      { accountId: olds.managementAccountId, assumeRole: olds.assumeRole },
      describeAs(registrationOf(id)),
      false,
    );
    return { outs: withoutUndefined(carryComputed(olds, COMPUTED, news)) };
  },

  /** DeregisterDelegatedAdministrator; a registration that is already gone counts as removed. */
  async delete(id, props) {
    const placement = placementOf(props);
    const registration = registrationOf(id);
    // Deregistering addresses the organization of the credentials: elsewhere it would hit another.
    await ensureOwnAccount(placement, props.managementAccountId, describeAs(registration));
    await awsCall(
      context(
        placement,
        registration,
        "DeregisterDelegatedAdministrator",
        props.managementAccountId,
      ),
      () =>
        organizationsClient(placement).send(
          new DeregisterDelegatedAdministratorCommand({
            AccountId: registration.accountId,
            ServicePrincipal: registration.servicePrincipal,
          }),
        ),
      [NOT_REGISTERED],
    );
  },
};
