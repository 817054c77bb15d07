/**
 * Texts of the internal notes the product adds to tickets, per locale. The e-mail address of a
 * removed CC appears in the note: it is already on the ticket, and the note stays inside Zendesk
 * (never in logs).
 */
import type { CcRemoval, CcRemovalReason, TicketCc } from './cc-decision.js';

export const NOTE_LOCALES = ['en', 'de', 'ru'] as const;
/** A locale the notes are written in. */
export type NoteLocale = (typeof NOTE_LOCALES)[number];

/** All strings of one locale. */
export interface NoteTexts {
  ccRemovedHeading: string;
  reasons: Record<CcRemovalReason, string>;
  kinds: Record<TicketCc['kind'], string>;
  clause: string;
  ccRemovedFooter: string;
}

export const NOTE_TEXTS: Readonly<Record<NoteLocale, NoteTexts>> = {
  en: {
    ccRemovedHeading: 'Privacy Guard removed these people from the CCs of this ticket:',
    reasons: {
      no_cc_consent: 'no recorded consent to be CC\'d',
      consent_withdrawn: 'withdrew their consent to be CC\'d',
      no_third_party_sharing_consent: 'on another domain than the requester, who has not consented to sharing with third parties',
    },
    kinds: { email_cc: 'e-mail CC', follower: 'follower' },
    clause: 'policy clause',
    ccRemovedFooter: 'Add them back only after recording the missing consent in the Privacy Guard sidebar.',
  },
  de: {
    ccRemovedHeading: 'Privacy Guard hat diese Personen aus den CCs dieses Tickets entfernt:',
    reasons: {
      no_cc_consent: 'keine erfasste Einwilligung, in CC gesetzt zu werden',
      consent_withdrawn: 'hat die Einwilligung, in CC gesetzt zu werden, widerrufen',
      no_third_party_sharing_consent: 'andere Domain als die des Anfragenden, der einer Weitergabe an Dritte nicht zugestimmt hat',
    },
    kinds: { email_cc: 'E-Mail-CC', follower: 'Follower' },
    clause: 'Richtlinienklausel',
    ccRemovedFooter: 'Erst wieder hinzufügen, nachdem die fehlende Einwilligung in der Privacy-Guard-Seitenleiste erfasst wurde.',
  },
  ru: {
    ccRemovedHeading: 'Privacy Guard удалил этих людей из копии (CC) этого тикета:',
    reasons: {
      no_cc_consent: 'нет зафиксированного согласия на добавление в копию',
      consent_withdrawn: 'согласие на добавление в копию отозвано',
      no_third_party_sharing_consent: 'домен отличается от домена заявителя, а заявитель не дал согласия на передачу данных третьим лицам',
    },
    kinds: { email_cc: 'копия e-mail', follower: 'подписчик' },
    clause: 'пункт политики',
    ccRemovedFooter: 'Добавляйте их снова только после того, как недостающее согласие будет зафиксировано в боковой панели Privacy Guard.',
  },
};

/** `de-DE` → `de`; unknown locales fall back to English. */
export function resolveNoteLocale(locale: string | undefined): NoteLocale {
  const base = (locale ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en';
  return (NOTE_LOCALES as readonly string[]).includes(base) ? (base as NoteLocale) : 'en';
}

/** The internal note for CC removals: who was removed, as what, why, and under which clause. */
export function renderCcRemovalNote(removals: readonly CcRemoval[], locale?: string): string {
  const t = NOTE_TEXTS[resolveNoteLocale(locale)];
  const lines = removals.map(
    (r) => `- ${r.cc.email} (${t.kinds[r.cc.kind]}): ${t.reasons[r.reason]} (${t.clause} ${r.clause})`,
  );
  return [t.ccRemovedHeading, ...lines, '', t.ccRemovedFooter].join('\n');
}
