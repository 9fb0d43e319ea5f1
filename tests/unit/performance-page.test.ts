import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { PERFORMANCE_PAGE, renderPerformancePage, RESULTS_FILE } from "../../bench/report";
import { providerText } from "../../provider/shared/stub";

/** The committed results, parsed afresh for each test so that no test sees another's changes. */
function committedResults(): Record<string, unknown> {
  return JSON.parse(readFileSync(RESULTS_FILE, "utf8")) as Record<string, unknown>;
}

/** The `## ` headings of a page, in order. */
function headings(page: string): string[] {
  return page
    .split("\n")
    .filter((line) => line.startsWith("## "))
    .map((line) => line.slice(3));
}

describe("docs/performance.md", () => {
  it("is the page rendered from the committed bench/results.json (run npm run docs:performance)", () => {
    assert.equal(readFileSync(PERFORMANCE_PAGE, "utf8"), renderPerformancePage(committedResults()));
  });

  it("shows the measured size of an authorization's __provider in the state-size table", () => {
    const results = committedResults() as {
      stateSize: { providerBytes: { AggregationAuthorization: number } };
    };
    const measured = results.stateSize.providerBytes.AggregationAuthorization;
    // The committed run measured the one-line text this package stores today.
    assert.equal(measured, Buffer.byteLength(providerText("authorization")));

    const row = renderPerformancePage(results)
      .split("\n")
      .find((line) => line.startsWith("| `__provider`, AggregationAuthorization "));
    assert.match(row ?? "", new RegExp(`\\| +${measured.toLocaleString("en-US")} B \\|$`));
  });

  it("shows the figures of a changed run, not those of the committed one", () => {
    const results = committedResults() as { startup: { firstCheckMs: { median: number } } };
    results.startup.firstCheckMs.median = 1234.4;

    const row = renderPerformancePage(results)
      .split("\n")
      .find((line) => line.startsWith("| first Check answered "));
    assert.match(row ?? "", /^\| first Check answered +\| 1,234 ms \|/);
  });

  it("renders an engine section of another shape first, generically, before the run and the goals", () => {
    const page = renderPerformancePage({
      ...committedResults(),
      engine: { create: { ratio: 0.5, resources: 2000 }, up: { wallMs: 61234.5 } },
    });

    assert.deepEqual(headings(page).slice(0, 3), ["Under the real engine", "The run", "Goals"]);
    assert.ok(page.includes("| engine.create.ratio     | 0.5      |"), page);
    assert.ok(page.includes("| engine.create.resources | 2,000    |"), page);
    assert.ok(page.includes("| engine.up.wallMs        | 61,234.5 |"), page);
  });

  it("renders the engine's steps and says where to split a stack, from the run's own figures", () => {
    const step = (seconds: number, awsCalls: number, operations: Record<string, number>) => ({
      command: "pulumi up",
      exitCode: 0,
      seconds,
      awsCalls,
      awsCallsByOperation: operations,
      retries: 0,
      failures: 0,
      awsErrors: {},
      enginePeakBytes: 256 * 2 ** 20,
      providerHostPeakBytes: 200 * 2 ** 20,
      programPeakBytes: 400 * 2 ** 20,
    });
    const engine = {
      scale: { accounts: 100, regions: 10 },
      latencyMs: 50,
      throttlePerSecond: 10,
      floor: step(180, 2102, { PutAggregationAuthorization: 1000 }),
      create: {
        ...step(190, 2102, { PutAggregationAuthorization: 1000 }),
        authorizations: 1000,
        floorSeconds: 180,
        ratio: 190 / 180,
      },
      noop: step(17.5, 1, { GetCallerIdentity: 1 }),
      refresh: {
        ...step(16, 2102, {}),
        scans: 1000,
        placements: 1000,
        getResources: 1001,
        getResourcesBound: 1001,
      },
      tagChange: step(300, 1101, { TagResource: 1001 }),
      destroy: step(180, 1001, {}),
      stateBytesPerResource: 2000,
      stateBytes: 2_006_000,
      stateResources: 1003,
      authorizationStateBytes: {
        total: 1900,
        providerText: 200,
        properties: 700,
        sourcePositions: 750,
        engine: 250,
      },
    };

    const page = renderPerformancePage({ ...committedResults(), engine });

    assert.deepEqual(headings(page)[0], "Under the real engine");
    assert.ok(page.includes("| unchanged up "), page);
    assert.ok(page.includes("1 (GetCallerIdentity 1)"), page);
    assert.ok(page.includes("### When to split a stack"), page);
    const guidance = page.slice(page.indexOf("### When to split a stack")).replace(/\s+/g, " ");
    assert.ok(
      guidance.includes(
        "In this run a stack of 1,003 resources took 189.4 s of create and 299.1 s of a change to every child per 1,000 resources, and an unchanged `pulumi up` took 17.5 s.",
      ),
      guidance,
    );
  });

  it("renders a section it does not know as key and value rows instead of dropping it", () => {
    const page = renderPerformancePage({
      ...committedResults(),
      coldStart: { runs: [{ ms: 812 }, { ms: 790 }], note: "a | b" },
    });

    assert.ok(headings(page).includes("Cold start"));
    assert.ok(page.includes("| coldStart.runs[0].ms | 812    |"), page);
    assert.ok(page.includes("| coldStart.note       | a \\| b |"), page);
  });

  it("renders a known section whose shape has changed generically, keeping its title", () => {
    const page = renderPerformancePage({ ...committedResults(), assumeRole: { calls: 7 } });

    assert.ok(page.includes("## AssumeRole across accounts\n"));
    assert.ok(page.includes("| assumeRole.calls | 7     |"), page);
  });
});
