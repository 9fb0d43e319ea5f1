import assert from "node:assert/strict";
import {
  ListTagsForResourceCommand,
  PutAggregationAuthorizationCommand,
  PutConfigurationAggregatorCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-config-service";
import { useEmulator } from "../support/emulator.js";
import { config, failure, rejectsWith } from "./helpers.js";
import { ACCOUNTS, REGIONS } from "../support/fixtures.js";

async function aggregatorArn(tags?: { Key: string; Value: string }[]): Promise<string> {
  const out = await config().send(
    new PutConfigurationAggregatorCommand({
      ConfigurationAggregatorName: "tags",
      AccountAggregationSources: [{ AccountIds: [ACCOUNTS.B], AllAwsRegions: true }],
      ...(tags ? { Tags: tags } : {}),
    }),
  );
  return out.ConfigurationAggregator!.ConfigurationAggregatorArn!;
}

const numbered = (n: number, from = 0): { Key: string; Value: string }[] =>
  Array.from({ length: n }, (_, i) => ({
    Key: `k${String(from + i).padStart(2, "0")}`,
    Value: `v${from + i}`,
  }));

describe("emulator: Config TagResource, UntagResource, ListTagsForResource", () => {
  useEmulator();

  it("adds and overwrites tags and leaves the others alone", async () => {
    const arn = await aggregatorArn([
      { Key: "a", Value: "1" },
      { Key: "b", Value: "2" },
    ]);
    const client = config();
    await client.send(
      new TagResourceCommand({
        ResourceArn: arn,
        Tags: [
          { Key: "b", Value: "20" },
          { Key: "c", Value: "3" },
        ],
      }),
    );
    const { Tags } = await client.send(new ListTagsForResourceCommand({ ResourceArn: arn }));
    assert.deepEqual(Tags, [
      { Key: "a", Value: "1" },
      { Key: "b", Value: "20" },
      { Key: "c", Value: "3" },
    ]);
  });

  it("removes tags by key and ignores absent keys", async () => {
    const arn = await aggregatorArn([
      { Key: "a", Value: "1" },
      { Key: "b", Value: "2" },
    ]);
    const client = config();
    await client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["a", "missing"] }));
    const { Tags } = await client.send(new ListTagsForResourceCommand({ ResourceArn: arn }));
    assert.deepEqual(Tags, [{ Key: "b", Value: "2" }]);
  });

  it("tags aggregation authorizations too", async () => {
    const { AggregationAuthorization } = await config().send(
      new PutAggregationAuthorizationCommand({
        AuthorizedAccountId: ACCOUNTS.B,
        AuthorizedAwsRegion: REGIONS.B,
      }),
    );
    const arn = AggregationAuthorization!.AggregationAuthorizationArn!;
    await config().send(
      new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: "x", Value: "y" }] }),
    );
    const { Tags } = await config().send(new ListTagsForResourceCommand({ ResourceArn: arn }));
    assert.deepEqual(Tags, [{ Key: "x", Value: "y" }]);
  });

  it("refuses a 51st tag with TooManyTagsException and changes nothing", async () => {
    const arn = await aggregatorArn(numbered(50));
    const client = config();
    await rejectsWith(
      client.send(
        new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: "one-more", Value: "x" }] }),
      ),
      "TooManyTagsException",
      400,
      "You have reached the limit of the number of tags you can use: the resource would have 51 tags; at most 50 are allowed.",
    );
    await client.send(
      new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: "k00", Value: "new" }] }),
    );
    const { Tags } = await client.send(new ListTagsForResourceCommand({ ResourceArn: arn }));
    assert.equal(Tags!.length, 50);
    assert.deepEqual(Tags![0], { Key: "k00", Value: "new" });
  });

  it("answers ResourceNotFoundException for unknown ARNs and other regions' resources", async () => {
    const arn = await aggregatorArn();
    const unknown = `arn:aws:config:${REGIONS.A}:${ACCOUNTS.A}:config-aggregator/config-aggregator-zzzzzzzz`;
    const message = (a: string): string =>
      `You have specified a resource that does not exist: ${a}`;
    await rejectsWith(
      config().send(
        new TagResourceCommand({ ResourceArn: unknown, Tags: [{ Key: "a", Value: "b" }] }),
      ),
      "ResourceNotFoundException",
      400,
      message(unknown),
    );
    await rejectsWith(
      config().send(new UntagResourceCommand({ ResourceArn: unknown, TagKeys: ["a"] })),
      "ResourceNotFoundException",
      400,
      message(unknown),
    );
    await rejectsWith(
      config({ region: REGIONS.B }).send(new ListTagsForResourceCommand({ ResourceArn: arn })),
      "ResourceNotFoundException",
      400,
      message(arn),
    );
  });

  it("validates tag lists, tag keys and reserved keys", async () => {
    const arn = await aggregatorArn();
    const client = config();
    assert.deepEqual(
      await failure(client.send(new TagResourceCommand({ ResourceArn: arn, Tags: [] }))),
      {
        name: "ValidationException",
        status: 400,
        message:
          "1 validation error detected: Value '[]' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1",
      },
    );
    assert.deepEqual(
      await failure(
        client.send(
          new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: "aws:x", Value: "y" }] }),
        ),
      ),
      {
        name: "ValidationException",
        status: 400,
        message: "Tag key 'aws:x' is not allowed: the 'aws:' prefix is reserved for use by AWS.",
      },
    );
    assert.deepEqual(
      await failure(
        client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["", "a*"] })),
      ),
      {
        name: "ValidationException",
        status: 400,
        message:
          "1 validation error detected: Value '[, a*]' at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*]",
      },
    );
    assert.deepEqual(
      await failure(client.send(new ListTagsForResourceCommand({ ResourceArn: "" }))),
      {
        name: "ValidationException",
        status: 400,
        message:
          "1 validation error detected: Value '' at 'resourceArn' failed to satisfy constraint: Member must have length greater than or equal to 1",
      },
    );
  });

  it("pages ListTagsForResource with a Limit of at most 50", async () => {
    const arn = await aggregatorArn(numbered(5));
    const client = config();
    const first = await client.send(new ListTagsForResourceCommand({ ResourceArn: arn, Limit: 2 }));
    const second = await client.send(
      new ListTagsForResourceCommand({ ResourceArn: arn, Limit: 2, NextToken: first.NextToken }),
    );
    const third = await client.send(
      new ListTagsForResourceCommand({ ResourceArn: arn, Limit: 2, NextToken: second.NextToken }),
    );
    assert.deepEqual(
      [first.Tags, second.Tags, third.Tags].map((tags) => tags!.map((t) => t.Key)),
      [["k00", "k01"], ["k02", "k03"], ["k04"]],
    );
    assert.equal(third.NextToken, undefined);
    await rejectsWith(
      client.send(new ListTagsForResourceCommand({ ResourceArn: arn, Limit: 51 })),
      "InvalidLimitException",
      400,
      "Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
    await rejectsWith(
      client.send(
        new ListTagsForResourceCommand({ ResourceArn: arn, NextToken: first.NextToken!.slice(1) }),
      ),
      "InvalidNextTokenException",
      400,
      "The nextToken provided is invalid",
    );
  });
});
