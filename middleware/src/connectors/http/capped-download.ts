import type { AxiosInstance } from 'axios';
import type { Readable } from 'node:stream';
import { TransientError } from '../../errors.js';

/** A file fetched whole, or the reason it was not. */
export type CappedDownload =
  | { kind: 'ok'; bytes: Buffer; contentType?: string }
  | { kind: 'too_large'; limitBytes: number }
  | { kind: 'gone'; status: number };

export interface CappedDownloadOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Headers for one hop: credentials only for the vendor's own origin, never for the storage host a redirect points to. */
  headersFor: (url: URL) => Promise<Record<string, string>>;
  maxRedirects?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GETs a file as a stream and stops reading as soon as it passes `maxBytes` (a declared
 * Content-Length over the cap is refused before any body is read), so an attachment of any size
 * costs at most the cap in memory. Redirects are followed by hand, each hop asking `headersFor`
 * which headers it may carry, and only to http(s) URLs.
 */
export async function downloadCapped(http: AxiosInstance, start: URL, options: CappedDownloadOptions): Promise<CappedDownload> {
  let url = start;
  for (let hop = 0; hop <= (options.maxRedirects ?? 3); hop++) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TransientError(`attachment download: refused a redirect to a ${url.protocol} URL`);
    const response = await http.request<Readable>({
      method: 'GET',
      url: url.toString(),
      headers: await options.headersFor(url),
      responseType: 'stream',
      maxRedirects: 0,
      timeout: options.timeoutMs,
      validateStatus: () => true,
    });
    const status = response.status;
    const location = response.headers.location as string | undefined;
    if (REDIRECTS.has(status) && location) {
      response.data.destroy();
      url = new URL(location, url);
      continue;
    }
    if (status === 404 || status === 410) {
      response.data.destroy();
      return { kind: 'gone', status };
    }
    if (status < 200 || status >= 300) {
      response.data.destroy();
      throw new TransientError(`attachment download answered HTTP ${status}; retried later.`);
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      response.data.destroy();
      return { kind: 'too_large', limitBytes: options.maxBytes };
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of response.data) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      total += buffer.length;
      if (total > options.maxBytes) {
        response.data.destroy();
        return { kind: 'too_large', limitBytes: options.maxBytes };
      }
      chunks.push(buffer);
    }
    const contentType = response.headers['content-type'];
    return { kind: 'ok', bytes: Buffer.concat(chunks), ...(typeof contentType === 'string' ? { contentType } : {}) };
  }
  throw new TransientError('attachment download: too many redirects.');
}
