/**
 * Named values every test tier shares, so that a row or an assertion reads as what it means rather
 * than as a string of digits. This is the one home of the test accounts, regions and keys: tiers
 * import them from here and do not re-export them.
 */

/**
 * The test accounts. `A` is the account any unconfigured access key acts as (the emulator's
 * default account), and the account every aggregator and authorization in the unit tests lives
 * in; `B` is a second account (the target of a cross-account AssumeRole, or the aggregator an
 * authorization is granted to); `C` a third ("the role moved to another account"); `D` a fourth
 * ("add an account", source lists).
 */
export const ACCOUNTS = {
  A: "111111111111",
  B: "222222222222",
  C: "333333333333",
  D: "444444444444",
} as const;

/**
 * The test regions. `A` is the region the emulator fixture sets as `AWS_REGION`; `B` a second
 * region; `C` a third ("add a region").
 */
export const REGIONS = {
  A: "us-east-1",
  B: "eu-west-1",
  C: "us-west-2",
} as const;

/** The access key the emulator fixture puts into the environment; acts as {@link ACCOUNTS}.A. */
export const TEST_ACCESS_KEY_ID = "AKIAEMULATORTEST0001";
/** The secret the emulator fixture puts into the environment (never checked by the emulator). */
export const TEST_SECRET_ACCESS_KEY = "emulator-test-secret-access-key";

/**
 * Access keys the emulator maps to source accounts, so a test can look into those accounts
 * without STS (and without adding AssumeRole calls to the log).
 */
export const SOURCE_KEYS: Record<string, string> = {
  AKIASOURCEACCOUNTB01: ACCOUNTS.B,
  AKIASOURCEACCOUNTC01: ACCOUNTS.C,
  AKIASOURCEACCOUNTD01: ACCOUNTS.D,
};

/** The access key that acts as `account`: {@link TEST_ACCESS_KEY_ID} for A, else its {@link SOURCE_KEYS} entry. */
export function accessKeyOf(account: string): string {
  if (account === ACCOUNTS.A) return TEST_ACCESS_KEY_ID;
  const key = Object.entries(SOURCE_KEYS).find(([, mapped]) => mapped === account)?.[0];
  if (key === undefined) throw new Error(`no access key for account ${account}`);
  return key;
}

/** `arn:aws:iam::<account>:role/<name>`. */
export function roleArn(account: string, name: string): string {
  return `arn:aws:iam::${account}:role/${name}`;
}

/** The aggregator name the unit tests use. */
export const AGGREGATOR_NAME = "org-aggregator";

/** An aggregator's ARN as AWS returns it, owned by account A. */
export const AGGREGATOR_ARN = `arn:aws:config:${REGIONS.A}:${ACCOUNTS.A}:config-aggregator/config-aggregator-abcd1234`;
/** An authorization's ARN as AWS returns it, granted by account A to account B in region C. */
export const AUTHORIZATION_ARN = `arn:aws:config:${REGIONS.A}:${ACCOUNTS.A}:aggregation-authorization/${ACCOUNTS.B}/${REGIONS.C}`;

/** The role AWS Config uses to read the organization, in account A. */
export const ORGANIZATION_ROLE_ARN = roleArn(
  ACCOUNTS.A,
  "service-role/AWSConfigRoleForOrganizations",
);
/** A role to assume in account A. */
export const OWNER_ROLE_ARN = roleArn(ACCOUNTS.A, "pulumi-deployer");
/** An external ID that must never show up in a failure message. */
export const SECRET_EXTERNAL_ID = "s3cr3t-Ext3rnal-1d";
/** An `assumeRole` of {@link OWNER_ROLE_ARN} with {@link SECRET_EXTERNAL_ID}. */
export const OWNER_ASSUME_ROLE = { roleArn: OWNER_ROLE_ARN, externalId: SECRET_EXTERNAL_ID };
/** A role of the same name in account C. */
export const OTHER_ACCOUNT_ROLE_ARN = roleArn(ACCOUNTS.C, "pulumi-deployer");

/** Values for an aggregator's filters: two resource types and a service principal. */
export const FILTER_VALUES = {
  instance: "AWS::EC2::Instance",
  bucket: "AWS::S3::Bucket",
  configPrincipal: "config.amazonaws.com",
} as const;
