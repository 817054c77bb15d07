/**
 * The internal note added when Privacy Guard redacts comments (C04, C05): how many of which kind
 * were removed, from how many comments, under which clause. Never the data, never comment ids
 * (digits in the note would invite comparison with what was removed).
 */
import { resolveNoteLocale, type NoteLocale } from '../policy/note-texts.js';

/** The kinds that are ever redacted (special categories are flag-only, C06). */
export type RedactedKind = 'card_number' | 'credential';

interface RedactionNoteTexts {
  heading: string;
  /** One line per kind: count of items, count of comments. */
  line: Record<RedactedKind, (items: number, comments: number) => string>;
  clause: string;
  /** Attachments of the scanned comments, named because their content was not checked. */
  notScanned: (names: string) => string;
  /** The first line of a note that only names attachments not scanned (nothing was removed). */
  notScannedHeading: string;
  /** Attachments replaced whole (Zendesk leaves an empty redacted.txt) because they held card numbers or credentials. */
  replaced: (names: string) => string;
  footer: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Russian plural forms: 1 / 2-4 / 5+ (with 11-14 as 5+). */
const ruPlural = (n: number, one: string, few: string, many: string) => {
  const mod10 = n % 10;
  const mod100 = n % 100;
  const form = mod10 === 1 && mod100 !== 11 ? one : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? few : many;
  return `${n} ${form}`;
};

export const REDACTION_NOTE_TEXTS: Readonly<Record<NoteLocale, RedactionNoteTexts>> = {
  en: {
    heading: 'Privacy Guard permanently removed data this ticket must not hold:',
    line: {
      card_number: (n, c) => `- ${plural(n, 'card number', 'card numbers')} in ${plural(c, 'comment', 'comments')}`,
      credential: (n, c) => `- ${plural(n, 'password or access credential', 'passwords or access credentials')} in ${plural(c, 'comment', 'comments')}`,
    },
    clause: 'policy clause',
    notScanned: (names) => `Attachments not scanned (check them by hand): ${names}`,
    notScannedHeading: 'Privacy Guard could not check new attachments for card numbers or passwords (images, PDFs, archives and large files are not read).',
    replaced: (names) => `Attachments replaced by an empty redacted.txt because they held such data: ${names}`,
    footer: 'The removed text is shown as ▇ in the comments. Ask the requester to use a secure channel instead of the ticket.',
  },
  de: {
    heading: 'Privacy Guard hat Daten, die dieses Ticket nicht enthalten darf, dauerhaft entfernt:',
    line: {
      card_number: (n, c) => `- ${plural(n, 'Kartennummer', 'Kartennummern')} in ${plural(c, 'Kommentar', 'Kommentaren')}`,
      credential: (n, c) => `- ${plural(n, 'Passwort oder Zugangsdatum', 'Passwörter oder Zugangsdaten')} in ${plural(c, 'Kommentar', 'Kommentaren')}`,
    },
    clause: 'Richtlinienklausel',
    notScanned: (names) => `Nicht geprüfte Anhänge (bitte von Hand prüfen): ${names}`,
    notScannedHeading: 'Privacy Guard konnte neue Anhänge nicht auf Kartennummern oder Passwörter prüfen (Bilder, PDFs, Archive und große Dateien werden nicht gelesen).',
    replaced: (names) => `Anhänge mit solchen Daten wurden durch eine leere redacted.txt ersetzt: ${names}`,
    footer: 'Der entfernte Text erscheint in den Kommentaren als ▇. Bitten Sie den Anfragenden, statt des Tickets einen sicheren Kanal zu verwenden.',
  },
  ru: {
    heading: 'Privacy Guard безвозвратно удалил данные, которые не должны храниться в этом тикете:',
    line: {
      card_number: (n, c) => `- ${ruPlural(n, 'номер карты', 'номера карт', 'номеров карт')} в ${ruPlural(c, 'комментарии', 'комментариях', 'комментариях')}`,
      credential: (n, c) => `- ${ruPlural(n, 'пароль или учётные данные', 'пароля или учётных данных', 'паролей или учётных данных')} в ${ruPlural(c, 'комментарии', 'комментариях', 'комментариях')}`,
    },
    clause: 'пункт политики',
    notScanned: (names) => `Вложения не проверены (проверьте вручную): ${names}`,
    notScannedHeading: 'Privacy Guard не смог проверить новые вложения на номера карт и пароли (изображения, PDF, архивы и большие файлы не читаются).',
    replaced: (names) => `Вложения с такими данными заменены пустым файлом redacted.txt: ${names}`,
    footer: 'Удалённый текст отображается в комментариях как ▇. Попросите заявителя использовать защищённый канал вместо тикета.',
  },
};

const CLAUSE_OF: Readonly<Record<RedactedKind, string>> = { card_number: 'C04', credential: 'C05' };

/** What was removed in one ticket update, per kind. */
export type RemovedCounts = Partial<Record<RedactedKind, { items: number; comments: number }>>;

const listNames = (names: readonly string[]): string => names.slice(0, 20).join(', ') + (names.length > 20 ? ', …' : '');

/** The internal note naming new attachments that were not scanned, when nothing was removed (UNSCANNED_ATTACHMENT_NOTE=always). */
export function renderUnscannedAttachmentsNote(attachmentsNotScanned: readonly string[], locale?: string): string {
  const t = REDACTION_NOTE_TEXTS[resolveNoteLocale(locale)];
  return [t.notScannedHeading, '', t.notScanned(listNames(attachmentsNotScanned))].join('\n');
}

/** The internal note for one ticket update's redactions, in the account's locale. */
export function renderRedactionNote(removed: RemovedCounts, locale?: string, attachmentsNotScanned: readonly string[] = [], attachmentsReplaced: readonly string[] = []): string {
  const t = REDACTION_NOTE_TEXTS[resolveNoteLocale(locale)];
  const lines: string[] = [];
  for (const kind of ['card_number', 'credential'] as const) {
    const counts = removed[kind];
    if (counts && counts.items > 0) lines.push(`${t.line[kind](counts.items, counts.comments)} (${t.clause} ${CLAUSE_OF[kind]})`);
  }
  // Text files are scanned and replaced whole when they hold such data; binaries and files over the
  // size cap are not, and the agent is told which files to look at.
  const attachments = [
    ...(attachmentsReplaced.length > 0 ? ['', t.replaced(listNames(attachmentsReplaced))] : []),
    ...(attachmentsNotScanned.length > 0 ? ['', t.notScanned(listNames(attachmentsNotScanned))] : []),
  ];
  return [t.heading, ...lines, ...attachments, '', t.footer].join('\n');
}
