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
  tags: { "managed-by": "pulumi", stack: pulumi.getStack() },
});

export const organizationAggregatorArn = outputs.organizationAggregatorArn;
export const organizationRoleArn = outputs.organizationRoleArn;
export const workloadsAggregatorArn = outputs.workloadsAggregatorArn;
