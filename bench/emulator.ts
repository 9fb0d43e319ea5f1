/**
 * Emulator throughput: `npx tsx bench/emulator.ts [--seconds 5] [--concurrency 16]`.
 *
 * Runs the emulator in its own process (as `npm run emulator` does) and drives it with the real
 * AWS SDK client and with raw keep-alive HTTP. Prints requests/s as seen by the client, and the
 * emulator's own CPU time per request, which gives its capacity on one core independently of how
 * fast this client can send.
 */
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import {
  ConfigServiceClient,
  DescribeConfigurationAggregatorsCommand,
  PutConfigurationAggregatorCommand,
} from "@aws-sdk/client-config-service";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    concurrency: { type: "string", default: "16" },
  },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);

interface Cpu {
  readonly user: number;
  readonly system: number;
}

async function startEmulatorProcess(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "emulator/cli.ts", "--port", "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
  if (url === undefined) throw new Error(`unexpected first line: ${line}`);
  return { url, stop: () => child.kill("SIGTERM") };
}

async function emulatorCpu(url: string): Promise<number> {
  const res = await fetch(`${url}/_emulator/stats`);
  const { cpu } = (await res.json()) as { cpu: Cpu };
  return (cpu.user + cpu.system) / 1e6;
}

/** Runs `once` from `CONCURRENCY` loops for `SECONDS`; returns requests completed and seconds. */
async function drive(once: () => Promise<void>): Promise<{ count: number; seconds: number }> {
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  let count = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        await once();
        count++;
      }
    }),
  );
  return { count, seconds: (performance.now() - started) / 1000 };
}

/** One run's figures. */
interface Run {
  readonly label: string;
  readonly rate: number;
  readonly perEmulatorCpuSecond: number;
}

async function measure(label: string, url: string, once: () => Promise<void>): Promise<Run> {
  for (let i = 0; i < 200; i++) await once(); // warm-up: JIT, connections
  const emulatorBefore = await emulatorCpu(url);
  const clientBefore = process.cpuUsage();
  const { count, seconds } = await drive(once);
  const client = process.cpuUsage(clientBefore);
  const emulator = (await emulatorCpu(url)) - emulatorBefore;
  const clientCpu = (client.user + client.system) / 1e6;
  const run = {
    label,
    rate: Math.round(count / seconds),
    perEmulatorCpuSecond: Math.round(count / emulator),
  };
  console.log(
    `${label}: ${count} requests in ${seconds.toFixed(2)} s = ${run.rate} requests/s; ` +
      `emulator CPU ${emulator.toFixed(2)} s (${run.perEmulatorCpuSecond} requests per CPU-second), ` +
      `client CPU ${clientCpu.toFixed(2)} s`,
  );
  return run;
}

function rawCall(url: string, agent: Agent, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": "StarlingDoveService.DescribeConfigurationAggregators",
          authorization:
            "AWS4-HMAC-SHA256 Credential=AKIABENCH/20260101/us-east-1/config/aws4_request, SignedHeaders=host, Signature=0",
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  const { url, stop } = await startEmulatorProcess();
  try {
    Object.assign(process.env, {
      // The SDK's one-line Node 20 support notice is noise in a benchmark's output.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      AWS_ENDPOINT_URL: url,
      AWS_ACCESS_KEY_ID: "AKIABENCH",
      AWS_SECRET_ACCESS_KEY: "bench",
      AWS_REGION: "us-east-1",
    });
    const client = new ConfigServiceClient({ maxAttempts: 1 });
    for (let i = 0; i < 5; i++)
      await client.send(
        new PutConfigurationAggregatorCommand({
          ConfigurationAggregatorName: `bench-${i}`,
          AccountAggregationSources: [{ AccountIds: ["222222222222"], AllAwsRegions: true }],
        }),
      );
    console.log(`emulator at ${url}; ${CONCURRENCY} concurrent callers, ${SECONDS} s per run`);
    const sdk = await measure("AWS SDK DescribeConfigurationAggregators", url, async () => {
      await client.send(new DescribeConfigurationAggregatorsCommand({ Limit: 5 }));
    });
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const raw = await measure("raw HTTP keep-alive DescribeConfigurationAggregators", url, () =>
      rawCall(url, agent, '{"Limit":5}'),
    );
    agent.destroy();
    // Client and emulator share this machine's cores, so requests/s is bounded by whichever side
    // saturates first; the emulator's CPU time per request is its capacity on one core.
    const best = Math.max(sdk.perEmulatorCpuSecond, raw.perEmulatorCpuSecond);
    console.log(`emulator capacity on one core: ${best} requests/s`);
  } finally {
    stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
