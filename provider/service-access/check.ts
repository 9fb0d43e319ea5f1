/** `check` for ServiceAccess: validation and the default region; no AWS call. */
import { validate, type RawInputs } from "../shared/inputs/validation";
import type { CheckFailure } from "../shared/inputs/validation";
import { serviceAccessInputSchema, type ServiceAccessInputs } from "./schema";

/** Validates ServiceAccess inputs; `olds` are unused, as nothing is generated. */
export function checkServiceAccess(
  _olds: RawInputs | undefined,
  news: RawInputs,
): { inputs: ServiceAccessInputs; failures: CheckFailure[] } {
  const { failures, inputs } = validate(serviceAccessInputSchema, news, () => []);
  return { inputs: inputs as unknown as ServiceAccessInputs, failures };
}
