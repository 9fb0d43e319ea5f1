/**
 * The bad-input corpus (`tests/support/bad-input.ts`, which the unit check tests run too) through
 * the real host, and the components' own validation. Every case is refused at check with the
 * exact property path and reason, and the whole corpus makes no AWS call.
 *
 * Resource cases go through the real dynamic-provider host's Check (inputs shaped as the resource
 * classes send them), then all at once through a `pulumi up` of one program; component cases
 * through the runner, where the program fails before registering anything.
 */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  AggregationAuthorization,
  aggregationAuthorizationProvider,
  ConfigurationAggregator,
  configurationAggregatorProvider,
  DelegatedAdministrator,
  MultiAccountAggregation,
  OrganizationAggregator,
  type MultiAccountAggregationArgs,
  type OrganizationAggregatorArgs,
  ServiceAccess,
} from "../../index";
import type { RequestRecord } from "../../emulator";
import { delegatingProvider } from "../../provider/shared/stub";
import { useEmulator } from "../support/emulator";
import { startProviderHost, type ProviderHost } from "../support/host";
import { RunError, type ProgramRunner } from "../support/runner";
import { serializeProvider } from "../support/serialize";
import { AGGREGATOR_TYPE, AUTHORIZATION_TYPE, hostEnv, newRunner, REPO_ROOT } from "./harness";
import {
  AGGREGATOR_CORPUS,
  AUTHORIZATION_CORPUS,
  DELEGATED_ADMINISTRATOR_CORPUS,
  SERVICE_ACCESS_CORPUS,
  type Failure,
  type Inputs,
  type ResourceCorpus,
  ROLE,
} from "../support/bad-input";
import { ACCOUNTS, REGIONS, roleArn } from "../support/fixtures";

// --- Components --------------------------------------------------------------------------------

interface ComponentCase {
  title: string;
  program: () => void;
  /** The exact error the run reports. */
  error: string;
}

const SOURCE_ROLE = "ConfigDeployer";
const MULTI_BASE: MultiAccountAggregationArgs = {
  // With the account given by a role ARN, the component itself needs no STS call.
  aggregator: {
    name: "corpus-multi",
    region: REGIONS.A,
    accountId: ACCOUNTS.A,
    assumeRole: { roleArn: ROLE },
  },
  sourceAccountIds: [ACCOUNTS.B],
  sourceRoleName: SOURCE_ROLE,
  regions: [REGIONS.A],
};

function multi(change: Partial<MultiAccountAggregationArgs>, problems: string): ComponentCase {
  return {
    title: `MultiAccountAggregation: ${problems}`,
    program: () => void new MultiAccountAggregation("m", { ...MULTI_BASE, ...change }),
    error: `program failed: MultiAccountAggregation "m": ${problems}`,
  };
}

function organization(args: OrganizationAggregatorArgs, problems: string): ComponentCase {
  return {
    title: `OrganizationAggregator: ${problems}`,
    program: () => void new OrganizationAggregator("o", { roleArn: ROLE, ...args }),
    error: `program failed: OrganizationAggregator "o": ${problems}`,
  };
}

