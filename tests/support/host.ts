import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import * as readline from "node:readline";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provpb from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";

// gRPC and protobuf are @pulumi/pulumi's dependencies, not ours: resolve them from it, so that we
// use the very instances its generated stubs use even if an install nests them under it.
const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi"));
const grpc = pulumiRequire("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const { Struct } = pulumiRequire(
  "google-protobuf/google/protobuf/struct_pb",
) as typeof import("google-protobuf/google/protobuf/struct_pb");

/** gRPC and protobuf, the very instances @pulumi/pulumi's generated stubs use. */
export const wire = { grpc, Struct };

type Struct = import("google-protobuf/google/protobuf/struct_pb").Struct;
type JsonObject = import("google-protobuf/google/protobuf/struct_pb").JavaScriptValue;

/** The string the engine sends in place of a value that is unknown during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A resource's properties as plain JavaScript values (JSON-compatible). */
export type PropertyMap = Record<string, unknown>;

/** One failed validation reported by a provider's `check`. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** What `check` returns: the inputs the provider settled on, and any failures. */
export interface CheckResult {
  inputs: PropertyMap;
  failures: CheckFailure[];
}

/** What `diff` returns, as the host forwards it (it drops stables and detailed diffs). */
export interface DiffResult {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** What `create` returns. `outputs` include `__provider`, which the host adds. */
export interface CreateResult {
  id: string;
  outputs: PropertyMap;
}

/** What `read` returns; `inputs` is undefined when the provider returned none. */
export interface ReadResult {
  id: string;
  outputs: PropertyMap;
  inputs: PropertyMap | undefined;
}

/** What `update` returns. */
export interface UpdateResult {
  outputs: PropertyMap;
}

/**
 * A partial failure: the provider threw an error carrying an `id`, so the resource exists but did not
 * finish initializing (`pulumirpc.ErrorResourceInitFailed`).
 */
export interface InitFailure {
  id: string;
  properties: PropertyMap;
  reasons: string[];
}

/** The gRPC methods of the host that this client calls. */
export type HostMethod = "configure" | "check" | "diff" | "create" | "read" | "update" | "delete";

/** One completed call to the host, for assertions and benchmarks. */
export interface HostCall {
  method: HostMethod;
  urn: string;
  /** `performance.now()` when the call was sent. */
  startedAt: number;
  ms: number;
  error?: string;
}

/** Milestones of the host process, all as `performance.now()` values. */
export interface HostTimings {
  spawnedAt: number;
  /** When the host printed its port. */
  readyAt: number;
  /** When the first call of each method completed. */
  firstCallDoneAt: Partial<Record<HostMethod, number>>;
}

/** An error returned by the host, with the gRPC status and, for partial failures, the details. */
export class HostError extends Error {
  override readonly name = "HostError";

