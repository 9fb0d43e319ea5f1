import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import type * as Package from "../../index";
import { aggregationAuthorizationProvider, configurationAggregatorProvider } from "../../index";
import { HostError, startProviderHost } from "../support/host";
import { providerText } from "../../provider/shared/stub";
import { serializeProvider } from "../support/serialize";
import { AGGREGATOR_TYPE, REPO_ROOT, urnOf } from "./helpers";

/** The most `__provider` text a resource may store (issue 3: at most 4 KiB). */
const MAX_PROVIDER_BYTES = 4096;

/** The package as built for publishing: what a JavaScript program or a consumer project loads. */
const built = createRequire(__filename)(path.join(REPO_ROOT, "dist", "index.js")) as typeof Package;

const providers = [
  { kind: "aggregator", from: "the sources", provider: configurationAggregatorProvider },
  { kind: "authorization", from: "the sources", provider: aggregationAuthorizationProvider },
  { kind: "aggregator", from: "dist/", provider: built.configurationAggregatorProvider },
  { kind: "authorization", from: "dist/", provider: built.aggregationAuthorizationProvider },
];

describe("the __provider text resources store", () => {
  it("is one line that asks the installed runtime for the provider of its kind", () => {
    assert.equal(
      providerText("authorization"),
      'exports.handler = () => require("pulumi-aws-config-aggregation/runtime").provider("authorization");\n',
    );
  });
});

describe("the serialized __provider text (stored by versions before the one-line text)", function () {
  for (const { kind, from, provider } of providers) {
    describe(`of the ${kind} provider, loaded from ${from}`, () => {
      let text: string;
      before(async () => {
        text = await serializeProvider(provider);
      });

      it(`is at most ${MAX_PROVIDER_BYTES} bytes`, () => {
        const bytes = Buffer.byteLength(text, "utf8");
        assert.ok(bytes <= MAX_PROVIDER_BYTES, `${bytes} bytes`);
      });

      it("exports the handler the host calls and loads the installed runtime by package name", () => {
        assert.equal(text.split("\n")[0], "exports.handler = __f0;");
        assert.equal(text.split('"pulumi-aws-config-aggregation/runtime"').length, 2);
        assert.equal(text.split(`kind: "${kind}"`).length, 2);
        assert.equal(text.match(/require\(/g)?.length, 1);
        assert.deepEqual(
          [...text.matchAll(/call\("(\w+)",\s*args\)/g)].map((m) => m[1]),
          ["configure", "check", "diff", "create", "read", "update", "delete"],
        );
      });

      it("names no path of this machine and no node_modules folder", () => {
        for (const local of ["node_modules", REPO_ROOT, os.homedir(), os.tmpdir()]) {
          assert.equal(text.includes(local), false, `mentions ${local}`);
        }
        assert.equal(/["'`](\/|[A-Za-z]:\\)/.test(text), false, "quotes an absolute path");
      });
    });
  }

  it("is the same text for both resources but for the kind", async () => {
    const aggregator = await serializeProvider(configurationAggregatorProvider);
    const authorization = await serializeProvider(aggregationAuthorizationProvider);
    assert.equal(authorization.replace('kind: "authorization"', 'kind: "aggregator"'), aggregator);
  });

  describe("run by a host outside any project that has the package", () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "protocol-no-package-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("fails to load the runtime, showing that it resolves from the program's directory", async () => {
      const host = await startProviderHost({ cwd: dir });
      try {
        await host.configure({ "aws:region": "us-east-1" });
        const code = await serializeProvider(configurationAggregatorProvider);
        const failure = await host
          .check(urnOf(AGGREGATOR_TYPE, "org"), {}, { __provider: code, name: "org" })
          .then(
            () => assert.fail("check should have failed"),
            (e: unknown) => e,
          );
        assert.ok(failure instanceof HostError);
        assert.equal(
          failure.details.split("\n")[0],
          "Cannot find module 'pulumi-aws-config-aggregation/runtime'",
        );
      } finally {
        await host.stop();
      }
    });
  });
});
