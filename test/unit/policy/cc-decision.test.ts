import { describe, expect, it } from 'vitest';
import { decideCcRemovals, type TicketCc } from '../../../middleware/src/policy/cc-decision.js';
import { deriveConsentState, type ConsentRecord, type PersonConsentState } from '../../../middleware/src/policy/consent.js';
import { renderCcRemovalNote, resolveNoteLocale } from '../../../middleware/src/policy/note-texts.js';
import type { PolicyProfile } from '../../../middleware/src/policy/profile-schema.js';
import { at, consent, profile } from './fixtures.js';

const NOW = at('2025-06-01T12:00:00Z');
const plesk = profile('plesk');

function consentMap(records: ConsentRecord[], p: PolicyProfile): Map<string, PersonConsentState> {
  const byKey = new Map<string, ConsentRecord[]>();
  for (const r of records) byKey.set(r.personKey, [...(byKey.get(r.personKey) ?? []), r]);
  return new Map([...byKey].map(([k, rs]) => [k, deriveConsentState(rs, p, NOW)]));
}

const cc = (email: string, extra: Partial<TicketCc> = {}): TicketCc => ({ email, kind: 'email_cc', role: 'end-user', ...extra });
const requester = { zendeskUserId: 1, email: 'req@customer.example' };

describe('decideCcRemovals', () => {
  it('C07 when a CC has no consent, then it is removed with no_cc_consent', () => {
    const d = decideCcRemovals({ ccs: [cc('bob@customer.example', { userId: 2 })], consentByPerson: new Map(), profile: plesk, requester });
    expect(d.remove).toEqual([{ cc: cc('bob@customer.example', { userId: 2 }), personKey: 'zendesk:2', reason: 'no_cc_consent', clause: 'C07' }]);
    expect(d.keep).toEqual([]);
  });

  it('C07 when a CC withdrew consent, then it is removed with consent_withdrawn', () => {
    const map = consentMap(
      [consent('zendesk:2', 'cc', 'granted', '2024-01-01T00:00:00Z'), consent('zendesk:2', 'cc', 'withdrawn', '2024-02-01T00:00:00Z')],
      plesk,
    );
    const d = decideCcRemovals({ ccs: [cc('bob@customer.example', { userId: 2 })], consentByPerson: map, profile: plesk, requester });
    expect(d.remove[0]?.reason).toBe('consent_withdrawn');
  });

  it('C07 when a CC has consent, then it is kept as consented', () => {
    const map = consentMap([consent('zendesk:2', 'cc', 'granted', '2024-01-01T00:00:00Z')], plesk);
    const d = decideCcRemovals({ ccs: [cc('bob@customer.example', { userId: 2 })], consentByPerson: map, profile: plesk, requester });
    expect(d.keep).toEqual([{ cc: cc('bob@customer.example', { userId: 2 }), personKey: 'zendesk:2', reason: 'consented' }]);
    expect(d.remove).toEqual([]);
  });

  it('C07 when a CC\'d address is not a Zendesk user but consented by e-mail, then it is kept', () => {
    const map = consentMap([consent('email:new@customer.example', 'cc', 'granted', '2024-01-01T00:00:00Z', { source: 'email_reply' })], plesk);
    const d = decideCcRemovals({ ccs: [{ email: 'New@Customer.example', kind: 'email_cc' }], consentByPerson: map, profile: plesk, requester });
    expect(d.keep[0]).toMatchObject({ personKey: 'email:new@customer.example', reason: 'consented' });
  });

  it('C07 when consent was granted under the e-mail key and later withdrawn under the user key, then the withdrawal wins', () => {
    const map = consentMap(
      [
        consent('email:bob@customer.example', 'cc', 'granted', '2024-01-01T00:00:00Z'),
        consent('zendesk:2', 'cc', 'withdrawn', '2024-02-01T00:00:00Z'),
      ],
      plesk,
    );
    const d = decideCcRemovals({ ccs: [cc('bob@customer.example', { userId: 2 })], consentByPerson: map, profile: plesk, requester });
    expect(d.remove[0]?.reason).toBe('consent_withdrawn');
  });

  it('C07 when a CC is an agent or admin, then it is kept', () => {
    const d = decideCcRemovals({
      ccs: [cc('agent@elsewhere.example', { userId: 5, role: 'agent', kind: 'follower' }), cc('boss@elsewhere.example', { userId: 6, role: 'admin' })],
      consentByPerson: new Map(),
      profile: plesk,
      requester,
    });
    expect(d.keep.map((k) => k.reason)).toEqual(['agent', 'agent']);
  });

  it('C07 when the profile does not exempt agents, then an agent without consent is removed', () => {
    const p = profile('plesk', (x) => { x.cc.exemptAgents = false; });
    const d = decideCcRemovals({ ccs: [cc('agent@elsewhere.example', { userId: 5, role: 'agent' })], consentByPerson: new Map(), profile: p, requester });
    expect(d.remove[0]?.reason).toBe('no_cc_consent');
  });

  it('C07 when a CC is on an exempt domain or its subdomain, then it is kept', () => {
    const d = decideCcRemovals({
      ccs: [cc('colleague@plesk.com'), cc('ops@support.plesk.com'), cc('x@notplesk.com')],
      consentByPerson: new Map(),
      profile: plesk,
      requester,
    });
    expect(d.keep.map((k) => [k.cc.email, k.reason])).toEqual([
      ['colleague@plesk.com', 'exempt_domain'],
      ['ops@support.plesk.com', 'exempt_domain'],
    ]);
    expect(d.remove.map((r) => r.cc.email)).toEqual(['x@notplesk.com']);
  });

  it('C07 when the same person is both e-mail CC and follower, then each entry gets a decision', () => {
    const d = decideCcRemovals({
      ccs: [cc('bob@customer.example', { userId: 2 }), cc('bob@customer.example', { userId: 2, kind: 'follower' })],
      consentByPerson: new Map(),
      profile: plesk,
      requester,
    });
    expect(d.remove.map((r) => r.cc.kind)).toEqual(['email_cc', 'follower']);
  });

  it('C07 when the decision is run again on the ticket after removal, then it finds nothing to remove', () => {
    const ccs = [cc('bob@customer.example', { userId: 2 }), cc('colleague@plesk.com')];
    const first = decideCcRemovals({ ccs, consentByPerson: new Map(), profile: plesk, requester });
    const remaining = first.keep.map((k) => k.cc);
    const second = decideCcRemovals({ ccs: remaining, consentByPerson: new Map(), profile: plesk, requester });
    expect(second.remove).toEqual([]);
  });

  it('C08 when a consented CC is on another domain and the requester has not consented to third-party sharing, then it is removed', () => {
    const map = consentMap([consent('zendesk:3', 'cc', 'granted', '2024-01-01T00:00:00Z')], plesk);
    const d = decideCcRemovals({ ccs: [cc('partner@other.example', { userId: 3 })], consentByPerson: map, profile: plesk, requester });
    expect(d.remove).toEqual([expect.objectContaining({ reason: 'no_third_party_sharing_consent', clause: 'C08' })]);
  });

  it('C08 when the requester consented to third-party sharing, then an outside-domain CC with its own consent is kept', () => {
    const map = consentMap(
      [consent('zendesk:3', 'cc', 'granted', '2024-01-01T00:00:00Z'), consent('zendesk:1', 'third_party_sharing', 'granted', '2024-01-01T00:00:00Z')],
      plesk,
    );
    const d = decideCcRemovals({ ccs: [cc('partner@other.example', { userId: 3 })], consentByPerson: map, profile: plesk, requester });
    expect(d.keep[0]?.reason).toBe('consented');
  });

  it('C08 when the profile has no CC clause, then same-domain CCs stay and outside-domain CCs need the requester\'s sharing consent', () => {
    const deskpro = profile('deskpro');
    const d = decideCcRemovals({
      ccs: [cc('colleague@customer.example'), cc('partner@other.example')],
      consentByPerson: new Map(),
      profile: deskpro,
      requester,
    });
    expect(d.keep).toEqual([expect.objectContaining({ reason: 'consent_not_required' })]);
    expect(d.remove).toEqual([expect.objectContaining({ reason: 'no_third_party_sharing_consent', clause: 'C08' })]);
  });

  it('C08 when the requester is unknown, then the outside-domain rule is skipped', () => {
    const d = decideCcRemovals({ ccs: [cc('partner@other.example')], consentByPerson: new Map(), profile: profile('deskpro') });
    expect(d.keep[0]?.reason).toBe('consent_not_required');
  });

  it('when the requester appears among the CCs, then they are kept', () => {
    const d = decideCcRemovals({ ccs: [cc('REQ@customer.example')], consentByPerson: new Map(), profile: plesk, requester });
    expect(d.keep[0]?.reason).toBe('requester');
  });
});

