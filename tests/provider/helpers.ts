/**
 * Helpers for provider tests against the emulator: the providers as typed call surfaces, and the
 * request log as operation names.
 */
import * as assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import type { Emulator } from "../../emulator";
import { aggregatorProvider } from "../../provider/aggregator/provider";
import type { ConfigurationAggregatorState } from "../../provider/aggregator/schema";
import { authorizationProvider } from "../../provider/authorization/provider";
import type { AggregationAuthorizationState } from "../../provider/authorization/schema";
import { delegatedAdministratorProvider } from "../../provider/delegated-administrator/provider";
import type { DelegatedAdministratorState } from "../../provider/delegated-administrator/schema";
import { roleProvider } from "../../provider/role/provider";
import type { ServiceRoleState } from "../../provider/role/schema";
import { serviceAccessProvider } from "../../provider/service-access/provider";
import type { ServiceAccessState } from "../../provider/service-access/schema";
import { forgetActingAccounts } from "../../provider/shared/aws/identity";
import { type EmulatorFixture, useEmulator } from "../support/emulator";
import { REGIONS } from "../support/fixtures";

type Inputs = Record<string, unknown>;

/** A provider as these tests call it: the results' optional members made definite. */
interface Provider<S> {
  check(olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>>;
  diff(id: string, olds: S, news: Inputs): Promise<pulumi.dynamic.DiffResult>;
  create(inputs: Inputs): Promise<{ id: string; outs: S }>;
  read(id: string, props: S): Promise<{ id?: string; props?: S; inputs?: Inputs }>;
  update(id: string, olds: S, news: Inputs): Promise<{ outs: S }>;
  delete(id: string, props: S): Promise<void>;
}

/** The aggregator provider with every method present. */
export const aggregators = aggregatorProvider as unknown as Provider<ConfigurationAggregatorState>;
/** The authorization provider with every method present. */
export const authorizations =
  authorizationProvider as unknown as Provider<AggregationAuthorizationState>;

/** The ServiceRole provider with every method present. */
export const roles = roleProvider as unknown as Provider<ServiceRoleState>;

/** The ServiceAccess provider with every method present. */
export const serviceAccesses = serviceAccessProvider as unknown as Provider<ServiceAccessState>;

/** The DelegatedAdministrator provider with every method present. */
export const delegatedAdministrators =
  delegatedAdministratorProvider as unknown as Provider<DelegatedAdministratorState>;

/** Runs `check` and insists it passes, returning the normalized inputs. */
export async function checked<S>(
  provider: Provider<S>,
  news: Record<string, unknown>,
  olds?: Record<string, unknown>,
) {
  const result = await provider.check(olds ?? {}, news);
  assert.deepEqual(result.failures ?? [], []);
  return result.inputs as Record<string, unknown>;
}

/** The operations the emulator served since the last clear, in order. */
export function operations(emulator: Emulator): string[] {
  return emulator.requests().map((request) => request.operation);
}

/** How many requests each operation got since the last clear. */
export function callCounts(emulator: Emulator): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { operation } of emulator.requests()) counts[operation] = (counts[operation] ?? 0) + 1;
  return counts;
}

/** The message of a rejected promise. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  assert.fail("expected the call to fail");
}

/** What a provider test block works with: its emulator, and the management account's own client. */
export interface ProviderWorld {
  /** The block's emulator fixture. */
  readonly fixture: EmulatorFixture;
  /** The running emulator. */
  readonly emulator: () => Emulator;
  /** The management account's own Organizations client, to change the organization behind the provider's back. */
  readonly organizations: () => OrganizationsClient;
}

/**
 * Mocha fixture, to call inside `describe`: one emulator for the block, and the acting accounts
 * forgotten before each test, so that each test counts its own STS calls, as a fresh provider
 * process would make them.
 */
export function useProviderWorld(): ProviderWorld {
  const fixture = useEmulator();
  beforeEach(forgetActingAccounts);
  return {
    fixture,
    emulator: () => fixture.emulator,
    organizations: () => new OrganizationsClient({ region: REGIONS.A }),
  };
}