const COMPONENT_CASES: ComponentCase[] = [
  multi(
    { sourceAccounts: [{ accountId: ACCOUNTS.B }] },
    "give sourceAccounts or sourceAccountIds, not both",
  ),
  multi(
    { sourceAccountIds: [] },
    "sourceAccountIds is empty; list at least one 12-digit account ID",
  ),
  multi(
    { sourceAccountIds: [ACCOUNTS.B, "2222"] },
    'sourceAccountIds[1] "2222" is not an AWS account ID: expected exactly 12 digits',
  ),
  multi(
    { sourceAccountIds: [ACCOUNTS.B, ACCOUNTS.B] },
    `sourceAccountIds[1] "${ACCOUNTS.B}" is listed twice`,
  ),
  multi(
    { sourceRoleName: undefined },
    "sourceAccountIds needs sourceRoleName: the role to assume in each source account",
  ),
  multi(
    { sourceRoleName: "has space" },
    'sourceRoleName "has space" is not an IAM role name (1–64 letters, digits and _+=,.@-)',
  ),
  multi(
    { sourceRoleName: "r".repeat(65) },
    `sourceRoleName "${"r".repeat(65)}" is not an IAM role name (1–64 letters, digits and _+=,.@-)`,
  ),
  multi(
    { sourceAccountIds: undefined, sourceRoleName: undefined },
    "no source accounts: give sourceAccounts, or sourceAccountIds with sourceRoleName",
  ),
  multi(
    {
      sourceAccountIds: undefined,
      sourceRoleName: undefined,
      sourceAccounts: [{ accountId: "x" }],
    },
    'sourceAccounts[0] "x" is not an AWS account ID: expected exactly 12 digits',
  ),
  multi(
    {
      sourceAccountIds: undefined,
      sourceRoleName: undefined,
      sourceAccounts: [
        { accountId: ACCOUNTS.B, assumeRole: { roleArn: roleArn(ACCOUNTS.A, "r") } },
      ],
    },
    `sourceAccounts[0].assumeRole.roleArn "${roleArn(ACCOUNTS.A, "r")}" is in account ${ACCOUNTS.A}, not ${ACCOUNTS.B}`,
  ),
  multi({ regions: [] }, 'regions is empty; list at least one region such as "us-east-1"'),
  multi({ regions: [REGIONS.A, REGIONS.B, REGIONS.A] }, 'regions[2] "us-east-1" is listed twice'),
  multi(
    { sourceAccountIds: ["1"], regions: [] },
    'sourceAccountIds[0] "1" is not an AWS account ID: expected exactly 12 digits; regions is empty; list at least one region such as "us-east-1"',
  ),
  organization(
    { awsRegions: [] },
    'awsRegions is empty; list at least one region such as "us-east-1"',
  ),
  organization(
    { awsRegions: [REGIONS.A], allAwsRegions: true },
    "give either allAwsRegions: true or a list of awsRegions, not both",
  ),
  organization(
    { allAwsRegions: false },
    "allAwsRegions is false but no awsRegions are listed; list the regions to aggregate",
  ),
  multi(
    // An unquoted account ID in YAML stack config arrives as a number.
    { sourceAccountIds: [Number(ACCOUNTS.B) as unknown as string] },
    `sourceAccountIds[0] must be a string such as "123456789012" (quoted in YAML stack config), not the number ${ACCOUNTS.B}`,
  ),
  multi({ regions: ["Mars"] }, 'regions[0] "Mars" is not an AWS region name such as "us-east-1"'),
  multi(
    { regions: [` ${REGIONS.A}`, REGIONS.A.toUpperCase()] },
    `regions[0] " ${REGIONS.A}" is not an AWS region name such as "us-east-1"; ` +
      `regions[1] "${REGIONS.A.toUpperCase()}" is not an AWS region name such as "us-east-1"`,
  ),
  multi(
    { sourceAccountIds: undefined, sourceAccounts: [{ accountId: ACCOUNTS.B }] },
    "sourceRoleName applies only to sourceAccountIds; with sourceAccounts give each account its own assumeRole",
  ),
  multi(
    {
      sourceAccountIds: undefined,
      sourceRoleName: undefined,
      sourceAccounts: [
        { accountId: ACCOUNTS.B, assumeRole: { roleArn: `arn:aws:iam::${ACCOUNTS.B}:user/S` } },
      ],
    },
    `sourceAccounts[0].assumeRole.roleArn "arn:aws:iam::${ACCOUNTS.B}:user/S" is not an IAM role ARN of the form arn:aws:iam::<12-digit account>:role/<name>`,
  ),
  multi(
    { aggregator: { region: "useast1" } },
    'aggregator.region "useast1" is not an AWS region name such as "us-east-1"',
  ),
  multi(
    { aggregator: { region: REGIONS.A, accountId: "1234" } },
    'aggregator.accountId "1234" is not an AWS account ID: expected exactly 12 digits',
  ),
  multi(
    {
      aggregator: {
        region: REGIONS.A,
        accountId: ACCOUNTS.C,
        assumeRole: { roleArn: roleArn(ACCOUNTS.A, "r") },
      },
    },
    `aggregator.accountId "${ACCOUNTS.C}" differs from the account of aggregator.assumeRole.roleArn, ${ACCOUNTS.A}, where the aggregator is created`,
  ),
  organization(
    { roleArn: "not-an-arn" },
    'roleArn "not-an-arn" is not an IAM role ARN of the form arn:aws:iam::<12-digit account>:role/<name>',
  ),
  organization({ awsRegions: [REGIONS.B, REGIONS.B] }, 'awsRegions[1] "eu-west-1" is listed twice'),
  organization(
    { region: "Europe" },
    'region "Europe" is not an AWS region name such as "us-east-1"',
  ),
];

