/**
 * Coalescing of concurrent requests. `pulumi refresh` reads every resource at once; requests that
 * arrive within a short window are served by one batched operation (one authorization scan, one
 * tag read per hundred ARNs) instead of one each.
 */

/** How long a batch stays open for more requests, in milliseconds. */
export const BATCH_WINDOW_MS = 10;

interface Waiter<Request, Result> {
  readonly request: Request;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Collects requests for {@link BATCH_WINDOW_MS} and serves them with one call of `run`. At most
 * one call runs at a time: requests that arrive while it runs wait for the next call, so batches
 * grow with the load, and every request is served by a call that started after it arrived.
 */
export class Batcher<Request, Result> {
  private waiting: Waiter<Request, Result>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  /** `run` gets the requests in arrival order and returns one result per request, in that order. */
  constructor(private readonly run: (requests: Request[]) => Promise<Result[]>) {}

  /** Queues one request; it is sent with whatever else arrives in the same window. */
  request(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      if (!this.running) this.timer ??= setTimeout(() => this.flush(), BATCH_WINDOW_MS);
    });
  }

  private flush(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.timer = undefined;
    this.running = true;
    this.run(batch.map((waiter) => waiter.request))
      .then(
        (results) => batch.forEach((waiter, i) => waiter.resolve(results[i])),
        (error: unknown) => batch.forEach((waiter) => waiter.reject(error)),
      )
      .finally(() => {
        this.running = false;
        if (this.waiting.length > 0) {
          this.timer ??= setTimeout(() => this.flush(), BATCH_WINDOW_MS);
        }
      });
  }
}

/** One {@link Batcher} per key (an account and region, say), made on first use. */
export class BatcherPool<Request, Result> {
  private readonly batchers = new Map<string, Batcher<Request, Result>>();

  constructor(
    private readonly makeRun: (key: string) => (requests: Request[]) => Promise<Result[]>,
  ) {}

  /** The batcher for `key`. */
  for(key: string): Batcher<Request, Result> {
    let batcher = this.batchers.get(key);
    if (!batcher) {
      batcher = new Batcher(this.makeRun(key));
      this.batchers.set(key, batcher);
    }
    return batcher;
  }
}
