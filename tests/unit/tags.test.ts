import assert from "node:assert/strict";
import {
  fromTagList,
  isAwsTagKey,
  tagDelta,
  type TagDelta,
  type Tags,
  toTagList,
  userTags,
} from "../../provider/shared/tags/values";
import { Random, tags as randomTags } from "./generators";

describe("tags", () => {
  describe("isAwsTagKey", () => {
    const rows: [string, boolean][] = [
      ["aws:cloudformation:stack-name", true],
      ["AWS:Owner", true],
      ["Aws:x", true],
      ["aWS:", true],
      ["aws", false],
      ["awsx:y", false],
      ["my-aws:key", false],
      [" aws:x", false],
      ["team", false],
    ];
    for (const [key, expected] of rows) {
      it(`${JSON.stringify(key)} is ${expected ? "" : "not "}an AWS key`, () => {
        assert.equal(isAwsTagKey(key), expected);
      });
    }
  });

  describe("userTags", () => {
    it("drops aws: keys in any case and keeps the rest", () => {
      assert.deepStrictEqual(
        userTags({
          "aws:a": "1",
          "AWS:b": "2",
          "Aws:c": "3",
          awsx: "4",
          "my-aws:key": "5",
          team: "6",
        }),
        { awsx: "4", "my-aws:key": "5", team: "6" },
      );
    });

    it("is empty for undefined", () => {
      assert.deepStrictEqual(userTags(undefined), {});
    });
  });

  describe("toTagList", () => {
    it("lists every tag as Key and Value, aws: keys included", () => {
      assert.deepStrictEqual(toTagList({ team: "platform", "cost center": "", "aws:x": "y" }), [
        { Key: "team", Value: "platform" },
        { Key: "cost center", Value: "" },
        { Key: "aws:x", Value: "y" },
      ]);
    });

    it("is empty for undefined", () => {
      assert.deepStrictEqual(toTagList(undefined), []);
    });
  });

  describe("fromTagList", () => {
    it("keeps a tag whose key is __proto__ as a plain tag", () => {
      const tags = fromTagList([{ Key: "__proto__", Value: "v" }]);
      assert.deepStrictEqual(Object.entries(tags), [["__proto__", "v"]]);
    });

    it("drops aws: keys in any case", () => {
      assert.deepStrictEqual(
        fromTagList([
          { Key: "aws:cloudformation:stack-id", Value: "x" },
          { Key: "AWS:Owner", Value: "y" },
          { Key: "team", Value: "platform" },
        ]),
        { team: "platform" },
      );
    });

    it("reads a missing value as empty and skips an entry without a key", () => {
      assert.deepStrictEqual(fromTagList([{ Key: "flag" }, { Value: "orphan" }]), { flag: "" });
    });

    it("is empty for undefined and for an empty list", () => {
      assert.deepStrictEqual(fromTagList(undefined), {});
      assert.deepStrictEqual(fromTagList([]), {});
    });

    it("reads back what toTagList wrote, without the aws: keys", () => {
      const random = new Random(7);
      for (let run = 0; run < 200; run++) {
        const tags = { ...randomTags(random), "aws:createdBy": "config" };
        assert.deepStrictEqual(fromTagList(toTagList(tags)), userTags(tags));
      }
    });
  });

  describe("tagDelta", () => {
    const rows: { title: string; current?: Tags; desired?: Tags; delta: TagDelta }[] = [
      {
        title: "removes tags named like built-in object properties",
        current: { constructor: "x", toString: "y", team: "a" },
        desired: { team: "a" },
        delta: { removeKeys: ["constructor", "toString"], set: {} },
      },
      {
        title: "nothing to do for equal tags",
        current: { a: "1", b: "2" },
        desired: { b: "2", a: "1" },
        delta: { removeKeys: [], set: {} },
      },
      { title: "nothing to do for no tags", delta: { removeKeys: [], set: {} } },
      {
        title: "removes only the keys that are gone",
        current: { a: "1", b: "2", c: "3" },
        desired: { a: "1", c: "3" },
        delta: { removeKeys: ["b"], set: {} },
      },
      {
        title: "sets only the added and changed tags",
        current: { a: "1", b: "2" },
        desired: { a: "1", b: "3", c: "4" },
        delta: { removeKeys: [], set: { b: "3", c: "4" } },
      },
      {
        title: "removes and sets together",
        current: { a: "1", b: "2" },
        desired: { b: "two", c: "3" },
        delta: { removeKeys: ["a"], set: { b: "two", c: "3" } },
      },
      {
        title: "removes every tag when none are desired",
        current: { a: "1", b: "2" },
        desired: undefined,
        delta: { removeKeys: ["a", "b"], set: {} },
      },
      {
        title: "sets every tag when there were none",
        current: undefined,
        desired: { a: "1" },
        delta: { removeKeys: [], set: { a: "1" } },
      },
      {
        title: "tells an empty value from a missing key",
        current: { a: "", b: "2" },
        desired: { b: "", c: "" },
        delta: { removeKeys: ["a"], set: { b: "", c: "" } },
      },
      {
        title: "never removes an aws: key the resource has",
        current: { a: "1", "aws:cloudformation:stack-name": "x", "AWS:Owner": "y" },
        desired: { a: "1" },
        delta: { removeKeys: [], set: {} },
      },
      {
        title: "never sets an aws: key the program gives",
        current: { a: "1" },
        desired: { a: "1", "aws:x": "y", "Aws:z": "w" },
        delta: { removeKeys: [], set: {} },
      },
      {
        title: "treats keys case-sensitively",
        current: { Team: "x" },
        desired: { team: "x" },
        delta: { removeKeys: ["Team"], set: { team: "x" } },
      },
    ];
    for (const { title, current, desired, delta } of rows) {
      it(title, () => {
        assert.deepStrictEqual(tagDelta(current, desired), delta);
      });
    }

    it("applied to the current user tags, always gives the desired user tags, minimally", () => {
      const random = new Random(11);
      for (let run = 0; run < 200; run++) {
        const base = randomTags(random);
        const current: Tags = { ...base, ...randomTags(random), "aws:managed": "1" };
        const desired: Tags = { ...base, ...randomTags(random), "AWS:other": "2" };
        const { removeKeys, set } = tagDelta(current, desired);
        const after = Object.fromEntries(
          Object.entries(userTags(current)).filter(([key]) => !removeKeys.includes(key)),
        );
        const context = JSON.stringify({ current, desired });
        assert.deepStrictEqual({ ...after, ...set }, userTags(desired), context);
        for (const key of removeKeys) assert.ok(key in current && !(key in desired), context);
        for (const [key, value] of Object.entries(set))
          assert.notEqual(current[key], value, context);
      }
    });
  });
});
