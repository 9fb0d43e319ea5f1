/** AggregationAuthorization: `check` and `diff`, pure (served before the AWS SDK loads). */
import { planOf } from "../shared/plan";
import { checkAuthorization } from "./check";
import { diffAuthorization } from "./diff";
import type { AggregationAuthorizationInputs, AggregationAuthorizationState } from "./schema";

/** The pure half of the AggregationAuthorization provider. */
export const authorizationPlan = planOf<
  AggregationAuthorizationInputs,
  AggregationAuthorizationState
>((_olds, news) => checkAuthorization(news), diffAuthorization);
