/**
 * `npm run --silent pulumi:path`: prints one line, the directory of a Pulumi CLI at the release of
 * the installed `@pulumi/pulumi`, building it first when this machine has none (progress on
 * stderr). Exits 1 with the failing command and its error when it cannot.
 */
import { pulumiCli } from "./cli";

pulumiCli().then(
  (cli) => {
    process.stderr.write(`pulumi ${cli.version} from ${cli.source}\n`);
    process.stdout.write(`${cli.dir}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
