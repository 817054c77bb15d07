import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAUSE_IDS } from '../../../middleware/src/policy/clauses.js';
import { listProfiles, loadProfile, parseProfile, ProfileError } from '../../../middleware/src/policy/load-profile.js';
import { traceablePaths, type PolicyProfile } from '../../../middleware/src/policy/profile-schema.js';
import { POLICIES_DIR, PROFILES_DIR } from './fixtures.js';

const SHIPPED = ['deskpro', 'emergencysupport', 'ispsystem', 'parallels', 'plesk'];
const normalise = (s: string): string => s.replace(/\s+/g, ' ').trim();
const rawProfile = (id: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(PROFILES_DIR, `${id}.json`), 'utf8')) as Record<string, unknown>;

describe('shipped policy profiles', () => {
  it('when the profiles folder is listed, then the five shipped profiles are there', () => {
    expect(listProfiles(PROFILES_DIR)).toEqual(SHIPPED);
  });

  it('when no folder is given, then the loader finds the shipped profiles/ folder itself', () => {
    expect(listProfiles()).toEqual(SHIPPED);
    expect(loadProfile('plesk').id).toBe('plesk');
  });

  it.each(SHIPPED)('when profile %s is loaded, then it validates against the schema', (id) => {
    const p = loadProfile(id, PROFILES_DIR);
    expect(p.id).toBe(id);
  });

  it.each(SHIPPED)('when profile %s is loaded, then every value has a trace with a clause ID and a source', (id) => {
    const p = loadProfile(id, PROFILES_DIR);
    const paths = traceablePaths(p);
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) {
      const entry = p.trace[path];
      expect(entry, `trace for ${path}`).toBeDefined();
      expect(CLAUSE_IDS).toContain(entry?.clause);
      expect(entry?.source.length).toBeGreaterThanOrEqual(10);
      if (entry?.basis !== 'stated') expect(entry?.note, `note for ${path}`).toBeTruthy();
    }
  });

  // CI clones shared/ beside the repo; without it (a bare clone) the sentence check is reported as skipped.
  const policiesPresent = existsSync(POLICIES_DIR);
  it.skipIf(!policiesPresent).each(SHIPPED)(
    'when profile %s is traced, then every source sentence really occurs in its policy file',
    (id) => {
      const p = loadProfile(id, PROFILES_DIR);
      const text = normalise(readFileSync(join(POLICIES_DIR, p.policySourceFile), 'utf8'));
      for (const [path, entry] of Object.entries(p.trace)) {
        expect(text.includes(normalise(entry.source)), `${id} ${path}: "${entry.source}"`).toBe(true);
        if (entry.inherited) {
          const parent = normalise(readFileSync(join(POLICIES_DIR, entry.inherited.file), 'utf8'));
          expect(parent.includes(normalise(entry.inherited.source)), `${id} ${path} inherited source`).toBe(true);
        }
      }
    },
  );

  it('C14 when the plesk profile is loaded, then it keeps accounts active in the past 36 months and deletes the rest', () => {
    const p = loadProfile('plesk', PROFILES_DIR);
    expect(p.retention).toMatchObject({ windowMonths: 36, mode: 'delete', countsActivityFrom: ['zendesk', 'livechat', 'talkdesk'] });
    expect(p.trace['retention.windowMonths']?.source).toContain('36 months');
  });

  it('C14 when emergencysupport is loaded, then it inherits plesk\'s 36 months and says so', () => {
    const p = loadProfile('emergencysupport', PROFILES_DIR);
    expect(p.inheritsFrom).toBe('plesk');
    expect(p.retention.windowMonths).toBe(36);
    const trace = p.trace['retention.windowMonths'];
    expect(trace?.basis).toBe('inherited');
    expect(trace?.inherited).toMatchObject({ profile: 'plesk', file: '000_65110890c5f6a4bb.txt' });
    expect(trace?.note).toMatch(/lost in extraction/);
  });

  it('C16 when parallels is loaded, then retention anonymizes instead of deleting and marketing is optional', () => {
    const p = loadProfile('parallels', PROFILES_DIR);
    expect(p.retention.mode).toBe('anonymize');
    expect(p.consentPurposes.find((c) => c.id === 'marketing')?.required).toBe(false);
    expect(p.consentPurposes.find((c) => c.id === 'service_messages')?.required).toBe(true);
  });

  it('C27 C26 when ispsystem is loaded, then minimum age is 18, answers are due within one calendar month without extension, CSV is exported and card data is redacted', () => {
    const p = loadProfile('ispsystem', PROFILES_DIR);
    expect(p.minimumAge).toBe(18);
    expect(p.requestDeadlineMonths).toBe(1);
    expect(p.maxExtensionDays).toBe(0);
    expect(p.exportFormats).toContain('csv');
    expect(p.retention.legalHoldsAllowed).toBe(true);
    expect(p.redaction.cardNumbers).toBe('redact_immediately');
    expect(p.trace['redaction.cardNumbers']?.basis).toBe('stated');
  });

  it('C27 C09 when deskpro is loaded, then minimum age is 13 and case studies need specific consent', () => {
    const p = loadProfile('deskpro', PROFILES_DIR);
    expect(p.minimumAge).toBe(13);
    expect(p.consentPurposes.find((c) => c.id === 'case_study')).toMatchObject({ required: false });
    expect(p.exportFormats).toEqual(['csv', 'json']);
  });

  it('C28 when a profile is loaded, then it carries the policy version as the text gives it', () => {
    expect(loadProfile('plesk', PROFILES_DIR)).toMatchObject({ policyVersion: '1.01 (2018-02-27)', policyDate: '2018-02-27' });
    expect(loadProfile('deskpro', PROFILES_DIR).policyDate).toBe('2018-05-17');
    expect(loadProfile('ispsystem', PROFILES_DIR).policyDate).toBe('2018-11-12');
  });

  it('C07 when plesk is loaded, then CC consent is required and agents and plesk.com are exempt', () => {
    expect(loadProfile('plesk', PROFILES_DIR).cc).toMatchObject({ requireConsent: true, exemptAgents: true, exemptDomains: ['plesk.com'] });
  });
});

