import { request } from "node:http";

/** An HTTP answer as received. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A SigV4-shaped `Authorization` header (the emulator reads its scope, not its signature). */
export function authorization(service: string, region = "us-east-1", key = "AKIARAWTEST"): string {
  return `AWS4-HMAC-SHA256 Credential=${key}/20260101/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`;
}

/** Headers of a Config JSON 1.1 call. */
export function configHeaders(operation: string): Record<string, string> {
  return {
    "content-type": "application/x-amz-json-1.1",
    "x-amz-target": `StarlingDoveService.${operation}`,
    authorization: authorization("config"),
  };
}

/**
 * Sends one request over a fresh connection. `body` may be a list of chunks, sent with chunked
 * transfer encoding (no Content-Length).
 */
export function send(
  url: string,
  options: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer | Buffer[];
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(options.path ?? "/", url);
    const req = request(
      target,
      { method: options.method ?? "POST", headers: options.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    const body = options.body;
    if (Array.isArray(body)) {
      for (const chunk of body) req.write(chunk);
      req.end();
    } else {
      req.end(body);
    }
  });
}
