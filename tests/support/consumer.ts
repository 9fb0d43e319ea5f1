/**
 * A consumer project: this package packed with `npm pack` and installed from the tarball into a
 * new directory, as a user's project would have it. Shared by the packaging test and the
 * end-to-end tier.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { installedVersion, REPO_ROOT } from "../../tools/pulumi-cli/cli";

const run = promisify(execFile);

/** The npm executable of this platform. */
export const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

export { installedVersion, REPO_ROOT };

/** A tarball made by `npm pack` and the files it holds (sorted). */
export interface PackedPackage {
  readonly tarball: string;
  readonly files: string[];
}

/**
 * Packs the repository into `destination`. `--ignore-scripts`: `prepare` would build again, and
 * every caller has built dist/ already.
 */
export async function packRepository(destination: string): Promise<PackedPackage> {
  const { stdout } = await run(
    NPM,
    ["pack", "--json", "--ignore-scripts", "--pack-destination", destination],
    { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  const [result] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  return {
    tarball: path.join(destination, result.filename),
    files: result.files.map((file) => file.path).sort(),
  };
}

/**
 * Creates `project` with a package.json and installs the tarball there, beside the
 * `@pulumi/pulumi` and `@types/node` versions the repository tests against.
 *
 * `--prefer-offline`, never `--offline`: the repository's `npm ci` caches tarballs but not the
 * registry metadata that resolving a version needs, so an offline install only works on a machine
 * whose cache happens to be warm. `.ci/run` runs with an empty cache so that this cannot return.
 */
export async function installConsumerProject(project: string, tarball: string): Promise<void> {
  fs.mkdirSync(project, { recursive: true });
  fs.writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify({ name: "consumer-project", version: "1.0.0", private: true }, null, 2),
  );
  await run(
    NPM,
    [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      tarball,
      `@pulumi/pulumi@${installedVersion("@pulumi/pulumi")}`,
      `@types/node@${installedVersion("@types/node")}`,
    ],
    { cwd: project, maxBuffer: 16 * 1024 * 1024 },
  );
}
