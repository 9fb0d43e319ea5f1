/**
 * pulumi-aws-config-aggregation: AWS Config configuration aggregators and aggregation
 * authorizations as Pulumi resources, the AWS Organizations trusted access and delegated
 * administrator they need, and components that assemble organization-wide setups.
 */
export {
  ConfigurationAggregator,
  configurationAggregatorProvider,
  type AccountAggregationSourceArgs,
  type AggregatorFilterArgs,
  type AggregatorFiltersArgs,
  type ConfigurationAggregatorArgs,
  type OrganizationAggregationSourceArgs,
} from "./provider/aggregator/resource";
export type {
  AccountAggregationSource,
  AggregatorFilter,
  AggregatorFilters,
  ConfigurationAggregatorInputs,
  ConfigurationAggregatorState,
  OrganizationAggregationSource,
} from "./provider/aggregator/schema";
export {
  AggregationAuthorization,
  aggregationAuthorizationProvider,
  type AggregationAuthorizationArgs,
} from "./provider/authorization/resource";
export type {
  AggregationAuthorizationInputs,
  AggregationAuthorizationState,
} from "./provider/authorization/schema";
export type { AssumeRoleArgs, AssumeRoleSpec } from "./provider/shared/inputs/placement";
export type { CheckFailure } from "./provider/shared/inputs/validation";
export { ServiceRole, serviceRoleProvider, type ServiceRoleArgs } from "./provider/role/resource";
export { configOrganizationsPolicyArn, CONFIG_SERVICE_PRINCIPAL } from "./provider/role/schema";
export { ServiceAccess, type ServiceAccessArgs } from "./provider/service-access/resource";
export type { ServiceAccessInputs, ServiceAccessState } from "./provider/service-access/schema";
export {
  DelegatedAdministrator,
  type DelegatedAdministratorArgs,
} from "./provider/delegated-administrator/resource";
export type {
  DelegatedAdministratorInputs,
  DelegatedAdministratorState,
} from "./provider/delegated-administrator/schema";
export {
  CONFIG_MULTI_ACCOUNT_SETUP_PRINCIPAL,
  OrganizationAggregator,
  type DelegatedAdministratorPlacementArgs,
  type OrganizationAggregatorArgs,
} from "./components/organization-aggregator";
export {
  MultiAccountAggregation,
  type AggregatorPlacementArgs,
  type MultiAccountAggregationArgs,
  type SourceAccountArgs,
} from "./components/multi-account-aggregation";
export { ComponentArgumentError } from "./components/validation";
export {
  aggregatorSourcesStatus,
  type AggregatorSourceStatus,
  type AggregatorSourcesStatusArgs,
} from "./components/sources-status";
