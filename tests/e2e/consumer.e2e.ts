/**
 * A consumer project that installs the packed tarball, under the real `pulumi` CLI against the
 * emulator: bad input, secrets, a replacement as the engine orders it, a partial failure, two
 * stacks of one project, and an organization aggregator in a delegated administrator. The program picks what it builds from the stack's `scenario` config.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../emulator/index.js";
import { INTERRUPTED_UP_HINT } from "../support/messages";
import { callCountsByAccount, holdings } from "./support/calls";
import { changedSteps, PulumiProject, pulumiCliDir, resourceSummary } from "./support/pulumi";
import { consumerProject } from "./support/projects";

const DEPLOYER = "arn:aws:iam::222222222222:role/Deployer";
const EXTERNAL_ID = "ext-id-7781-do-not-print";

const PROGRAM = `const pulumi = require("@pulumi/pulumi");
const {
  AggregationAuthorization,
  ConfigurationAggregator,
  MultiAccountAggregation,
  OrganizationAggregator,
} = require("pulumi-aws-config-aggregation");

const config = new pulumi.Config();
switch (config.require("scenario")) {
  case "bad-input":
    new ConfigurationAggregator("bad", {
      accountAggregationSource: { accountIds: ["12345"], allAwsRegions: true },
    });
    break;
  case "authorization":
    new AggregationAuthorization("granted", {
      authorizedAccountId: "111111111111",
      authorizedAwsRegion: config.require("authorizedAwsRegion"),
      region: "eu-west-1",
      assumeRole: { roleArn: "${DEPLOYER}", externalId: config.requireSecret("externalId") },
      tags: config.getObject("tags"),
    });
    break;
  case "aggregator":
    new ConfigurationAggregator("accounts", {
      accountAggregationSource: {
        accountIds: config.requireObject("accountIds"),
        allAwsRegions: true,
      },
      tags: config.getObject("tags"),
    });
    break;
  case "interrupted":
    for (const account of ["222222222222", "333333333333", "444444444444", "555555555555"]) {
      new AggregationAuthorization(\`granted-\${account}\`, {
        authorizedAccountId: account,
        authorizedAwsRegion: "us-east-1",
        adoptExisting: config.getBoolean("adoptExisting"),
      });
    }
    break;
  case "delegated": {
    const audit = new OrganizationAggregator("audit", {
      region: "us-east-1",
      awsRegions: ["us-east-1"],
      delegatedAdministrator: {
        accountId: "222222222222",
        assumeRole: { roleArn: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole" },
      },
    });
    exports.arn = audit.arn;
    break;
  }
  case "multi": {
    const multi = new MultiAccountAggregation("multi", {
      aggregator: { region: config.require("home") },
      sourceAccountIds: ["222222222222", "333333333333"],
      sourceRoleName: "OrganizationAccountAccessRole",
      regions: ["us-east-1"],
      tags: { stack: pulumi.getStack() },
    });
    exports.arn = multi.arn;
    break;
  }
}
`;

describe("a consumer project under the real pulumi CLI", function () {
  let emulator: Emulator;
  let dir: string;
  let cli: string;

  before(async function () {
    this.timeout(1_200_000);
    emulator = await startEmulator({ roleExternalIds: { [DEPLOYER]: EXTERNAL_ID } });
    [dir, cli] = await Promise.all([consumerProject("consumer", PROGRAM), pulumiCliDir()]);
  });

  after(async () => {
    if (dir) fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    await emulator?.close();
  });

  /** A fresh backend for one test, its stack created with `config`. */
  async function stack(name: string, config: Record<string, string>, secrets = {}) {
    emulator.reset();
    const project = new PulumiProject(dir, cli, emulator.url);
    await project.initStack(name, config, secrets);
    return project;
  }

  it("fails preview with the check's message (path, value, rule) and makes no AWS call", async () => {
    const project = await stack("bad", { scenario: "bad-input" });
    try {
      const { code, stdout } = await project.run(["preview", "--stack", "bad"]);
      assert.equal(code, 1);
      // The engine prints a failed check as "property <path> value <v> has a problem: <reason>";
      // it looks <path> up as a top-level key, so a nested path shows {<nil>}: the reason itself
      // names the value.
      assert.ok(
        stdout.includes(
          `error: pulumi-nodejs:dynamic/aws-config:ConfigurationAggregator resource 'bad': property accountAggregationSource.accountIds[0] value {<nil>} has a problem: "12345" is not an AWS account ID: expected exactly 12 digits`,
        ),
        stdout,
      );
      assert.deepEqual(callCountsByAccount(emulator), {});
    } finally {
      project.dispose();
    }
  });

  it("keeps the external ID out of state and of every command's output; replaces create-before-delete", async () => {
    const project = await stack(
      "secret",
      { scenario: "authorization", authorizedAwsRegion: "us-east-1" },
      { externalId: EXTERNAL_ID },
    );
    try {
      await project.ok(["up", "--yes", "--stack", "secret"]);
      const exported = [await project.exportState("secret")];
      assert.deepEqual(holdings(emulator), [
        "authorization 222222222222/eu-west-1 111111111111:us-east-1 {}",
      ]);

      await project.ok(["config", "set", "--stack", "secret", "authorizedAwsRegion", "eu-west-1"]);
      const preview = await project.previewJson("secret");
      // preview --json shows a replacement as one step; up runs it as create, then delete.
      assert.deepEqual(changedSteps(preview), ["replace granted"]);
      assert.deepEqual(preview.steps.find((s) => s.op === "replace")?.replaceReasons, [
        "authorizedAwsRegion",
      ]);
      emulator.clearRequests();
      const { stdout } = await project.ok(["up", "--yes", "--stack", "secret"]);
      assert.deepEqual(resourceSummary(stdout), ["+-1 replaced", "1 unchanged"]);
      // The engine creates the replacement first, then deletes the replaced one.
      const writes = emulator
        .requests()
        .filter((r) => /^(Put|Delete)AggregationAuthorization$/.test(r.operation))
        .map((r) => `${r.operation}@${r.account}/${r.region}`);
      assert.deepEqual(writes, [
        "PutAggregationAuthorization@222222222222/eu-west-1",
        "DeleteAggregationAuthorization@222222222222/eu-west-1",
      ]);
      assert.deepEqual(holdings(emulator), [
        "authorization 222222222222/eu-west-1 111111111111:eu-west-1 {}",
      ]);

      await project.ok(["refresh", "--yes", "--stack", "secret"]);
      exported.push(await project.exportState("secret"));
      // The state holds the external ID, encrypted: never its plain text.
      for (const state of exported) {
        assert.match(
          state,
          /"externalId": \{\s+"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",\s+"ciphertext"/,
        );
        assert.equal(state.includes(EXTERNAL_ID), false);
      }
      await project.ok(["destroy", "--yes", "--stack", "secret"]);
      assert.equal(project.transcript.join("\n").includes(EXTERNAL_ID), false);
      assert.deepEqual(holdings(emulator), []);
    } finally {
      project.dispose();
    }
  });

  it("records a Put whose TagResource failed, and the next up completes the tags alone", async () => {
    const project = await stack("partial", {
      scenario: "aggregator",
      accountIds: '["222222222222"]',
      tags: '{"team":"a"}',
    });
    try {
      await project.ok(["up", "--yes", "--stack", "partial"]);
      await project.setConfig("partial", {
        accountIds: '["222222222222","333333333333"]',
        tags: '{"team":"b"}',
      });
      emulator.setFaults({ rules: [{ kind: "reject", operation: "TagResource", times: 1 }] });
      emulator.clearRequests();
      const failed = await project.run(["up", "--yes", "--stack", "partial"]);
      assert.equal(failed.code, 1);
      assert.match(failed.stdout, /TagResource failed for aggregator "accounts-[a-z0-9]{7}"/);
      assert.equal(
        callCountsByAccount(emulator)["config:PutConfigurationAggregator@111111111111"],
        1,
      );

      // After a failed update the engine keeps the outputs the provider reported (the Put's
      // result) but not the new inputs, and a dynamic provider sends no detailed diff: so the
      // preview shows the inputs it last recorded against the program's, the Put's change
      // included. The provider diffs against the outputs, and the up below makes no Put.
      const { stdout: diff } = await project.ok(["preview", "--diff", "--stack", "partial"]);
      assert.match(diff, /~ tags\s+: \{\n\s+~ team: "a" => "b"/);
      assert.match(diff, /\+ \[1\]: "333333333333"/);

      emulator.clearRequests();
      await project.ok(["up", "--yes", "--stack", "partial"]);
      const calls = callCountsByAccount(emulator);
      assert.equal(calls["config:PutConfigurationAggregator@111111111111"], undefined);
      assert.equal(calls["config:TagResource@111111111111"], 1);
      assert.deepEqual(
        holdings(emulator).map((line) => line.replace(/accounts-\S+/, "accounts-*")),
        ['aggregator 111111111111/us-east-1 accounts-* {"team":"b"}'],
      );
      await project.ok(["destroy", "--yes", "--stack", "partial"]);
    } finally {
      project.dispose();
    }
  });

  it("sets up an organization aggregator in a delegated administrator, then removes it all, in order", async () => {
    const project = await stack("delegated", { scenario: "delegated" });
    try {
      await project.ok(["up", "--yes", "--skip-preview", "--stack", "delegated"]);
      const order = emulator.requests().map((request) => request.operation);
      assert.ok(
        order.indexOf("RegisterDelegatedAdministrator") <
          order.indexOf("PutConfigurationAggregator"),
        order.join(", "),
      );
      assert.deepEqual(callCountsByAccount(emulator), {
        "config:DescribeConfigurationAggregators@222222222222 (NoSuchConfigurationAggregatorException)": 1,
        "config:PutConfigurationAggregator@222222222222": 1,
        "iam:AttachRolePolicy@222222222222": 1,
        "iam:CreateRole@222222222222": 1,
        "organizations:EnableAWSServiceAccess@111111111111": 1,
        "organizations:ListAWSServiceAccessForOrganization@111111111111": 1,
        "organizations:ListDelegatedAdministrators@111111111111": 1,
        "organizations:RegisterDelegatedAdministrator@111111111111": 1,
        "sts:AssumeRole@111111111111": 1,
        "sts:GetCallerIdentity@111111111111": 1,
      });
      const { organization } = emulator.snapshot();
      assert.deepEqual(organization.enabledServicePrincipals, ["config.amazonaws.com"]);
      assert.deepEqual(organization.delegatedAdministrators, [
        { account: "222222222222", servicePrincipal: "config.amazonaws.com" },
      ]);
      assert.deepEqual(holdings(emulator), [
        "aggregator 222222222222/us-east-1 audit-* {}",
        "role 222222222222 AWSConfigOrg-consumer-delegated-audit {}",
      ]);
      const preview = await project.previewJson("delegated");
      assert.deepEqual(changedSteps(preview), []);
      assert.deepEqual(callCountsByAccount(emulator), {});

      await project.ok(["destroy", "--yes", "--skip-preview", "--stack", "delegated"]);
      const removal = emulator.requests().map((request) => request.operation);
      assert.ok(
        removal.indexOf("DeleteConfigurationAggregator") <
          removal.indexOf("DeregisterDelegatedAdministrator"),
        removal.join(", "),
      );
      assert.deepEqual(callCountsByAccount(emulator), {
        "config:DeleteConfigurationAggregator@222222222222": 1,
        "iam:DeleteRole@222222222222": 1,
        "iam:DetachRolePolicy@222222222222": 1,
        "iam:ListAttachedRolePolicies@222222222222": 1,
        "organizations:DeregisterDelegatedAdministrator@111111111111": 1,
        "organizations:DisableAWSServiceAccess@111111111111": 1,
        "sts:AssumeRole@111111111111": 1,
        "sts:GetCallerIdentity@111111111111": 1,
      });
      assert.deepEqual(holdings(emulator), []);
      assert.deepEqual(emulator.snapshot().organization.delegatedAdministrators, []);
      assert.deepEqual(emulator.snapshot().organization.enabledServicePrincipals, []);
    } finally {
      project.dispose();
    }
  });

  it("deploys the same components in two stacks of one project without a collision", async () => {
    const project = await stack("east", { scenario: "multi", home: "us-east-1" });
    try {
      await project.initStack("west", { scenario: "multi", home: "eu-west-1" });
      await project.ok(["up", "--yes", "--stack", "east"]);
      await project.ok(["up", "--yes", "--stack", "west"]);
      const both = holdings(emulator).map((line) => line.replace(/multi-\S+/, "multi-*"));
      assert.deepEqual(both, [
        'aggregator 111111111111/eu-west-1 multi-* {"stack":"west"}',
        'aggregator 111111111111/us-east-1 multi-* {"stack":"east"}',
        'authorization 222222222222/us-east-1 111111111111:eu-west-1 {"stack":"west"}',
        'authorization 222222222222/us-east-1 111111111111:us-east-1 {"stack":"east"}',
        'authorization 333333333333/us-east-1 111111111111:eu-west-1 {"stack":"west"}',
        'authorization 333333333333/us-east-1 111111111111:us-east-1 {"stack":"east"}',
      ]);
      await project.ok(["destroy", "--yes", "--stack", "east"]);
      assert.deepEqual(
        holdings(emulator).map((line) => line.replace(/multi-\S+/, "multi-*")),
        both.filter((line) => line.includes('"west"')),
      );
      await project.ok(["destroy", "--yes", "--stack", "west"]);
      assert.deepEqual(holdings(emulator), []);
    } finally {
      project.dispose();
    }
  });

  it("recovers an up killed right after its first Put: cancel, up refused, adopt, converge", async () => {
    const project = await stack("interrupted", { scenario: "interrupted" });
    const granted = ["222222222222", "333333333333", "444444444444", "555555555555"].map(
      (account) => `authorization 111111111111/us-east-1 ${account}:us-east-1 {}`,
    );
    try {
      await project.killWhen(["up", "--yes", "--stack", "interrupted"], () =>
        emulator.requests().some((r) => r.operation === "PutAggregationAuthorization"),
      );
      // What AWS holds now is recorded nowhere but in the engine's pending operations.
      const made = holdings(emulator);
      assert.ok(made.length >= 1 && made.every((line) => granted.includes(line)), made.join());
      const state = JSON.parse(await project.exportState("interrupted")) as {
        deployment: { resources: { type: string }[]; pending_operations?: { type: string }[] };
      };
      assert.deepEqual(
        state.deployment.resources.filter((r) => r.type.includes("AggregationAuthorization")),
        [],
      );
      assert.ok((state.deployment.pending_operations ?? []).length >= made.length);
      assert.ok(state.deployment.pending_operations!.every((op) => op.type === "creating"));

      // A killed CLI leaves its lock behind; with the file backend, `pulumi cancel` removes it.
      await project.ok(["cancel", "--yes", "--stack", "interrupted"]);
      // The engine drops the pending creates and plans them again: the adoption guard refuses
      // what the killed up made, and says what happened.
      const refused = await project.run(["up", "--yes", "--stack", "interrupted"]);
      assert.equal(refused.code, 1);
      assert.match(refused.stdout, /pending operations from previous deployment/);
      assert.ok(refused.stdout.includes(INTERRUPTED_UP_HINT), refused.stdout);

      await project.setConfig("interrupted", { adoptExisting: "true" });
      const adopted = await project.ok(["up", "--yes", "--stack", "interrupted"]);
      // The refused up created what the killed one had not reached (or some of it, when its
      // first refusal ended it early); this one adopts what was refused and creates the rest.
      assert.match(resourceSummary(adopted.stdout)[0], /^\+ [1-4] created$/);
      assert.deepEqual(holdings(emulator), granted);

      // adoptExisting matters only to create: removing it again plans nothing.
      await project.ok(["config", "rm", "--stack", "interrupted", "adoptExisting"]);
      const { code } = await project.run([
        "preview",
        "--expect-no-changes",
        "--stack",
        "interrupted",
      ]);
      assert.equal(code, 0);
      await project.ok(["destroy", "--yes", "--stack", "interrupted"]);
      assert.deepEqual(holdings(emulator), []);
    } finally {
      project.dispose();
    }
  });
});
