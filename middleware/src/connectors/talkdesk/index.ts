export * from './schemas.js';
export * from './talkdesk-client.js';
export * from './calls-report.js';
