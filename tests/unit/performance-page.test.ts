import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { PERFORMANCE_PAGE, renderPerformancePage, RESULTS_FILE } from "../../bench/report";

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
    assert.ok(Number.isInteger(measured) && measured > 1000, `measured: ${measured}`);

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

  it("renders an engine section first, before the run and the goals", () => {
    const page = renderPerformancePage({
      ...committedResults(),
      engine: { create: { ratio: 0.5, resources: 2000 }, up: { wallMs: 61234.5 } },
    });

    assert.deepEqual(headings(page).slice(0, 3), ["Engine", "The run", "Goals"]);
    assert.ok(page.includes("| engine.create.ratio     | 0.5      |"), page);
    assert.ok(page.includes("| engine.create.resources | 2,000    |"), page);
    assert.ok(page.includes("| engine.up.wallMs        | 61,234.5 |"), page);
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
