import { AwsError } from "../errors.js";
import { decode, serialization, type Shape } from "./shapes.js";

/** The content type of AWS JSON 1.1 requests and responses. */
export const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";

/** A response ready to be written: status, content type and body text. */
export interface EncodedResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** The AWS error code when this is an error response, for the request log. */
  readonly errorCode?: string;
  /** The request ID already written into the body (query protocol), reused in the header. */
  readonly requestId?: string;
}

/**
 * Parses a JSON 1.1 request body and checks it against the operation's input shape. An empty body
 * reads as `{}`; anything that is not a JSON object is a `SerializationException`.
 */
export function parseJsonInput(body: Buffer, shape: Shape): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw serialization("Malformed JSON: the request body is not valid JSON");
  }
  return decode(parsed, shape) as Record<string, unknown>;
}

/**
 * Encodes an operation's output. `undefined` means the operation has no output shape, which AWS
 * answers with HTTP 200 and an empty body.
 */
export function jsonResponse(output: unknown): EncodedResponse {
  const body = output === undefined ? "" : JSON.stringify(output);
  return { status: 200, contentType: JSON_CONTENT_TYPE, body };
}

/**
 * Encodes an error as `{"__type": code, "message": ..., ...fields}` with its HTTP status.
 * `messageMember` is the member name the service's error shapes declare: Config's have none and
 * send `message`; AWS Organizations' declare `Message`.
 */
export function jsonError(error: AwsError, messageMember = "message"): EncodedResponse {
  return {
    status: error.status,
    contentType: JSON_CONTENT_TYPE,
    body: JSON.stringify({ __type: error.code, [messageMember]: error.message, ...error.fields }),
    errorCode: error.code,
  };
}
