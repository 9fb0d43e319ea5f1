/**
 * Building outputs from inputs, for every resource type: which fields AWS computes, and which the
 * program decides.
 */
import type { AssumeRoleSpec, Placement } from "./types";

/** Where a resource acts, from its inputs or its state. */
export function placementOf(inputs: { region: string; assumeRole?: AssumeRoleSpec }): Placement {
  return { region: inputs.region, assumeRole: inputs.assumeRole };
}

/**
 * The state after an update: the computed fields of the old state, then the new inputs. Nothing
 * else of the old state survives, so an input the program dropped (an `assumeRole`, say) is gone
 * from the outputs too, instead of lingering there — unencrypted, once no input of that name is
 * secret — and showing as a change on every run.
 */
export function carryComputed<S extends object>(
  olds: S,
  computed: readonly (keyof S)[],
  news: object,
): S {
  const kept = Object.fromEntries(
    computed.filter((key) => olds[key] !== undefined).map((key) => [key, olds[key]]),
  );
  return { ...kept, ...news } as S;
}

/** The inputs a refreshed state implies (the state without its computed fields), so drift shows in the next diff. */
export function inputsOf<S extends object, I>(state: S, computed: readonly (keyof S)[]): I {
  return Object.fromEntries(
    Object.entries(state).filter(([key]) => !(computed as readonly PropertyKey[]).includes(key)),
  ) as I;
}
