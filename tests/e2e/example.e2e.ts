/**
 * The example program behind Pulumi.yaml, through the real `pulumi` CLI against the emulator: a
 * whole life from preview to destroy, with drift in between. One stack for the block; each test
 * is one step of that life and builds on the step before it.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import {
  ConfigServiceClient,
  DeleteAggregationAuthorizationCommand,
  TagResourceCommand,
} from "@aws-sdk/client-config-service";
import { startEmulator, type Emulator } from "../../emulator/index.js";
import { callCountsByAccount, holdings } from "./support/calls";
import { changedSteps, PulumiProject, pulumiCliDir, resourceSummary } from "./support/pulumi";
import { exampleProject } from "./support/projects";

const STACK = "e2e";
const MEMBER_KEY = "AKIAE2EMEMBER0000222";
const ORG_ROLE = "AWSConfigOrg-aws-config-aggregation-example-e2e-organization";
const BASE_TAGS = '{"managed-by":"pulumi","stack":"e2e"}';
const CHANGED_TAGS = '{"managed-by":"pulumi","stack":"e2e","team":"security"}';

/** What the emulator holds when the example is deployed with these member accounts and tags. */
function setupHeld(members: string[], tags: string): string[] {
  return [
    `aggregator 111111111111/us-east-1 organization-* ${tags}`,
    `aggregator 111111111111/us-east-1 workloads-* ${tags}`,
    ...members.flatMap((account) =>
      ["eu-west-1", "us-east-1"].map(
        (region) => `authorization ${account}/${region} 111111111111:us-east-1 ${tags}`,
      ),
    ),
    `role 111111111111 ${ORG_ROLE} ${tags}`,
  ].sort();
}

