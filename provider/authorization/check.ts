/** `check` for AggregationAuthorization: validate every input before any AWS call. */
import { type CheckFailure, validate } from "../shared/inputs/validation";
import { withoutUndefined } from "../shared/inputs/values";
import { authorizationInputSchema, type AggregationAuthorizationInputs } from "./schema";

/** The result of `check`: inputs, or the failures that stop the preview. */
export interface AuthorizationCheckResult {
  readonly inputs: AggregationAuthorizationInputs;
  readonly failures: CheckFailure[];
}

/** Validates authorization inputs and fills in the default region. */
export function checkAuthorization(news: object): AuthorizationCheckResult {
  const { failures, inputs } = validate(authorizationInputSchema, news, () => []);
  return {
    inputs: withoutUndefined(inputs) as unknown as AggregationAuthorizationInputs,
    failures,
  };
}
