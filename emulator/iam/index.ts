export { iamService } from "./service.js";
export { IamStore } from "./store.js";
