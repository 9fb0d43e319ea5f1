/** `check` and `diff` of DelegatedAdministrator: pure, so the runtime serves them before loading the SDK. */
import { planOf } from "../shared/plan";
import { checkDelegatedAdministrator } from "./check";
import { diffDelegatedAdministrator } from "./diff";
import type { DelegatedAdministratorInputs, DelegatedAdministratorState } from "./schema";

/** The pure half of the DelegatedAdministrator provider. */
export const delegatedAdministratorPlan = planOf<
  DelegatedAdministratorInputs,
  DelegatedAdministratorState
>((_olds, news) => checkDelegatedAdministrator(news), diffDelegatedAdministrator);
