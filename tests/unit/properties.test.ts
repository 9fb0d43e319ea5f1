import assert from "node:assert/strict";
import { checkAggregator } from "../../provider/aggregator/check";
import { diffAggregator, needsPut } from "../../provider/aggregator/diff";
import type { ConfigurationAggregatorInputs } from "../../provider/aggregator/schema";
import { checkAuthorization } from "../../provider/authorization/check";
import { diffAuthorization } from "../../provider/authorization/diff";
import type { AggregationAuthorizationInputs } from "../../provider/authorization/schema";
import { roleAccount } from "../../provider/shared/aws/arn";
import {
  aggregatorProgram,
  authorizationProgram,
  Random,
  REGION_POOL,
  rewritten,
} from "./generators";
import { aggregatorState, authorizationState } from "./helpers";
import { ACCOUNTS, REGIONS } from "../support/fixtures";

type Raw = Record<string, unknown>;

const RUNS = 200;
const SEED = 20261123;
/** An account the generator never uses. */
const NEW_ACCOUNT = "555555555555";
const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false };

/** Runs `property` on RUNS generated programs; a failure names the seed, the run and the program. */
function forAll(
  generate: (random: Random) => Raw,
  property: (program: Raw, random: Random) => void,
): void {
  const random = new Random(SEED);
  for (let run = 0; run < RUNS; run++) {
    const program = generate(random);
    try {
      property(program, random);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new assert.AssertionError({
        message: `run ${run} of seed ${SEED} failed for ${JSON.stringify(program)}:\n${message}`,
      });
    }
  }
}

function checkedAggregator(program: Raw, olds?: Raw): ConfigurationAggregatorInputs {
  const { inputs, failures } = checkAggregator(olds, program);
  assert.deepStrictEqual(failures, []);
  return inputs;
}

function checkedAuthorization(program: Raw): AggregationAuthorizationInputs {
  const { inputs, failures } = checkAuthorization(program);
  assert.deepStrictEqual(failures, []);
  return inputs;
}

/** The account the resource lives in: the role's, else the default credentials' (the owner). */
const accountOf = (inputs: { assumeRole?: { roleArn: string } }): string =>
  inputs.assumeRole ? (roleAccount(inputs.assumeRole.roleArn) ?? "") : ACCOUNTS.A;

describe("properties of ConfigurationAggregator check and diff", () => {
  it(`after deploying a program, the same program has no changes (${RUNS} programs)`, () => {
    forAll(aggregatorProgram, (program) => {
      const deployed = checkedAggregator(program);
      const state = aggregatorState(deployed, accountOf(deployed));
      // As the engine does: the next check sees the previous inputs as olds.
      const next = checkedAggregator(program, { ...deployed });
      assert.deepStrictEqual(diffAggregator(state, next), NO_CHANGE);
      assert.equal(needsPut(state, next), false);
    });
  });

  it("reordering or repeating accounts, regions, filter values and tag keys changes nothing", () => {
    forAll(aggregatorProgram, (program, random) => {
      const deployed = checkedAggregator(program);
      const state = aggregatorState(deployed, accountOf(deployed));
      const next = checkedAggregator(rewritten(random, program), { ...deployed });
      assert.deepStrictEqual(next, deployed);
      assert.deepStrictEqual(diffAggregator(state, next), NO_CHANGE);
    });
  });

  it("check is idempotent: checking checked inputs gives them back", () => {
    forAll(aggregatorProgram, (program) => {
      const once = checkedAggregator(program);
      assert.deepStrictEqual(checkedAggregator({ ...once }), once);
    });
  });

  it("checked lists are sorted and free of duplicates", () => {
    const sortedUnique = (list: unknown) => {
      assert.ok(Array.isArray(list));
      assert.deepStrictEqual(list, [...new Set(list as string[])].sort());
    };
    forAll(aggregatorProgram, (program) => {
      const inputs = checkedAggregator(program);
      for (const source of [
        inputs.accountAggregationSource,
        inputs.organizationAggregationSource,
      ]) {
        if (!source) continue;
        if ("accountIds" in source) sortedUnique(source.accountIds);
        if (source.allAwsRegions === true) assert.equal(source.awsRegions, undefined);
        else sortedUnique(source.awsRegions);
      }
      for (const filter of [
        inputs.aggregatorFilters?.resourceType,
        inputs.aggregatorFilters?.servicePrincipal,
      ]) {
        if (!filter) continue;
        assert.equal(filter.type, "INCLUDE");
        sortedUnique(filter.value);
      }
    });
  });

  it("a new name or region replaces exactly that; new tags or sources update in place", () => {
    forAll(aggregatorProgram, (program, random) => {
      const deployed = checkedAggregator(program);
      const state = aggregatorState(deployed, accountOf(deployed));
      const diffWith = (changes: Raw) =>
        diffAggregator(state, checkedAggregator({ ...program, ...changes }, { ...deployed }));
      const otherRegion = random.pick(REGION_POOL.filter((region) => region !== deployed.region));
      assert.deepStrictEqual(diffWith({ name: `${deployed.name.slice(0, 200)}-renamed` }), {
        changes: true,
        replaces: ["name"],
        deleteBeforeReplace: false,
      });
      assert.deepStrictEqual(diffWith({ region: otherRegion }), {
        changes: true,
        replaces: ["region"],
        deleteBeforeReplace: false,
      });
      const update = { changes: true, replaces: [], deleteBeforeReplace: false };
      assert.deepStrictEqual(
        diffWith({ tags: { ...deployed.tags, "added-by-test": "yes" } }),
        update,
      );
      assert.deepStrictEqual(
        diffWith({
          accountAggregationSource: {
            accountIds: [NEW_ACCOUNT],
            awsRegions: [REGIONS.B, REGIONS.A],
          },
          organizationAggregationSource: undefined,
        }),
        update,
      );
    });
  });
});

describe("properties of AggregationAuthorization check and diff", () => {
  it(`after deploying a program, the same program has no changes (${RUNS} programs)`, () => {
    forAll(authorizationProgram, (program) => {
      const deployed = checkedAuthorization(program);
      const state = authorizationState(deployed, accountOf(deployed));
      assert.deepStrictEqual(diffAuthorization(state, checkedAuthorization(program)), NO_CHANGE);
    });
  });

  it("reordering tag keys changes nothing", () => {
    forAll(authorizationProgram, (program, random) => {
      const deployed = checkedAuthorization(program);
      const state = authorizationState(deployed, accountOf(deployed));
      assert.deepStrictEqual(
        diffAuthorization(state, checkedAuthorization(rewritten(random, program))),
        NO_CHANGE,
      );
    });
  });

  it("check is idempotent: checking checked inputs gives them back", () => {
    forAll(authorizationProgram, (program) => {
      const once = checkedAuthorization(program);
      assert.deepStrictEqual(checkedAuthorization({ ...once }), once);
    });
  });
});
