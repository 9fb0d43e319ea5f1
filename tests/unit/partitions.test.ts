import * as assert from "node:assert/strict";
import { homeRegionOf, partitionOf } from "../../provider/shared/aws/arn";
import { AWS_REGION_PATTERN } from "../../provider/shared/inputs/rules";

describe("partitions", () => {
  const cases: [region: string, partition: string, homeRegion: string][] = [
    ["us-east-2", "aws", "us-east-1"],
    ["ap-northeast-3", "aws", "us-east-1"],
    ["cn-north-1", "aws-cn", "cn-north-1"],
    ["us-gov-east-1", "aws-us-gov", "us-gov-west-1"],
    ["us-iso-west-1", "aws-iso", "us-iso-east-1"],
    ["us-isob-east-1", "aws-iso-b", "us-isob-east-1"],
    ["eu-isoe-west-1", "aws-iso-e", "eu-isoe-west-1"],
    ["us-isof-east-1", "aws-iso-f", "us-isof-south-1"],
    ["eusc-de-east-1", "aws-eusc", "eusc-de-east-1"],
  ];
  for (const [region, partition, homeRegion] of cases) {
    it(`puts ${region} in ${partition}, whose global services answer in ${homeRegion}`, () => {
      assert.equal(partitionOf(region), partition);
      assert.equal(homeRegionOf(partition), homeRegion);
      assert.equal(AWS_REGION_PATTERN.test(region), true, "a valid region name");
    });
  }
});
