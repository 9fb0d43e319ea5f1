export { configService } from "./service.js";
export { ConfigStore } from "./store.js";
