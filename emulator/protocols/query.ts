import { randomUUID } from "node:crypto";
import { AwsError } from "../errors.js";
import type { EncodedResponse } from "./json.js";
import { el, render, type XmlNode } from "./xml.js";

/** The content type of query-protocol requests. */
export const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

/** Decoded query parameters of one request (`Action`, `Version`, `Tags.member.1.Key`, …). */
export type QueryParams = ReadonlyMap<string, string>;

/** Decodes a form-encoded body. Repeated names keep the last value, as AWS does. */
export function parseForm(body: Buffer): QueryParams {
  return new Map(new URLSearchParams(body.toString("utf8")));
}

/**
 * Reads a list of structures serialized as `<name>.member.<n>.<Field>`: one record per index,
 * keyed by field name, in index order.
 */
export function structList(
  params: QueryParams,
  name: string,
): Record<string, string>[] | undefined {
  const prefix = `${name}.member.`;
  const byIndex = new Map<number, Record<string, string>>();
  for (const [key, value] of params) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const dot = rest.indexOf(".");
    if (dot < 0) continue;
    const index = Number(rest.slice(0, dot));
    const entry = byIndex.get(index) ?? {};
    entry[rest.slice(dot + 1)] = value;
    byIndex.set(index, entry);
  }
  if (byIndex.size === 0) return params.has(name) ? [] : undefined;
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, entry]) => entry);
}

/** Reads a list of strings serialized as `<name>.member.<n>`, in index order. */
export function stringList(params: QueryParams, name: string): string[] | undefined {
  const prefix = `${name}.member.`;
  const items: [number, string][] = [];
  for (const [key, value] of params) {
    if (key.startsWith(prefix)) items.push([Number(key.slice(prefix.length)), value]);
  }
  if (items.length === 0) return params.has(name) ? [] : undefined;
  return items.sort((a, b) => a[0] - b[0]).map(([, value]) => value);
}

/**
 * Reads an integer parameter. A value that is not an integer is refused the way AWS refuses it:
 * a validation error naming the member.
 */
export function integerParam(
  params: QueryParams,
  name: string,
  path: string,
  code = "ValidationError",
): number | undefined {
  const raw = params.get(name);
  if (raw === undefined) return undefined;
  if (!/^-?\d{1,10}$/.test(raw))
    throw new AwsError(
      code,
      `1 validation error detected: Value '${raw}' at '${path}' failed to satisfy constraint: Member must be an integer`,
    );
  return Number(raw);
}

/** Wraps an action's result in `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>`. */
export function queryResponse(action: string, xmlns: string, result: XmlNode): EncodedResponse {
  const requestId = randomUUID();
  const body =
    `<${action}Response xmlns="${xmlns}">` +
    (result === undefined ? "" : render(el(`${action}Result`, result))) +
    render(el("ResponseMetadata", el("RequestId", requestId))) +
    `</${action}Response>`;
  return { status: 200, contentType: "text/xml", body, requestId };
}

/** Encodes an error as the query protocol's `<ErrorResponse>`. */
export function queryError(error: AwsError, xmlns: string): EncodedResponse {
  const requestId = randomUUID();
  const body =
    `<ErrorResponse xmlns="${xmlns}">` +
    render(
      el(
        "Error",
        el("Type", error.faultType),
        el("Code", error.code),
        el("Message", error.message),
      ),
    ) +
    render(el("RequestId", requestId)) +
    `</ErrorResponse>`;
  return {
    status: error.status,
    contentType: "text/xml",
    body,
    errorCode: error.code,
    requestId,
  };
}
