/** `check` for DelegatedAdministrator: validation and the default region; no AWS call. */
import { validate } from "../shared/inputs/validation";
import type { CheckFailure } from "../shared/inputs/validation";
import { delegatedAdministratorInputSchema, type DelegatedAdministratorInputs } from "./schema";

/** Validates DelegatedAdministrator inputs (nothing is generated, so earlier inputs do not matter). */
export function checkDelegatedAdministrator(news: object): {
  inputs: DelegatedAdministratorInputs;
  failures: CheckFailure[];
} {
  const { failures, inputs } = validate(delegatedAdministratorInputSchema, news, () => []);
  return { inputs: inputs as unknown as DelegatedAdministratorInputs, failures };
}
