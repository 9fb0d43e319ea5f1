/**
 * The service principals the emulator recognises: AWS services that integrate with AWS
 * Organizations (trusted access) and accept a delegated administrator. Any other principal is
 * refused as AWS refuses one it does not know (`UNRECOGNIZED_SERVICE_PRINCIPAL`). AWS's own list
 * is longer and changes; this one holds the principals an AWS Config setup meets, plus a few
 * common neighbours so that tests can register more than one service.
 */
export const KNOWN_SERVICE_PRINCIPALS: ReadonlySet<string> = new Set([
  "config.amazonaws.com",
  "config-multiaccountsetup.amazonaws.com",
  "access-analyzer.amazonaws.com",
  "cloudtrail.amazonaws.com",
  "guardduty.amazonaws.com",
  "inspector2.amazonaws.com",
  "macie.amazonaws.com",
  "securityhub.amazonaws.com",
  "member.org.stacksets.cloudformation.amazonaws.com",
]);

/** The principal of AWS Config's aggregation, which an organization aggregator relies on. */
export const CONFIG_SERVICE_PRINCIPAL = "config.amazonaws.com";
