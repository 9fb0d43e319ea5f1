import assert from "node:assert/strict";
import { request } from "node:http";
import { DescribeConfigurationAggregatorsCommand } from "@aws-sdk/client-config-service";
import { useEmulator } from "../support/emulator.js";
import { config } from "./helpers.js";
import { authorization, configHeaders, send } from "./raw.js";

const json = (text: string): unknown => JSON.parse(text);

describe("emulator: bad input and safety", () => {
  const fixture = useEmulator({ maxBodyBytes: 64 * 1024 });

  afterEach(async () => {
    // Whatever a test sent, the server must still answer a real SDK call.
    const out = await config().send(new DescribeConfigurationAggregatorsCommand({}));
    assert.deepEqual(out.ConfigurationAggregators, []);
  });

  const cases: [string, string, string, string][] = [
    [
      "malformed JSON",
      "{not json",
      "SerializationException",
      "Malformed JSON: the request body is not valid JSON",
    ],
    ["a JSON array", "[]", "SerializationException", "Start of list found where not expected"],
    [
      "a number where a string belongs",
      '{"ConfigurationAggregatorName": 5}',
      "SerializationException",
      "NUMBER_VALUE can not be converted to a String",
    ],
    [
      "a string where a list belongs",
      '{"ConfigurationAggregatorName": "a", "Tags": "x"}',
      "SerializationException",
      "STRING_VALUE can not be converted to a List",
    ],
    [
      "an object where a boolean belongs",
      '{"ConfigurationAggregatorName": "a", "AccountAggregationSources": [{"AccountIds": ["111111111111"], "AllAwsRegions": {}}]}',
      "SerializationException",
      "Start of structure or map found where not expected.",
    ],
  ];
  for (const [what, body, code, message] of cases) {
    it(`answers ${code} to ${what}`, async () => {
      const res = await send(fixture.url, {
        headers: configHeaders("PutConfigurationAggregator"),
        body,
      });
      assert.equal(res.status, 400);
      assert.equal(res.headers["content-type"], "application/x-amz-json-1.1");
      assert.deepEqual(json(res.body), { __type: code, message });
      assert.deepEqual(
        fixture.emulator.requests().map((r) => [r.service, r.operation, r.status, r.errorCode]),
        [["config", "PutConfigurationAggregator", 400, code]],
      );
    });
  }

  it("refuses an unsupported content type", async () => {
    const res = await send(fixture.url, {
      headers: {
        ...configHeaders("DescribeConfigurationAggregators"),
        "content-type": "text/plain",
      },
      body: "{}",
    });
    assert.equal(res.status, 400);
    assert.deepEqual(json(res.body), {
      __type: "UnknownOperationException",
      message:
        "Content-Type 'text/plain' is not supported; StarlingDoveService expects application/x-amz-json-1.1.",
    });
  });

  it("refuses unknown operations and targets of other services", async () => {
    for (const target of [
      "StarlingDoveService.PutConfigRule",
      "DynamoDB_20120810.ListTables",
      "",
    ]) {
      const res = await send(fixture.url, {
        headers: { ...configHeaders("x"), "x-amz-target": target },
        body: "{}",
      });
      assert.equal(res.status, 400);
      assert.deepEqual(json(res.body), {
        __type: "UnknownOperationException",
        message: `Unknown operation: X-Amz-Target '${target}' with POST /`,
      });
    }
    assert.deepEqual(
      fixture.emulator.requests().map((r) => r.operation),
      ["PutConfigRule", "", ""],
    );
  });

  it("refuses requests without credentials, as each service does", async () => {
    const { authorization: _omitted, ...unsigned } = configHeaders(
      "DescribeConfigurationAggregators",
    );
    const cfg = await send(fixture.url, { headers: unsigned, body: "{}" });
    assert.equal(cfg.status, 400);
    assert.deepEqual(json(cfg.body), {
      __type: "MissingAuthenticationTokenException",
      message: "Request is missing Authentication Token",
    });
    const stsRes = await send(fixture.url, {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    assert.equal(stsRes.status, 403);
    assert.match(
      stsRes.body,
      /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code><Message>Request is missing Authentication Token<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
    assert.deepEqual(
      fixture.emulator
        .requests()
        .map((r) => [r.service, r.operation, r.account, r.region, r.status, r.errorCode]),
      [
        [
          "config",
          "DescribeConfigurationAggregators",
          "",
          "",
          400,
          "MissingAuthenticationTokenException",
        ],
        ["sts", "GetCallerIdentity", "", "", 403, "MissingAuthenticationToken"],
      ],
    );
  });

  it("refuses an Authorization header without a SigV4 credential scope", async () => {
    const res = await send(fixture.url, {
      headers: {
        ...configHeaders("DescribeConfigurationAggregators"),
        authorization: "Bearer abc",
      },
      body: "{}",
    });
    assert.equal(res.status, 400);
    assert.equal((json(res.body) as { __type: string }).__type, "IncompleteSignatureException");
  });

  it("caps the body by Content-Length with 413", async () => {
    const res = await send(fixture.url, {
      headers: configHeaders("PutConfigurationAggregator"),
      body: Buffer.alloc(64 * 1024 + 1, 0x20),
    });
    assert.equal(res.status, 413);
    assert.equal(res.headers.connection, "close");
    assert.deepEqual(json(res.body), {
      __type: "RequestEntityTooLargeException",
      message: "Request body exceeds the maximum allowed size.",
    });
    assert.deepEqual(
      fixture.emulator.requests().map((r) => [r.operation, r.status, r.errorCode]),
      [["PutConfigurationAggregator", 413, "RequestEntityTooLargeException"]],
    );
  });

  it("caps a chunked body as it arrives, and in the query protocol's form for STS", async () => {
    const chunk = Buffer.alloc(16 * 1024, 0x41);
    const res = await send(fixture.url, {
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: authorization("sts"),
      },
      body: Array.from({ length: 8 }, () => chunk),
    });
    assert.equal(res.status, 413);
    assert.match(res.body, /<Code>RequestEntityTooLarge<\/Code>/);
  });

  it("accepts a body right at the cap", async () => {
    const body = JSON.stringify({ Limit: 1 }).padEnd(64 * 1024, " ");
    const res = await send(fixture.url, {
      headers: configHeaders("DescribeConfigurationAggregators"),
      body,
    });
    assert.equal(res.status, 200);
    assert.deepEqual(json(res.body), { ConfigurationAggregators: [] });
  });

  it("answers unknown and missing query actions with InvalidAction and MissingAction", async () => {
    const headers = {
      "content-type": "application/x-www-form-urlencoded",
      authorization: authorization("sts"),
    };
    const unknown = await send(fixture.url, {
      headers,
      body: "Action=GetSessionToken&Version=2011-06-15",
    });
    assert.equal(unknown.status, 400);
    assert.match(
      unknown.body,
      /<Code>InvalidAction<\/Code><Message>Could not find operation GetSessionToken for version 2011-06-15<\/Message>/,
    );
    const missing = await send(fixture.url, { headers, body: "Version=2011-06-15" });
    assert.equal(missing.status, 400);
    assert.match(missing.body, /<Code>MissingAction<\/Code><Message>Missing Action<\/Message>/);
  });

  it("answers STS over GET with the parameters in the query string", async () => {
    const res = await send(fixture.url, {
      method: "GET",
      path: "/?Action=GetCallerIdentity&Version=2011-06-15",
      headers: { authorization: authorization("sts") },
    });
    assert.equal(res.status, 200);
    assert.match(res.body, /<Account>111111111111<\/Account>/);
  });

  it("survives a client that disconnects mid-body", async () => {
    await new Promise<void>((resolve) => {
      const req = request(new URL(fixture.url), {
        method: "POST",
        headers: { ...configHeaders("DescribeConfigurationAggregators"), "content-length": "1000" },
      });
      req.on("error", () => resolve());
      req.write("{", () => {
        req.destroy();
        resolve();
      });
    });
  });

  it("survives many bad requests in parallel", async () => {
    const bodies = ["{", "[]", "null", '{"Limit": "x"}', "\u0000\u0001"];
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send(fixture.url, {
          headers: configHeaders("DescribeConfigurationAggregators"),
          body: bodies[i % bodies.length],
        }),
      ),
    );
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([400]));
    assert.equal(fixture.emulator.requests().length, 50);
  });
});
