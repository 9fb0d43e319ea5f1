/**
 * One SDK client per service, region and credentials, per process. Endpoints come only from the
 * SDK's standard `AWS_ENDPOINT_URL*` variables, so there is no custom endpoint code path: that is
 * also how the local emulator plugs in.
 */
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { IAMClient } from "@aws-sdk/client-iam";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { STSClient } from "@aws-sdk/client-sts";
import { homeRegionOf, partitionOf } from "./arn";
import { credentialsFor, credentialsKey } from "./credentials";
import { PatientRetryStrategy } from "./retry";
import type { Placement } from "../inputs/placement";

interface ClientConfig {
  region: string;
  credentials: ReturnType<typeof credentialsFor>;
  retryStrategy: PatientRetryStrategy;
}

type ClientClass<C> = new (config: ClientConfig) => C;

const clients = new Map<string, unknown>();

/** A stable key for a placement: region plus who acts. */
export function placementKey(placement: Placement): string {
  return `${placement.region}|${credentialsKey(placement.assumeRole)}`;
}

function cachedClient<C>(service: string, Client: ClientClass<C>, placement: Placement): C {
  const key = `${service}|${placementKey(placement)}`;
  let client = clients.get(key) as C | undefined;
  if (!client) {
    client = new Client({
      region: placement.region,
      credentials: credentialsFor(placement.assumeRole),
      retryStrategy: new PatientRetryStrategy(),
    });
    clients.set(key, client);
  }
  return client;
}

/** The AWS Config client for a placement. */
export function configClient(placement: Placement): ConfigServiceClient {
  return cachedClient("config", ConfigServiceClient, placement);
}

/** The Resource Groups Tagging API client for a placement. */
export function taggingClient(placement: Placement): ResourceGroupsTaggingAPIClient {
  return cachedClient("tagging", ResourceGroupsTaggingAPIClient, placement);
}

/** The STS client for a placement: which account the credentials act in. */
export function stsClient(placement: Placement): STSClient {
  return cachedClient("sts", STSClient, placement);
}

/** The IAM client for a placement (IAM is global; the region only selects the partition). */
export function iamClient(placement: Placement): IAMClient {
  return cachedClient("iam", IAMClient, placement);
}

/**
 * The AWS Organizations client for a placement. Organizations is global and answers in its
 * partition's main region (us-east-1 in `aws`), so the placement's region only selects the
 * partition, as Landing Zone Accelerator pins it.
 */
export function organizationsClient(placement: Placement): OrganizationsClient {
  return cachedClient("organizations", OrganizationsClient, organizationsPlacement(placement));
}

/** Where Organizations calls of a placement go: its partition's main region, the same credentials. */
export function organizationsPlacement(placement: Placement): Placement {
  return { ...placement, region: homeRegionOf(partitionOf(placement.region)) };
}