describe("the example program under the real pulumi CLI", function () {
  let emulator: Emulator;
  let project: PulumiProject;

  before(async function () {
    this.timeout(1_200_000);
    emulator = await startEmulator({ accessKeys: { [MEMBER_KEY]: "222222222222" } });
    project = new PulumiProject(exampleProject(), await pulumiCliDir(), emulator.url);
    await project.initStack(STACK);
    emulator.clearRequests();
  });

  after(async () => {
    project?.dispose();
    if (project) fs.rmSync(project.dir, { recursive: true, force: true });
    await emulator?.close();
  });

  it("previews ten creates with one account check and nothing written", async () => {
    const preview = await project.previewJson(STACK);
    assert.deepEqual(changedSteps(preview), [
      "create aws-config-aggregation-example-e2e",
      "create organization",
      "create organization",
      "create organization-role",
      "create workloads",
      "create workloads",
      "create workloads-auth-222222222222-eu-west-1",
      "create workloads-auth-222222222222-us-east-1",
      "create workloads-auth-333333333333-eu-west-1",
      "create workloads-auth-333333333333-us-east-1",
    ]);
    assert.deepEqual(callCountsByAccount(emulator), { "sts:GetCallerIdentity@111111111111": 1 });
  });

  it("creates everything with one up", async () => {
    const { stdout } = await project.ok(["up", "--yes", "--stack", STACK]);
    assert.deepEqual(resourceSummary(stdout), ["+ 10 created"]);
    assert.deepEqual(holdings(emulator), setupHeld(["222222222222", "333333333333"], BASE_TAGS));
    assert.deepEqual(callCountsByAccount(emulator), {
      "config:DescribeAggregationAuthorizations@222222222222": 2,
      "config:DescribeAggregationAuthorizations@333333333333": 2,
      "config:DescribeConfigurationAggregators@111111111111 (NoSuchConfigurationAggregatorException)": 2,
      "config:PutAggregationAuthorization@222222222222": 2,
      "config:PutAggregationAuthorization@333333333333": 2,
      "config:PutConfigurationAggregator@111111111111": 2,
      "iam:AttachRolePolicy@111111111111": 1,
      "iam:CreateRole@111111111111": 1,
      "sts:AssumeRole@111111111111": 2,
      "sts:GetCallerIdentity@111111111111": 2,
    });
  });

  it("previews no changes, with no AWS call beyond the account check", async () => {
    const { code, stdout } = await project.run([
      "preview",
      "--expect-no-changes",
      "--stack",
      STACK,
    ]);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /10 unchanged/);
    assert.deepEqual(callCountsByAccount(emulator), { "sts:GetCallerIdentity@111111111111": 1 });
  });

  it("previews a tag change, an account added and an account removed without a replacement", async () => {
    await project.ok(["config", "set", "--stack", STACK, "tags", '{"team":"security"}']);
    // A whole JSON list: `--path sourceAccountIds[1]` would store numbers, and a null in place of
    // the project-level default's other elements.
    await project.ok([
      "config",
      "set",
      "--stack",
      STACK,
      "sourceAccountIds",
      '["222222222222","444444444444"]',
    ]);
    const preview = await project.previewJson(STACK);
    assert.deepEqual(changedSteps(preview), [
      "create workloads-auth-444444444444-eu-west-1",
      "create workloads-auth-444444444444-us-east-1",
      "delete workloads-auth-333333333333-eu-west-1",
      "delete workloads-auth-333333333333-us-east-1",
      "update organization",
      "update organization-role",
      "update workloads",
      "update workloads-auth-222222222222-eu-west-1",
      "update workloads-auth-222222222222-us-east-1",
    ]);
    const { stdout } = await project.ok(["preview", "--diff", "--stack", STACK]);
    assert.doesNotMatch(stdout, /replace/);
    assert.deepEqual(resourceSummary(stdout), [
      "+ 2 to create",
      "~ 5 to update",
      "- 2 to delete",
      "9 changes. 3 unchanged",
    ]);
    assert.match(stdout, /\+ team\s+: "security"/);
    assert.deepEqual(callCountsByAccount(emulator), { "sts:GetCallerIdentity@111111111111": 2 });
  });

  it("applies that change", async () => {
    const { stdout } = await project.ok(["up", "--yes", "--stack", STACK]);
    assert.deepEqual(resourceSummary(stdout), [
      "+ 2 created",
      "~ 5 updated",
      "- 2 deleted",
      "9 changes. 3 unchanged",
    ]);
    assert.deepEqual(holdings(emulator), setupHeld(["222222222222", "444444444444"], CHANGED_TAGS));
  });

  it("refresh sees out-of-band tag drift and an out-of-band delete; up restores both", async () => {
    const member = new ConfigServiceClient({
      endpoint: emulator.url,
      region: "eu-west-1",
      credentials: { accessKeyId: MEMBER_KEY, secretAccessKey: "x" },
    });
    const [authorization] = emulator
      .snapshot()
      .resources.filter((r) => r.account === "222222222222" && r.region === "eu-west-1");
    await member.send(
      new TagResourceCommand({
        ResourceArn: authorization.arn,
        Tags: [{ Key: "drift", Value: "yes" }],
      }),
    );
    const memberUs = new ConfigServiceClient({
      endpoint: emulator.url,
      region: "us-east-1",
      credentials: { accessKeyId: MEMBER_KEY, secretAccessKey: "x" },
    });
    await memberUs.send(
      new DeleteAggregationAuthorizationCommand({
        AuthorizedAccountId: "111111111111",
        AuthorizedAwsRegion: "us-east-1",
      }),
    );
    emulator.clearRequests();

    const refresh = await project.ok(["refresh", "--yes", "--stack", STACK]);
    assert.deepEqual(resourceSummary(refresh.stdout), [
      "~ 1 updated",
      "- 1 deleted",
      "2 changes. 8 unchanged",
    ]);

    const up = await project.ok(["up", "--yes", "--stack", STACK]);
    assert.deepEqual(resourceSummary(up.stdout), [
      "+ 1 created",
      "~ 1 updated",
      "2 changes. 8 unchanged",
    ]);
    assert.deepEqual(holdings(emulator), setupHeld(["222222222222", "444444444444"], CHANGED_TAGS));
  });

  it("destroy leaves nothing in the emulator", async () => {
    const { stdout } = await project.ok(["destroy", "--yes", "--stack", STACK]);
    assert.deepEqual(resourceSummary(stdout), ["- 10 deleted"]);
    assert.deepEqual(holdings(emulator), []);
  });
});
