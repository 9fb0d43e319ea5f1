/**
 * The demo under the real `pulumi` CLI: the example program behind Pulumi.yaml, in a temp copy of
 * the project with its own `file://` backend, against the embedded emulator. Each step prints
 * what `pulumi` printed and the AWS calls it made.
 */
import * as fs from "node:fs";
import { startEmulator } from "../../emulator";
import { PulumiProject } from "../../tests/e2e/support/pulumi";
import { exampleProject } from "../../tests/e2e/support/projects";
import { printCalls } from "./calls";
import { printSourcesStatus } from "./sources";

const STACK = "demo";
/** The example's home region (the project's `AWS_REGION`). */
const REGION = "us-east-1";

/** `pulumi`'s output without its progress lines (`@ updating....`), indented. */
function printOutput(stdout: string): void {
  const lines = stdout.split("\n").filter((line) => !line.startsWith("@ "));
  console.log(lines.map((line) => (line === "" ? "" : `  | ${line}`)).join("\n"));
}

/** Prints the sources of the stack's two aggregators, asked from this process as a script would. */
async function printSourcesStatusOf(project: PulumiProject, endpoint: string): Promise<void> {
  const outputs = JSON.parse(
    (await project.ok(["stack", "output", "--json", "--stack", STACK])).stdout,
  ) as Record<string, string>;
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY } = project.env();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY,
  });
  await printSourcesStatus(
    [outputs.organizationAggregatorName, outputs.workloadsAggregatorName],
    REGION,
  );
}

/** Runs the demo with the CLI in `cliDir`. */
export async function realCliDemo(cliDir: string): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  const project = new PulumiProject(exampleProject(), cliDir, emulator.url);
  console.log(`Local AWS endpoint: ${emulator.url} (management account 111111111111)`);
  console.log(`Pulumi CLI: ${cliDir}`);
  const step = async (title: string, args: string[]) => {
    console.log(`\n$ pulumi ${args.join(" ")}    # ${title}`);
    printOutput((await project.ok([...args, "--stack", STACK])).stdout);
    printCalls(emulator);
  };
  try {
    await project.initStack(STACK);
    emulator.clearRequests();
    await step("the first deployment's plan", ["preview"]);
    await step("deploy", ["up", "--yes"]);
    await step("the unchanged program again", ["up", "--yes"]);

    console.log("\nChange: add member account 444444444444 and the tag team=security.");
    await project.setConfig(STACK, {
      sourceAccountIds: '["222222222222","333333333333","444444444444"]',
      tags: '{"team":"security"}',
    });
    emulator.clearRequests();
    await step("the change's plan", ["preview"]);
    await step("deploy the change", ["up", "--yes"]);
    await printSourcesStatusOf(project, emulator.url);
    emulator.clearRequests();
    await step("remove everything", ["destroy", "--yes"]);
    const left = emulator.snapshot();
    console.log(
      `\nLeft in the emulator: ${left.resources.length} Config resources, ${left.roles.length} IAM roles.`,
    );
  } finally {
    project.dispose();
    fs.rmSync(project.dir, { recursive: true, force: true });
    await emulator.close();
  }
}
