import { type JsonService, jsonOp } from "../services.js";
import {
  deleteAggregatorShape,
  deleteConfigurationAggregator,
  describeAggregatorsShape,
  describeConfigurationAggregators,
  putAggregatorShape,
  putConfigurationAggregator,
} from "./aggregators.js";
import {
  deleteAggregationAuthorization,
  deleteAuthorizationShape,
  describeAggregationAuthorizations,
  describeAuthorizationsShape,
  putAggregationAuthorization,
  putAuthorizationShape,
} from "./authorizations.js";
import {
  deletePendingAggregationRequest,
  deletePendingShape,
  describePendingAggregationRequests,
  describePendingShape,
} from "./pending.js";
import {
  describeConfigurationAggregatorSourcesStatus,
  describeSourcesStatusShape,
} from "./sources-status.js";
import {
  listTagsForResource,
  listTagsShape,
  tagResource,
  tagResourceShape,
  untagResource,
  untagResourceShape,
} from "./tags.js";

/**
 * AWS Config (`StarlingDoveService`, JSON 1.1): the aggregator, source status, authorization,
 * pending request and tag operations.
 */
export const configService: JsonService = {
  protocol: "json",
  name: "config",
  targetPrefix: "StarlingDoveService",
  operations: {
    PutConfigurationAggregator: jsonOp(putAggregatorShape, putConfigurationAggregator),
    DescribeConfigurationAggregators: jsonOp(
      describeAggregatorsShape,
      describeConfigurationAggregators,
    ),
    DeleteConfigurationAggregator: jsonOp(deleteAggregatorShape, deleteConfigurationAggregator),
    DescribeConfigurationAggregatorSourcesStatus: jsonOp(
      describeSourcesStatusShape,
      describeConfigurationAggregatorSourcesStatus,
    ),
    DescribePendingAggregationRequests: jsonOp(
      describePendingShape,
      describePendingAggregationRequests,
    ),
    DeletePendingAggregationRequest: jsonOp(deletePendingShape, deletePendingAggregationRequest),
    PutAggregationAuthorization: jsonOp(putAuthorizationShape, putAggregationAuthorization),
    DescribeAggregationAuthorizations: jsonOp(
      describeAuthorizationsShape,
      describeAggregationAuthorizations,
    ),
    DeleteAggregationAuthorization: jsonOp(
      deleteAuthorizationShape,
      deleteAggregationAuthorization,
    ),
    TagResource: jsonOp(tagResourceShape, tagResource),
    UntagResource: jsonOp(untagResourceShape, untagResource),
    ListTagsForResource: jsonOp(listTagsShape, listTagsForResource),
  },
};
