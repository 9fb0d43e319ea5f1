export { startEmulator } from "./emulator.js";
export * from "./types.js";
