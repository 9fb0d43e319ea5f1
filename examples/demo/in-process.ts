/**
 * The demo without a Pulumi CLI: the example organization setup through the in-process engine
 * (`tests/support/runner.ts`) and the real `@pulumi/pulumi` dynamic-provider host — preview, up, a
 * change, preview, up, destroy — printing the plan of every step with the properties that
 * changed, and the AWS calls each step made.
 */
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { forgetCallerAccount } from "../../components/caller-account";
import { ProgramRunner, type RunResult, type Step } from "../../tests/support/runner";
import { organizationSetup, type OrganizationSetup } from "../organization/program";
import { printCalls } from "./calls";
import { printSourcesStatus } from "./sources";

const REGION = "us-east-1";
const FIRST: OrganizationSetup = {
  homeRegion: REGION,
  sourceAccountIds: ["222222222222", "333333333333"],
  sourceRoleName: "OrganizationAccountAccessRole",
  sourceRegions: ["us-east-1", "eu-west-1"],
  tags: { "managed-by": "pulumi", stack: "demo" },
};
/** The change: one more member account and one more tag. */
const SECOND: OrganizationSetup = {
  ...FIRST,
  sourceAccountIds: [...FIRST.sourceAccountIds, "444444444444"],
  tags: { ...FIRST.tags, team: "security" },
};

const SYMBOLS: Record<Step["op"], string> = {
  create: "+ ",
  update: "~ ",
  replace: "+-",
  delete: "- ",
  same: "  ",
  refresh: "~ ",
};

function printSteps(title: string, result: RunResult): void {
  console.log(`\n${title}`);
  const counts = new Map<string, number>();
  for (const step of result.steps) {
    counts.set(step.op, (counts.get(step.op) ?? 0) + 1);
    if (step.op === "same") continue;
    const type = step.type.split(":").pop() ?? step.type;
    const changed =
      step.op === "update" || step.op === "replace" ? `  [${step.changedKeys.join(", ")}]` : "";
    console.log(
      `  ${SYMBOLS[step.op]} ${step.op.padEnd(7)} ${type.padEnd(26)} ${step.name}${changed}`,
    );
  }
  const summary = [...counts]
    .map(([op, n]) => `${n} ${op === "same" ? "unchanged" : op}`)
    .join(", ");
  console.log(`  Resources: ${summary || "none"}`);
}

/** Runs the demo through the in-process engine. */
export async function inProcessDemo(): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  const env = {
    AWS_ENDPOINT_URL: emulator.url,
    AWS_ACCESS_KEY_ID: "AKIADEMO000000000001",
    AWS_SECRET_ACCESS_KEY: "demo-secret",
    AWS_REGION: REGION,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  Object.assign(process.env, env);
  const runner = new ProgramRunner({
    cwd: path.resolve(__dirname, "..", ".."),
    env,
    config: { "aws:region": REGION },
    project: "aws-config-aggregation-example",
    stack: "demo",
    // Every pulumi command is a new program process and a new provider host: their caches (the
    // caller's account, assumed-role credentials) start empty, so each step shows all its calls.
    processPerRun: true,
    onNewProcess: forgetCallerAccount,
  });
  console.log(`Local AWS endpoint: ${emulator.url} (management account 111111111111)`);
  try {
    const first = () => organizationSetup(FIRST);
    const second = () => organizationSetup(SECOND);

    printSteps("Previewing the first deployment (pulumi preview):", await runner.preview(first));
    printCalls(emulator);
    const up = await runner.up(first);
    printSteps("Deploying (pulumi up):", up);
    printCalls(emulator);
    console.log("  Outputs:");
    for (const [key, value] of Object.entries(up.outputs))
      console.log(`    ${key}: ${String(value)}`);

    printSteps("Running the unchanged program again (pulumi up):", await runner.up(first));
    printCalls(emulator);

    console.log("\nChange: add member account 444444444444 and the tag team=security.");
    printSteps("Previewing the change (pulumi preview):", await runner.preview(second));
    printCalls(emulator);
    const changed = await runner.up(second);
    printSteps("Deploying the change (pulumi up):", changed);
    printCalls(emulator);
    await printSourcesStatus(
      [
        String(changed.outputs.organizationAggregatorName),
        String(changed.outputs.workloadsAggregatorName),
      ],
      REGION,
    );
    emulator.clearRequests();

    printSteps("Destroying (pulumi destroy):", await runner.destroy());
    printCalls(emulator);
    const left = emulator.snapshot();
    console.log(
      `\nLeft in the emulator: ${left.resources.length} Config resources, ${left.roles.length} IAM roles.`,
    );
  } finally {
    await runner.close();
    await emulator.close();
  }
}
