import type { Emulator } from "./types.js";

/** A control-endpoint answer: always JSON. */
export interface ControlResponse {
  readonly status: number;
  readonly body: string;
}

/** The prefix of control endpoints; no AWS API uses it. */
export const CONTROL_PREFIX = "/_emulator/";

/** What the control endpoints act on: the emulator plus its current fault spec. */
export type ControlTarget = Pick<
  Emulator,
  "reset" | "requests" | "clearRequests" | "setFaults" | "setOrganization" | "snapshot"
> & { faults(): unknown };

/**
 * The emulator's own HTTP API, for tests in other processes and for the benchmark:
 *
 * - `POST /_emulator/faults` — body: a FaultSpec; replaces the faults (`{}` clears them).
 * - `GET /_emulator/faults` — the FaultSpec in force.
 * - `GET /_emulator/requests` — the request log; `DELETE` empties it.
 * - `POST /_emulator/reset` — forgets all state, the log and the faults.
 * - `POST /_emulator/organization` — body: `{"mode": "all" | "consolidated-billing" | "none",
 *   "members"?: [account IDs]}`; replaces the organization until the next reset.
 * - `GET /_emulator/organization` — the organization as the snapshot shows it.
 * - `GET /_emulator/state` — the snapshot of all resources, roles and the organization.
 * - `GET /_emulator/stats` — this process's CPU time, for the benchmark's per-core figure.
 */
export function handleControl(
  target: ControlTarget,
  method: string,
  url: string,
  body: Buffer | undefined,
): ControlResponse {
  const path = url.split("?")[0].slice(CONTROL_PREFIX.length);
  const route = `${method} ${path}`;
  switch (route) {
    case "POST faults":
      return withJsonBody(body, (spec) => {
        target.setFaults(spec as Parameters<ControlTarget["setFaults"]>[0]);
        return ok({});
      });
    case "GET faults":
      return ok(target.faults());
    case "GET requests":
      return ok(target.requests());
    case "DELETE requests":
      target.clearRequests();
      return ok({});
    case "POST reset":
      target.reset();
      return ok({});
    case "POST organization":
      return withJsonBody(body, (settings) => {
        target.setOrganization(settings as Parameters<ControlTarget["setOrganization"]>[0]);
        return ok(target.snapshot().organization);
      });
    case "GET organization":
      return ok(target.snapshot().organization);
    case "GET state":
      return ok(target.snapshot());
    case "GET stats":
      return ok({ cpu: process.cpuUsage(), memory: process.memoryUsage().rss });
    default:
      return KNOWN.has(path)
        ? { status: 405, body: JSON.stringify({ message: `${method} is not allowed on ${url}` }) }
        : { status: 404, body: JSON.stringify({ message: `No control endpoint ${url}` }) };
  }
}

const KNOWN = new Set(["faults", "requests", "reset", "state", "stats", "organization"]);

function ok(value: unknown): ControlResponse {
  return { status: 200, body: JSON.stringify(value) };
}

function withJsonBody(
  body: Buffer | undefined,
  use: (value: unknown) => ControlResponse,
): ControlResponse {
  if (body === undefined)
    return { status: 413, body: JSON.stringify({ message: "Body too large" }) };
  let value: unknown;
  try {
    value = JSON.parse(body.length === 0 ? "{}" : body.toString("utf8"));
  } catch {
    return { status: 400, body: JSON.stringify({ message: "Body is not valid JSON" }) };
  }
  try {
    return use(value);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 400, body: JSON.stringify({ message }) };
  }
}
