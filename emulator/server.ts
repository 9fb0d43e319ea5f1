import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { CONTROL_PREFIX, type ControlResponse } from "./control.js";
import type { Outcome } from "./dispatch.js";

/** What the HTTP layer delegates to. */
export interface RequestHandlers {
  /** Largest body read, in bytes; larger bodies are refused without being kept. */
  readonly maxBodyBytes: number;
  readonly aws: (req: {
    method: string;
    url: string;
    headers: IncomingMessage["headers"];
    body: Buffer | undefined;
  }) => Promise<Outcome>;
  readonly control: (method: string, url: string, body: Buffer | undefined) => ControlResponse;
}

/**
 * Past the cap, this much more is read and discarded so that a well-behaved client that sends
 * its whole body before reading gets the error response; beyond it the connection is cut.
 */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

/** The HTTP server: body capping, routing to control or AWS handlers, writing answers. */
export function createHttpServer(handlers: RequestHandlers): Server {
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    readBody(req, handlers.maxBodyBytes)
      .then((body) => serve(handlers, req, res, body))
      .catch(() => {
        // The client went away mid-request (or answering failed): nothing more can be sent.
        req.socket.destroy();
      });
  });
  // Bound slow or stalled uploads, so no request holds a connection forever.
  server.requestTimeout = 60_000;
  server.headersTimeout = 30_000;
  return server;
}

async function serve(
  handlers: RequestHandlers,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer | undefined,
): Promise<void> {
  const method = req.method ?? "GET";
  const url = req.url ?? "/";
  if (body === undefined) {
    // Refused for size: close after answering; cut at once if the body is still arriving.
    res.shouldKeepAlive = false;
    if (!req.complete) res.once("finish", () => req.socket.destroy());
  }
  if (url.startsWith(CONTROL_PREFIX)) {
    const answer = handlers.control(method, url, body);
    write(res, answer.status, "application/json", answer.body, randomUUID());
    return;
  }
  const outcome = await handlers.aws({ method, url, headers: req.headers, body });
  if (outcome.kind === "drop") {
    req.socket.destroy();
    return;
  }
  const { response } = outcome;
  write(
    res,
    response.status,
    response.contentType,
    response.body,
    response.requestId ?? randomUUID(),
  );
}

function write(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  requestId: string,
): void {
  if (res.destroyed) return;
  res.writeHead(status, {
    "content-type": contentType,
    "content-length": Buffer.byteLength(body),
    "x-amzn-requestid": requestId,
  });
  res.end(body);
}

/**
 * Reads the body, up to `cap` bytes. Resolves `undefined` when it is larger; the excess is
 * discarded as it comes. A client that declares, or keeps sending, far more than the cap is
 * answered at once (the connection is then cut, see {@link serve}).
 */
function readBody(req: IncomingMessage, cap: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = declared > cap;
    if (declared > cap + DRAIN_LIMIT_BYTES) resolve(undefined);
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) over = true;
      if (!over) chunks.push(chunk);
      else if (size > cap + DRAIN_LIMIT_BYTES) resolve(undefined);
    });
    req.on("end", () => resolve(over ? undefined : Buffer.concat(chunks, size)));
    req.on("error", reject);
    req.on("close", () => {
      if (!req.complete) reject(new Error("request aborted"));
    });
  });
}
