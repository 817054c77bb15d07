/**
 * Worker thread body: scans comment text with the pure detectors, off the main event loop, so a
 * long or hostile comment never delays webhook intake or /healthz. One message in, one message out.
 */
import { parentPort } from 'node:worker_threads';
import { resetWorkCounter, scanText, workCounted, type Finding } from '../policy/pii/index.js';

/** A scan asked of the worker. */
export interface ScanRequest {
  id: number;
  text: string;
  maxChars?: number;
  /** Run the learned backstop too (SUSPECTED_SECRETS=flag). */
  suspectedSecrets?: boolean;
}

/** What the worker answers: the findings (spans only), whether the text was cut at the cap, and the work counted. */
export interface ScanReply {
  id: number;
  findings?: Finding[];
  truncated?: boolean;
  steps?: number;
  error?: string;
}

parentPort?.on('message', (request: ScanRequest) => {
  let reply: ScanReply;
  try {
    resetWorkCounter();
    const result = scanText(request.text, request.maxChars, { scoredTokens: request.suspectedSecrets === true });
    reply = { id: request.id, findings: result.findings, truncated: result.truncated, steps: workCounted() };
  } catch (error) {
    // The message names the failure, never the text.
    reply = { id: request.id, error: error instanceof Error ? error.name : 'scan failed' };
  }
  parentPort?.postMessage(reply);
});
