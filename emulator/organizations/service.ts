import { s } from "../protocols/shapes.js";
import { type JsonService, jsonOp } from "../services.js";
import {
  delegationShape,
  deregisterDelegatedAdministrator,
  listDelegatedAdministrators,
  listDelegatedShape,
  registerDelegatedAdministrator,
} from "./delegated-admins.js";
import { describeOrganization } from "./describe.js";
import {
  disableAwsServiceAccess,
  enableAwsServiceAccess,
  listAwsServiceAccessForOrganization,
  listServiceAccessShape,
  servicePrincipalShape,
} from "./service-access.js";

/**
 * AWS Organizations (`AWSOrganizationsV20161128`, JSON 1.1, global): the organization, trusted
 * service access and delegated administrators. Its error shapes carry `Message` (capitalised)
 * and, for two of them, a `Reason`.
 */
export const organizationsService: JsonService = {
  protocol: "json",
  name: "organizations",
  targetPrefix: "AWSOrganizationsV20161128",
  messageMember: "Message",
  operations: {
    DescribeOrganization: jsonOp(s.struct({}), describeOrganization),
    EnableAWSServiceAccess: jsonOp(servicePrincipalShape, enableAwsServiceAccess),
    DisableAWSServiceAccess: jsonOp(servicePrincipalShape, disableAwsServiceAccess),
    ListAWSServiceAccessForOrganization: jsonOp(
      listServiceAccessShape,
      listAwsServiceAccessForOrganization,
    ),
    RegisterDelegatedAdministrator: jsonOp(delegationShape, registerDelegatedAdministrator),
    DeregisterDelegatedAdministrator: jsonOp(delegationShape, deregisterDelegatedAdministrator),
    ListDelegatedAdministrators: jsonOp(listDelegatedShape, listDelegatedAdministrators),
  },
};
