/**
 * The public replies the person receives on their request ticket (C20, C26, C30), per locale
 * (ZENDESK_ACCOUNT_LOCALE). They name the request type, the ticket and what was done in counts;
 * never an e-mail address, a name or an internal reason (a legal hold's text stays internal).
 */
import type { RequestType } from './deadlines.js';
import { resolveNoteLocale, type NoteLocale } from './note-texts.js';

/** Why a request ended without being carried out, as the person is told it. */
export type RefusalKind = 'legal_hold' | 'restricted' | 'objected' | 'expired' | 'other';

/** What an erasure did and is about to do, in counts, for the last message before the account goes. */
export interface ErasureSummary {
  ticketsToDelete: number;
  ticketsKeptAnonymised: number;
  liveChatProfilesMasked: number;
  liveChatTranscriptsManual: boolean;
  talkdeskContactsDeleted: number;
  talkdeskErasureRequested: boolean;
  manualTasksDueBy: string | null;
  mode: 'delete' | 'anonymize';
}

interface Texts {
  types: Record<RequestType, string>;
  confirm(input: { type: string; ticketId: number; code: string; link: string | null; expires: string }): string;
  objected(type: string): string;
  noCode(type: string): string;
  codeRefused(type: string): string;
  codeFromOtherAddress(type: string): string;
  ambiguous(type: string): string;
  attemptsExhausted(type: string): string;
  expired(type: string): string;
  erasureStarting(): string;
  erasureSummary(s: ErasureSummary, reference: string): string;
  completed(type: string, reference: string): string;
  /** C23: the corrected values could not be read from the request; an agent applies them. */
  rectificationByHand(type: string, reference: string): string;
  refused(type: string, kind: RefusalKind, reference: string): string;
  page: {
    title: string;
    question(type: string, ticketId: number): string;
    warning(type: RequestType): string;
    yes(type: RequestType): string;
    no: string;
    confirmed(type: string): string;
    cancelled(type: string): string;
    gone: string;
    unknown: string;
    tooMany: string;
  };
}

const date = (iso: string) => iso.slice(0, 10);
const layoutConfirmation = (intro: string, how: string, validity: string, ifNotYou: string) => `${intro}\n\n${how}\n\n${validity}\n${ifNotYou}`;

