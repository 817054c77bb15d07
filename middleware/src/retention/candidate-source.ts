/**
 * Where the sweep's candidates come from, page by page, with a cursor that is stored after
 * every page so a killed sweep resumes where it stopped.
 *
 * Default: Zendesk search export with `role:end-user updated<DAY` (one request per 1,000 users
 * that match), so the cost follows the number of candidates, not the population. A Zendesk
 * user's `updated_at` moves with sign-ins and profile changes; a person whose profile was edited
 * recently is not a candidate until the edit itself ages past the window (safe: nobody is erased
 * early). Fallback: the incremental user export over everybody (10 requests a minute), used when
 * search export is unavailable or an operator asks for a full scan.
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/search/#export-search-results
 */
import { InvalidRequestError, NotFoundError, PermissionError } from '../errors.js';
import type { ZendeskClient, ZendeskUser } from '../connectors/index.js';
import type { CandidateStrategy } from './preview-store.js';

/** Search export allows up to 1,000 results a page. */
export const SEARCH_EXPORT_PAGE_SIZE = 1000;
/** The incremental user export allows up to 1,000 users a page. */
export const INCREMENTAL_PAGE_SIZE = 1000;
const DAY_MS = 86_400_000;

export interface CandidatePage {
  /** End users who may be due; the sweep confirms each one. */
  candidates: ZendeskUser[];
  /** Users the vendor returned on this page (for progress). */
  scanned: number;
  /** Resume here; null when the source is exhausted. */
  nextCursor: string | null;
}

/** The search query: end users not updated since the day after the cutoff (a superset of those due). */
export function searchExportQuery(cutoff: Date): string {
  return `role:end-user updated<${queryDay(cutoff)}`;
}

function queryDay(cutoff: Date): string {
  return new Date(Math.floor(cutoff.getTime() / DAY_MS) * DAY_MS + DAY_MS).toISOString().slice(0, 10);
}

/** A full scan keeps end users whose sign-in (or creation, when they never signed in) predates the query day. */
function possiblyDue(user: ZendeskUser, cutoff: Date): boolean {
  if ((user.role ?? 'end-user') !== 'end-user' || user.active === false) return false;
  const limit = Date.parse(queryDay(cutoff));
  const login = user.last_login_at ? Date.parse(user.last_login_at) : Number.NaN;
  const created = user.created_at ? Date.parse(user.created_at) : Number.NaN;
  const signal = Number.isNaN(login) ? created : login;
  return Number.isNaN(signal) || signal < limit;
}

/** True when search export itself is unavailable (plan, permission or endpoint), not a bad cursor. */
export function searchExportUnavailable(error: unknown): boolean {
  return error instanceof NotFoundError || error instanceof PermissionError;
}

/** Fetches one page of candidates for `strategy` from `cursor` (null: from the start). */
export async function fetchCandidatePage(zendesk: ZendeskClient, strategy: CandidateStrategy, cutoff: Date, cursor: string | null): Promise<CandidatePage> {
  if (strategy === 'search_export') {
    const page = await zendesk.searchExportUsersPage(searchExportQuery(cutoff), cursor ?? undefined, SEARCH_EXPORT_PAGE_SIZE);
    // The query already selects end users; the role check guards against a lenient search.
    const candidates = page.items.filter((u) => (u.role ?? 'end-user') === 'end-user' && u.active !== false);
    return { candidates, scanned: page.items.length, nextCursor: page.nextCursor };
  }
  const page = await zendesk.incrementalUsersPage(cursor ? { cursor } : { startTime: 0 }, INCREMENTAL_PAGE_SIZE);
  const exhausted = page.endOfStream || page.afterCursor === null || page.afterCursor === cursor;
  return { candidates: page.items.filter((u) => possiblyDue(u, cutoff)), scanned: page.items.length, nextCursor: exhausted ? null : page.afterCursor };
}

/** A stored search-export cursor older than an hour is refused; the scan then restarts the export. */
export function isExpiredCursorError(error: unknown, cursor: string | null): boolean {
  return cursor !== null && error instanceof InvalidRequestError;
}
