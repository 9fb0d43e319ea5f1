import assert from "node:assert/strict";
import {
  accountForKey,
  issueCredentials,
  readAuthorization,
  readSessionToken,
} from "../../emulator/auth.js";
import { FaultInjector, type FaultTarget } from "../../emulator/faults.js";
import { decodeToken, encodeToken } from "../../emulator/pagination.js";
import { decode, s } from "../../emulator/protocols/shapes.js";
import { el, render } from "../../emulator/protocols/xml.js";
import { codePoints, Violations } from "../../emulator/validation.js";
import { ACCOUNTS } from "../support/fixtures.js";

const TARGET: FaultTarget = {
  service: "config",
  operation: "TagResource",
  account: ACCOUNTS.A,
  region: "us-east-1",
};

describe("emulator units", () => {
  describe("FaultInjector", () => {
    it("refills a token bucket at ratePerSecond, up to burst", () => {
      const faults = new FaultInjector();
      faults.set({ rules: [{ kind: "throttle", ratePerSecond: 2, burst: 3 }] });
      const throttled = (now: number): boolean => faults.decide(TARGET, now).error !== undefined;
      assert.deepEqual([0, 0, 0, 0].map(throttled), [false, false, false, true]);
      assert.deepEqual([499, 500].map(throttled), [true, false]);
      assert.deepEqual([10_000, 10_000, 10_000, 10_000].map(throttled), [
        false,
        false,
        false,
        true,
      ]);
    });

    it("keeps one bucket per service, operation, account and region", () => {
      const faults = new FaultInjector();
      faults.set({ rules: [{ kind: "throttle", ratePerSecond: 1 }] });
      assert.equal(faults.decide(TARGET, 0).error, undefined);
      assert.ok(faults.decide(TARGET, 0).error);
      for (const other of [
        { ...TARGET, operation: "UntagResource" },
        { ...TARGET, account: ACCOUNTS.B },
        { ...TARGET, region: "eu-west-1" },
        { ...TARGET, service: "tagging" as const },
      ])
        assert.equal(faults.decide(other, 0).error, undefined);
    });

    it("sums latency rules, lets the first error rule decide, and spends times only on hits", () => {
      const faults = new FaultInjector();
      faults.set({
        rules: [
          { kind: "latency", latencyMs: 10 },
          { kind: "latency", latencyMs: 5, operation: "TagResource" },
          { kind: "unavailable", times: 1 },
          { kind: "internal-error", times: 1 },
        ],
      });
      const seen = [0, 1, 2].map(() => faults.decide(TARGET, 0));
      assert.deepEqual(
        seen.map((d) => [d.latencyMs, d.error?.kind]),
        [
          [15, "unavailable"],
          [15, "internal-error"],
          [15, undefined],
        ],
      );
    });

    it("draws the same hits for the same seed", () => {
      const draws = (seed: number): boolean[] => {
        const faults = new FaultInjector();
        faults.set({ seed, rules: [{ kind: "drop", probability: 0.3 }] });
        return Array.from({ length: 40 }, () => faults.decide(TARGET, 0).drop);
      };
      assert.deepEqual(draws(9), draws(9));
      assert.notDeepEqual(draws(9), draws(10));
    });
  });

  describe("Violations", () => {
    it("renders values as AWS does: null, strings, lists and structures", () => {
      const v = new Violations();
      v.required(undefined, "a");
      v.length("", "b", 1);
      v.count(["x", "y"], "c", 0, 1);
      v.count([{ Key: "k", Value: "v" }], "d", 2);
      v.range(7, "e", 0, 5);
      assert.throws(() => v.throwIfAny(), {
        name: "ValidationException",
        message:
          "5 validation errors detected: Value null at 'a' failed to satisfy constraint: Member must not be null; " +
          "Value '' at 'b' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
          "Value '[x, y]' at 'c' failed to satisfy constraint: Member must have length less than or equal to 1; " +
          "Value '[{Key: k,Value: v}]' at 'd' failed to satisfy constraint: Member must have length greater than or equal to 2; " +
          "Value '7' at 'e' failed to satisfy constraint: Member must have value less than or equal to 5",
      });
    });

    it("counts length in code points and hides sensitive values", () => {
      assert.equal(codePoints("a😀b"), 3);
      const v = new Violations("ValidationError");
      v.length("😀", "x", 2, 10, true);
      assert.throws(() => v.throwIfAny(), {
        name: "ValidationError",
        message:
          "1 validation error detected: Value '***' at 'x' failed to satisfy constraint: Member must have length greater than or equal to 2",
      });
    });
  });

  describe("JSON shapes", () => {
    const shape = s.struct({
      Name: s.string,
      Limit: s.integer,
      Tags: s.list(s.struct({ Key: s.string })),
    });

    it("drops nulls and unknown members and truncates integers", () => {
      assert.deepEqual(
        decode({ Name: "a", Limit: 2.9, Extra: 1, Tags: [null, { Key: null }] }, shape),
        { Name: "a", Limit: 2, Tags: [{}] },
      );
    });

    it("names the JSON token that does not fit", () => {
      assert.throws(() => decode({ Limit: "1" }, shape), {
        name: "SerializationException",
        message: "STRING_VALUE can not be converted to an Integer",
      });
      assert.throws(() => decode({ Tags: [true] }, shape), {
        message: "TRUE_VALUE can not be converted to a Structure",
      });
      assert.throws(() => decode({ Limit: 2 ** 31 }, shape), {
        message: "Numeric value out of range of int",
      });
    });
  });

  describe("credentials", () => {
    it("reads the SigV4 credential scope", () => {
      assert.deepEqual(
        readAuthorization(
          "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-central-1/tagging/aws4_request, SignedHeaders=host, Signature=abc",
        ),
        { kind: "signed", accessKeyId: "AKIDEXAMPLE", region: "eu-central-1", service: "tagging" },
      );
      assert.deepEqual(readAuthorization(undefined), { kind: "missing" });
      assert.deepEqual(readAuthorization("AWS4-HMAC-SHA256 Credential=AKID/x"), {
        kind: "malformed",
      });
    });

    it("gives configured keys their account, issued keys theirs, and others the default", () => {
      const issued = issueCredentials({
        account: ACCOUNTS.D,
        roleArn: `arn:aws:iam::${ACCOUNTS.D}:role/r`,
        roleName: "r",
        roleId: "AROAEXAMPLE",
        sessionName: "s",
        expires: 0,
      });
      assert.equal(accountForKey(issued.accessKeyId, {}), ACCOUNTS.D);
      assert.equal(accountForKey("AKIAOTHER", {}), ACCOUNTS.A);
      assert.equal(accountForKey("AKIAOTHER", { AKIAOTHER: "555555555555" }), "555555555555");
      assert.equal(readSessionToken(issued.sessionToken)?.sessionName, "s");
      assert.equal(readSessionToken("FwoGZXIvYXdzEBY"), undefined);
    });
  });

  describe("page tokens", () => {
    it("round-trip only within their scope", () => {
      const token = encodeToken("scope-a", 17, 1000);
      assert.deepEqual(decodeToken(token, "scope-a"), { after: 17, issuedAt: 1000 });
      assert.equal(decodeToken(token, "scope-b"), undefined);
      assert.equal(decodeToken(`x${token}`, "scope-a"), undefined);
    });
  });

  it("escapes XML text", () => {
    assert.equal(render(el("A", '<&>"\r', el("B"))), "<A>&lt;&amp;&gt;&quot;&#13;<B/></A>");
  });
});
