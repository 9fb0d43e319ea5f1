import * as assert from "node:assert/strict";
import { ACCOUNT_A, ACCOUNT_C, REGION_A, REGION_B, useEmulator } from "../support/emulator";
import type { PropertyMap } from "../support/host";
import {
  AGGREGATOR_TYPE,
  AUTHORIZATION_TYPE,
  urnOf,
  useProviderHost,
  withProvider,
} from "./helpers";
import { providerText } from "../../provider/shared/stub";

const AGGREGATOR_URN = urnOf(AGGREGATOR_TYPE, "org");
const AUTHORIZATION_URN = urnOf(AUTHORIZATION_TYPE, "auth");
const AGGREGATOR: PropertyMap = {
  name: "org",
  accountAggregationSource: { accountIds: [ACCOUNT_A], allAwsRegions: true },
  autoNamePrefix: "org",
};
const AUTHORIZATION: PropertyMap = {
  authorizedAccountId: ACCOUNT_C,
  authorizedAwsRegion: REGION_A,
};

/** Where the emulator holds each resource, and the region of every request's signature. */
function placements(fixture: ReturnType<typeof useEmulator>) {
  return {
    stored: fixture.emulator.snapshot().resources.map((r) => `${r.kind} ${r.account}/${r.region}`),
    signedFor: [...new Set(fixture.emulator.requests().map((r) => r.region))],
  };
}

describe("the stack's aws:region through the dynamic-provider host", function () {
  const fixture = useEmulator();
  let aggregatorCode: string;
  let authorizationCode: string;

  before(() => {
    aggregatorCode = providerText("aggregator");
    authorizationCode = providerText("authorization");
  });

  describe(`with aws:region ${REGION_A} (the host's AWS_REGION too)`, () => {
    const hosted = useProviderHost(fixture, { "aws:region": REGION_A });

    it(`checks both resources into ${REGION_A}`, async () => {
      const aggregator = await hosted.host.check(
        AGGREGATOR_URN,
        {},
        withProvider(aggregatorCode, AGGREGATOR),
      );
      const authorization = await hosted.host.check(
        AUTHORIZATION_URN,
        {},
        withProvider(authorizationCode, AUTHORIZATION),
      );
      assert.deepEqual(
        [aggregator.inputs.region, authorization.inputs.region],
        [REGION_A, REGION_A],
      );
    });
  });

  describe(`with aws:region ${REGION_B} while AWS_REGION is ${REGION_A}`, () => {
    const hosted = useProviderHost(fixture, { "aws:region": REGION_B });

    it(`checks and creates both resources in ${REGION_B}`, async () => {
      const aggregator = await hosted.host.check(
        AGGREGATOR_URN,
        {},
        withProvider(aggregatorCode, AGGREGATOR),
      );
      const authorization = await hosted.host.check(
        AUTHORIZATION_URN,
        {},
        withProvider(authorizationCode, AUTHORIZATION),
      );
      assert.deepEqual(aggregator, {
        inputs: { ...AGGREGATOR, region: REGION_B, __provider: aggregatorCode },
        failures: [],
      });
      assert.deepEqual(authorization, {
        inputs: { ...AUTHORIZATION, region: REGION_B, __provider: authorizationCode },
        failures: [],
      });

      const createdAggregator = await hosted.host.create(AGGREGATOR_URN, aggregator.inputs);
      const createdAuthorization = await hosted.host.create(
        AUTHORIZATION_URN,
        authorization.inputs,
      );
      assert.match(
        String(createdAggregator.outputs.arn),
        /^arn:aws:config:eu-west-1:111111111111:config-aggregator\/config-aggregator-[a-z0-9]{8}$/,
      );
      assert.equal(
        createdAuthorization.outputs.arn,
        `arn:aws:config:${REGION_B}:${ACCOUNT_A}:aggregation-authorization/${ACCOUNT_C}/${REGION_A}`,
      );
      assert.deepEqual(placements(fixture), {
        stored: [`aggregator ${ACCOUNT_A}/${REGION_B}`, `authorization ${ACCOUNT_A}/${REGION_B}`],
        signedFor: [REGION_B],
      });
    });

    it(`lets a resource's own region input override aws:region`, async () => {
      const checked = await hosted.host.check(
        AGGREGATOR_URN,
        {},
        withProvider(aggregatorCode, { ...AGGREGATOR, region: REGION_A }),
      );
      assert.equal(checked.inputs.region, REGION_A);
      await hosted.host.create(AGGREGATOR_URN, checked.inputs);
      assert.deepEqual(placements(fixture), {
        stored: [`aggregator ${ACCOUNT_A}/${REGION_A}`],
        signedFor: [REGION_A],
      });
    });
  });

  describe("without aws:region", () => {
    const hosted = useProviderHost(fixture, {});

    it(`falls back to the host's AWS_REGION, ${REGION_A}`, async () => {
      const checked = await hosted.host.check(
        AUTHORIZATION_URN,
        {},
        withProvider(authorizationCode, AUTHORIZATION),
      );
      assert.equal(checked.inputs.region, REGION_A);
      await hosted.host.create(AUTHORIZATION_URN, checked.inputs);
      assert.deepEqual(placements(fixture), {
        stored: [`authorization ${ACCOUNT_A}/${REGION_A}`],
        signedFor: [REGION_A],
      });
    });
  });
});