  constructor(
    readonly method: HostMethod,
    /** The gRPC status code (`grpc.status`). */
    readonly code: number,
    /** The gRPC status details: the provider's error message. */
    readonly details: string,
    /** Present when the error carried `pulumirpc.ErrorResourceInitFailed`. */
    readonly initFailure?: InitFailure,
  ) {
    super(`${method} failed (gRPC ${grpc.status[code] ?? code}): ${details}`);
  }
}

/** Where and how to start the host. */
export interface HostOptions {
  /** The program directory: serialized providers resolve their `require()`s from here. */
  cwd: string;
  /** Variables added to (or, when undefined, removed from) this process's environment. */
  env?: Record<string, string | undefined>;
  /** The project name that `pulumi.Config` in a provider uses; default "project". */
  project?: string;
}

/** A running `@pulumi/pulumi/cmd/dynamic-provider` process and a typed client for it. */
export interface ProviderHost {
  readonly port: number;
  readonly pid: number;
  readonly timings: HostTimings;
  /** Every completed call, in completion order. */
  readonly calls: readonly HostCall[];
  /** Everything the host wrote to stderr so far. */
  stderr(): string;
  configure(config: Record<string, string>): Promise<void>;
  check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult>;
  /** `olds` are the old outputs, as the engine sends them; `oldInputs` the old inputs. */
  diff(
    id: string,
    urn: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
  ): Promise<DiffResult>;
  create(urn: string, props: PropertyMap, options?: { preview?: boolean }): Promise<CreateResult>;
  read(id: string, urn: string, props: PropertyMap, inputs: PropertyMap): Promise<ReadResult>;
  update(
    id: string,
    urn: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
  ): Promise<UpdateResult>;
  delete(id: string, urn: string, props: PropertyMap): Promise<void>;
  /** Closes the client and kills the process; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Spawns the dynamic-provider host exactly as the engine does (`node <host> <engine address>`; the
 * address is never dialled by dynamic providers) and connects to the port it prints.
 */
export async function startProviderHost(options: HostOptions): Promise<ProviderHost> {
  const spawnedAt = performance.now();
  const child = spawn(
    process.execPath,
    [require.resolve("@pulumi/pulumi/cmd/dynamic-provider"), "127.0.0.1:1"],
    {
      cwd: options.cwd,
      env: { ...process.env, PULUMI_NODEJS_PROJECT: options.project ?? "project", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  // The host outlives a crashed test process unless killed on the way out.
  const killOnExit = () => child.kill();
  process.once("exit", killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      process.off("exit", killOnExit);
      resolve();
    }),
  );
  let port: number;
  try {
    port = await readPort(child, exited, () => stderr);
  } catch (e) {
    child.kill();
    throw e;
  }
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return new GrpcProviderHost(child, exited, client, port, spawnedAt, () => stderr);
}

async function readPort(child: ChildProcess, exited: Promise<void>, stderr: () => string) {
  const lines = readline.createInterface({ input: child.stdout! });
  const first = new Promise<string>((resolve) => lines.once("line", resolve));
  const failed = exited.then(() => {
    throw new Error(`provider host exited with ${child.exitCode} before listening:\n${stderr()}`);
  });
  const line = await Promise.race([first, failed]);
  // Later stdout lines are the provider's own console output; keep draining so the pipe never fills.
  lines.on("line", () => undefined);
  const port = Number(line.trim());
  if (!Number.isInteger(port) || port <= 0) {
    throw new Error(`provider host printed ${JSON.stringify(line)} instead of a port`);
  }
  return port;
}

type Callback<Res> = (error: import("@grpc/grpc-js").ServiceError | null, response: Res) => void;

class GrpcProviderHost implements ProviderHost {
  readonly calls: HostCall[] = [];
  readonly timings: HostTimings;
  private stopped: Promise<void> | undefined;

  constructor(
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
    private readonly client: ResourceProviderClient,
    readonly port: number,
    spawnedAt: number,
    readonly stderr: () => string,
  ) {
    this.timings = { spawnedAt, readyAt: performance.now(), firstCallDoneAt: {} };
  }

  get pid(): number {
    return this.child.pid!;
  }

  async configure(config: Record<string, string>): Promise<void> {
    const req = new provpb.ConfigureRequest();
    req.setArgs(toStruct(config));
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    await this.call<unknown>("configure", "", (cb) => this.client.configure(req, cb));
  }

  async check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult> {
    const req = new provpb.CheckRequest();
    setNames(req, urn);
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    const res = await this.call<provpb.CheckResponse>("check", urn, (cb) =>
      this.client.check(req, cb),
    );
    return {
      inputs: fromStruct(res.getInputs()),
      failures: res.getFailuresList().map((f) => ({
        property: f.getProperty(),
        reason: f.getReason(),
      })),
    };
  }

  async diff(
    id: string,
    urn: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
  ): Promise<DiffResult> {
    const req = new provpb.DiffRequest();
    setNames(req, urn);
    req.setId(id);
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    req.setOldInputs(toStruct(oldInputs));
    const res = await this.call<provpb.DiffResponse>("diff", urn, (cb) =>
      this.client.diff(req, cb),
    );
    const changes = res.getChanges();
    return {
      changes:
        changes === DIFF.DIFF_NONE ? "none" : changes === DIFF.DIFF_SOME ? "some" : "unknown",
      replaces: res.getReplacesList(),
      deleteBeforeReplace: res.getDeletebeforereplace(),
    };
  }

  async create(
    urn: string,
    props: PropertyMap,
    options: { preview?: boolean } = {},
  ): Promise<CreateResult> {
    const req = new provpb.CreateRequest();
    setNames(req, urn);
    req.setProperties(toStruct(props));
    req.setPreview(options.preview ?? false);
    const res = await this.call<provpb.CreateResponse>("create", urn, (cb) =>
      this.client.create(req, cb),
    );
    return { id: res.getId(), outputs: fromStruct(res.getProperties()) };
  }

  async read(
    id: string,
    urn: string,
    props: PropertyMap,
    inputs: PropertyMap,
  ): Promise<ReadResult> {
    const req = new provpb.ReadRequest();
    setNames(req, urn);
    req.setId(id);
    req.setProperties(toStruct(props));
    req.setInputs(toStruct(inputs));
    const res = await this.call<provpb.ReadResponse>("read", urn, (cb) =>
      this.client.read(req, cb),
    );
    return {
      id: res.getId(),
      outputs: fromStruct(res.getProperties()),
      inputs: res.hasInputs() ? fromStruct(res.getInputs()) : undefined,
    };
  }

  async update(
    id: string,
    urn: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
  ): Promise<UpdateResult> {
    const req = new provpb.UpdateRequest();
    setNames(req, urn);
    req.setId(id);
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    req.setOldInputs(toStruct(oldInputs));
    const res = await this.call<provpb.UpdateResponse>("update", urn, (cb) =>
      this.client.update(req, cb),
    );
    return { outputs: fromStruct(res.getProperties()) };
  }

  async delete(id: string, urn: string, props: PropertyMap): Promise<void> {
    const req = new provpb.DeleteRequest();
    setNames(req, urn);
    req.setId(id);
    req.setProperties(toStruct(props));
    await this.call<unknown>("delete", urn, (cb) => this.client.delete(req, cb));
  }

  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.client.close();
      if (this.child.exitCode === null && this.child.signalCode === null) {
        this.child.kill();
      }
      await this.exited;
    })();
    return this.stopped;
  }

