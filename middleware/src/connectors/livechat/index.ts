export * from './livechat-client.js';
export * from './schemas.js';
