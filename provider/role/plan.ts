/** ServiceRole: `check` and `diff`, pure (served before the AWS SDK loads). */
import { planOf } from "../shared/plan";
import { checkRole } from "./check";
import { diffRole } from "./diff";
import type { ServiceRoleInputs, ServiceRoleState } from "./schema";

/** The pure half of the ServiceRole provider. */
export const rolePlan = planOf<ServiceRoleInputs, ServiceRoleState>(
  (olds, news) => checkRole(olds, news),
  diffRole,
);
