export { erasePerson, type ErasePersonInput, type ErasePersonResult } from './erase-person.js';
export { buildReceipt, type ErasureReceipt } from './receipt.js';
