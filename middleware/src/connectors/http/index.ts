export * from './auth.js';
export * from './pagination.js';
export * from './rate-budget.js';
export * from './runtime.js';
export * from './vendor-errors.js';
export * from './vendor-http-client.js';
