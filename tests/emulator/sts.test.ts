import assert from "node:assert/strict";
import {
  DescribeConfigurationAggregatorsCommand,
  PutConfigurationAggregatorCommand,
} from "@aws-sdk/client-config-service";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { useEmulator } from "../support/emulator.js";
import { config, failure, iam, keys, rejectsWith, sts } from "./helpers.js";
import { ACCOUNTS, REGIONS, roleArn } from "../support/fixtures.js";

const DENIED = roleArn(ACCOUNTS.B, "denied");
const GUARDED = roleArn(ACCOUNTS.B, "guarded");
const SECRET_EXTERNAL_ID = "s3cr3t-external-id";

describe("emulator: STS", () => {
  const fixture = useEmulator({
    accessKeys: { AKIACONFIGUREDC: ACCOUNTS.C },
    deniedRoles: [DENIED],
    roleExternalIds: { [GUARDED]: SECRET_EXTERNAL_ID },
  });

  it("answers GetCallerIdentity with the default account for unknown keys", async () => {
    const out = await sts().send(new GetCallerIdentityCommand({}));
    assert.deepEqual(
      { Account: out.Account, Arn: out.Arn, UserId: out.UserId },
      { Account: ACCOUNTS.A, Arn: `arn:aws:iam::${ACCOUNTS.A}:root`, UserId: ACCOUNTS.A },
    );
  });

  it("maps configured access keys to their accounts", async () => {
    const out = await sts({ credentials: keys("AKIACONFIGUREDC") }).send(
      new GetCallerIdentityCommand({}),
    );
    assert.equal(out.Account, ACCOUNTS.C);
  });

  it("issues credentials that act as the role's account", async () => {
    const out = await sts().send(
      new AssumeRoleCommand({
        RoleArn: roleArn(ACCOUNTS.B, "deployer"),
        RoleSessionName: "ci",
        DurationSeconds: 900,
      }),
    );
    const creds = out.Credentials!;
    assert.match(creds.AccessKeyId!, /^ASIA222222222222[A-Z0-9]{4}$/);
    assert.ok(creds.SecretAccessKey!.length > 20);
    assert.ok(creds.SessionToken!.length > 20);
    const lifetime = creds.Expiration!.getTime() - Date.now();
    assert.ok(lifetime > 890_000 && lifetime <= 900_000, `lifetime ${lifetime}`);
    assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNTS.B}:assumed-role/deployer/ci`);
    assert.match(out.AssumedRoleUser!.AssumedRoleId!, /^AROA[A-Z0-9]{17}:ci$/);
    const me = await sts({
      credentials: {
        accessKeyId: creds.AccessKeyId!,
        secretAccessKey: creds.SecretAccessKey!,
        sessionToken: creds.SessionToken!,
      },
    }).send(new GetCallerIdentityCommand({}));
    assert.deepEqual(
      { Account: me.Account, Arn: me.Arn, UserId: me.UserId },
      {
        Account: ACCOUNTS.B,
        Arn: out.AssumedRoleUser!.Arn,
        UserId: out.AssumedRoleUser!.AssumedRoleId,
      },
    );
  });

  it("works across accounts through fromTemporaryCredentials", async () => {
    const credentials = fromTemporaryCredentials({
      params: { RoleArn: roleArn(ACCOUNTS.B, "config-admin"), RoleSessionName: "pulumi" },
    });
    const inB = config({ credentials });
    await inB.send(
      new PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: "in-b",
        AccountAggregationSources: [{ AccountIds: [ACCOUNTS.A], AllAwsRegions: true }],
      }),
    );
    const inA = await config().send(new DescribeConfigurationAggregatorsCommand({}));
    assert.deepEqual(inA.ConfigurationAggregators, []);
    assert.deepEqual(
      fixture.emulator.snapshot().resources.map((r) => [r.account, r.region, r.id]),
      [[ACCOUNTS.B, REGIONS.A, "in-b"]],
    );
    assert.deepEqual(
      fixture.emulator.requests().map((r) => [r.service, r.operation, r.account]),
      [
        ["sts", "AssumeRole", ACCOUNTS.A],
        ["config", "PutConfigurationAggregator", ACCOUNTS.B],
        ["config", "DescribeConfigurationAggregators", ACCOUNTS.A],
      ],
    );
  });

  it("keeps issued credentials valid across reset()", async () => {
    const out = await sts().send(
      new AssumeRoleCommand({ RoleArn: roleArn(ACCOUNTS.B, "r"), RoleSessionName: "session" }),
    );
    fixture.emulator.reset();
    const c = out.Credentials!;
    const me = await sts({
      credentials: {
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: c.SessionToken!,
      },
    }).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Account, ACCOUNTS.B);
  });

  it("refuses denied roles with AccessDenied (403)", async () => {
    await rejectsWith(
      sts().send(new AssumeRoleCommand({ RoleArn: DENIED, RoleSessionName: "session" })),
      "AccessDenied",
      403,
      `User: arn:aws:iam::${ACCOUNTS.A}:root is not authorized to perform: sts:AssumeRole on resource: ${DENIED}`,
    );
  });

  it("requires the configured external ID and never echoes it", async () => {
    const expected = `User: arn:aws:iam::${ACCOUNTS.A}:root is not authorized to perform: sts:AssumeRole on resource: ${GUARDED}`;
    await rejectsWith(
      sts().send(new AssumeRoleCommand({ RoleArn: GUARDED, RoleSessionName: "session" })),
      "AccessDenied",
      403,
      expected,
    );
    const wrong = await failure(
      sts().send(
        new AssumeRoleCommand({
          RoleArn: GUARDED,
          RoleSessionName: "session",
          ExternalId: "wrong-id",
        }),
      ),
    );
    assert.deepEqual(wrong, { name: "AccessDenied", status: 403, message: expected });
    const invalid = await failure(
      sts().send(
        new AssumeRoleCommand({
          RoleArn: GUARDED,
          RoleSessionName: "session",
          ExternalId: "bad id!",
        }),
      ),
    );
    assert.equal(invalid.name, "ValidationError");
    assert.ok(!invalid.message.includes("bad id!"), invalid.message);
    const ok = await sts().send(
      new AssumeRoleCommand({
        RoleArn: GUARDED,
        RoleSessionName: "session",
        ExternalId: SECRET_EXTERNAL_ID,
      }),
    );
    assert.match(ok.Credentials!.AccessKeyId!, /^ASIA222222222222/);
    const log = JSON.stringify(fixture.emulator.requests());
    assert.ok(!log.includes(SECRET_EXTERNAL_ID) && !log.includes("wrong-id"));
  });

  it("honours DurationSeconds within 900..43200", async () => {
    const role = roleArn(ACCOUNTS.B, "r");
    await rejectsWith(
      sts().send(
        new AssumeRoleCommand({ RoleArn: role, RoleSessionName: "session", DurationSeconds: 899 }),
      ),
      "ValidationError",
      400,
      "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
    await rejectsWith(
      sts().send(
        new AssumeRoleCommand({
          RoleArn: role,
          RoleSessionName: "session",
          DurationSeconds: 43201,
        }),
      ),
      "ValidationError",
      400,
      "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
    );
    const out = await sts().send(
      new AssumeRoleCommand({ RoleArn: role, RoleSessionName: "session", DurationSeconds: 43200 }),
    );
    assert.ok(out.Credentials!.Expiration!.getTime() - Date.now() > 43_190_000);
  });

  it("applies the MaxSessionDuration of a role the emulated IAM holds", async () => {
    const b = iam({
      credentials: fromTemporaryCredentials({ params: { RoleArn: roleArn(ACCOUNTS.B, "admin") } }),
    });
    await b.send(
      new CreateRoleCommand({
        RoleName: "short",
        AssumeRolePolicyDocument: "{}",
        MaxSessionDuration: 3600,
      }),
    );
    await rejectsWith(
      sts().send(
        new AssumeRoleCommand({
          RoleArn: roleArn(ACCOUNTS.B, "short"),
          RoleSessionName: "session",
          DurationSeconds: 7200,
        }),
      ),
      "ValidationError",
      400,
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  });

  it("validates the role ARN and session name", async () => {
    await rejectsWith(
      sts().send(
        new AssumeRoleCommand({
          RoleArn: "arn:aws:iam::12345:role/x-long-enough",
          RoleSessionName: "session",
        }),
      ),
      "ValidationError",
      400,
      "Request ARN is invalid",
    );
    await rejectsWith(
      sts().send(
        new AssumeRoleCommand({ RoleArn: roleArn(ACCOUNTS.B, "r"), RoleSessionName: "a b" }),
      ),
      "ValidationError",
      400,
      "1 validation error detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
  });
});