const EN: Texts = {
  types: { erasure: 'erasure of your personal data', access: 'a copy of your personal data', rectification: 'correction of your personal data', restriction: 'restriction of processing', objection: 'objection to marketing' },
  confirm: ({ type, ticketId, code, link, expires }) =>
    layoutConfirmation(
      `We have received a request for ${type} (ticket #${ticketId}). Nothing will happen until you confirm that you made it.`,
      (link ? `To confirm, open this link and press the confirmation button:\n${link}\n\nOr reply to this message` : 'To confirm, reply to this message') + ` from the e-mail address registered on your account with this code: ${code}`,
      `The ${link ? 'link and the code' : 'code'} can be used once, until ${date(expires)}.`,
      'If this was not you, reply "no" or simply ignore this message: without your confirmation the request expires and nothing is changed.',
    ),
  objected: (type) => `You told us you did not make this request for ${type}. It is cancelled and nothing has been changed. Thank you for letting us know.`,
  noCode: (type) => `Your reply did not contain the confirmation code, so the request for ${type} is still waiting and nothing has been changed. To confirm, use the link or reply with the code from our earlier message; if this was not you, reply "no" or ignore it.`,
  codeRefused: (type) => `The code in your reply is not valid (it may be mistyped, already used or expired), so the request for ${type} is still waiting and nothing has been changed.`,
  codeFromOtherAddress: (type) => `We can only accept the confirmation code from the e-mail address registered on your account, so the request for ${type} is still waiting and nothing has been changed.`,
  ambiguous: (type) => `Your reply contains a code but also reads as a refusal, so we have not acted on the request for ${type}. To confirm, use the link or reply with the code alone; to cancel, reply "no".`,
  attemptsExhausted: (type) => `Too many codes that did not match were sent, so the confirmation for the request for ${type} can no longer be used. Nothing has been changed. Please contact us to make a new request.`,
  expired: (type) => `The request for ${type} was not confirmed in time, so it has expired and nothing has been changed. If you still want it, please make a new request.`,
  erasureStarting: () => 'Your request is confirmed. We are about to erase your personal data in our support systems (tickets, chats and calls). This cannot be undone. You will receive one last message before your account is removed.',
  erasureSummary: (s, reference) =>
    [
      s.mode === 'delete' ? 'Your personal data is being erased. This is the last message you will receive from us about it:' : 'Your personal data is being anonymised. This is the last message you will receive from us about it:',
      s.mode === 'delete' ? `- Support tickets: ${s.ticketsToDelete} ticket(s), including this one, and your account are deleted permanently right after this message.` : `- Support tickets: ${s.ticketsKeptAnonymised} ticket(s) are kept without your name, e-mail or phone; your account is anonymised right after this message.`,
      `- Chat: ${s.liveChatProfilesMasked} chat profile(s) anonymised${s.liveChatTranscriptsManual ? '; deletion of the chat transcripts has been requested from our chat provider' : ''}.`,
      `- Phone: ${s.talkdeskContactsDeleted} contact(s) deleted${s.talkdeskErasureRequested ? '; erasure requested from our phone provider' : ''}.`,
      ...(s.manualTasksDueBy ? [`- What has to be done by hand is due by ${date(s.manualTasksDueBy)}.`] : []),
      `Reference of your request: ${reference}. We keep a receipt of the erasure without your personal data.`,
    ].join('\n'),
  completed: (type, reference) => `Your request for ${type} has been carried out. Reference: ${reference}.`,
  rectificationByHand: (type, reference) =>
    `We have received your request for ${type}, but could not read the corrected values from it automatically. A member of our team will apply the correction by hand and reply here; nothing has been changed yet. To speed it up, you can reply with one line per value, for example "Name: …", "E-mail: …", "Phone: …" or "Company: …". Reference: ${reference}.`,
  refused: (type, kind, reference) =>
    `${{
      legal_hold: `We cannot carry out your request for ${type} at this time: we are legally required to keep some of your data (a legal hold). Nothing has been erased.`,
      restricted: `We cannot carry out your request for ${type} automatically because processing of your data is restricted; our team will contact you.`,
      objected: `The request for ${type} was cancelled and nothing has been changed.`,
      expired: `The request for ${type} was not confirmed in time, so it has expired and nothing has been changed.`,
      other: `We could not carry out your request for ${type}. Our team will contact you.`,
    }[kind]} Reference: ${reference}.`,
  page: {
    title: 'Confirm your privacy request',
    question: (type, ticketId) => `Did you ask for ${type} (ticket #${ticketId})?`,
    warning: (type) => (type === 'erasure' ? 'Erasure cannot be undone.' : 'Nothing is changed until you confirm.'),
    yes: (type) => (type === 'erasure' ? 'Yes, erase my data' : type === 'rectification' ? 'Yes, correct my data' : 'Yes, I made this request'),
    no: 'No, cancel this request',
    confirmed: (type) => `Thank you. Your request for ${type} is confirmed; you will receive a reply on your ticket.`,
    cancelled: (type) => `The request for ${type} is cancelled. Nothing has been changed.`,
    gone: 'This link can no longer be used.',
    unknown: 'This link is not valid.',
    tooMany: 'Too many attempts. Please try again later.',
  },
};