/**
 * Inputs the components pass through unchecked, refused by their children's check: the step error
 * names the child and the exact property.
 */
interface ChildCase {
  title: string;
  program: () => void;
  /** URN → the check failure text expected for it. */
  errors: Record<string, string>;
}

const MULTI_TYPE = "aws-config-aggregation:index:MultiAccountAggregation";
const childUrn = (type: string, name: string) =>
  `urn:pulumi:stack::project::${MULTI_TYPE}$${type}::${name}`;

const CHILD_CASES: ChildCase[] = [
  {
    title:
      "MultiAccountAggregation with an aws: tag: its first child refuses it and nothing runs after",
    program: () =>
      void new MultiAccountAggregation("m", { ...MULTI_BASE, tags: { "aws:owner": "me" } }),
    errors: {
      [childUrn(AGGREGATOR_TYPE, "m")]:
        'check failed: tags["aws:owner"]: tag key "aws:owner" uses the reserved prefix "aws:"',
    },
  },
];

// --- The tests ---------------------------------------------------------------------------------

interface Resource {
  title: string;
  provider: pulumi.dynamic.ResourceProvider;
  type: string;
  corpus: ResourceCorpus;
  /** The program registering one case as the resource class would. */
  register: (name: string, inputs: Inputs) => void;
}

const RESOURCES: Resource[] = [
  {
    title: "ConfigurationAggregator",
    provider: configurationAggregatorProvider,
    type: AGGREGATOR_TYPE,
    corpus: AGGREGATOR_CORPUS,
    register: (name, { autoNamePrefix: _prefix, ...inputs }) =>
      void new ConfigurationAggregator(name, inputs),
  },
  {
    title: "AggregationAuthorization",
    provider: aggregationAuthorizationProvider,
    type: AUTHORIZATION_TYPE,
    corpus: AUTHORIZATION_CORPUS,
    register: (name, inputs) => void new AggregationAuthorization(name, inputs as never),
  },
  {
    title: "ServiceAccess",
    provider: delegatingProvider("serviceAccess"),
    type: "pulumi-nodejs:dynamic/aws-config:ServiceAccess",
    corpus: SERVICE_ACCESS_CORPUS,
    register: (name, inputs) => void new ServiceAccess(name, inputs as never),
  },
  {
    title: "DelegatedAdministrator",
    provider: delegatingProvider("delegatedAdministrator"),
    type: "pulumi-nodejs:dynamic/aws-config:DelegatedAdministrator",
    corpus: DELEGATED_ADMINISTRATOR_CORPUS,
    register: (name, inputs) => void new DelegatedAdministrator(name, inputs as never),
  },
];

/** The message a failed Check gives through the engine. */
const checkFailed = (failures: readonly Failure[]) =>
  `check failed: ${failures.map(({ property, reason }) => `${property}: ${reason}`).join("; ")}`;

