export { retentionModule, runScheduledSweep, type RetentionModuleOptions, type RetentionSweepJob, type RetentionBatchJob } from './retention-module.js';
export { createPreview, scanPreview, type ScanProgress } from './sweep-scan.js';
export { approvePreview, finishRunIfComplete, runErasureBatch, runRemainingBatches, ERASURE_BATCH_SIZE, type BatchResult } from './erasure-run.js';
export { unknownCallActivity, type CallActivitySource } from './call-activity.js';
export { erasureHandover, loadErasePerson, type ErasePerson, type ErasePersonInput, type ErasureHandover } from './erasure-port.js';
export * from './preview-store.js';
