/** DelegatedAdministrator: `check` and `diff`, pure (served before the AWS SDK loads). */
import { planOf } from "../shared/plan";
import { checkDelegatedAdministrator } from "./check";
import { diffDelegatedAdministrator } from "./diff";
import type { DelegatedAdministratorInputs, DelegatedAdministratorState } from "./schema";

/** The pure half of the DelegatedAdministrator provider. */
export const delegatedAdministratorPlan = planOf<
  DelegatedAdministratorInputs,
  DelegatedAdministratorState
>((_olds, news) => checkDelegatedAdministrator(news), diffDelegatedAdministrator);