  private call<Res>(method: HostMethod, urn: string, send: (callback: Callback<Res>) => unknown) {
    const startedAt = performance.now();
    return new Promise<Res>((resolve, reject) => {
      send((error, response) => {
        const done = performance.now();
        this.timings.firstCallDoneAt[method] ??= done;
        const failure = error ? toHostError(method, error, this.stderr()) : undefined;
        this.calls.push({ method, urn, startedAt, ms: done - startedAt, error: failure?.details });
        if (failure) reject(failure);
        else resolve(response);
      });
    });
  }
}

const DIFF = provpb.DiffResponse.DiffChanges;
const INIT_FAILED = "pulumirpc.ErrorResourceInitFailed";

function toHostError(
  method: HostMethod,
  error: import("@grpc/grpc-js").ServiceError,
  stderr: string,
): HostError {
  // When the process died, the host's own output is the only useful diagnostic.
  const details =
    error.code === grpc.status.UNAVAILABLE ? `${error.details}\n${stderr}` : error.details;
  return new HostError(method, error.code, details, decodeInitFailure(error.metadata));
}

function decodeInitFailure(metadata: import("@grpc/grpc-js").Metadata | undefined) {
  for (const bin of metadata?.get("grpc-status-details-bin") ?? []) {
    const status = Status.deserializeBinary(new Uint8Array(bin as Buffer));
    for (const any of status.getDetailsList()) {
      if (any.getTypeName() !== INIT_FAILED) continue;
      const detail = provpb.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
      return {
        id: detail.getId(),
        properties: fromStruct(detail.getProperties()),
        reasons: detail.getReasonsList(),
      };
    }
  }
  return undefined;
}

// The engine fills in name and type; providers that log or route by them expect them.
function setNames(req: { setName(v: string): unknown; setType(v: string): unknown }, urn: string) {
  const parts = urn.split("::");
  if (parts.length < 4) return;
  req.setName(parts.slice(3).join("::"));
  req.setType(parts[2].split("$").pop()!);
}

/** Converts plain values to a Struct; `undefined` is dropped as JSON would drop it. */
function toStruct(value: PropertyMap): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(value)) as Record<string, JsonObject>);
}

function fromStruct(struct: Struct | undefined): PropertyMap {
  return struct ? struct.toJavaScript() : {};
}
