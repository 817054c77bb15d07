export * from './schemas.js';
export * from './talkdesk-client.js';
