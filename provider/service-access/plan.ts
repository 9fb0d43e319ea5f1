/** ServiceAccess: `check` and `diff`, pure (served before the AWS SDK loads). */
import { planOf } from "../shared/plan";
import { checkServiceAccess } from "./check";
import { diffServiceAccess } from "./diff";
import type { ServiceAccessInputs, ServiceAccessState } from "./schema";

/** The pure half of the ServiceAccess provider. */
export const serviceAccessPlan = planOf<ServiceAccessInputs, ServiceAccessState>(
  (_olds, news) => checkServiceAccess(news),
  diffServiceAccess,
);
