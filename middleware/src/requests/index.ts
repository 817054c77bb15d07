export { requestsModule } from './requests-module.js';
export type { RequestsOptions, TalkdeskCallDirectory } from './step-types.js';
export { erasePerson, type ErasePersonInput, type ErasePersonResult } from '../erasure/erase-person.js';
export type { ErasureReceipt } from '../erasure/receipt.js';
