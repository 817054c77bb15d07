import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ticketIdentityRule } from '../../../middleware/src/policy/erasure-identity.js';
import { assumedProfileValues, assumedValueFingerprint, reviewAssumedValues, valueAtPath } from '../../../middleware/src/policy/assumed-values.js';
import { profile, REPO_ROOT } from './fixtures.js';

describe('profile corrections', () => {
  it('C20 when deskpro receives an erasure request by ticket, then only an agent confirming the account administrator starts it; other requests and other profiles use the own address', () => {
    const deskpro = profile('deskpro');
    expect(deskpro.erasure.acceptFrom).toBe('account_administrator');
    expect(ticketIdentityRule(deskpro, 'erasure')).toBe('administrator_confirmed_by_agent');
    expect(ticketIdentityRule(deskpro, 'access')).toBe('own_primary_address');
    expect(ticketIdentityRule(profile('plesk'), 'erasure')).toBe('own_primary_address');
  });

  it('C18 when plesk and emergencysupport allow legal holds, then the value is marked assumed, not drawn from the sentence about forwarding PII', () => {
    for (const id of ['plesk', 'emergencysupport']) {
      const trace = profile(id).trace['retention.legalHoldsAllowed']!;
      expect(trace.basis).not.toBe('stated');
      expect(trace.source).not.toContain('unless bindingly');
    }
  });

  it('C14 when a policy states no retention window, then its 36 months are assumed with a reason (only plesk states it)', () => {
    expect(profile('plesk').trace['retention.windowMonths']!.basis).toBe('stated');
    for (const id of ['emergencysupport', 'parallels', 'ispsystem', 'deskpro']) {
      const trace = profile(id).trace['retention.windowMonths']!;
      expect(trace.basis, id).not.toBe('stated');
      expect(trace.note?.length ?? 0, id).toBeGreaterThan(20);
    }
  });

  it('C06 when ispsystem says it does not process special categories, then flag-only is not claimed as stated but assumed for an admin to confirm', () => {
    const isp = profile('ispsystem');
    expect(isp.trace['redaction.specialCategories']!.basis).not.toBe('stated');
    expect(assumedProfileValues(isp).map((v) => v.path)).toContain('redaction.specialCategories');
  });

  it('C14 when deskpro names the channels it collects data from, then which systems count as activity is inferred, not stated (the policy states no retention rule)', () => {
    const trace = profile('deskpro').trace['retention.countsActivityFrom']!;
    expect(trace.basis).toBe('inferred');
    expect(assumedProfileValues(profile('deskpro')).map((v) => v.path)).toContain('retention.countsActivityFrom');
  });

  it('when assumed values are listed for the admin page, then each has its value and reason and no stated value is among them', () => {
    const p = profile('parallels');
    const assumed = assumedProfileValues(p);
    expect(assumed.length).toBeGreaterThan(0);
    for (const v of assumed) {
      expect(p.trace[v.path]!.basis).not.toBe('stated');
      expect(v.reason.length).toBeGreaterThan(4);
      expect(v.value).toEqual(valueAtPath(p, v.path));
    }
    expect(valueAtPath(p, 'retention.windowMonths')).toBe(36);
    expect(valueAtPath(p, 'processors[LiveChat].country')).toBe('Poland');
    expect(valueAtPath(p, 'processors[Nobody].country')).toBeUndefined();
  });
});

describe('admin confirmation of assumed values', () => {
  const confirmation = (path: string, value: unknown, at: string, over: Partial<{ profileId: string; actor: string }> = {}) =>
    ({ profileId: 'plesk', path, valueFingerprint: assumedValueFingerprint(value), actor: 'agent:7', at, ...over });

  it('when an admin confirmed an assumed value, then the review shows the latest confirmation and the other values stay unconfirmed', () => {
    const plesk = profile('plesk');
    const review = reviewAssumedValues(plesk, [
      confirmation('retention.legalHoldsAllowed', true, '2026-01-01T00:00:00.000Z', { actor: 'agent:1' }),
      confirmation('retention.legalHoldsAllowed', true, '2026-02-01T00:00:00.000Z', { actor: 'agent:2' }),
    ]);
    expect(review.map((v) => v.path)).toEqual(assumedProfileValues(plesk).map((v) => v.path));
    expect(review.find((v) => v.path === 'retention.legalHoldsAllowed')!.confirmed).toEqual({ by: 'agent:2', at: '2026-02-01T00:00:00.000Z' });
    expect(review.filter((v) => v.confirmed !== null)).toHaveLength(1);
  });

  it('when the value changed since it was confirmed, or the confirmation was for another profile, then it is not confirmed any more', () => {
    const plesk = profile('plesk');
    const review = reviewAssumedValues(plesk, [
      confirmation('retention.legalHoldsAllowed', false, '2026-01-01T00:00:00.000Z'),
      confirmation('redaction.cardNumbers', plesk.redaction.cardNumbers, '2026-01-01T00:00:00.000Z', { profileId: 'deskpro' }),
    ]);
    expect(review.every((v) => v.confirmed === null)).toBe(true);
  });

  it('when a value is an object, then its fingerprint does not depend on key order', () => {
    expect(assumedValueFingerprint({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(assumedValueFingerprint({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(assumedValueFingerprint({ a: 1 })).not.toBe(assumedValueFingerprint({ a: 2 }));
    expect(assumedValueFingerprint(null)).toBe('null');
  });
});

describe('production wiring', () => {
  it('when the production modules are read, then none imports the sandbox (only the demo, the CLI entry and the sandbox itself do)', () => {
    const src = join(REPO_ROOT, 'middleware', 'src');
    const entries = new Set(['demo.ts', 'demo-composition.ts', 'cli.ts']);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        const rel = relative(src, path);
        if (entry.isDirectory()) {
          if (rel !== 'sandbox') walk(path);
        } else if (rel.endsWith('.ts') && !entries.has(rel) && /from '(\.\.?\/)+(\.\.\/)*sandbox\//.test(readFileSync(path, 'utf8'))) offenders.push(rel);
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
  });
});
