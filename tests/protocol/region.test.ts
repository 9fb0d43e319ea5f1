import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import type { PropertyMap, ProviderHost } from "../support/host";
import { useProviderHost, withProvider, AGGREGATOR_URN, AUTHORIZATION_URN } from "./helpers";
import { providerText } from "../../provider/shared/stub";
import { ACCOUNTS, REGIONS } from "../support/fixtures";

const AGGREGATOR: PropertyMap = {
  name: "org",
  accountAggregationSource: { accountIds: [ACCOUNTS.A], allAwsRegions: true },
  autoNamePrefix: "org",
};
const AUTHORIZATION: PropertyMap = {
  authorizedAccountId: ACCOUNTS.C,
  authorizedAwsRegion: REGIONS.A,
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
  const aggregatorCode = providerText("aggregator");
  const authorizationCode = providerText("authorization");

  /** Check of the aggregator and of the authorization, as a new program's preview sends them. */
  async function checkBoth(host: ProviderHost) {
    return {
      aggregator: await host.check(AGGREGATOR_URN, {}, withProvider(aggregatorCode, AGGREGATOR)),
      authorization: await host.check(
        AUTHORIZATION_URN,
        {},
        withProvider(authorizationCode, AUTHORIZATION),
      ),
    };
  }

  describe(`with aws:region ${REGIONS.A} (the host's AWS_REGION too)`, () => {
    const hosted = useProviderHost(fixture, { "aws:region": REGIONS.A });

    it(`checks both resources into ${REGIONS.A}`, async () => {
      const { aggregator, authorization } = await checkBoth(hosted.host);
      assert.deepEqual(
        [aggregator.inputs.region, authorization.inputs.region],
        [REGIONS.A, REGIONS.A],
      );
    });
  });

  describe(`with aws:region ${REGIONS.B} while AWS_REGION is ${REGIONS.A}`, () => {
    const hosted = useProviderHost(fixture, { "aws:region": REGIONS.B });

    it(`checks and creates both resources in ${REGIONS.B}`, async () => {
      const { aggregator, authorization } = await checkBoth(hosted.host);
      assert.deepEqual(aggregator, {
        inputs: { ...AGGREGATOR, region: REGIONS.B, __provider: aggregatorCode },
        failures: [],
      });
      assert.deepEqual(authorization, {
        inputs: { ...AUTHORIZATION, region: REGIONS.B, __provider: authorizationCode },
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
        `arn:aws:config:${REGIONS.B}:${ACCOUNTS.A}:aggregation-authorization/${ACCOUNTS.C}/${REGIONS.A}`,
      );
      assert.deepEqual(placements(fixture), {
        stored: [
          `aggregator ${ACCOUNTS.A}/${REGIONS.B}`,
          `authorization ${ACCOUNTS.A}/${REGIONS.B}`,
        ],
        signedFor: [REGIONS.B],
      });
    });

    it(`lets a resource's own region input override aws:region`, async () => {
      const checked = await hosted.host.check(
        AGGREGATOR_URN,
        {},
        withProvider(aggregatorCode, { ...AGGREGATOR, region: REGIONS.A }),
      );
      assert.equal(checked.inputs.region, REGIONS.A);
      await hosted.host.create(AGGREGATOR_URN, checked.inputs);
      assert.deepEqual(placements(fixture), {
        stored: [`aggregator ${ACCOUNTS.A}/${REGIONS.A}`],
        signedFor: [REGIONS.A],
      });
    });
  });

  describe("without aws:region", () => {
    const hosted = useProviderHost(fixture, {});

    it(`falls back to the host's AWS_REGION, ${REGIONS.A}`, async () => {
      const checked = await hosted.host.check(
        AUTHORIZATION_URN,
        {},
        withProvider(authorizationCode, AUTHORIZATION),
      );
      assert.equal(checked.inputs.region, REGIONS.A);
      await hosted.host.create(AUTHORIZATION_URN, checked.inputs);
      assert.deepEqual(placements(fixture), {
        stored: [`authorization ${ACCOUNTS.A}/${REGIONS.A}`],
        signedFor: [REGIONS.A],
      });
    });
  });
});
