import { createHmac, type Hmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface RawBody {
  /** The body, or undefined when it was longer than `keepLimitBytes` (then only its HMACs are known). */
  buffer?: Buffer;
  length: number;
  /** base64 HMAC-SHA256 of `hmacPrefix + body` for each key, in key order. */
  hmacs: string[];
  /** True when reading stopped at `hardLimitBytes`; the HMACs are then meaningless. */
  truncated: boolean;
}

/**
 * Reads the raw request body once, computing HMACs as it streams, so a signature can be checked
 * before deciding that an oversized body is "too large" (the intake's documented check order)
 * without ever holding more than `keepLimitBytes` in memory.
 */
export async function readRawBody(
  req: IncomingMessage,
  options: { keepLimitBytes: number; hardLimitBytes: number; hmacKeys?: readonly string[]; hmacPrefix?: string },
): Promise<RawBody> {
  const macs: Hmac[] = (options.hmacKeys ?? []).map((key) => {
    const mac = createHmac('sha256', key);
    if (options.hmacPrefix) mac.update(options.hmacPrefix);
    return mac;
  });
  const chunks: Buffer[] = [];
  let length = 0;
  let keep = true;
  let truncated = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > options.hardLimitBytes) {
      truncated = true;
      break;
    }
    for (const mac of macs) mac.update(chunk);
    if (keep) {
      if (length > options.keepLimitBytes) {
        keep = false;
        chunks.length = 0;
      } else chunks.push(chunk);
    }
  }
  if (truncated) {
    // Stop reading, but let the response go out: drain the rest into nothing.
    req.resume();
  }
  return {
    buffer: keep && !truncated ? Buffer.concat(chunks, length) : undefined,
    length,
    hmacs: macs.map((mac) => mac.digest('base64')),
    truncated,
  };
}
