/**
 * A dynamic-provider host started from a consumer project's own `@pulumi/pulumi`, and a small gRPC
 * client for it. `tests/support/host.ts` always starts the repository's host script; a consumer
 * test needs the consumer's, so this spawns `<project>/node_modules/@pulumi/pulumi/cmd/dynamic-provider`
 * in the project directory, exactly as the engine would there.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as readline from "node:readline";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provpb from "@pulumi/pulumi/proto/provider_pb";
import { type PropertyMap, wire } from "../support/host";

// The wire protocol is the same whichever copy of the generated stubs speaks it; use the
// repository's, with the gRPC and protobuf instances they were generated against.
const { grpc, Struct } = wire;

type JsonValue = import("google-protobuf/google/protobuf/struct_pb").JavaScriptValue;
type Callback<Res> = (error: import("@grpc/grpc-js").ServiceError | null, response: Res) => void;

/** A running consumer host. */
export interface ConsumerHost {
  /** The host script that runs, resolved inside the project. */
  readonly script: string;
  /** Milliseconds from spawn until the host printed its port. */
  readonly startMs: number;
  stderr(): string;
  configure(config: Record<string, string>): Promise<void>;
  check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<PropertyMap>;
  create(urn: string, props: PropertyMap): Promise<{ id: string; outputs: PropertyMap }>;
  read(id: string, urn: string, props: PropertyMap): Promise<{ id: string; outputs: PropertyMap }>;
  delete(id: string, urn: string, props: PropertyMap): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `<projectDir>/node_modules/@pulumi/pulumi/cmd/dynamic-provider` with cwd = `projectDir`. */
export async function startConsumerHost(
  projectDir: string,
  env: Record<string, string | undefined>,
): Promise<ConsumerHost> {
  const script = createRequire(path.join(projectDir, "package.json")).resolve(
    "@pulumi/pulumi/cmd/dynamic-provider",
  );
  const startedAt = Date.now();
  const child = spawn(process.execPath, [script, "127.0.0.1:1"], {
    cwd: projectDir,
    env: { ...process.env, PULUMI_NODEJS_PROJECT: "consumer", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const lines = readline.createInterface({ input: child.stdout });
  const line = await Promise.race([
    new Promise<string>((resolve) => lines.once("line", resolve)),
    exited.then(() => {
      throw new Error(`the consumer's host exited before listening:\n${stderr}`);
    }),
  ]);
  lines.on("line", () => undefined);
  const startMs = Date.now() - startedAt;
  const client = new ResourceProviderClient(
    `127.0.0.1:${Number(line)}`,
    grpc.credentials.createInsecure(),
  );

  const call = <Res>(send: (callback: Callback<Res>) => unknown) =>
    new Promise<Res>((resolve, reject) =>
      send((error, response) => (error ? reject(new Error(error.details)) : resolve(response))),
    );
  const struct = (value: PropertyMap) =>
    Struct.fromJavaScript(JSON.parse(JSON.stringify(value)) as Record<string, JsonValue>);
  const named = <R extends { setUrn(u: string): unknown }>(req: R, urn: string) => {
    req.setUrn(urn);
    return req;
  };

  return {
    script,
    startMs,
    stderr: () => stderr,
    async configure(config) {
      const req = new provpb.ConfigureRequest();
      req.setArgs(struct(config));
      await call((cb) => client.configure(req, cb));
    },
    async check(urn, olds, news) {
      const req = named(new provpb.CheckRequest(), urn);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res = await call<provpb.CheckResponse>((cb) => client.check(req, cb));
      const failures = res.getFailuresList().map((f) => `${f.getProperty()}: ${f.getReason()}`);
      if (failures.length > 0) throw new Error(`check failed: ${failures.join("; ")}`);
      return res.getInputs()?.toJavaScript() ?? {};
    },
    async create(urn, props) {
      const req = named(new provpb.CreateRequest(), urn);
      req.setProperties(struct(props));
      const res = await call<provpb.CreateResponse>((cb) => client.create(req, cb));
      return { id: res.getId(), outputs: res.getProperties()?.toJavaScript() ?? {} };
    },
    async read(id, urn, props) {
      const req = named(new provpb.ReadRequest(), urn);
      req.setId(id);
      req.setProperties(struct(props));
      const res = await call<provpb.ReadResponse>((cb) => client.read(req, cb));
      return { id: res.getId(), outputs: res.getProperties()?.toJavaScript() ?? {} };
    },
    async delete(id, urn, props) {
      const req = named(new provpb.DeleteRequest(), urn);
      req.setId(id);
      req.setProperties(struct(props));
      await call((cb) => client.delete(req, cb));
    },
    async stop() {
      client.close();
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
    },
  };
}
