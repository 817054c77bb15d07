export { minimisationModule } from './minimisation-module.js';
export { scanTicketComments, type CommentScanJobData, type CommentScanOutcome } from './scan-ticket-comments.js';
export { createScanPool, type CommentScanner, type CommentScanResult } from './scan-pool.js';
export { commentScanRequestFor, commentScanJobId } from './comment-scan-request.js';
export { renderRedactionNote, REDACTION_NOTE_TEXTS } from './redaction-note-texts.js';