describe("bad-input corpus", function () {
  const fixture = useEmulator();
  let host: ProviderHost;
  let runner: ProgramRunner;
  // The fixture empties the request log before each test; every test's calls are kept here.
  const calls: RequestRecord[] = [];

  before(async function () {
    host = await startProviderHost({ cwd: REPO_ROOT, env: hostEnv(fixture, REGIONS.A) });
    await host.configure({ "aws:region": REGIONS.A });
    runner = newRunner(fixture, REGIONS.A);
  });
  afterEach(() => void calls.push(...fixture.emulator.requests()));
  after(async function () {
    await host.stop();
    await runner.close();
  });

  for (const resource of RESOURCES) {
    describe(`${resource.title} check`, function () {
      let code: string;
      before(async () => (code = await serializeProvider(resource.provider)));
      // Refused inputs only mean something if the base they are made from is accepted.
      it("accepts the valid base the cases are made from", async function () {
        const urn = `urn:pulumi:stack::project::${resource.type}::base`;
        const result = await host.check(urn, {}, { __provider: code, ...resource.corpus.base });
        assert.deepEqual(result.failures, []);
      });

      for (const limit of resource.corpus.limits) {
        it(`accepts ${limit.title} (at the limit)`, async function () {
          const urn = `urn:pulumi:stack::project::${resource.type}::limit`;
          const news = { __provider: code, ...limit.input };
          assert.deepEqual((await host.check(urn, {}, news)).failures, []);
        });
      }

      for (const badCase of resource.corpus.cases) {
        it(`refuses ${badCase.title}`, async function () {
          const urn = `urn:pulumi:stack::project::${resource.type}::bad`;
          const news = { __provider: code, ...badCase.input };
          const { failures } = await host.check(urn, {}, news);
          assert.deepEqual(failures, badCase.failures);
        });
      }
    });
  }

  describe("pulumi up", function () {
    it("stops at the first refused resource, as the engine does: one step, its check's message", async function () {
      this.timeout(60_000);
      const registered: { urn: string; failures: readonly Failure[] }[] = [];
      const program = () => {
        for (const resource of RESOURCES) {
          resource.corpus.cases.forEach((badCase, i) => {
            const name = `${resource.title}-${i}`;
            const urn = `urn:pulumi:stack::project::${resource.type}::${name}`;
            registered.push({ urn, failures: badCase.failures });
            resource.register(name, badCase.input);
          });
        }
      };
      await assert.rejects(runner.up(program), (error: unknown) => {
        assert.ok(error instanceof RunError);
        // Every case's message is pinned by the check tests above; through the engine, the first
        // failed Check ends step generation, so exactly one resource reports.
        assert.equal(error.result.steps.length, 1);
        const [step] = error.result.steps;
        const first = registered.find(({ urn }) => urn === step.urn);
        assert.ok(first, step.urn);
        assert.equal(step.op, "create");
        assert.equal(step.error, checkFailed(first.failures));
        assert.equal(error.errors.length, 1);
        return true;
      });
      assert.equal(runner.state.size, 0, "nothing is recorded");
    });
  });

  describe("components", function () {
    const custom = () => [...runner.state.values()].filter((s) => s.custom);

    for (const c of COMPONENT_CASES) {
      it(`refuses ${c.title}`, async function () {
        await assert.rejects(runner.up(c.program), (error: unknown) => {
          assert.ok(error instanceof RunError);
          assert.deepEqual(error.errors, [c.error]);
          return true;
        });
        assert.deepEqual(custom(), [], "no resource is registered");
      });
    }

    for (const c of CHILD_CASES) {
      it(`refuses ${c.title}`, async function () {
        await assert.rejects(runner.up(c.program), (error: unknown) => {
          assert.ok(error instanceof RunError);
          const failed = Object.fromEntries(
            error.result.steps.filter((s) => s.error).map((s) => [s.urn, s.error]),
          );
          assert.deepEqual(failed, c.errors);
          return true;
        });
        assert.deepEqual(custom(), [], "no resource is recorded");
      });
    }
  });

  describe("AWS calls", function () {
    it("none for the whole corpus", function () {
      assert.deepEqual(calls, []);
    });
  });
});
