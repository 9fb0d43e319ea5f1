import assert from "node:assert/strict";
import { checkAuthorization } from "../../provider/authorization/check";
import { authorizationProvider } from "../../provider/authorization/provider";
import { clearDefaultRegion } from "./helpers";
import {
  ACCOUNT_REQUIRED,
  AUTHORIZATION_CORPUS,
  REGION_REQUIRED,
  authorization,
  without,
} from "../support/bad-input";
import { ACCOUNTS, OWNER_ROLE_ARN, REGIONS, SECRET_EXTERNAL_ID } from "../support/fixtures";
import { EXTERNAL_ID_CHARACTER_RULE, NO_REGION_REASON } from "../support/messages";

describe("checkAuthorization", () => {
  describe("rejects invalid inputs with the exact property and reason", () => {
    for (const { title, input, failures } of AUTHORIZATION_CORPUS.cases) {
      it(title, () => {
        assert.deepStrictEqual(checkAuthorization(input).failures, failures);
      });
    }
  });

  it("never repeats an invalid external ID in a reason", () => {
    const externalId = `${SECRET_EXTERNAL_ID} with spaces`;
    const { failures } = checkAuthorization(
      authorization({ assumeRole: { roleArn: OWNER_ROLE_ARN, externalId } }),
    );
    assert.deepStrictEqual(failures, [
      { property: "assumeRole.externalId", reason: EXTERNAL_ID_CHARACTER_RULE },
    ]);
    assert.ok(!JSON.stringify(failures).includes(SECRET_EXTERNAL_ID));
  });

  it("passes valid inputs through without __provider or undefined keys", () => {
    const assumeRole = { roleArn: OWNER_ROLE_ARN, externalId: SECRET_EXTERNAL_ID };
    const { inputs, failures } = checkAuthorization(
      authorization({
        __provider: "serialized",
        tags: { team: "platform" },
        assumeRole,
        adoptExisting: undefined,
      }),
    );
    assert.deepStrictEqual(failures, []);
    assert.deepStrictEqual(inputs, {
      authorizedAccountId: ACCOUNTS.B,
      authorizedAwsRegion: REGIONS.C,
      region: REGIONS.A,
      tags: { team: "platform" },
      assumeRole,
    });
    assert.ok(!("adoptExisting" in inputs));
  });

  describe("region", () => {
    let restore: () => void;
    beforeEach(() => {
      restore = clearDefaultRegion();
    });
    afterEach(() => restore());

    it("fails when no region is given and none is configured", () => {
      assert.deepStrictEqual(checkAuthorization(without("region")).failures, [
        { property: "region", reason: NO_REGION_REASON },
      ]);
    });

    it("lists every missing input at once", () => {
      assert.deepStrictEqual(checkAuthorization({}).failures, [
        { property: "authorizedAccountId", reason: ACCOUNT_REQUIRED },
        { property: "authorizedAwsRegion", reason: REGION_REQUIRED },
        { property: "region", reason: NO_REGION_REASON },
      ]);
    });

    it("defaults the region from AWS_REGION", () => {
      process.env.AWS_REGION = REGIONS.B;
      const { inputs, failures } = checkAuthorization(without("region"));
      assert.deepStrictEqual(failures, []);
      assert.deepStrictEqual(inputs, {
        authorizedAccountId: ACCOUNTS.B,
        authorizedAwsRegion: REGIONS.C,
        region: REGIONS.B,
      });
    });
  });

  it("is what the provider's check returns", async () => {
    const news = authorization({ __provider: "serialized", authorizedAccountId: "x" });
    assert.deepStrictEqual(
      await authorizationProvider.check!({} as never, news as never),
      checkAuthorization(news),
    );
    assert.deepStrictEqual(
      await authorizationProvider.check!({} as never, authorization() as never),
      {
        inputs: authorization(),
        failures: [],
      },
    );
  });
});
