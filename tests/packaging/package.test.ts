import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { useEmulator } from "../support/emulator";
import { ACCOUNTS, REGIONS } from "../support/fixtures";
import { emulatorEnv } from "../protocol/helpers";
import { installConsumerProject, packRepository, REPO_ROOT } from "../support/consumer";
import { startConsumerHost } from "./consumer-host";

const run = promisify(execFile);
const TSC = path.join(REPO_ROOT, "node_modules", ".bin", "tsc");

/** Every file under `dir` (relative, `/`-separated), sorted. */
function filesUnder(dir: string, base = dir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(full, base) : [path.relative(base, full)];
    })
    .map((file) => file.split(path.sep).join("/"))
    .sort();
}

/** Folders of dist/ that are built for this repository's own use and must not ship. */
const UNSHIPPED = ["dist/tests/", "dist/emulator/", "dist/bench/", "dist/examples/"];

const AGGREGATOR_URN =
  "urn:pulumi:test::consumer::pulumi-nodejs:dynamic/aws-config:ConfigurationAggregator::from-consumer";

/** A consumer's program: every public class, strict types, and one misuse the types must reject. */
const CONSUMER_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import {
  AggregationAuthorization,
  ConfigurationAggregator,
  MultiAccountAggregation,
  OrganizationAggregator,
  type ConfigurationAggregatorArgs,
  type ConfigurationAggregatorState,
} from "pulumi-aws-config-aggregation";

const args: ConfigurationAggregatorArgs = {
  accountAggregationSource: { accountIds: ["${ACCOUNTS.A}"], allAwsRegions: true },
  tags: { team: "platform" },
};
const aggregator = new ConfigurationAggregator("accounts", args);
const authorization = new AggregationAuthorization("auth", {
  authorizedAccountId: "${ACCOUNTS.A}",
  authorizedAwsRegion: "us-east-1",
  assumeRole: {
    roleArn: "arn:aws:iam::${ACCOUNTS.B}:role/Deployer",
    externalId: pulumi.secret("external-1"),
  },
});
const multi = new MultiAccountAggregation("multi", {
  aggregator: { region: "us-east-1" },
  sourceAccountIds: ["${ACCOUNTS.B}", "${ACCOUNTS.C}"],
  sourceRoleName: "Deployer",
  regions: ["us-east-1", "eu-west-1"],
});
const organization = new OrganizationAggregator("org", { awsRegions: ["us-east-1"] });

export const arn: pulumi.Output<string> = aggregator.arn;
export const grantedBy: pulumi.Output<string> = authorization.accountId;
export const multiName: pulumi.Output<string> = multi.name;
export const roleArn: pulumi.Output<string> = organization.roleArn;
export function accountsOf(state: ConfigurationAggregatorState): string[] {
  return state.accountAggregationSource?.accountIds ?? [];
}
// @ts-expect-error accountIds is a list of strings: were the package's types missing (any), this would be an unused directive
new ConfigurationAggregator("wrong", { accountAggregationSource: { accountIds: 5 } });
`;

/**
 * Serializes the consumer's own `configurationAggregatorProvider` with the consumer's own
 * @pulumi/pulumi, as `pulumi.dynamic.Resource` does there: run as a script in the project, so both
 * modules are the project's instances. Prints `{ text }`.
 */
const SERIALIZE_PACKAGE_PROVIDER = `const pulumi = require("@pulumi/pulumi");
const { configurationAggregatorProvider: provider } = require("pulumi-aws-config-aggregation");
pulumi.runtime
  .serializeFunction(() => provider, { allowSecrets: true })
  .then((serialized) => process.stdout.write(JSON.stringify({ text: serialized.text })));
