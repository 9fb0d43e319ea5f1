import assert from "node:assert/strict";
import { checkAggregator } from "../../provider/aggregator/check";
import { aggregatorProvider } from "../../provider/aggregator/provider";
import { applyStackConfig } from "../../provider/shared/aws/settings";
import { clearDefaultRegion } from "./helpers";
import {
  AGGREGATOR_CORPUS,
  NAME_CHARACTERS,
  accountAggregator,
  accounts,
  organization,
  organizationAggregator,
  withFilters,
  withRole,
  withTags,
  type Inputs,
} from "../support/bad-input";
import {
  ACCOUNTS,
  FILTER_VALUES,
  AGGREGATOR_NAME,
  ORGANIZATION_ROLE_ARN,
  OWNER_ROLE_ARN,
  REGIONS,
  SECRET_EXTERNAL_ID,
} from "../support/fixtures";
import { NO_REGION_REASON } from "../support/messages";

describe("checkAggregator", () => {
  describe("rejects invalid inputs with the exact property and reason", () => {
    for (const { title, input, failures } of AGGREGATOR_CORPUS.cases) {
      it(title, () => {
        assert.deepStrictEqual(checkAggregator(undefined, input).failures, failures);
      });
    }
  });

  describe("never repeats the external ID in a reason", () => {
    const secrets = [
      "Q",
      `${SECRET_EXTERNAL_ID} x`,
      `${SECRET_EXTERNAL_ID}!`,
      SECRET_EXTERNAL_ID.repeat(69).slice(0, 1225),
    ];
    for (const externalId of secrets) {
      it(`hides an invalid external ID of ${externalId.length} characters`, () => {
        const { failures } = checkAggregator(
          undefined,
          withRole({ roleArn: OWNER_ROLE_ARN, externalId, sessionName: "bad session" }),
        );
        assert.equal(failures.length, 2);
        for (const failure of failures) {
          assert.ok(!failure.reason.includes(externalId), failure.reason);
          assert.ok(!failure.reason.includes(SECRET_EXTERNAL_ID), failure.reason);
        }
      });
    }
  });

  describe("accepts values at the limits", () => {
    const rows: { title: string; input: Inputs }[] = [
      { title: "a name of 256 characters", input: accountAggregator({ name: "a".repeat(256) }) },
      { title: "a name of one character", input: accountAggregator({ name: "_" }) },
      {
        title: "50 tags, a key of 128 and a value of 256 characters",
        input: withTags({
          ...Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`key${i}`, ""])),
          ["k".repeat(128)]: "v".repeat(256),
          "cost center: Größe/@+=.-_": "ünïcödé value 1",
        }),
      },
      { title: "a tag key that merely contains aws:", input: withTags({ "my-aws:key": "x" }) },
      {
        title: "a GovCloud region and a role in another partition",
        input: organizationAggregator({
          region: "us-gov-west-1",
          organizationAggregationSource: {
            roleArn: `arn:aws-us-gov:iam::${ACCOUNTS.A}:role/config`,
            awsRegions: ["us-gov-east-1"],
          },
        }),
      },
      {
        title: "assumeRole at its limits",
        input: withRole({
          roleArn: OWNER_ROLE_ARN,
          externalId: "x".repeat(1224),
          sessionName: "s".repeat(64),
          durationSeconds: 43200,
        }),
      },
      {
        title: "the shortest assumeRole values",
        input: withRole({
          roleArn: OWNER_ROLE_ARN,
          externalId: "ab",
          sessionName: "ab",
          durationSeconds: 900,
        }),
      },
    ];
    for (const { title, input } of rows) {
      it(title, () => {
        assert.deepStrictEqual(checkAggregator(undefined, input).failures, []);
      });
    }
  });

  describe("normalizes valid inputs", () => {
    it("counts distinct accounts against the 10,000 limit: 10,000 plus a repeat passes", () => {
      const ids = Array.from({ length: 10_000 }, (_, i) => String(100000000000 + i));
      const result = checkAggregator(undefined, accounts([...ids, ids[0]]));
      assert.deepStrictEqual(result.failures, []);
      assert.equal((result.inputs.accountAggregationSource?.accountIds ?? []).length, 10_000);
    });

    it("sorts and de-duplicates account IDs and regions", () => {
      const { inputs, failures } = checkAggregator(
        undefined,
        accounts([ACCOUNTS.D, ACCOUNTS.A, ACCOUNTS.D], {
          awsRegions: [REGIONS.C, REGIONS.B, REGIONS.A, REGIONS.C],
        }),
      );
      assert.deepStrictEqual(failures, []);
      assert.deepStrictEqual(inputs, {
        name: AGGREGATOR_NAME,
        region: REGIONS.A,
        accountAggregationSource: {
          accountIds: [ACCOUNTS.A, ACCOUNTS.D],
          awsRegions: [REGIONS.B, REGIONS.A, REGIONS.C],
        },
      });
    });

    it("keeps only the regions when allAwsRegions is false", () => {
      const { inputs } = checkAggregator(
        undefined,
        organization({
          roleArn: ORGANIZATION_ROLE_ARN,
          allAwsRegions: false,
          awsRegions: [REGIONS.C, REGIONS.A],
        }),
      );
      assert.deepStrictEqual(inputs.organizationAggregationSource, {
        roleArn: ORGANIZATION_ROLE_ARN,
        awsRegions: [REGIONS.A, REGIONS.C],
      });
    });

    it("keeps allAwsRegions: true as the only region setting", () => {
      const { inputs } = checkAggregator(undefined, organizationAggregator());
      assert.deepStrictEqual(inputs.organizationAggregationSource, {
        roleArn: ORGANIZATION_ROLE_ARN,
        allAwsRegions: true,
      });
    });

    it("defaults the filter type to INCLUDE and sorts and de-duplicates filter values", () => {
      const { inputs } = checkAggregator(
        undefined,
        withFilters({
          resourceType: {
            value: [FILTER_VALUES.instance, FILTER_VALUES.bucket, FILTER_VALUES.instance],
          },
          servicePrincipal: {
            type: "INCLUDE",
            value: ["z.amazonaws.com", FILTER_VALUES.configPrincipal],
          },
        }),
      );
      assert.deepStrictEqual(inputs.aggregatorFilters, {
        resourceType: { type: "INCLUDE", value: [FILTER_VALUES.instance, FILTER_VALUES.bucket] },
        servicePrincipal: {
          type: "INCLUDE",
          value: [FILTER_VALUES.configPrincipal, "z.amazonaws.com"],
        },
      });
    });

    it("passes tags, assumeRole and adoptExisting through unchanged", () => {
      const assumeRole = {
        roleArn: OWNER_ROLE_ARN,
        externalId: SECRET_EXTERNAL_ID,
        sessionName: "deploy",
        durationSeconds: 900,
      };
      const { inputs } = checkAggregator(
        undefined,
        accountAggregator({
          tags: { team: "platform", "cost center": "42" },
          assumeRole,
          adoptExisting: true,
        }),
      );
      assert.deepStrictEqual(inputs, {
        name: AGGREGATOR_NAME,
        region: REGIONS.A,
        accountAggregationSource: { accountIds: [ACCOUNTS.A], allAwsRegions: true },
        tags: { team: "platform", "cost center": "42" },
        assumeRole,
        adoptExisting: true,
      });
    });

    it("drops __provider", () => {
      const { inputs } = checkAggregator(
        undefined,
        accountAggregator({ __provider: "serialized" }),
      );
      assert.deepStrictEqual(inputs, checkAggregator(undefined, accountAggregator()).inputs);
      assert.ok(!("__provider" in inputs));
    });
  });

  describe("region", () => {
    let restore: () => void;
    beforeEach(() => {
      restore = clearDefaultRegion();
    });
    afterEach(() => restore());

    const noRegion = (): Inputs => {
      const { region: _region, ...rest } = accountAggregator();
      return rest;
    };

    it("fails when no region is given and none is configured", () => {
      assert.deepStrictEqual(checkAggregator(undefined, noRegion()).failures, [
        { property: "region", reason: NO_REGION_REASON },
      ]);
    });

    it("lists the missing region after the other failures", () => {
      assert.deepStrictEqual(checkAggregator(undefined, { ...noRegion(), name: "" }).failures, [
        { property: "name", reason: "must not be empty" },
        { property: "region", reason: NO_REGION_REASON },
      ]);
    });

    it("defaults the region from AWS_REGION", () => {
      process.env.AWS_REGION = REGIONS.C;
      process.env.AWS_DEFAULT_REGION = REGIONS.B;
      const { inputs, failures } = checkAggregator(undefined, noRegion());
      assert.deepStrictEqual(failures, []);
      assert.equal(inputs.region, REGIONS.C);
    });

    it("defaults the region from AWS_DEFAULT_REGION when AWS_REGION is unset", () => {
      process.env.AWS_DEFAULT_REGION = REGIONS.B;
      assert.equal(checkAggregator(undefined, noRegion()).inputs.region, REGIONS.B);
    });

    it("prefers the stack config aws:region over the environment", () => {
      process.env.AWS_REGION = REGIONS.C;
      applyStackConfig({ get: (key) => (key === "aws:region" ? REGIONS.B : undefined) });
      assert.equal(checkAggregator(undefined, noRegion()).inputs.region, REGIONS.B);
    });

    it("prefers the region input over every default", () => {
      process.env.AWS_REGION = REGIONS.C;
      applyStackConfig({ get: (key) => (key === "aws:region" ? REGIONS.B : undefined) });
      assert.equal(checkAggregator(undefined, accountAggregator()).inputs.region, REGIONS.A);
    });
  });

  describe("generated names", () => {
    const unnamed = (autoNamePrefix: string, olds?: Inputs) => {
      const { name: _name, ...rest } = accountAggregator({ autoNamePrefix });
      return checkAggregator(olds, rest);
    };

    it("generates <resource name>-<7 lowercase letters or digits> when name is omitted", () => {
      const { inputs, failures } = unnamed("org-aggregator");
      assert.deepStrictEqual(failures, []);
      assert.match(inputs.name, /^org-aggregator-[a-z0-9]{7}$/);
      assert.equal(inputs.autoNamePrefix, "org-aggregator");
    });

    it("generates a different suffix each time for a new resource", () => {
      const names = new Set(
        Array.from({ length: 20 }, () => unnamed("org-aggregator").inputs.name),
      );
      assert.ok(names.size > 1, `all 20 generated names were ${[...names].join(", ")}`);
    });

    it("keeps the generated name when the old inputs have one with the same prefix", () => {
      const first = unnamed("org-aggregator").inputs;
      const second = unnamed("org-aggregator", { ...first }).inputs;
      assert.equal(second.name, first.name);
    });

    it("regenerates the name when the resource name (prefix) changed", () => {
      const first = unnamed("org-aggregator").inputs;
      const second = unnamed("central", { ...first }).inputs;
      assert.match(second.name, /^central-[a-z0-9]{7}$/);
    });

    it("regenerates the name when the prefix changed but sanitizes to the same text", () => {
      const first = unnamed("org aggregator").inputs;
      assert.match(first.name, /^org-aggregator-[a-z0-9]{7}$/);
      const second = unnamed("org-aggregator", { ...first }).inputs;
      assert.match(second.name, /^org-aggregator-[a-z0-9]{7}$/);
      assert.notEqual(second.name, first.name);
    });

    it("does not keep an old name that was not generated from the prefix", () => {
      const olds = {
        ...accountAggregator({ name: "hand-named", autoNamePrefix: "org-aggregator" }),
      };
      assert.match(unnamed("org-aggregator", olds).inputs.name, /^org-aggregator-[a-z0-9]{7}$/);
    });

    it("replaces characters a name may not have with '-'", () => {
      assert.match(unnamed("my app.prod/eu").inputs.name, /^my-app-prod-eu-[a-z0-9]{7}$/);
    });

    it("shortens a long resource name so that the whole name fits 256 characters", () => {
      const { inputs, failures } = unnamed("r".repeat(300));
      assert.deepStrictEqual(failures, []);
      assert.equal(inputs.name.length, 256);
      assert.match(inputs.name, new RegExp(`^${"r".repeat(248)}-[a-z0-9]{7}$`));
    });

    it("uses the given name over the prefix", () => {
      const { inputs } = checkAggregator(undefined, accountAggregator({ autoNamePrefix: "other" }));
      assert.equal(inputs.name, AGGREGATOR_NAME);
    });
  });

  describe("the provider's check", () => {
    it("returns what checkAggregator returns, without __provider", async () => {
      const news = accountAggregator({
        __provider: "serialized",
        accountAggregationSource: {
          accountIds: [ACCOUNTS.D, ACCOUNTS.A],
          allAwsRegions: true,
        },
      });
      const result = await aggregatorProvider.check!({} as never, news as never);
      assert.deepStrictEqual(result, {
        failures: [],
        inputs: {
          name: AGGREGATOR_NAME,
          region: REGIONS.A,
          accountAggregationSource: {
            accountIds: [ACCOUNTS.A, ACCOUNTS.D],
            allAwsRegions: true,
          },
        },
      });
    });

    it("returns failures instead of throwing", async () => {
      const result = await aggregatorProvider.check!(
        {} as never,
        accountAggregator({ name: "a b" }) as never,
      );
      assert.deepStrictEqual(result.failures, [
        { property: "name", reason: NAME_CHARACTERS("a b") },
      ]);
    });
  });
});
