import { type Emulator, type EmulatorOptions, startEmulator } from "../../emulator/index.js";
import { REGIONS, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from "./fixtures.js";

/** Access to the emulator a describe block runs against. */
export interface EmulatorFixture {
  /** The running emulator; valid inside the block's tests and hooks. */
  readonly emulator: Emulator;
  /** Its URL, as set in `AWS_ENDPOINT_URL`. */
  readonly url: string;
}

/**
 * Variables the fixture controls. Those it does not set are removed while it runs, so a
 * developer's profile, session token or service-specific endpoint cannot leak into a test.
 */
const CONTROLLED = [
  "AWS_ENDPOINT_URL",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_PROFILE",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_EC2_METADATA_DISABLED",
  "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
];

/**
 * Mocha fixture: call inside `describe`. Starts one emulator for the block (`before`), points the
 * AWS SDK at it through the environment (`AWS_ENDPOINT_URL`, test credentials, `AWS_REGION`),
 * resets its state, log and faults before each test (then re-applies `options.faults`, if any),
 * and closes it and restores the environment
 * afterwards (`after`). SDK clients must be created inside tests or hooks, after `before` ran.
 */
export function useEmulator(options?: EmulatorOptions): EmulatorFixture {
  let running: Emulator | undefined;
  let saved: Record<string, string | undefined> = {};

  before(async () => {
    running = await startEmulator(options);
    saved = {};
    const names = [
      ...CONTROLLED,
      ...Object.keys(process.env).filter((k) => k.startsWith("AWS_ENDPOINT_URL_")),
    ];
    for (const name of names) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: running.url,
      AWS_ACCESS_KEY_ID: TEST_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: TEST_SECRET_ACCESS_KEY,
      AWS_REGION: REGIONS.A,
      // No shared config files and no instance metadata: only the environment counts.
      AWS_CONFIG_FILE: "/nonexistent/aws-emulator-fixture/config",
      AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-emulator-fixture/credentials",
      AWS_EC2_METADATA_DISABLED: "true",
    });
  });

  beforeEach(() => {
    running?.reset();
    // reset() forgets faults; the block's own starting faults hold again for every test.
    if (options?.faults !== undefined) running?.setFaults(options.faults);
  });

  after(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await running?.close();
    running = undefined;
  });

  return {
    get emulator(): Emulator {
      if (running === undefined)
        throw new Error("useEmulator: the emulator runs only inside tests");
      return running;
    },
    get url(): string {
      return this.emulator.url;
    },
  };
}
