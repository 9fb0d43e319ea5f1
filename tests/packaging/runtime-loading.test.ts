/**
 * The runtime answers `check` and `diff` without loading the AWS SDK, which is most of what this
 * package takes to load: the first call of a preview (and every call of an unchanged one) then
 * waits only for the pure half. Measured in a fresh Node process over the built package, as the
 * dynamic-provider host loads it.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { ACCOUNTS } from "../support/fixtures";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** Runs `script` in a fresh Node process at the repository root and parses what it prints. */
function inFreshProcess(script: string): unknown {
  const output = execFileSync(process.execPath, ["-e", script], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
  return JSON.parse(output);
}

/** Prints the AWS SDK packages loaded so far, after the given statements. */
const LOADED_SDK = `
  const sdk = () => [...new Set(Object.keys(require.cache)
    .map((file) => /node_modules\\/(@aws-sdk\\/[^/]+)/.exec(file)?.[1])
    .filter(Boolean))].sort();`;

describe("the runtime's loading", () => {
  it("answers check and diff of every kind without loading the AWS SDK", () => {
    const loaded = inFreshProcess(`${LOADED_SDK}
      const runtime = require("./dist/provider/runtime.js");
      (async () => {
        const checked = await runtime.provider("authorization").check({}, {
          authorizedAccountId: "${ACCOUNTS.A}", authorizedAwsRegion: "us-east-1", region: "us-east-1",
        });
        await runtime.provider("authorization").diff("id", checked.inputs, checked.inputs);
        await runtime.provider("aggregator").check({}, { name: "a", region: "us-east-1",
          accountAggregationSource: { accountIds: ["${ACCOUNTS.A}"], allAwsRegions: true } });
        await runtime.provider("role").check({}, { name: "r", region: "us-east-1" });
        await runtime.provider("serviceAccess").check({}, { servicePrincipal: "config.amazonaws.com" });
        await runtime.provider("delegatedAdministrator").check({}, {
          accountId: "${ACCOUNTS.B}", servicePrincipal: "config.amazonaws.com" });
        console.log(JSON.stringify({ failures: checked.failures, sdk: sdk() }));
      })();`);
    assert.deepEqual(loaded, { failures: [], sdk: [] });
  });

  it("loads the AWS SDK clients on the first call that needs AWS", () => {
    const loaded = inFreshProcess(`${LOADED_SDK}
      const runtime = require("./dist/provider/runtime.js");
      process.env.AWS_ENDPOINT_URL = "http://127.0.0.1:9";
      process.env.AWS_MAX_ATTEMPTS = "1";
      runtime.provider("aggregator").delete("a", { name: "a", region: "us-east-1", accountId: "${ACCOUNTS.A}",
        assumeRole: { roleArn: "arn:aws:iam::${ACCOUNTS.A}:role/R" } })
        .catch(() => undefined)
        .then(() => console.log(JSON.stringify(sdk().filter((name) => name.startsWith("@aws-sdk/client-")))));`);
    assert.deepEqual(loaded, [
      "@aws-sdk/client-config-service",
      "@aws-sdk/client-iam",
      "@aws-sdk/client-organizations",
      "@aws-sdk/client-resource-groups-tagging-api",
      "@aws-sdk/client-sts",
    ]);
  });
});
