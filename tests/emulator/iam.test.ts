import assert from "node:assert/strict";
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRoleTagsCommand,
  TagRoleCommand,
  UntagRoleCommand,
} from "@aws-sdk/client-iam";
import { useEmulator } from "../support/emulator.js";
import { failure, iam, rejectsWith } from "./helpers.js";
import { ACCOUNTS } from "../support/fixtures.js";

const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "sts:AssumeRole" },
  ],
});
const CONFIG_POLICY = "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole";

describe("emulator: IAM roles", () => {
  const fixture = useEmulator();

  it("creates a role and returns it as IAM does", async () => {
    const { Role } = await iam().send(
      new CreateRoleCommand({
        RoleName: "aws-config",
        Path: "/service-role/",
        AssumeRolePolicyDocument: TRUST,
        Description: "Config recorder",
        Tags: [{ Key: "team", Value: "platform" }],
      }),
    );
    assert.match(Role!.RoleId!, /^AROA[A-Z2-7]{17}$/);
    assert.ok(Role!.CreateDate instanceof Date);
    assert.deepEqual(Role, {
      Path: "/service-role/",
      RoleName: "aws-config",
      RoleId: Role!.RoleId,
      Arn: `arn:aws:iam::${ACCOUNTS.A}:role/service-role/aws-config`,
      CreateDate: Role!.CreateDate,
      AssumeRolePolicyDocument: encodeURIComponent(TRUST),
      Description: "Config recorder",
      MaxSessionDuration: 3600,
      Tags: [{ Key: "team", Value: "platform" }],
    });
    const got = await iam().send(new GetRoleCommand({ RoleName: "aws-config" }));
    assert.equal(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!), TRUST);
    assert.deepEqual(got.Role!.RoleLastUsed, {});
    assert.equal(got.Role!.RoleId, Role.RoleId);
  });

  it("refuses duplicate names regardless of letter case", async () => {
    await iam().send(
      new CreateRoleCommand({ RoleName: "Config", AssumeRolePolicyDocument: TRUST }),
    );
    await rejectsWith(
      iam().send(new CreateRoleCommand({ RoleName: "config", AssumeRolePolicyDocument: TRUST })),
      "EntityAlreadyExistsException",
      409,
      "Role with name config already exists.",
    );
  });

  it("answers NoSuchEntity for unknown roles", async () => {
    await rejectsWith(
      iam().send(new GetRoleCommand({ RoleName: "ghost" })),
      "NoSuchEntityException",
      404,
      "The role with name ghost cannot be found.",
    );
  });

  it("attaches, lists, detaches policies and refuses to delete while attached", async () => {
    const client = iam();
    await client.send(new CreateRoleCommand({ RoleName: "r", AssumeRolePolicyDocument: TRUST }));
    await client.send(new AttachRolePolicyCommand({ RoleName: "r", PolicyArn: CONFIG_POLICY }));
    await client.send(new AttachRolePolicyCommand({ RoleName: "r", PolicyArn: CONFIG_POLICY }));
    const listed = await client.send(new ListAttachedRolePoliciesCommand({ RoleName: "r" }));
    assert.deepEqual(listed.AttachedPolicies, [
      { PolicyName: "AWS_ConfigRole", PolicyArn: CONFIG_POLICY },
    ]);
    assert.equal(listed.IsTruncated, false);
    await rejectsWith(
      client.send(new DeleteRoleCommand({ RoleName: "r" })),
      "DeleteConflictException",
      409,
      "Cannot delete entity, must detach all policies first.",
    );
    await client.send(new DetachRolePolicyCommand({ RoleName: "r", PolicyArn: CONFIG_POLICY }));
    await rejectsWith(
      client.send(new DetachRolePolicyCommand({ RoleName: "r", PolicyArn: CONFIG_POLICY })),
      "NoSuchEntityException",
      404,
      `Policy ${CONFIG_POLICY} was not found.`,
    );
    await client.send(new DeleteRoleCommand({ RoleName: "r" }));
    assert.deepEqual(fixture.emulator.snapshot().roles, []);
  });

  it("refuses malformed policy ARNs and trust policies", async () => {
    await iam().send(new CreateRoleCommand({ RoleName: "r", AssumeRolePolicyDocument: TRUST }));
    await rejectsWith(
      iam().send(
        new AttachRolePolicyCommand({ RoleName: "r", PolicyArn: "arn:aws:iam::aws:notapolicy/x" }),
      ),
      "InvalidInputException",
      400,
      "ARN arn:aws:iam::aws:notapolicy/x is not valid.",
    );
    await rejectsWith(
      iam().send(new CreateRoleCommand({ RoleName: "bad", AssumeRolePolicyDocument: "{not json" })),
      "MalformedPolicyDocumentException",
      400,
      "This policy contains invalid Json",
    );
  });

  it("pages attached policies with MaxItems and Marker", async () => {
    const client = iam();
    await client.send(new CreateRoleCommand({ RoleName: "r", AssumeRolePolicyDocument: TRUST }));
    for (const name of ["A", "B", "C"])
      await client.send(
        new AttachRolePolicyCommand({
          RoleName: "r",
          PolicyArn: `arn:aws:iam::aws:policy/${name}`,
        }),
      );
    const first = await client.send(
      new ListAttachedRolePoliciesCommand({ RoleName: "r", MaxItems: 2 }),
    );
    assert.deepEqual(
      first.AttachedPolicies!.map((p) => p.PolicyName),
      ["A", "B"],
    );
    assert.equal(first.IsTruncated, true);
    const second = await client.send(
      new ListAttachedRolePoliciesCommand({ RoleName: "r", MaxItems: 2, Marker: first.Marker }),
    );
    assert.deepEqual(
      second.AttachedPolicies!.map((p) => p.PolicyName),
      ["C"],
    );
    assert.equal(second.IsTruncated, false);
    assert.equal(second.Marker, undefined);
  });

  it("tags, untags and lists role tags", async () => {
    const client = iam();
    await client.send(
      new CreateRoleCommand({
        RoleName: "r",
        AssumeRolePolicyDocument: TRUST,
        Tags: [{ Key: "Env", Value: "dev" }],
      }),
    );
    await client.send(
      new TagRoleCommand({
        RoleName: "r",
        Tags: [
          { Key: "env", Value: "prod" },
          { Key: "team", Value: "x" },
        ],
      }),
    );
    const tags = await client.send(new ListRoleTagsCommand({ RoleName: "r" }));
    assert.deepEqual(tags.Tags, [
      { Key: "env", Value: "prod" },
      { Key: "team", Value: "x" },
    ]);
    await client.send(new UntagRoleCommand({ RoleName: "r", TagKeys: ["TEAM"] }));
    assert.deepEqual(fixture.emulator.snapshot().roles[0].tags, { env: "prod" });
    await rejectsWith(
      client.send(
        new TagRoleCommand({
          RoleName: "r",
          Tags: [
            { Key: "a", Value: "1" },
            { Key: "A", Value: "2" },
          ],
        }),
      ),
      "InvalidInputException",
      400,
      "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
    );
  });

  it("validates names, paths and tag counts", async () => {
    const seen = await failure(
      iam().send(
        new CreateRoleCommand({
          RoleName: "bad name",
          Path: "no-slash",
          AssumeRolePolicyDocument: TRUST,
        }),
      ),
    );
    assert.deepEqual(seen, {
      name: "ValidationError",
      status: 400,
      message:
        "2 validation errors detected: Value 'bad name' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+; " +
        "Value 'no-slash' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
    });
    const client = iam();
    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await client.send(
      new CreateRoleCommand({ RoleName: "r", AssumeRolePolicyDocument: TRUST, Tags: fifty }),
    );
    await rejectsWith(
      client.send(new TagRoleCommand({ RoleName: "r", Tags: [{ Key: "one-more", Value: "v" }] })),
      "LimitExceededException",
      409,
      "Cannot exceed quota for TagsPerRole: 50",
    );
  });
});