describe('CC removal note', () => {
  const removals = decideCcRemovals({
    ccs: [cc('bob@customer.example', { userId: 2 }), cc('eve@other.example', { kind: 'follower' })],
    consentByPerson: consentMap(
      [consent('email:eve@other.example', 'cc', 'granted', '2024-01-01T00:00:00Z'), consent('email:eve@other.example', 'cc', 'withdrawn', '2024-02-01T00:00:00Z')],
      plesk,
    ),
    profile: plesk,
    requester,
  }).remove;

  it('C07 when CCs are removed, then the English note names each person, why, and the clause', () => {
    const note = renderCcRemovalNote(removals, 'en');
    expect(note).toContain('- bob@customer.example (e-mail CC): no recorded consent to be CC\'d (policy clause C07)');
    expect(note).toContain('- eve@other.example (follower): withdrew their consent to be CC\'d (policy clause C07)');
  });

  it('C07 when the locale is German or Russian, then the note is in that language and still cites the clause', () => {
    const de = renderCcRemovalNote(removals, 'de-DE');
    expect(de).toContain('Privacy Guard hat diese Personen');
    expect(de).toContain('bob@customer.example (E-Mail-CC): keine erfasste Einwilligung');
    expect(de).toContain('Richtlinienklausel C07');
    const ru = renderCcRemovalNote(removals, 'ru');
    expect(ru).toContain('Privacy Guard удалил');
    expect(ru).toContain('eve@other.example (подписчик): согласие на добавление в копию отозвано (пункт политики C07)');
  });

  it('C08 when a CC is removed for third-party sharing, then the note cites C08', () => {
    const note = renderCcRemovalNote(
      [{ cc: cc('p@other.example'), personKey: 'email:p@other.example', reason: 'no_third_party_sharing_consent', clause: 'C08' }],
      'en',
    );
    expect(note).toMatch(/not consented to sharing with third parties \(policy clause C08\)/);
  });

  it('when the locale is unknown or missing, then English is used', () => {
    expect(resolveNoteLocale('pt-BR')).toBe('en');
    expect(resolveNoteLocale(undefined)).toBe('en');
    expect(resolveNoteLocale('RU_ru')).toBe('ru');
  });
});
