/**
 * The fewest calls each vendor's documented API needs for one operation on one person, call by
 * call, so the benchmark can state the product's calls as a ratio of it. `tickets` counts every
 * Zendesk ticket the person requests (the request's own included); one LiveChat customer with
 * fewer than 100 chats; one Talkdesk contact. No pagination beyond the first page is needed.
 */
export type Operation = 'access' | 'erasure';
export type Vendor = 'zendesk' | 'livechat' | 'talkdesk';

export interface Minimum {
  total: number;
  why: string;
}

export interface World {
  /** Tickets the person requests, the request's own included. */
  tickets: number;
  /** Other people's tickets the person is CC'd on. */
  ccTickets: number;
  /** Talkdesk calls of the person's contact in the retention window, and their recordings. */
  calls: number;
  recordings: number;
  /** Explore report jobs the retention window takes (Talkdesk refuses spans over 12 months). */
  reportJobs: number;
}

export function minimumCalls(operation: Operation, vendor: Vendor, world: World): Minimum {
  const parts = MINIMA[operation][vendor](world).filter(([n]) => n > 0);
  return { total: parts.reduce((sum, [n]) => sum + n, 0), why: parts.map(([n, what]) => `${n} ${what}`).join(' + ') };
}

type Parts = Array<[number, string]>;

/** Per report job: create, two status polls (the job answers `processing` once, then `done` with a 303), the file and its 302 to storage. */
const REPORT_JOB_CALLS = 5;

const MINIMA: Record<Operation, Record<Vendor, (world: World) => Parts>> = {
  erasure: {
    zendesk: () => [
      // The user (role: only end users are erased) and their identities (every address and phone
      // the other systems may know them by).
      [2, 'profile reads (user, identities)'],
      [1, 'list of requested tickets (C19: open matters block; the ids to delete)'],
      [1, 'list of tickets they are CC on'],
      [2, 'public replies the product promises (before the first deletion, the summary)'],
      [2, 'bulk soft deletion of the tickets and its job status'],
      [2, 'bulk permanent deletion and its job status'],
      [2, 'soft then permanent user deletion'],
      [1, 'verification read (C17: the user answers 404)'],
    ],
    livechat: () => [
      [1, 'list_archives filtered by the e-mail (chats and customer id)'],
      [1, 'update_customer masking the profile (no delete method exists)'],
    ],
    talkdesk: ({ calls, recordings }) => [
      [1, 'GET /contacts by e-mail and phone (the contact ids for the receipt)'],
      [1, 'POST /internal-contacts/gdpr with reason rtbf'],
      [1, 'contact read (C17: answers 404 once removed)'],
      [calls, 'recording list per call (C17: recordings checked)'],
      [recordings, 'media status per recording (410 = gone)'],
    ],
  },
  access: {
    zendesk: ({ tickets, ccTickets }) => [
      [2, 'profile reads (user, identities)'],
      [1, 'list of requested tickets'],
      [tickets, 'comment list per requested ticket'],
      [1, 'list of tickets they are CC on'],
      [ccTickets, "comment list per CC'd ticket (what they wrote there)"],
    ],
    livechat: () => [
      [1, 'list_archives filtered by the e-mail (chats with their threads, customer id)'],
      [1, 'get_customer (the profile is part of the export)'],
    ],
    talkdesk: ({ calls, reportJobs }) => [
      [1, 'OAuth token (client credentials)'],
      [1, 'GET /contacts by e-mail and phone'],
      [reportJobs * REPORT_JOB_CALLS, `Explore calls report over the window: ${reportJobs} job(s) x (create, 2 polls, file, storage redirect)`],
      [calls, 'recording list per call'],
    ],
  },
};
