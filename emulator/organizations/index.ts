export { organizationsService } from "./service.js";
export { OrganizationStore, resolveOrganization } from "./store.js";
export { CONFIG_SERVICE_PRINCIPAL } from "./principals.js";