const DE: Texts = {
  types: { erasure: 'Löschung Ihrer personenbezogenen Daten', access: 'Kopie Ihrer personenbezogenen Daten', rectification: 'Berichtigung Ihrer personenbezogenen Daten', restriction: 'Einschränkung der Verarbeitung', objection: 'Widerspruch gegen Werbung' },
  confirm: ({ type, ticketId, code, link, expires }) =>
    layoutConfirmation(
      `Wir haben eine Anfrage zur ${type} erhalten (Ticket #${ticketId}). Es geschieht nichts, bevor Sie bestätigen, dass sie von Ihnen stammt.`,
      (link ? `Zur Bestätigung öffnen Sie diesen Link und drücken die Bestätigungsschaltfläche:\n${link}\n\nOder antworten Sie` : 'Zur Bestätigung antworten Sie') + ` auf diese Nachricht von der in Ihrem Konto hinterlegten E-Mail-Adresse mit diesem Code: ${code}`,
      `${link ? 'Link und Code sind' : 'Der Code ist'} einmal verwendbar, bis ${date(expires)}.`,
      'Falls Sie das nicht waren, antworten Sie mit „nein“ oder ignorieren Sie diese Nachricht: ohne Ihre Bestätigung verfällt die Anfrage und es wird nichts geändert.',
    ),
  objected: (type) => `Sie haben uns mitgeteilt, dass die Anfrage zur ${type} nicht von Ihnen stammt. Sie ist storniert, es wurde nichts geändert. Danke für Ihre Nachricht.`,
  noCode: (type) => `Ihre Antwort enthielt keinen Bestätigungscode. Die Anfrage zur ${type} wartet daher weiter, es wurde nichts geändert. Zur Bestätigung nutzen Sie den Link oder antworten mit dem Code aus unserer vorigen Nachricht; falls Sie das nicht waren, antworten Sie mit „nein“ oder ignorieren Sie sie.`,
  codeRefused: (type) => `Der Code in Ihrer Antwort ist nicht gültig (vertippt, bereits verwendet oder abgelaufen). Die Anfrage zur ${type} wartet weiter, es wurde nichts geändert.`,
  codeFromOtherAddress: (type) => `Wir können den Bestätigungscode nur von der in Ihrem Konto hinterlegten E-Mail-Adresse annehmen. Die Anfrage zur ${type} wartet weiter, es wurde nichts geändert.`,
  ambiguous: (type) => `Ihre Antwort enthält einen Code, liest sich aber auch als Ablehnung. Wir haben die Anfrage zur ${type} daher nicht ausgeführt. Zur Bestätigung nutzen Sie den Link oder antworten nur mit dem Code; zum Abbrechen antworten Sie mit „nein“.`,
  attemptsExhausted: (type) => `Es wurden zu viele nicht passende Codes gesendet. Die Bestätigung der Anfrage zur ${type} ist nicht mehr verwendbar; es wurde nichts geändert. Bitte wenden Sie sich für eine neue Anfrage an uns.`,
  expired: (type) => `Die Anfrage zur ${type} wurde nicht rechtzeitig bestätigt und ist verfallen; es wurde nichts geändert. Wenn Sie sie weiterhin wünschen, stellen Sie bitte eine neue Anfrage.`,
  erasureStarting: () => 'Ihre Anfrage ist bestätigt. Wir löschen nun Ihre personenbezogenen Daten in unseren Support-Systemen (Tickets, Chats und Anrufe). Das kann nicht rückgängig gemacht werden. Sie erhalten eine letzte Nachricht, bevor Ihr Konto entfernt wird.',
  erasureSummary: (s, reference) =>
    [
      s.mode === 'delete' ? 'Ihre personenbezogenen Daten werden gelöscht. Dies ist die letzte Nachricht, die Sie dazu von uns erhalten:' : 'Ihre personenbezogenen Daten werden anonymisiert. Dies ist die letzte Nachricht, die Sie dazu von uns erhalten:',
      s.mode === 'delete' ? `- Support-Tickets: ${s.ticketsToDelete} Ticket(s), einschließlich dieses, und Ihr Konto werden direkt nach dieser Nachricht endgültig gelöscht.` : `- Support-Tickets: ${s.ticketsKeptAnonymised} Ticket(s) bleiben ohne Ihren Namen, Ihre E-Mail-Adresse und Telefonnummer erhalten; Ihr Konto wird direkt nach dieser Nachricht anonymisiert.`,
      `- Chat: ${s.liveChatProfilesMasked} Chat-Profil(e) anonymisiert${s.liveChatTranscriptsManual ? '; die Löschung der Chat-Protokolle wurde bei unserem Chat-Anbieter beantragt' : ''}.`,
      `- Telefon: ${s.talkdeskContactsDeleted} Kontakt(e) gelöscht${s.talkdeskErasureRequested ? '; Löschung bei unserem Telefonie-Anbieter beantragt' : ''}.`,
      ...(s.manualTasksDueBy ? [`- Was von Hand zu erledigen ist, ist bis ${date(s.manualTasksDueBy)} fällig.`] : []),
      `Referenz Ihrer Anfrage: ${reference}. Wir bewahren einen Löschnachweis ohne Ihre personenbezogenen Daten auf.`,
    ].join('\n'),
  completed: (type, reference) => `Ihre Anfrage zur ${type} wurde ausgeführt. Referenz: ${reference}.`,
  rectificationByHand: (type, reference) =>
    `Wir haben Ihre Anfrage zur ${type} erhalten, konnten die richtigen Angaben aber nicht automatisch daraus lesen. Ein Teammitglied trägt die Berichtigung von Hand ein und antwortet hier; bisher wurde nichts geändert. Schneller geht es, wenn Sie mit einer Zeile je Angabe antworten, etwa „Name: …“, „E-Mail: …“, „Telefon: …“ oder „Firma: …“. Referenz: ${reference}.`,
  refused: (type, kind, reference) =>
    `${{
      legal_hold: `Wir können Ihre Anfrage zur ${type} derzeit nicht ausführen: Wir sind gesetzlich verpflichtet, einige Ihrer Daten aufzubewahren (Aufbewahrungspflicht). Es wurde nichts gelöscht.`,
      restricted: `Wir können Ihre Anfrage zur ${type} nicht automatisch ausführen, weil die Verarbeitung Ihrer Daten eingeschränkt ist; unser Team meldet sich bei Ihnen.`,
      objected: `Die Anfrage zur ${type} wurde storniert; es wurde nichts geändert.`,
      expired: `Die Anfrage zur ${type} wurde nicht rechtzeitig bestätigt und ist verfallen; es wurde nichts geändert.`,
      other: `Wir konnten Ihre Anfrage zur ${type} nicht ausführen. Unser Team meldet sich bei Ihnen.`,
    }[kind]} Referenz: ${reference}.`,
  page: {
    title: 'Datenschutzanfrage bestätigen',
    question: (type, ticketId) => `Haben Sie die ${type} angefragt (Ticket #${ticketId})?`,
    warning: (type) => (type === 'erasure' ? 'Eine Löschung kann nicht rückgängig gemacht werden.' : 'Es wird nichts geändert, bevor Sie bestätigen.'),
    yes: (type) => (type === 'erasure' ? 'Ja, meine Daten löschen' : type === 'rectification' ? 'Ja, meine Daten berichtigen' : 'Ja, die Anfrage stammt von mir'),
    no: 'Nein, Anfrage abbrechen',
    confirmed: (type) => `Danke. Ihre Anfrage zur ${type} ist bestätigt; Sie erhalten eine Antwort in Ihrem Ticket.`,
    cancelled: (type) => `Die Anfrage zur ${type} ist storniert. Es wurde nichts geändert.`,
    gone: 'Dieser Link kann nicht mehr verwendet werden.',
    unknown: 'Dieser Link ist nicht gültig.',
    tooMany: 'Zu viele Versuche. Bitte versuchen Sie es später erneut.',
  },
};

