/**
 * Project directories for the end-to-end tier: the repository's example program (Pulumi.yaml at
 * the root) and a consumer project that installs the packed tarball.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { installConsumerProject, packRepository, REPO_ROOT } from "../../support/consumer";

/**
 * A temp directory that runs the repository's example program: a copy of Pulumi.yaml beside links
 * to the built dist/ and node_modules/. Stack config files (`Pulumi.<stack>.yaml`, which the
 * passphrase secrets provider writes) land there, never in the working tree.
 */
export function exampleProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-example-"));
  fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  for (const linked of ["dist", "node_modules", "package.json"]) {
    fs.symlinkSync(path.join(REPO_ROOT, linked), path.join(dir, linked));
  }
  return dir;
}

/**
 * A consumer project in a temp directory: the packed package and `@pulumi/pulumi` installed from
 * the registry (see `installConsumerProject`), `program` as its `index.js`.
 */
export async function consumerProject(name: string, program: string): Promise<string> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-consumer-"));
  const { tarball } = await packRepository(work);
  const dir = path.join(work, "project");
  await installConsumerProject(dir, tarball);
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    `name: ${name}\nruntime: nodejs\ndescription: A consumer of the packed package.\n`,
  );
  fs.writeFileSync(path.join(dir, "index.js"), program);
  return dir;
}
