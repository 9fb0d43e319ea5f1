/**
 * Small helpers for the unit tests: recorded state built from checked inputs, and a clean region
 * environment for the tests that depend on the default region.
 */
import type {
  ConfigurationAggregatorInputs,
  ConfigurationAggregatorState,
} from "../../provider/aggregator/schema";
import type {
  AggregationAuthorizationInputs,
  AggregationAuthorizationState,
} from "../../provider/authorization/schema";
import { applyStackConfig, currentSettings } from "../../provider/shared/aws/settings";
import { ACCOUNTS, AGGREGATOR_ARN, AUTHORIZATION_ARN } from "../support/fixtures";

/** The outputs a successful create records for checked inputs: `arn` moved to `accountId`. */
function recorded<Inputs extends { readonly tags?: Record<string, string> }>(
  inputs: Inputs,
  arn: string,
  accountId: string,
) {
  return { ...inputs, arn: arn.replace(ACCOUNTS.A, accountId), accountId, tags: inputs.tags ?? {} };
}

/** The outputs a successful create records for these checked inputs, in `accountId`. */
export const aggregatorState = (
  inputs: ConfigurationAggregatorInputs,
  accountId: string = ACCOUNTS.A,
): ConfigurationAggregatorState => recorded(inputs, AGGREGATOR_ARN, accountId);

/** The outputs a successful create records for these checked inputs, in `accountId`. */
export const authorizationState = (
  inputs: AggregationAuthorizationInputs,
  accountId: string = ACCOUNTS.A,
): AggregationAuthorizationState => recorded(inputs, AUTHORIZATION_ARN, accountId);

const REGION_VARIABLES = ["AWS_REGION", "AWS_DEFAULT_REGION"] as const;

/**
 * Clears every source of a default region (the stack config and both environment variables) and
 * returns a function that puts them back as they were.
 */
export function clearDefaultRegion(): () => void {
  const saved = currentSettings();
  const env = Object.fromEntries(REGION_VARIABLES.map((name) => [name, process.env[name]]));
  applyStackConfig({ get: () => undefined });
  for (const name of REGION_VARIABLES) delete process.env[name];
  return () => {
    applyStackConfig({
      get: (key) =>
        key === "aws:region" ? saved.region : key === "aws:profile" ? saved.profile : undefined,
    });
    for (const name of REGION_VARIABLES) {
      const value = env[name];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