const RU: Texts = {
  types: { erasure: 'удаление ваших персональных данных', access: 'копию ваших персональных данных', rectification: 'исправление ваших персональных данных', restriction: 'ограничение обработки', objection: 'отказ от рекламных рассылок' },
  confirm: ({ type, ticketId, code, link, expires }) =>
    layoutConfirmation(
      `Мы получили запрос на ${type} (тикет #${ticketId}). Ничего не произойдёт, пока вы не подтвердите, что это ваш запрос.`,
      (link ? `Чтобы подтвердить, откройте ссылку и нажмите кнопку подтверждения:\n${link}\n\nИли ответьте` : 'Чтобы подтвердить, ответьте') + ` на это письмо с адреса электронной почты, указанного в вашей учётной записи, и укажите код: ${code}`,
      `${link ? 'Ссылку и код можно использовать' : 'Код можно использовать'} один раз, до ${date(expires)}.`,
      'Если это были не вы, ответьте «нет» или просто проигнорируйте это письмо: без вашего подтверждения запрос истечёт и ничего не изменится.',
    ),
  objected: (type) => `Вы сообщили, что не отправляли запрос на ${type}. Запрос отменён, ничего не изменено. Спасибо, что сообщили нам.`,
  noCode: (type) => `В вашем ответе нет кода подтверждения, поэтому запрос на ${type} по-прежнему ожидает подтверждения, ничего не изменено. Чтобы подтвердить, откройте ссылку или ответьте с кодом из нашего предыдущего письма; если это были не вы, ответьте «нет» или проигнорируйте его.`,
  codeRefused: (type) => `Код в вашем ответе недействителен (опечатка, уже использован или истёк), поэтому запрос на ${type} по-прежнему ожидает подтверждения, ничего не изменено.`,
  codeFromOtherAddress: (type) => `Мы принимаем код подтверждения только с адреса электронной почты, указанного в вашей учётной записи, поэтому запрос на ${type} по-прежнему ожидает подтверждения, ничего не изменено.`,
  ambiguous: (type) => `Ваш ответ содержит код, но читается и как отказ, поэтому мы не выполнили запрос на ${type}. Чтобы подтвердить, откройте ссылку или ответьте только кодом; чтобы отменить, ответьте «нет».`,
  attemptsExhausted: (type) => `Было отправлено слишком много неверных кодов, поэтому подтверждение запроса на ${type} больше недействительно. Ничего не изменено. Свяжитесь с нами, чтобы подать новый запрос.`,
  expired: (type) => `Запрос на ${type} не был вовремя подтверждён, поэтому он истёк, ничего не изменено. Если он всё ещё нужен, подайте новый запрос.`,
  erasureStarting: () => 'Ваш запрос подтверждён. Сейчас мы удалим ваши персональные данные в наших системах поддержки (тикеты, чаты и звонки). Это действие необратимо. Перед удалением вашей учётной записи вы получите последнее письмо.',
  erasureSummary: (s, reference) =>
    [
      s.mode === 'delete' ? 'Ваши персональные данные удаляются. Это последнее письмо от нас по этому запросу:' : 'Ваши персональные данные обезличиваются. Это последнее письмо от нас по этому запросу:',
      s.mode === 'delete' ? `- Тикеты поддержки: ${s.ticketsToDelete} тикет(ов), включая этот, и ваша учётная запись будут безвозвратно удалены сразу после этого письма.` : `- Тикеты поддержки: ${s.ticketsKeptAnonymised} тикет(ов) сохраняются без вашего имени, e-mail и телефона; ваша учётная запись будет обезличена сразу после этого письма.`,
      `- Чат: обезличено профилей: ${s.liveChatProfilesMasked}${s.liveChatTranscriptsManual ? '; у чат-провайдера запрошено удаление переписки' : ''}.`,
      `- Телефон: удалено контактов: ${s.talkdeskContactsDeleted}${s.talkdeskErasureRequested ? '; у провайдера телефонии запрошено удаление' : ''}.`,
      ...(s.manualTasksDueBy ? [`- То, что выполняется вручную, будет сделано до ${date(s.manualTasksDueBy)}.`] : []),
      `Номер вашего запроса: ${reference}. Мы храним подтверждение удаления без ваших персональных данных.`,
    ].join('\n'),
  completed: (type, reference) => `Ваш запрос на ${type} выполнен. Номер запроса: ${reference}.`,
  rectificationByHand: (type, reference) =>
    `Мы получили ваш запрос на ${type}, но не смогли автоматически прочитать из него исправленные данные. Сотрудник внесёт исправление вручную и ответит здесь; пока ничего не изменено. Чтобы ускорить, ответьте, указав по одной строке на значение, например «Имя: …», «Почта: …», «Телефон: …» или «Компания: …». Номер запроса: ${reference}.`,
  refused: (type, kind, reference) =>
    `${{
      legal_hold: `Сейчас мы не можем выполнить ваш запрос на ${type}: по закону мы обязаны хранить часть ваших данных. Ничего не удалено.`,
      restricted: `Мы не можем выполнить ваш запрос на ${type} автоматически, так как обработка ваших данных ограничена; наша команда свяжется с вами.`,
      objected: `Запрос на ${type} отменён, ничего не изменено.`,
      expired: `Запрос на ${type} не был вовремя подтверждён, поэтому он истёк, ничего не изменено.`,
      other: `Мы не смогли выполнить ваш запрос на ${type}. Наша команда свяжется с вами.`,
    }[kind]} Номер запроса: ${reference}.`,
  page: {
    title: 'Подтверждение запроса о персональных данных',
    question: (type, ticketId) => `Вы запрашивали ${type} (тикет #${ticketId})?`,
    warning: (type) => (type === 'erasure' ? 'Удаление необратимо.' : 'Ничего не изменится, пока вы не подтвердите.'),
    yes: (type) => (type === 'erasure' ? 'Да, удалить мои данные' : type === 'rectification' ? 'Да, исправить мои данные' : 'Да, это мой запрос'),
    no: 'Нет, отменить запрос',
    confirmed: (type) => `Спасибо. Ваш запрос на ${type} подтверждён; ответ придёт в ваш тикет.`,
    cancelled: (type) => `Запрос на ${type} отменён. Ничего не изменено.`,
    gone: 'Эта ссылка больше недействительна.',
    unknown: 'Эта ссылка недействительна.',
    tooMany: 'Слишком много попыток. Повторите позже.',
  },
};

