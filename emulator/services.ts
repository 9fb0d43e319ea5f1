import type { Call } from "./context.js";
import type { QueryParams } from "./protocols/query.js";
import type { Shape } from "./protocols/shapes.js";
import type { XmlNode } from "./protocols/xml.js";
import type { ServiceName } from "./types.js";

/** A JSON 1.1 operation: its input shape and its handler (`undefined` output = empty body). */
export interface JsonOperation {
  readonly shape: Shape;
  readonly handle: (input: Record<string, unknown>, call: Call) => unknown;
}

/**
 * Declares a JSON operation whose handler takes a typed input. The cast is sound because the
 * dispatcher only passes input that {@link Shape} decoding has checked.
 */
export function jsonOp<I>(shape: Shape, handle: (input: I, call: Call) => unknown): JsonOperation {
  return { shape, handle: (input, call) => handle(input as I, call) };
}

/** A JSON 1.1 service, addressed by `X-Amz-Target: <targetPrefix>.<Operation>`. */
export interface JsonService {
  readonly protocol: "json";
  readonly name: ServiceName;
  readonly targetPrefix: string;
  readonly operations: Readonly<Record<string, JsonOperation>>;
  /** The message member of the service's error shapes; defaults to `message`. */
  readonly messageMember?: string;
}

/** A query-protocol operation: returns the content of `<ActionResult>` (`undefined`: none). */
export type QueryOperation = (params: QueryParams, call: Call) => XmlNode;

/** A query-protocol service, addressed by the `Action` parameter. */
export interface QueryService {
  readonly protocol: "query";
  readonly name: ServiceName;
  /** The API version the SDK sends as `Version`. */
  readonly version: string;
  /** The XML namespace of responses. */
  readonly xmlns: string;
  readonly operations: Readonly<Record<string, QueryOperation>>;
}

/** Any emulated service. */
export type Service = JsonService | QueryService;

/** The operation named `name`, ignoring inherited properties such as `constructor`. */
export function findOperation<T>(
  operations: Readonly<Record<string, T>>,
  name: string,
): T | undefined {
  return Object.hasOwn(operations, name) ? operations[name] : undefined;
}
