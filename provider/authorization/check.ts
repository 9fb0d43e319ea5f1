/** `check` for AggregationAuthorization: validate every input before any AWS call. */
import { validate, type RawInputs } from "../shared/check";
import type { CheckFailure } from "../shared/validation";
import { withoutUndefined } from "../shared/values";
import { authorizationInputSchema, type AggregationAuthorizationInputs } from "./schema";

/** The result of `check`: inputs, or the failures that stop the preview. */
export interface AuthorizationCheckResult {
  readonly inputs: AggregationAuthorizationInputs;
  readonly failures: CheckFailure[];
}

/** Validates authorization inputs and fills in the default region. */
export function checkAuthorization(news: RawInputs): AuthorizationCheckResult {
  const { failures, inputs } = validate(authorizationInputSchema, news, () => []);
  return {
    inputs: withoutUndefined(inputs) as unknown as AggregationAuthorizationInputs,
    failures,
  };
}
