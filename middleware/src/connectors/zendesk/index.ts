export * from './schemas.js';
export * from './zendesk-client.js';
export * from './zendesk-errors.js';
