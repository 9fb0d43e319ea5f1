import type { Call } from "../context.js";
import { AwsError } from "../errors.js";
import { s } from "../protocols/shapes.js";
import { Violations } from "../validation.js";
import { requireKnownPrincipal, requireListAccess, requireManagement } from "./access.js";
import { accountArn, accountEmail } from "./describe.js";
import { constraintViolation } from "./errors.js";
import {
  checkAccountId,
  checkPaging,
  checkServicePrincipal,
  organizationsPage,
  throwIfInvalid,
} from "./input.js";
import { type Delegation, delegationKey, type OrganizationStore } from "./store.js";

/** Input shape of Register- and DeregisterDelegatedAdministrator. */
export const delegationShape = s.struct({ AccountId: s.string, ServicePrincipal: s.string });

/** Input shape of ListDelegatedAdministrators. */
export const listDelegatedShape = s.struct({
  ServicePrincipal: s.string,
  NextToken: s.string,
  MaxResults: s.integer,
});

interface DelegationInput {
  readonly AccountId?: string;
  readonly ServicePrincipal?: string;
}

/** Validates the input and the caller; returns the organization, account and principal. */
function prepare(
  input: DelegationInput,
  call: Call,
): { organization: OrganizationStore; account: string; principal: string } {
  const v = new Violations();
  checkAccountId(v, input.AccountId);
  checkServicePrincipal(v, input.ServicePrincipal, true);
  throwIfInvalid(v);
  const organization = requireManagement(call);
  const principal = input.ServicePrincipal!;
  requireKnownPrincipal(principal);
  const account = input.AccountId!;
  if (organization.membership(account) === "outside")
    throw new AwsError(
      "AccountNotFoundException",
      `We can't find an Amazon Web Services account with the AccountId that you specified: ${account} is not an account of organization ${organization.id}.`,
    );
  return { organization, account, principal };
}

/**
 * RegisterDelegatedAdministrator: management account only; the account must be a member (never
 * the management account) and the service must have trusted access first.
 */
export function registerDelegatedAdministrator(input: DelegationInput, call: Call): undefined {
  const { organization, account, principal } = prepare(input, call);
  if (organization.membership(account) === "management")
    throw constraintViolation(
      "CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR",
      "You attempted to register the management account of the organization as a delegated administrator for an Amazon Web Services service integrated with Organizations. You can designate only a member account as a delegated administrator.",
    );
  if (!organization.serviceAccess.has(principal))
    throw constraintViolation(
      "SERVICE_ACCESS_NOT_ENABLED",
      "You attempted to register a delegated administrator before you enabled service access. Call the EnableAWSServiceAccess API first.",
    );
  const key = delegationKey(account, principal);
  if (organization.delegations.has(key))
    throw new AwsError(
      "AccountAlreadyRegisteredException",
      "The specified account is already a delegated administrator for this Amazon Web Services service.",
    );
  organization.delegations.set(key, {
    account,
    servicePrincipal: principal,
    seq: organization.nextSeq(),
    registeredAt: call.now,
  });
  return undefined;
}

/** DeregisterDelegatedAdministrator: management account only. */
export function deregisterDelegatedAdministrator(input: DelegationInput, call: Call): undefined {
  const { organization, account, principal } = prepare(input, call);
  if (!organization.delegations.delete(delegationKey(account, principal)))
    throw new AwsError(
      "AccountNotRegisteredException",
      "The specified account is not a delegated administrator for this Amazon Web Services service.",
    );
  return undefined;
}

/**
 * ListDelegatedAdministrators: management account or a delegated administrator. Each account
 * appears once, in the order of its first registration (for the principal, when one is given).
 */
export function listDelegatedAdministrators(
  input: {
    readonly ServicePrincipal?: string;
    readonly NextToken?: string;
    readonly MaxResults?: number;
  },
  call: Call,
): unknown {
  const v = new Violations();
  checkServicePrincipal(v, input.ServicePrincipal, false);
  checkPaging(v, input);
  throwIfInvalid(v);
  const organization = requireListAccess(call);
  if (input.ServicePrincipal !== undefined) requireKnownPrincipal(input.ServicePrincipal);
  const firstByAccount = new Map<string, Delegation>();
  for (const d of organization.delegations.values())
    if (input.ServicePrincipal === undefined || d.servicePrincipal === input.ServicePrincipal)
      if (!firstByAccount.has(d.account)) firstByAccount.set(d.account, d);
  const result = organizationsPage(
    [...firstByAccount.values()],
    (d) => d.seq,
    input,
    `ListDelegatedAdministrators|${organization.id}|${input.ServicePrincipal ?? ""}`,
    call.now,
  );
  return {
    DelegatedAdministrators: result.items.map((d) => ({
      Id: d.account,
      Arn: accountArn(organization, d.account),
      Email: accountEmail(d.account),
      Name: `Account ${d.account}`,
      Status: "ACTIVE",
      JoinedMethod: "CREATED",
      JoinedTimestamp: organization.formedAt / 1000,
      DelegationEnabledDate: d.registeredAt / 1000,
    })),
    ...(result.next === undefined ? {} : { NextToken: result.next }),
  };
}
