/** `check` for DelegatedAdministrator: validation and the default region; no AWS call. */
import { validate, type RawInputs } from "../shared/inputs/validation";
import type { CheckFailure } from "../shared/inputs/validation";
import { delegatedAdministratorInputSchema, type DelegatedAdministratorInputs } from "./schema";

/** Validates DelegatedAdministrator inputs; `olds` are unused, as nothing is generated. */
export function checkDelegatedAdministrator(
  _olds: RawInputs | undefined,
  news: RawInputs,
): { inputs: DelegatedAdministratorInputs; failures: CheckFailure[] } {
  const { failures, inputs } = validate(delegatedAdministratorInputSchema, news, () => []);
  return { inputs: inputs as unknown as DelegatedAdministratorInputs, failures };
}
