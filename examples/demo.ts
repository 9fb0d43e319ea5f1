/**
 * `npm run demo`: the example organization setup, end to end, with no AWS account — preview, up,
 * an unchanged up, a change, up, destroy — against the embedded local AWS emulator, printing each
 * step's plan and AWS calls. It runs the real `pulumi` CLI when `npm run pulumi:path` has one
 * (`PULUMI_CLI_DIR`, a matching `pulumi` on PATH, or a cached build); otherwise it says how to get
 * one and runs the in-process engine instead.
 */
import { pulumiCli } from "../tools/pulumi-cli/cli";
import { inProcessDemo } from "./demo/in-process";
import { realCliDemo } from "./demo/real-cli";

async function main(): Promise<void> {
  const cli = await pulumiCli({ build: false });
  if (cli !== undefined) return realCliDemo(cli.dir);
  console.log(
    [
      "No Pulumi CLI 3.248 here (PULUMI_CLI_DIR, PATH or the build cache).",
      "`npm run pulumi:path` builds one from its Go modules (about 6 minutes the first time);",
      "then `npm run demo` runs the real `pulumi`. Meanwhile: the in-process engine, which stands",
      "in for `pulumi` and drives the real dynamic-provider host.",
    ].join("\n"),
  );
  return inProcessDemo();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
