/** `check` for ServiceAccess: validation and the default region; no AWS call. */
import { validate } from "../shared/inputs/validation";
import type { CheckFailure } from "../shared/inputs/validation";
import { serviceAccessInputSchema, type ServiceAccessInputs } from "./schema";

/** Validates ServiceAccess inputs (nothing is generated, so earlier inputs do not matter). */
export function checkServiceAccess(news: object): {
  inputs: ServiceAccessInputs;
  failures: CheckFailure[];
} {
  const { failures, inputs } = validate(serviceAccessInputSchema, news, () => []);
  return { inputs: inputs as unknown as ServiceAccessInputs, failures };
}
