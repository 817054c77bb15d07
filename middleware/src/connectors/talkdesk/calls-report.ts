import { NotFoundError } from '../../errors.js';
import { addMonthsUtc } from '../../policy/calendar.js';
import type { TalkdeskClient } from './talkdesk-client.js';

/** One call as the calls report lists it. */
export interface ReportedCall {
  id: string;
  startedAt: string;
  durationSeconds: number | null;
  phone: string | null;
}

export interface CallsReportOptions {
  /** How far back the report reaches: the retention window (C14), so any call that keeps a person is seen. */
  lookbackMonths: number;
  now: () => Date;
  /** Talkdesk refuses "time span too long": one job per period of at most this many months. Default 12. */
  monthsPerJob?: number;
  /** Between status polls. Default 2 s. */
  pollIntervalMs?: number;
  /** Give up on a job after this long. Default 10 min. */
  maxWaitMs?: number;
  /** A fetched report is reused this long (one sweep, many people). Default 15 min. */
  reuseForMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const normalisePhone = (phone: string): string => phone.replace(/[^\d+]/g, '');

/**
 * Talkdesk call history through the Explore calls report (C02, C14, C21): Talkdesk's public API
 * has no "calls of a contact" read, so the report of all calls over the retention window is run
 * (create job, poll until done, download the file) and calls are matched to a contact by its
 * phone numbers. Serves both ports: the access export's call directory and the retention
 * sweep's call activity.
 */
export class TalkdeskCallsReport {
  private cached: { at: number; calls: Promise<ReportedCall[]> } | undefined;

  constructor(
    private readonly client: TalkdeskClient,
    private readonly options: CallsReportOptions,
  ) {}

  /** Every call of the lookback period, from one report run (reused for `reuseForMs`). */
  calls(): Promise<ReportedCall[]> {
    const now = this.options.now().getTime();
    if (!this.cached || now - this.cached.at > (this.options.reuseForMs ?? 15 * 60_000)) {
      const calls = this.run();
      this.cached = { at: now, calls };
      calls.catch(() => {
        if (this.cached?.calls === calls) this.cached = undefined;
      });
    }
    return this.cached.calls;
  }

  private async run(): Promise<ReportedCall[]> {
    const to = this.options.now();
    const from = addMonthsUtc(to, -this.options.lookbackMonths);
    const step = this.options.monthsPerJob ?? 12;
    const calls: ReportedCall[] = [];
    for (let start = from; start < to; ) {
      const end = new Date(Math.min(addMonthsUtc(start, step).getTime(), to.getTime()));
      calls.push(...(await this.runJob(start, end)));
      start = end;
    }
    return calls;
  }

  private async runJob(from: Date, to: Date): Promise<ReportedCall[]> {
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    let job = await this.client.createCallsReportJob(from, to);
    const deadline = Date.now() + (this.options.maxWaitMs ?? 10 * 60_000);
    while (job.status !== 'done') {
      if (job.status === 'failed' || job.status === 'canceled' || job.status === 'deleted') throw new Error(`Talkdesk calls report job ${job.status}`);
      if (Date.now() > deadline) throw new Error('Talkdesk calls report job did not finish in time');
      await sleep(this.options.pollIntervalMs ?? 2_000);
      job = await this.client.callsReportJob(job.id);
    }
    return this.client.callsReportFile(job.id);
  }

  private async phonesOf(contactId: string): Promise<Set<string>> {
    let contact;
    try {
      contact = await this.client.getContact(contactId);
    } catch (error) {
      if (error instanceof NotFoundError) return new Set();
      throw error;
    }
    return new Set((contact.phones ?? []).map((p) => normalisePhone(p.number ?? '')).filter(Boolean));
  }

  /** The access export's port (C21): the calls of one Talkdesk contact. */
  async callsForContact(contactId: string, knownPhones?: readonly string[]): Promise<Array<{ id: string; startedAt?: string; durationSeconds?: number }>> {
    const phones = knownPhones ? new Set(knownPhones.map(normalisePhone).filter(Boolean)) : await this.phonesOf(contactId);
    if (phones.size === 0) return [];
    return (await this.calls())
      .filter((c) => c.phone !== null && phones.has(normalisePhone(c.phone)))
      .map((c) => ({ id: c.id, startedAt: c.startedAt, ...(c.durationSeconds === null ? {} : { durationSeconds: c.durationSeconds }) }));
  }

  /**
   * The retention sweep's port (C14): the latest call per contact id; `unknown` when the report
   * cannot be had, so nobody with a Talkdesk contact is taken for inactive on a vendor outage.
   */
  async lastCallAt(contactIds: readonly string[], phonesByContact?: ReadonlyMap<string, readonly string[]>): Promise<Map<string, Date> | 'unknown'> {
    const latest = new Map<string, Date>();
    if (contactIds.length === 0) return latest;
    let calls: ReportedCall[];
    try {
      calls = await this.calls();
    } catch {
      return 'unknown';
    }
    // The latest call per number, once, so many contacts cost one pass over the report.
    const latestByPhone = new Map<string, Date>();
    for (const call of calls) {
      const at = new Date(call.startedAt);
      if (call.phone === null || Number.isNaN(at.getTime())) continue;
      const phone = normalisePhone(call.phone);
      const seen = latestByPhone.get(phone);
      if (!seen || seen < at) latestByPhone.set(phone, at);
    }
    for (const contactId of contactIds) {
      const given = phonesByContact?.get(contactId);
      const phones = given ? new Set(given.map(normalisePhone).filter(Boolean)) : await this.phonesOf(contactId);
      for (const phone of phones) {
        const at = latestByPhone.get(phone);
        const known = latest.get(contactId);
        if (at && (!known || known < at)) latest.set(contactId, at);
      }
    }
    return latest;
  }
}