`;

describe("the packed package", function () {
  let work: string;
  let tarball: string;
  let packed: string[];

  before(async function () {
    this.timeout(120_000);
    work = fs.mkdtempSync(path.join(os.tmpdir(), "packaging-"));
    ({ tarball, files: packed } = await packRepository(work));
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it("holds exactly the built JS and .d.ts files, README.md and the docs it links, LICENSE and package.json", () => {
    const built = filesUnder(path.join(REPO_ROOT, "dist"))
      .map((file) => `dist/${file}`)
      .filter((file) => /\.(js|d\.ts)$/.test(file))
      .filter((file) => !UNSHIPPED.some((folder) => file.startsWith(folder)));
    const docs = fs
      .readdirSync(path.join(REPO_ROOT, "docs"))
      .filter((file) => file.endsWith(".md"))
      .map((file) => `docs/${file}`);
    assert.deepEqual(packed, [...built, ...docs, "LICENSE", "README.md", "package.json"].sort());
    for (const required of ["dist/index.js", "dist/index.d.ts", "dist/provider/runtime.js"]) {
      assert.ok(packed.includes(required), `${required} is packed`);
    }
  });

  describe("installed into a fresh consumer project", function () {
    const fixture = useEmulator();
    let project: string;

    before(async function () {
      this.timeout(600_000);
      project = path.join(work, "consumer");
      await installConsumerProject(project, tarball);
    });

    it("installs the packed files, and the SDK dependencies beside the package", () => {
      const installed = path.join(project, "node_modules", "pulumi-aws-config-aggregation");
      assert.deepEqual(filesUnder(installed), packed);
      for (const dependency of ["@aws-sdk/client-config-service", "@pulumi/pulumi", "zod"]) {
        assert.ok(
          fs.existsSync(path.join(project, "node_modules", dependency, "package.json")),
          `${dependency} is installed at the project's top level`,
        );
      }
    });

    it("compiles a strict TypeScript program against the installed declarations", async function () {
      this.timeout(300_000);
      fs.writeFileSync(path.join(project, "index.ts"), CONSUMER_PROGRAM);
      fs.writeFileSync(
        path.join(project, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            target: "ES2022",
            module: "node16",
            moduleResolution: "node16",
            types: ["node"],
            noEmit: true,
            // Check the installed .d.ts files themselves too, not only their use.
            skipLibCheck: false,
          },
          files: ["index.ts"],
        }),
      );
      const result = await run(TSC, ["-p", "tsconfig.json"], { cwd: project }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
      assert.deepEqual(result, { code: 0, stdout: "" });
    });

    /** Runs `script` in the project and returns the `__provider` text it printed. */
    async function serializedInProject(script: string): Promise<string> {
      fs.writeFileSync(path.join(project, "serialize.js"), script);
      const { stdout } = await run(process.execPath, ["serialize.js"], { cwd: project });
      const code = (JSON.parse(stdout) as { text: string }).text;
      assert.ok(Buffer.byteLength(code) <= 4096, `${Buffer.byteLength(code)} bytes`);
      for (const local of ["node_modules", project, REPO_ROOT]) {
        assert.equal(code.includes(local), false, `mentions ${local}`);
      }
      assert.ok(code.includes('"pulumi-aws-config-aggregation/runtime"'), code);
      assert.equal(code.match(/require\(/g)?.length, 1, code);
      return code;
    }

    /**
     * configure, check, create, read and delete through the project's own host, in the project's
     * directory, against the emulator; then proves from a failure's stack that the runtime that
     * ran is the copy installed in the project.
     */
    async function runThroughProjectHost(code: string) {
      const host = await startConsumerHost(project, emulatorEnv(fixture));
      try {
        assert.equal(
          host.script,
          path.join(
            project,
            "node_modules",
            "@pulumi",
            "pulumi",
            "cmd",
            "dynamic-provider",
            "index.js",
          ),
        );
        await host.configure({ "aws:region": REGIONS.A });
        const inputs = await host.check(
          AGGREGATOR_URN,
          {},
          {
            __provider: code,
            name: "from-consumer",
            accountAggregationSource: { accountIds: [ACCOUNTS.A], allAwsRegions: true },
            tags: { installed: "from-tarball" },
            autoNamePrefix: "from-consumer",
          },
        );
        assert.equal(inputs.region, REGIONS.A);

        const created = await host.create(AGGREGATOR_URN, inputs);
        assert.equal(created.id, "from-consumer");
        assert.deepEqual(
          fixture.emulator
            .snapshot()
            .resources.map((r) => [r.kind, r.account, r.region, r.id, r.tags]),
          [["aggregator", ACCOUNTS.A, REGIONS.A, "from-consumer", { installed: "from-tarball" }]],
        );
        const read = await host.read(created.id, AGGREGATOR_URN, created.outputs);
        assert.deepEqual(read, { id: "from-consumer", outputs: created.outputs });

        await host.delete(created.id, AGGREGATOR_URN, created.outputs);
        assert.deepEqual(fixture.emulator.snapshot().resources, []);
        assert.deepEqual(
          fixture.emulator.requests().map((r) => r.operation),
          [
            "DescribeConfigurationAggregators",
            "PutConfigurationAggregator",
            "DescribeConfigurationAggregators",
            "GetResources",
            // Delete addresses the aggregator by name: the default credentials' account first.
            "GetCallerIdentity",
            "DeleteConfigurationAggregator",
          ],
        );

        // The host prints a failed read with its stack: the files named are the project's copy.
        fixture.emulator.setFaults({
          rules: [{ kind: "reject", operation: "DescribeConfigurationAggregators", times: 1 }],
        });
        await assert.rejects(host.read(created.id, AGGREGATOR_URN, created.outputs), {
          message: `DescribeConfigurationAggregators failed for aggregator "from-consumer" in ${ACCOUNTS.A}/us-east-1: AccessDeniedException: User: arn:aws:iam::${ACCOUNTS.A}:root is not authorized to perform: config:DescribeConfigurationAggregators`,
        });
        const installed = path.join(project, "node_modules", "pulumi-aws-config-aggregation");
        const errorsFile = path.join(installed, "dist", "provider", "shared", "aws", "errors.js");
        assert.ok(host.stderr().includes(errorsFile), host.stderr());
        assert.equal(host.stderr().includes(path.join(REPO_ROOT, "dist")), false);
      } finally {
        await host.stop();
      }
    }

    it("serializes the package's own provider in the project and runs it through the project's host", async function () {
      this.timeout(120_000);
      await runThroughProjectHost(await serializedInProject(SERIALIZE_PACKAGE_PROVIDER));
    });
  });
});