describe('invalid profiles', () => {
  const writeTemp = (id: string, body: unknown): string => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-profile-'));
    writeFileSync(join(dir, `${id}.json`), typeof body === 'string' ? body : JSON.stringify(body));
    return dir;
  };

  it('when a value is invalid, then ProfileError names the file and the field', () => {
    const raw = rawProfile('plesk');
    (raw['retention'] as Record<string, unknown>)['windowMonths'] = -3;
    (raw['retention'] as Record<string, unknown>)['mode'] = 'shred';
    const dir = writeTemp('plesk', raw);
    let error: unknown;
    try {
      loadProfile('plesk', dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProfileError);
    const pe = error as ProfileError;
    expect(pe.file).toBe(join(dir, 'plesk.json'));
    expect(pe.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['retention.windowMonths', 'retention.mode']));
    expect(pe.message).toContain('plesk.json');
    expect(pe.message).toContain('retention.windowMonths');
  });

  it('when a value has no trace entry, then the error names the untraced field', () => {
    const raw = rawProfile('deskpro');
    delete (raw['trace'] as Record<string, unknown>)['minimumAge'];
    expect(() => parseProfile(raw, 'deskpro.json')).toThrow(/trace\.minimumAge: value minimumAge has no trace entry/);
  });

  it('when a trace entry points at no value, then the error names the stale entry', () => {
    const raw = rawProfile('plesk');
    (raw['trace'] as Record<string, unknown>)['consentPurposes[case_study]'] = {
      clause: 'C09', basis: 'stated', source: 'a sentence that is long enough',
    };
    expect(() => parseProfile(raw, 'plesk.json')).toThrow(/consentPurposes\[case_study\] does not match any value/);
  });

  it('when a trace cites an unknown clause, then the error names the clause field', () => {
    const raw = rawProfile('plesk');
    const trace = raw['trace'] as Record<string, Record<string, unknown>>;
    trace['minimumAge'] = { clause: 'C99', basis: 'stated', source: 'a sentence that is long enough' };
    expect(() => parseProfile(raw, 'plesk.json')).toThrow(/trace\.minimumAge\.clause/);
  });

  it('when a value that is not stated by the policy has no note, then the error names the note field', () => {
    const raw = rawProfile('plesk');
    const trace = raw['trace'] as Record<string, Record<string, unknown>>;
    trace['minimumAge'] = { clause: 'C27', basis: 'default', source: 'a sentence that is long enough' };
    expect(() => parseProfile(raw, 'plesk.json')).toThrow(/trace\.minimumAge\.note: a note is required when basis is default/);
  });

  it('when the file is not JSON, then ProfileError says so and names the file', () => {
    const dir = writeTemp('broken', '{ not json');
    expect(() => loadProfile('broken', dir)).toThrow(/broken\.json[\s\S]*not valid JSON/);
  });

  it('when the profile does not exist, then ProfileError lists the available ones', () => {
    expect(() => loadProfile('nosuch', PROFILES_DIR)).toThrow(/available: deskpro, emergencysupport, ispsystem, parallels, plesk/);
  });

  it('when the id would leave the folder, then it is refused', () => {
    expect(() => loadProfile('../package', PROFILES_DIR)).toThrow(ProfileError);
  });

  it('when the id inside the file differs from its name, then the error names the id field', () => {
    const dir = writeTemp('other', rawProfile('plesk'));
    expect(() => loadProfile('other', dir)).toThrow(/id: is "plesk" but the file is named other\.json/);
  });

  it('when traceable paths are computed, then keyed array elements are traced one by one', () => {
    const p: PolicyProfile = loadProfile('ispsystem', PROFILES_DIR);
    const paths = traceablePaths(p);
    expect(paths).toContain('processors[Google Inc.]');
    expect(paths).toContain('consentPurposes[marketing]');
    expect(paths).toContain('exportFormats');
    expect(paths).not.toContain('id');
    expect(paths).not.toContain('policySourceFile');
  });
});
