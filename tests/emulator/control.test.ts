import assert from "node:assert/strict";
import { PutAggregationAuthorizationCommand } from "@aws-sdk/client-config-service";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import {
  DescribeOrganizationCommand,
  EnableAWSServiceAccessCommand,
} from "@aws-sdk/client-organizations";
import { ORGANIZATION_ID } from "../../emulator/index.js";
import { useEmulator } from "../support/emulator.js";
import {
  config,
  iam,
  organizations,
  organizationsFailure,
  rejectsWith,
  START_ORGANIZATION,
  sts,
} from "./helpers.js";
import { ACCOUNTS, REGIONS } from "../support/fixtures.js";

describe("emulator: control endpoints over HTTP", () => {
  const fixture = useEmulator();
  const call = async (method: string, path: string, body?: unknown): Promise<[number, unknown]> => {
    const res = await fetch(`${fixture.url}/_emulator/${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    return [res.status, await res.json()];
  };

  it("sets, shows and clears faults", async () => {
    const spec = { seed: 3, rules: [{ kind: "throttle", service: "sts", times: 1 }] };
    assert.deepEqual(await call("POST", "faults", spec), [200, {}]);
    assert.deepEqual(await call("GET", "faults"), [200, spec]);
    await rejectsWith(
      sts().send(new GetCallerIdentityCommand({})),
      "Throttling",
      400,
      "Rate exceeded",
    );
    assert.deepEqual(await call("POST", "faults", {}), [200, {}]);
    await sts().send(new GetCallerIdentityCommand({}));
  });

  it("refuses an invalid fault spec with 400 and a message naming the field", async () => {
    const [status, body] = await call("POST", "faults", {
      rules: [{ kind: "throttle", probability: -1 }],
    });
    assert.equal(status, 400);
    assert.match((body as { message: string }).message, /^Invalid fault spec: .*probability/s);
    const [badJson] = await call("POST", "faults", "{oops");
    assert.equal(badJson, 400);
  });

  it("returns and empties the request log", async () => {
    await sts().send(new GetCallerIdentityCommand({}));
    const [status, log] = await call("GET", "requests");
    assert.equal(status, 200);
    const records = log as Record<string, unknown>[];
    assert.equal(typeof records[0].time, "number");
    assert.deepEqual(
      records.map(({ time: _time, ...rest }) => rest),
      [
        {
          seq: 1,
          service: "sts",
          operation: "GetCallerIdentity",
          account: ACCOUNTS.A,
          region: REGIONS.A,
          status: 200,
        },
      ],
    );
    assert.deepEqual(await call("DELETE", "requests"), [200, {}]);
    assert.deepEqual(await call("GET", "requests"), [200, []]);
  });

  it("shows the state and resets it", async () => {
    await config().send(
      new PutAggregationAuthorizationCommand({
        AuthorizedAccountId: ACCOUNTS.B,
        AuthorizedAwsRegion: REGIONS.A,
        Tags: [{ Key: "k", Value: "v" }],
      }),
    );
    await iam().send(new CreateRoleCommand({ RoleName: "r", AssumeRolePolicyDocument: "{}" }));
    assert.deepEqual(await call("GET", "state"), [
      200,
      {
        resources: [
          {
            kind: "authorization",
            account: ACCOUNTS.A,
            region: REGIONS.A,
            arn: `arn:aws:config:${REGIONS.A}:${ACCOUNTS.A}:aggregation-authorization/${ACCOUNTS.B}/${REGIONS.A}`,
            id: `${ACCOUNTS.B}:${REGIONS.A}`,
            tags: { k: "v" },
          },
        ],
        roles: [
          {
            account: ACCOUNTS.A,
            name: "r",
            arn: `arn:aws:iam::${ACCOUNTS.A}:role/r`,
            attachedPolicyArns: [],
            tags: {},
          },
        ],
        organization: START_ORGANIZATION,
      },
    ]);
    assert.deepEqual(await call("POST", "reset"), [200, {}]);
    assert.deepEqual(await call("GET", "state"), [
      200,
      { resources: [], roles: [], organization: START_ORGANIZATION },
    ]);
    assert.deepEqual(await call("GET", "requests"), [200, []]);
  });

  it("replaces and shows the organization, until a reset returns to the start options", async () => {
    await organizations().send(
      new EnableAWSServiceAccessCommand({ ServicePrincipal: "config.amazonaws.com" }),
    );
    const billing = {
      mode: "consolidated-billing",
      id: ORGANIZATION_ID,
      managementAccount: ACCOUNTS.A,
      members: [ACCOUNTS.B],
      enabledServicePrincipals: [],
      delegatedAdministrators: [],
    };
    assert.deepEqual(
      await call("POST", "organization", { mode: "consolidated-billing", members: [ACCOUNTS.B] }),
      [200, billing],
    );
    assert.deepEqual(await call("GET", "organization"), [200, billing]);
    const { Organization } = await organizations().send(new DescribeOrganizationCommand({}));
    assert.equal(Organization?.FeatureSet, "CONSOLIDATED_BILLING");
    assert.deepEqual(await call("POST", "organization", { mode: "none" }), [
      200,
      { mode: "none", members: [], enabledServicePrincipals: [], delegatedAdministrators: [] },
    ]);
    assert.equal(
      (await organizationsFailure(organizations().send(new DescribeOrganizationCommand({})))).name,
      "AWSOrganizationsNotInUseException",
    );
    assert.deepEqual(await call("POST", "reset"), [200, {}]);
    assert.deepEqual(await call("GET", "organization"), [200, START_ORGANIZATION]);
  });

  it("refuses invalid organization settings with 400 and a message naming the value", async () => {
    assert.deepEqual(await call("POST", "organization", { mode: "some" }), [
      400,
      {
        message:
          "Invalid organization mode: some. Allowed values are: all, consolidated-billing, none.",
      },
    ]);
    assert.deepEqual(await call("POST", "organization", { mode: "all", members: ["12"] }), [
      400,
      { message: "Invalid organization member: 12. Members are 12-digit account IDs." },
    ]);
    assert.deepEqual(await call("POST", "organization", { mode: "all", owner: "me" }), [
      400,
      { message: "Invalid organization: unknown field owner. Allowed fields are: mode, members." },
    ]);
    assert.deepEqual(await call("POST", "organization", { mode: "none", members: [ACCOUNTS.B] }), [
      400,
      { message: "Invalid organization: members are given but the mode is none." },
    ]);
    assert.deepEqual(await call("GET", "organization"), [200, START_ORGANIZATION]);
  });

  it("reports CPU time for the benchmark", async () => {
    const [status, body] = await call("GET", "stats");
    assert.equal(status, 200);
    const { cpu } = body as { cpu: { user: number; system: number } };
    assert.ok(cpu.user > 0 && cpu.system >= 0);
  });

  it("answers 404 for unknown endpoints and 405 for wrong methods", async () => {
    assert.deepEqual(await call("GET", "nothing"), [
      404,
      { message: "No control endpoint /_emulator/nothing" },
    ]);
    assert.deepEqual(await call("GET", "reset"), [
      405,
      { message: "GET is not allowed on /_emulator/reset" },
    ]);
    assert.deepEqual(fixture.emulator.requests(), []);
  });
});
