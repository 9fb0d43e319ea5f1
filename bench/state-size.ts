/**
 * Bytes of state: the `__provider` text each resource type stores, and the whole state of a stack
 * of 2,000 AggregationAuthorization resources after a real `up` of that program through the
 * ProgramRunner (Pulumi's mocks for registration, the real host for Check and Create).
 */
import { AggregationAuthorization } from "pulumi-aws-config-aggregation";
import { ProgramRunner } from "../tests/support/runner";
import {
  emulatorEnv,
  freshEmulator,
  HOME_ACCOUNT,
  HOME_REGION,
  REPO_ROOT,
  roleArn,
  timed,
  type ProviderTexts,
} from "./support";

/** Authorizations in the stack whose state is measured. */
export const STATE_RESOURCES = 2000;

/** The state-size figures. */
export interface StateSizeResult {
  /** UTF-8 bytes of `__provider`, by resource type. */
  readonly providerBytes: {
    readonly ConfigurationAggregator: number;
    readonly AggregationAuthorization: number;
    readonly ServiceRole: number;
  };
  readonly resources: number;
  /** UTF-8 bytes of `stateText()` after the up. */
  readonly stateBytes: number;
  readonly stateBytesPerResource: number;
  /** Of which `__provider` (in inputs and outputs). */
  readonly providerShareOfState: number;
  /** Wall time of the up, ms. */
  readonly upMs: number;
  readonly method: string;
}

/**
 * The program: an organization's authorizations for one central aggregator — 500 member accounts ×
 * 4 source regions, each created in its member account through `assumeRole`, with two tags.
 */
function program(): void {
  const regions = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"];
  for (let i = 0; i < STATE_RESOURCES; i++) {
    const account = String(700000000000 + Math.floor(i / regions.length));
    const region = regions[i % regions.length];
    new AggregationAuthorization(`auth-${account}-${region}`, {
      authorizedAccountId: HOME_ACCOUNT,
      authorizedAwsRegion: HOME_REGION,
      region,
      assumeRole: { roleArn: roleArn(account, "OrganizationAccountAccessRole") },
      tags: { "managed-by": "pulumi", team: "security" },
    });
  }
}

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length))
    count++;
  return count;
}

/** Measures `__provider` sizes, then runs the 2,000-resource program once and measures its state. */
export async function benchStateSize(texts: ProviderTexts): Promise<StateSizeResult> {
  const emulator = await freshEmulator();
  const runner = new ProgramRunner({
    cwd: REPO_ROOT,
    env: emulatorEnv(emulator),
    config: { "aws:region": HOME_REGION },
    project: "bench",
    stack: "state-size",
  });
  // Pulumi's SDK captures a stack trace for every promise it makes (runtime/debuggable.ts); with
  // tsx's source maps on, rendering those stacks costs more than the whole deployment.
  const sourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  try {
    const { ms } = await timed(() => runner.up(program));
    const text = runner.stateText();
    const stateBytes = Buffer.byteLength(text, "utf8");
    // The state is JSON.stringify'd, so each `__provider` appears as its JSON-escaped string.
    const escaped = JSON.stringify(texts.authorization);
    const providerInState = countOccurrences(text, escaped) * Buffer.byteLength(escaped, "utf8");
    return {
      providerBytes: {
        ConfigurationAggregator: Buffer.byteLength(texts.aggregator, "utf8"),
        AggregationAuthorization: Buffer.byteLength(texts.authorization, "utf8"),
        ServiceRole: Buffer.byteLength(texts.serviceRole, "utf8"),
      },
      resources: runner.state.size,
      stateBytes,
      stateBytesPerResource: stateBytes / runner.state.size,
      providerShareOfState: providerInState / stateBytes,
      upMs: ms,
      method: "ProgramRunner.up of the program, then stateText() (measured, not computed)",
    };
  } finally {
    process.setSourceMapsEnabled(sourceMaps);
    await runner.close();
    await emulator.close();
  }
}
