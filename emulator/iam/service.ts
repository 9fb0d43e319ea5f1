import type { QueryService } from "../services.js";
import { attachRolePolicy, detachRolePolicy, listAttachedRolePolicies } from "./role-policies.js";
import { listRoleTags, tagRole, untagRole } from "./role-tags.js";
import { createRole, deleteRole, getRole } from "./roles.js";

/** IAM (query protocol, global): the role operations a Config service role needs. */
export const iamService: QueryService = {
  protocol: "query",
  name: "iam",
  version: "2010-05-08",
  xmlns: "https://iam.amazonaws.com/doc/2010-05-08/",
  operations: {
    CreateRole: createRole,
    GetRole: getRole,
    DeleteRole: deleteRole,
    AttachRolePolicy: attachRolePolicy,
    DetachRolePolicy: detachRolePolicy,
    ListAttachedRolePolicies: listAttachedRolePolicies,
    TagRole: tagRole,
    UntagRole: untagRole,
    ListRoleTags: listRoleTags,
  },
};