const TEXTS: Readonly<Record<NoteLocale, Texts>> = { en: EN, de: DE, ru: RU };

/** The reply texts of the account's locale (unknown locales fall back to English). */
export function replyTexts(locale: string | undefined): Texts {
  return TEXTS[resolveNoteLocale(locale)];
}

/** The replies the request-reply job can post, by kind. */
export const REPLY_KINDS = ['objected', 'no_code', 'code_refused', 'code_from_other_address', 'ambiguous', 'attempts_exhausted', 'expired', 'completed', 'rectification_by_hand', 'refused'] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];

/** Renders one owed reply. `params` carries only the request type, a refusal kind and the reference. */
export function renderReply(locale: string | undefined, kind: ReplyKind, params: { type: RequestType; refusal?: RefusalKind; reference: string }): string {
  const t = replyTexts(locale);
  const type = t.types[params.type];
  switch (kind) {
    case 'objected':
      return t.objected(type);
    case 'no_code':
      return t.noCode(type);
    case 'code_refused':
      return t.codeRefused(type);
    case 'code_from_other_address':
      return t.codeFromOtherAddress(type);
    case 'ambiguous':
      return t.ambiguous(type);
    case 'attempts_exhausted':
      return t.attemptsExhausted(type);
    case 'expired':
      return t.expired(type);
    case 'completed':
      return t.completed(type, params.reference);
    case 'rectification_by_hand':
      return t.rectificationByHand(type, params.reference);
    case 'refused':
      return t.refused(type, params.refusal ?? 'other', params.reference);
  }
}
