/**
 * Entry point of the example stack (see Pulumi.yaml): reads the stack config and builds the setup.
 */
import * as pulumi from "@pulumi/pulumi";
import { organizationSetup } from "./program";

const config = new pulumi.Config();
const awsConfig = new pulumi.Config("aws");

const outputs = organizationSetup({
  homeRegion: awsConfig.require("region"),
  sourceAccountIds: config.requireObject<string[]>("sourceAccountIds"),
  sourceRoleName: config.require("sourceRoleName"),
  sourceRegions: config.requireObject<string[]>("sourceRegions"),
  // `tags` in the stack config adds to (or overrides) the two tags every resource carries.
  tags: {
    "managed-by": "pulumi",
    stack: pulumi.getStack(),
    ...config.getObject<Record<string, string>>("tags"),
  },
});

export const organizationAggregatorArn = outputs.organizationAggregatorArn;
export const organizationRoleArn = outputs.organizationRoleArn;
export const workloadsAggregatorArn = outputs.workloadsAggregatorArn;
export const organizationAggregatorName = outputs.organizationAggregatorName;
export const workloadsAggregatorName = outputs.workloadsAggregatorName;
