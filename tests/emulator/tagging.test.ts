import assert from "node:assert/strict";
import {
  ListTagsForResourceCommand,
  PutAggregationAuthorizationCommand,
  PutConfigurationAggregatorCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-config-service";
import {
  GetResourcesCommand,
  paginateGetResources,
  TagResourcesCommand,
  UntagResourcesCommand,
} from "@aws-sdk/client-resource-groups-tagging-api";
import { useEmulator } from "../support/emulator.js";
import { config, failure, tagging } from "./helpers.js";
import { ACCOUNTS, REGIONS } from "../support/fixtures.js";

type Tags = { Key: string; Value: string }[];

async function aggregator(name: string, tags?: Tags): Promise<string> {
  const out = await config().send(
    new PutConfigurationAggregatorCommand({
      ConfigurationAggregatorName: name,
      AccountAggregationSources: [{ AccountIds: [ACCOUNTS.B], AllAwsRegions: true }],
      ...(tags ? { Tags: tags } : {}),
    }),
  );
  return out.ConfigurationAggregator!.ConfigurationAggregatorArn!;
}

async function authorization(region: string, tags?: Tags): Promise<string> {
  const out = await config().send(
    new PutAggregationAuthorizationCommand({
      AuthorizedAccountId: ACCOUNTS.B,
      AuthorizedAwsRegion: region,
      ...(tags ? { Tags: tags } : {}),
    }),
  );
  return out.AggregationAuthorization!.AggregationAuthorizationArn!;
}

describe("emulator: Resource Groups Tagging API", () => {
  const fixture = useEmulator();

  describe("GetResources by ResourceARNList", () => {
    it("returns tagged resources, leaving out unknown and never-tagged ones", async () => {
      const tagged = await aggregator("tagged", [{ Key: "env", Value: "prod" }]);
      const untagged = await aggregator("untagged");
      const unknown = `arn:aws:config:${REGIONS.A}:${ACCOUNTS.A}:config-aggregator/config-aggregator-00000000`;
      const out = await tagging().send(
        new GetResourcesCommand({ ResourceARNList: [untagged, unknown, tagged] }),
      );
      assert.deepEqual(out.ResourceTagMappingList, [
        { ResourceARN: tagged, Tags: [{ Key: "env", Value: "prod" }] },
      ]);
      assert.equal(out.PaginationToken, "");
    });

    it("lists a resource whose tags were all removed with Tags: []", async () => {
      const arn = await aggregator("was-tagged", [{ Key: "a", Value: "1" }]);
      await config().send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["a"] }));
      const out = await tagging().send(new GetResourcesCommand({ ResourceARNList: [arn] }));
      assert.deepEqual(out.ResourceTagMappingList, [{ ResourceARN: arn, Tags: [] }]);
    });

    it("cannot be combined with filters or paging", async () => {
      const arn = await aggregator("x", [{ Key: "a", Value: "1" }]);
      const message =
        "ResourceARNList cannot be combined with TagFilters, ResourceTypeFilters, PaginationToken, ResourcesPerPage or TagsPerPage.";
      for (const extra of [
        { TagFilters: [{ Key: "a" }] },
        { ResourceTypeFilters: ["config"] },
        { ResourcesPerPage: 10 },
        { PaginationToken: "abc" },
      ]) {
        const seen = await failure(
          tagging().send(new GetResourcesCommand({ ResourceARNList: [arn], ...extra })),
        );
        assert.deepEqual(seen, { name: "InvalidParameterException", status: 400, message });
      }
    });

    it("accepts 1 to 100 ARNs", async () => {
      const arns = Array.from(
        { length: 101 },
        (_, i) => `arn:aws:config:${REGIONS.A}:${ACCOUNTS.A}:x/${i}`,
      );
      const seen = await failure(
        tagging().send(new GetResourcesCommand({ ResourceARNList: arns })),
      );
      assert.equal(seen.name, "InvalidParameterException");
      assert.match(
        seen.message,
        /at 'resourceARNList' failed to satisfy constraint: Member must have length less than or equal to 100$/,
      );
    });
  });

  describe("GetResources by filters", () => {
    it("filters by resource type", async () => {
      const agg = await aggregator("agg", [{ Key: "a", Value: "1" }]);
      const auth = await authorization(REGIONS.B, [{ Key: "a", Value: "1" }]);
      const list = async (filters: string[]): Promise<string[]> => {
        const out = await tagging().send(new GetResourcesCommand({ ResourceTypeFilters: filters }));
        return out.ResourceTagMappingList!.map((m) => m.ResourceARN!);
      };
      assert.deepEqual(await list(["config"]), [agg, auth]);
      assert.deepEqual(await list(["config:config-aggregator"]), [agg]);
      assert.deepEqual(await list(["config:aggregation-authorization"]), [auth]);
      assert.deepEqual(await list(["ec2:instance"]), []);
      assert.deepEqual(await list([]), [agg, auth]);
    });

    it("ANDs tag filters and ORs the values of one filter", async () => {
      const prod = await aggregator("prod", [
        { Key: "env", Value: "prod" },
        { Key: "team", Value: "a" },
      ]);
      const dev = await aggregator("dev", [
        { Key: "env", Value: "dev" },
        { Key: "team", Value: "b" },
      ]);
      await aggregator("other", [{ Key: "owner", Value: "x" }]);
      const list = async (TagFilters: { Key: string; Values?: string[] }[]): Promise<string[]> => {
        const out = await tagging().send(new GetResourcesCommand({ TagFilters }));
        return out.ResourceTagMappingList!.map((m) => m.ResourceARN!);
      };
      assert.deepEqual(await list([{ Key: "env", Values: ["prod", "dev"] }]), [prod, dev]);
      assert.deepEqual(await list([{ Key: "env" }, { Key: "team", Values: ["b"] }]), [dev]);
      assert.deepEqual(await list([{ Key: "team" }]), [prod, dev]);
      assert.deepEqual(await list([{ Key: "env", Values: ["qa"] }]), []);
    });

    it("pages with ResourcesPerPage and PaginationToken, also through the SDK paginator", async () => {
      const arns: string[] = [];
      for (let i = 0; i < 5; i++)
        arns.push(await aggregator(`a${i}`, [{ Key: "n", Value: `${i}` }]));
      const first = await tagging().send(new GetResourcesCommand({ ResourcesPerPage: 2 }));
      assert.equal(first.ResourceTagMappingList!.length, 2);
      assert.notEqual(first.PaginationToken, "");
      const seen: string[] = [];
      for await (const page of paginateGetResources({ client: tagging(), pageSize: 2 }, {}))
        seen.push(...page.ResourceTagMappingList!.map((m) => m.ResourceARN!));
      assert.deepEqual(seen, arns);
      const calls = fixture.emulator.requests().filter((r) => r.operation === "GetResources");
      assert.equal(calls.length, 4);
    });

    it("includes compliance details when asked", async () => {
      const arn = await aggregator("c", [{ Key: "a", Value: "1" }]);
      const out = await tagging().send(new GetResourcesCommand({ IncludeComplianceDetails: true }));
      assert.deepEqual(out.ResourceTagMappingList, [
        {
          ResourceARN: arn,
          Tags: [{ Key: "a", Value: "1" }],
          ComplianceDetails: {
            NoncompliantKeys: [],
            KeysWithNoncompliantValues: [],
            ComplianceStatus: true,
          },
        },
      ]);
    });

    it("refuses bad paging parameters and tokens", async () => {
      const cases: [Record<string, unknown>, string][] = [
        [
          { ResourcesPerPage: 0 },
          "1 validation error detected: Value '0' at 'resourcesPerPage' failed to satisfy constraint: Member must have value greater than or equal to 1",
        ],
        [
          { ResourcesPerPage: 101 },
          "1 validation error detected: Value '101' at 'resourcesPerPage' failed to satisfy constraint: Member must have value less than or equal to 100",
        ],
        [
          { TagsPerPage: 99 },
          "1 validation error detected: Value '99' at 'tagsPerPage' failed to satisfy constraint: Member must have value greater than or equal to 100",
        ],
        [
          { PaginationToken: "forged" },
          "The specified PaginationToken is not valid for this request.",
        ],
      ];
      for (const [input, message] of cases) {
        const seen = await failure(tagging().send(new GetResourcesCommand(input)));
        assert.deepEqual(seen, { name: "InvalidParameterException", status: 400, message });
      }
    });
  });

  describe("TagResources and UntagResources", () => {
    it("share the tag store with Config's own tag operations", async () => {
      const agg = await aggregator("agg", [{ Key: "a", Value: "1" }]);
      const auth = await authorization(REGIONS.A);
      const tagged = await tagging().send(
        new TagResourcesCommand({ ResourceARNList: [agg, auth], Tags: { team: "x", a: "2" } }),
      );
      assert.deepEqual(tagged.FailedResourcesMap, {});
      const list = async (arn: string): Promise<Tags | undefined> =>
        (await config().send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags as Tags;
      assert.deepEqual(await list(agg), [
        { Key: "a", Value: "2" },
        { Key: "team", Value: "x" },
      ]);
      assert.deepEqual(await list(auth), [
        { Key: "team", Value: "x" },
        { Key: "a", Value: "2" },
      ]);
      const untagged = await tagging().send(
        new UntagResourcesCommand({ ResourceARNList: [agg, auth], TagKeys: ["a"] }),
      );
      assert.deepEqual(untagged.FailedResourcesMap, {});
      assert.deepEqual(await list(agg), [{ Key: "team", Value: "x" }]);
      assert.deepEqual(await list(auth), [{ Key: "team", Value: "x" }]);
    });

    it("reports per-resource failures in FailedResourcesMap with HTTP 200", async () => {
      const full = await aggregator(
        "full",
        Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: "v" })),
      );
      const ok = await authorization(REGIONS.A);
      const missing = `arn:aws:config:${REGIONS.A}:${ACCOUNTS.A}:config-aggregator/config-aggregator-zzzzzzzz`;
      const out = await tagging().send(
        new TagResourcesCommand({
          ResourceARNList: [full, ok, missing, "arn:aws:s3:::bucket"],
          Tags: { extra: "1" },
        }),
      );
      assert.deepEqual(out.FailedResourcesMap, {
        [full]: {
          StatusCode: 400,
          ErrorCode: "TooManyTagsException",
          ErrorMessage:
            "You have reached the limit of the number of tags you can use: the resource would have 51 tags; at most 50 are allowed.",
        },
        [missing]: {
          StatusCode: 400,
          ErrorCode: "ResourceNotFoundException",
          ErrorMessage: `You have specified a resource that does not exist: ${missing}`,
        },
        "arn:aws:s3:::bucket": {
          StatusCode: 400,
          ErrorCode: "InvalidParameterException",
          ErrorMessage:
            "Resource arn:aws:s3:::bucket is not supported: only AWS Config aggregators and aggregation authorizations can be tagged here.",
        },
      });
      assert.deepEqual(fixture.emulator.snapshot().resources.find((r) => r.arn === ok)!.tags, {
        extra: "1",
      });
      assert.equal(fixture.emulator.requests().at(-1)!.status, 200);
    });

    it("accept at most 20 ARNs and refuse reserved keys", async () => {
      const arns = Array.from(
        { length: 21 },
        (_, i) => `arn:aws:config:${REGIONS.A}:${ACCOUNTS.A}:x/${i}`,
      );
      const tooMany = await failure(
        tagging().send(new TagResourcesCommand({ ResourceARNList: arns, Tags: { a: "b" } })),
      );
      assert.equal(tooMany.name, "InvalidParameterException");
      assert.match(
        tooMany.message,
        /at 'resourceARNList' failed to satisfy constraint: Member must have length less than or equal to 20$/,
      );
      const reserved = await failure(
        tagging().send(
          new UntagResourcesCommand({ ResourceARNList: [arns[0]], TagKeys: ["aws:x"] }),
        ),
      );
      assert.deepEqual(reserved, {
        name: "InvalidParameterException",
        status: 400,
        message: "Tag key 'aws:x' is not allowed: the 'aws:' prefix is reserved for use by AWS.",
      });
    });
  });
});
