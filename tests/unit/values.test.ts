import assert from "node:assert/strict";
import { formatPath } from "../../provider/shared/inputs/validation";
import { deepEqual, sortedUnique, withoutUndefined } from "../../provider/shared/inputs/values";
import { PREVIEW_UNKNOWN } from "../../provider/shared/inputs/unknowns";

describe("formatPath", () => {
  const rows: [readonly PropertyKey[], string][] = [
    [[], ""],
    [["name"], "name"],
    [["accountAggregationSource", "accountIds", 2], "accountAggregationSource.accountIds[2]"],
    [["a", "b", 0, "c"], "a.b[0].c"],
    [["tags", "cost center"], 'tags["cost center"]'],
    [["tags", "aws:x"], 'tags["aws:x"]'],
    [["tags", "team"], "tags.team"],
    [["tags", ""], 'tags[""]'],
    [["tags", 'say "hi"'], 'tags["say \\"hi\\""]'],
    [["tags", "1st"], 'tags["1st"]'],
    [[0, "x"], "[0].x"],
    [["$ok", "_ok"], "$ok._ok"],
    [[Symbol("s")], '["Symbol(s)"]'],
  ];
  for (const [path, text] of rows) {
    it(`renders ${String(JSON.stringify(path.map(String)))} as ${text || "an empty string"}`, () => {
      assert.equal(formatPath(path), text);
    });
  }
});

describe("sortedUnique", () => {
  const rows: [
    string,
    readonly string[] | string | undefined,
    readonly string[] | string | undefined,
  ][] = [
    ["sorts and de-duplicates", ["b", "a", "b", "c", "a"], ["a", "b", "c"]],
    ["keeps an empty list", [], []],
    ["sorts by code unit, uppercase first", ["b", "B", "a"], ["B", "a", "b"]],
    ["passes undefined through", undefined, undefined],
    ["passes the unknown sentinel through", PREVIEW_UNKNOWN, PREVIEW_UNKNOWN],
    [
      "leaves a list holding the unknown sentinel as it is",
      ["b", PREVIEW_UNKNOWN, "a", "b"],
      ["b", PREVIEW_UNKNOWN, "a", "b"],
    ],
  ];
  for (const [title, input, output] of rows) {
    it(title, () => {
      assert.deepStrictEqual(sortedUnique(input), output);
    });
  }

  it("does not change the list it is given", () => {
    const list = ["b", "a"];
    sortedUnique(list);
    assert.deepStrictEqual(list, ["b", "a"]);
  });
});

describe("deepEqual", () => {
  const rows: [string, unknown, unknown, boolean][] = [
    ["equal primitives", "a", "a", true],
    ["different primitives", "a", "b", false],
    ["a number and its string", 1, "1", false],
    [
      "objects with keys in another order",
      { a: 1, b: [1, { c: 2, d: 3 }] },
      { b: [1, { d: 3, c: 2 }], a: 1 },
      true,
    ],
    ["an absent key and an undefined one", { a: 1 }, { a: 1, b: undefined }, true],
    ["an extra key", { a: 1 }, { a: 1, b: 2 }, false],
    ["lists in another order", ["a", "b"], ["b", "a"], false],
    ["lists of another length", ["a"], ["a", "a"], false],
    ["a list and an object with index keys", ["a"], { 0: "a" }, false],
    ["null and an empty object", null, {}, false],
    ["null and null", null, null, true],
    ["undefined and an empty object", undefined, {}, false],
  ];
  for (const [title, a, b, equal] of rows) {
    it(`${title}: ${equal ? "equal" : "not equal"}, both ways`, () => {
      assert.equal(deepEqual(a, b), equal);
      assert.equal(deepEqual(b, a), equal);
    });
  }
});

describe("withoutUndefined", () => {
  it("drops only the keys whose value is undefined", () => {
    assert.deepStrictEqual(withoutUndefined({ a: undefined, b: null, c: 0, d: "", e: false }), {
      b: null,
      c: 0,
      d: "",
      e: false,
    });
  });
});
