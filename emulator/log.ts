import type { RequestRecord } from "./types.js";

/** A record before the log numbers it. */
export type NewRecord = Omit<RequestRecord, "seq">;

/**
 * The request log. Bounded so that a long benchmark cannot exhaust memory: past `capacity`
 * records the oldest are dropped (sequence numbers keep counting, so gaps show what was dropped).
 */
export class RequestLog {
  private records: RequestRecord[] = [];
  private nextSeq = 1;

  constructor(private readonly capacity: number) {}

  /** Appends one answered request. */
  add(record: NewRecord): void {
    this.records.push({ seq: this.nextSeq++, ...record });
    // Trim in batches: one splice per 10% overflow instead of one shift per request.
    if (this.records.length > this.capacity * 1.1)
      this.records = this.records.slice(this.records.length - this.capacity);
  }

  /** A copy of the records, oldest first. */
  list(): RequestRecord[] {
    const excess = this.records.length - this.capacity;
    return excess > 0 ? this.records.slice(excess) : this.records.slice();
  }

  /** Empties the log; numbering starts again from 1. */
  clear(): void {
    this.records = [];
    this.nextSeq = 1;
  }
}
