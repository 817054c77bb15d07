import { describe, expect, it } from 'vitest';
import { confirmationCodesIn, isObjection, normaliseConfirmationCode, ownWordsOf, readConfirmationReply } from '../../../middleware/src/policy/confirmation-reply.js';
import { renderReply, replyTexts, REPLY_KINDS } from '../../../middleware/src/policy/request-reply-texts.js';
import { confirmationKey, hashCode, hashLinkToken, LINK_TOKEN_PATTERN, newCode, newLinkToken } from '../../../middleware/src/requests/confirmation-store.js';
import { NOTE_LOCALES } from '../../../middleware/src/policy/note-texts.js';

describe('reading a reply to the confirmation message (C20)', () => {
  it.each([
    ['I did NOT make this request. Do NOT delete my account.'],
    ["No, that wasn't me"],
    ['Please cancel this.'],
    ["don't delete anything"],
    ['Ich habe diese Anfrage nicht gestellt. Bitte nicht löschen!'],
    ['Nein, bitte abbrechen'],
    ['Я не отправлял этот запрос. Не удаляйте мой аккаунт.'],
    ['Нет, это не я'],
    ['Отмените, пожалуйста'],
  ])('C20 when the person writes %j, then it reads as an objection', (text) => {
    expect(isObjection(text)).toBe(true);
    expect(readConfirmationReply(text).kind).toBe('objection');
  });

  it.each([['Yes, please go ahead.'], ['Ja, bitte löschen.'], ['Да, удалите, пожалуйста.'], ['Thanks!']])('C20 when the person writes %j, then it is neither an objection nor a code: the request keeps waiting', (text) => {
    expect(readConfirmationReply(text).kind).toBe('nothing');
  });

  it('C20 when the reply carries a code, then the code is found in any case and spacing, and an eight-letter word is never taken for one', () => {
    expect(confirmationCodesIn('Here it is: 7KQ4-ZX9M')).toEqual(['7KQ4ZX9M']);
    expect(confirmationCodesIn('code 7kq4 zx9m thanks')).toEqual(['7KQ4ZX9M']);
    expect(confirmationCodesIn('ACCURATE information, please')).toEqual([]);
    expect(normaliseConfirmationCode('7kq4-zx9m')).toBe('7KQ4ZX9M');
    expect(normaliseConfirmationCode('7KQ4-ZX9O')).toBeUndefined();
  });

  it('C20 when the reply quotes our message below the person\'s words, then only the person\'s words are read', () => {
    const reply = 'Yes, 7KQ4-ZX9M\n\nOn Mon, 7 Dec 2026 at 10:00, Support <support@example.com> wrote:\n> If this was not you, reply "no"';
    expect(ownWordsOf(reply)).toBe('Yes, 7KQ4-ZX9M\n');
    expect(readConfirmationReply(reply)).toEqual({ kind: 'codes', codes: ['7KQ4ZX9M'] });
    expect(readConfirmationReply('> No, cancel\nfine').kind).toBe('nothing');
  });

  it('C20 when a reply carries a code but also says no, then it is ambiguous and does not confirm', () => {
    expect(readConfirmationReply('No! Do not delete. 7KQ4-ZX9M').kind).toBe('ambiguous');
  });
});

describe('confirmation codes and links (C20)', () => {
  it('when codes and links are issued, then codes mix digits and letters, links are URL-safe, and their hashes are keyed and bound to the request', () => {
    for (let i = 0; i < 200; i++) {
      const code = newCode();
      expect(code).toMatch(/^[234679ACDEFGHJKMNPQRTUVWXYZ]{8}$/);
      expect(confirmationCodesIn(`${code.slice(0, 4)}-${code.slice(4)}`)).toEqual([code]);
    }
    expect(newLinkToken()).toMatch(LINK_TOKEN_PATTERN);
    const key = confirmationKey('session-secret-for-tests-only-0123456789abcdef');
    const other = confirmationKey('another-session-secret-0123456789abcdef-xyz');
    expect(hashCode(key, 'request-a', '7KQ4ZX9M')).not.toBe(hashCode(key, 'request-b', '7KQ4ZX9M'));
    expect(hashCode(key, 'request-a', '7KQ4ZX9M')).not.toBe(hashCode(other, 'request-a', '7KQ4ZX9M'));
    expect(hashLinkToken(key, 'token')).not.toBe(hashLinkToken(other, 'token'));
    // A distinct key: never the session secret itself.
    expect(key.toString('utf8')).not.toContain('session-secret');
  });
});

describe('replies to the person (C20, C26, C30)', () => {
  it('when any reply is rendered in any locale, then it names the request type and the reference, never an internal reason', () => {
    for (const locale of NOTE_LOCALES) {
      for (const kind of REPLY_KINDS) {
        const text = renderReply(locale, kind, { type: 'erasure', refusal: 'legal_hold', reference: 'ref-123' });
        expect(text.length).toBeGreaterThan(20);
        if (kind === 'completed' || kind === 'refused') expect(text).toContain('ref-123');
      }
      const t = replyTexts(locale);
      const confirm = t.confirm({ type: t.types.erasure, ticketId: 42, code: '7KQ4-ZX9M', link: 'https://pg.example/confirm/x', expires: '2026-12-31T00:00:00Z' });
      expect(confirm).toContain('7KQ4-ZX9M');
      expect(confirm).toContain('https://pg.example/confirm/x');
      expect(confirm).toContain('#42');
      expect(confirm).toContain('2026-12-31');
    }
    expect(renderReply('de-DE', 'objected', { type: 'erasure', reference: 'r' })).toContain('storniert');
    expect(renderReply('ru', 'expired', { type: 'access', reference: 'r' })).toContain('истёк');
  });
});
