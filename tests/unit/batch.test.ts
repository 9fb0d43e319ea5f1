import assert from "node:assert/strict";
import { BATCH_WINDOW_MS, Batcher, BatcherPool } from "../../provider/shared/aws/batch";
import { ACCOUNTS } from "../support/fixtures";

/** A `run` that records each call's requests and answers `<request>!` for each. */
function recordingRun() {
  const calls: string[][] = [];
  const run = (requests: string[]): Promise<string[]> => {
    calls.push(requests);
    return Promise.resolve(requests.map((request) => `${request}!`));
  };
  return { calls, run };
}

/**
 * A batcher whose first call of `run` waits until `release()`; later calls answer at once.
 * `started` resolves when the first call has begun.
 */
function heldFirstCall() {
  const calls: string[][] = [];
  let release: () => void = () => undefined;
  let signalStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    signalStarted = resolve;
  });
  const batcher = new Batcher((requests: string[]) => {
    calls.push(requests);
    const answer = requests.map((request) => `${request}!`);
    if (calls.length > 1) return Promise.resolve(answer);
    signalStarted();
    return new Promise<string[]>((resolve) => {
      release = () => resolve(answer);
    });
  });
  return { calls, batcher, started, release: () => release() };
}

describe("Batcher", () => {
  it("serves requests made in the same window with one call of run, in arrival order", async () => {
    const { calls, run } = recordingRun();
    const batcher = new Batcher(run);
    const results = await Promise.all(["a", "b", "c"].map((request) => batcher.request(request)));
    assert.deepStrictEqual(calls, [["a", "b", "c"]]);
    assert.deepStrictEqual(results, ["a!", "b!", "c!"]);
  });

  it("calls run once per window, never again for an empty one", async () => {
    const { calls, run } = recordingRun();
    const batcher = new Batcher(run);
    await Promise.all(["a", "b", "c"].map((request) => batcher.request(request)));
    await new Promise((resolve) => setTimeout(resolve, BATCH_WINDOW_MS * 3));
    assert.deepStrictEqual(calls, [["a", "b", "c"]]);
  });

  it("gives each waiter the result at its own position", async () => {
    const batcher = new Batcher((requests: number[]) =>
      Promise.resolve(requests.map((n) => n * 10)),
    );
    const [three, one, two] = await Promise.all([3, 1, 2].map((n) => batcher.request(n)));
    assert.deepStrictEqual([three, one, two], [30, 10, 20]);
  });

  it("adds requests made a few ticks later, while the window is open, to the same call", async () => {
    const { calls, run } = recordingRun();
    const batcher = new Batcher(run);
    const first = batcher.request("a");
    await Promise.resolve();
    await new Promise<void>((resolve) => setImmediate(resolve));
    const second = batcher.request("b");
    assert.deepStrictEqual(await Promise.all([first, second]), ["a!", "b!"]);
    assert.deepStrictEqual(calls, [["a", "b"]]);
  });

  it("rejects every waiter with the same error when run fails", async () => {
    const failure = new Error("GetResources failed: ThrottlingException");
    let calls = 0;
    const batcher = new Batcher<string, string>(() => {
      calls++;
      return Promise.reject(failure);
    });
    const settled = await Promise.allSettled(
      ["a", "b", "c"].map((request) => batcher.request(request)),
    );
    assert.equal(calls, 1);
    assert.deepStrictEqual(
      settled.map((outcome) => outcome.status),
      ["rejected", "rejected", "rejected"],
    );
    for (const outcome of settled) {
      assert.equal(outcome.status, "rejected");
      assert.strictEqual(outcome.reason, failure);
    }
  });

  it("sends requests made after the window in a second call", async () => {
    const { calls, run } = recordingRun();
    const batcher = new Batcher(run);
    assert.deepStrictEqual(await Promise.all([batcher.request("a"), batcher.request("b")]), [
      "a!",
      "b!",
    ]);
    assert.deepStrictEqual(await batcher.request("c"), "c!");
    assert.deepStrictEqual(calls, [["a", "b"], ["c"]]);
  });

  it("sends requests made while a call is running in a new call, not the running one", async () => {
    const { calls, batcher, started, release } = heldFirstCall();
    const first = batcher.request("a");
    await started;
    const second = batcher.request("b");
    release();
    assert.deepStrictEqual(await Promise.all([first, second]), ["a!", "b!"]);
    assert.deepStrictEqual(calls, [["a"], ["b"]]);
  });

  it("runs one call at a time: requests made during a long call wait and go together into the next", async () => {
    const { calls, batcher, started, release } = heldFirstCall();
    const first = batcher.request("a");
    await started;
    const later = [batcher.request("b")];
    await new Promise((resolve) => setTimeout(resolve, BATCH_WINDOW_MS * 3));
    later.push(batcher.request("c"));
    assert.deepStrictEqual(calls, [["a"]], "no second call while the first runs");
    release();
    assert.deepStrictEqual(await Promise.all([first, ...later]), ["a!", "b!", "c!"]);
    assert.deepStrictEqual(calls, [["a"], ["b", "c"]]);
  });

  it("recovers after a failed call: the next window calls run again", async () => {
    let calls = 0;
    const batcher = new Batcher((requests: string[]) => {
      calls++;
      return calls === 1 ? Promise.reject(new Error("boom")) : Promise.resolve(requests);
    });
    await assert.rejects(batcher.request("a"), { message: "boom" });
    assert.equal(await batcher.request("b"), "b");
    assert.equal(calls, 2);
  });
});

describe("BatcherPool", () => {
  it("gives one batcher per key, and batches each key apart", async () => {
    const calls: [string, string[]][] = [];
    const pool = new BatcherPool((key: string) => (requests: string[]) => {
      calls.push([key, requests]);
      return Promise.resolve(requests.map((request) => `${key}:${request}`));
    });
    assert.strictEqual(pool.for(`${ACCOUNTS.A}|us-east-1`), pool.for(`${ACCOUNTS.A}|us-east-1`));
    assert.notStrictEqual(pool.for(`${ACCOUNTS.A}|us-east-1`), pool.for(`${ACCOUNTS.A}|us-west-2`));
    const results = await Promise.all([
      pool.for("east").request("a"),
      pool.for("west").request("b"),
      pool.for("east").request("c"),
    ]);
    assert.deepStrictEqual(results, ["east:a", "west:b", "east:c"]);
    assert.deepStrictEqual(
      calls.sort(([a], [b]) => a.localeCompare(b)),
      [
        ["east", ["a", "c"]],
        ["west", ["b"]],
      ],
    );
  });
});
