export { createSandbox, type Sandbox } from './create-sandbox.js';
export { startSandboxServer, type SandboxServer } from './server.js';
export type { SandboxOptions, SandboxCredentials, SandboxRateLimits } from './options.js';
export { DEFAULT_RATE_LIMITS } from './options.js';
export type { FaultOptions, FaultDecision } from './faults.js';
export { RequestLog, type SandboxRequestLogEntry } from './request-log.js';
export { SandboxState } from './state.js';
export type * from './types.js';
export { generateSeedDataset, type SeedOptions, type SeedResult, type SeedDataset, type SeedGroundTruth } from './seed-dataset.js';
