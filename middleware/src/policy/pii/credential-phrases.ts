import { AnchorGroup, findAnchors, registerAnchor, type Anchors } from './anchors.js';
import { makeFinding, type Finding } from './finding.js';
import { isPlausiblePassword, looksLikeSecretWord } from './password-lines.js';
import { countWork as countWorkImport } from './scan-work.js';

// Bound once: run through tsx or vitest, every use of an imported name is a property read on the module.
const countWork = countWorkImport;

/**
 * C05, credential round c14c: two sentence forms that name a password in words password-lines.ts does not read, each
 * tried (sticky) only at an anchor of the one anchor pass (anchors.ts), reading a bounded window around it.
 * - A password "with" a password word in the languages that inflect it or glue the preposition to it: Polish "z hasłem
 *   X", Russian "с паролем X", Turkish "şifresiyle X" / "şifre ile X" / "parolayla X". (The other desks' languages write
 *   "with (the) password X" as a preposition, an article and the bare label, which password-lines.ts reads already.)
 *   X is one secret-looking token that ends its clause (a line break or sentence punctuation follows).
 * - "Wachtwoord ingesteld voor de mailbox x@y.nl: X": a password word, a set/created/reset participle or a temporary/new
 *   adjective (or both), optionally "for" and whom it is for, then a colon and one token that ends the line.
 */

// Tags of this file's literals in the ConfigWord group (credential-lists.ts and credential-replies.ts use others).
const WITH_PASSWORD_TAG = 4100;

// ---------------------------------------------------------------------------------------------------------------
// "z hasłem X", "с паролем X", "şifresiyle X"
// ---------------------------------------------------------------------------------------------------------------

// The inflected password words; the Polish and Russian ones only after a preposition or "and" (WITH_BEFORE), the Turkish
// ones carry their "with" ("ile", glued as "-(y)le/-(y)la").
const WITH_PASSWORD_WORDS = ['hasłem', 'haslem', 'паролем', 'şifresiyle', 'şifreyle', 'şifre ile', 'şifresi ile', 'sifresiyle', 'sifreyle',
  'sifre ile', 'parolasıyla', 'parolayla', 'parola ile', 'parolası ile'];
for (const word of WITH_PASSWORD_WORDS) registerAnchor(word, AnchorGroup.ConfigWord, true, WITH_PASSWORD_TAG);
const WITH_PASSWORD = /(?:hasłem|haslem|паролем|[şs]ifre(?:siyle|yle|(?:si)?[ \t]{1,3}ile)|parola(?:sıyla|yla|(?:sı)?[ \t]{1,3}ile))(?:[ \t]{0,2}:[ \t]{0,3}|[ \t]{1,3})(?<value>[^\s"'<>()]{6,64}?)(?=[.,;!?)]{0,2}(?:\s|$)|<br|<\/)/yiu;
// What stands before the Polish and Russian word: "z", "ze", "i", "oraz" (pl); "с", "со", "и", "под" (ru).
const WITH_BEFORE = /(?:^|[^\p{L}\p{N}])(?:z|ze|i|oraz|с|со|и|под)[ \t]{1,3}$/iu;
// After the token the clause ends: a line break, the text's end or a sentence mark and white space; a word after a blank
// goes on with the sentence ("z hasłem tymczasowym 2 dni").
const CLAUSE_END_AFTER = /^(?:[.,;!?)]{0,2}[ \t]*(?:\r?\n|$)|[.,;!?)]{1,2}\s|<br|<\/)/u;
// An algorithm, standard or product code ("AES-256", "WPA2", "SHA-512"): how a sentence names a password's kind.
const CODE_NAME = /^\p{Lu}{2,8}-?\d{1,5}$/u;

function withPasswordValues(text: string, anchors: Anchors, findings: Finding[]): void {
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  for (let i = 0; i < words.length; i++) {
    if (tags[i] !== WITH_PASSWORD_TAG) continue;
    const at = words[i]!;
    const first = text.charCodeAt(at) | 0x20;
    // Polish and Russian ("h", "п" folded): a preposition (or "and") before the word.
    if (first === 0x68 || first === 0x43f) {
      const before = text.slice(Math.max(0, at - 8), at);
      countWork(before.length + 1);
      if (!WITH_BEFORE.test(before)) continue;
    }
    WITH_PASSWORD.lastIndex = at;
    const m = WITH_PASSWORD.exec(text);
    countWork(m ? m[0].length : 1);
    const value = m?.groups?.value;
    if (!m || value === undefined) continue;
    const end = m.index + m[0].length;
    const after = text.slice(end, end + 8);
    countWork(after.length + 1);
    if (!CLAUSE_END_AFTER.test(after)) continue;
    if (!secretToken(value) || !isPlausiblePassword(value, 'bare')) continue;
    findings.push(makeFinding('credential', 'password', end - value.length, end, 0.75));
  }
}

/** One token that reads as a secret, not an address, link, path, host name or code name. */
function secretToken(value: string): boolean {
  if (!looksLikeSecretWord(value) || !/\p{L}/u.test(value)) return false;
  if (value.includes('@') || value.includes('://') || /^[/\\~$%{[#&]/u.test(value) || CODE_NAME.test(value)) return false;
  // A host name ("mail.example.de") or a file name ("backup.tar.gz").
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/u.test(value) && /\.[a-z]{2,4}$/u.test(value)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// "wachtwoord ingesteld voor de mailbox x@y.nl: X"
// ---------------------------------------------------------------------------------------------------------------

const PASSWORD_WORD = String.raw`(?:password|passwort|kennwort|пароль|contraseña|contrasena|senha|hasło|haslo|wachtwoord|mot[ \t]{1,3}de[ \t]{1,3}passe|şifre(?:si)?|sifre(?:si)?|parola(?:sı)?)`;
// A set, created, generated, reset or changed participle in the ten languages (with their gender and number endings).
const SET_WORD = String.raw`(?:(?:has[ \t]{1,3}been|was|is|wurde|ist|è[ \t]{1,3}stata|foi|fue|ha[ \t]{1,3}sido|a[ \t]{1,3}été|est|is[ \t]{1,3}(?:opnieuw[ \t]{1,3})?|został[ao]?|zostało)[ \t]{1,3})?(?:set|reset|created|generated|assigned|issued|changed|updated|configured|gesetzt|zurückgesetzt|vergeben|angelegt|erstellt|festgelegt|generiert|geändert|eingerichtet|установлен\p{L}{0,2}|задан\p{L}{0,2}|сброшен\p{L}{0,2}|создан\p{L}{0,2}|изменен\p{L}{0,2}|изменён\p{L}{0,2}|сгенерирован\p{L}{0,2}|назначен\p{L}{0,2}|establecid[ao]|restablecid[ao]|cread[ao]|configurad[ao]|generad[ao]|asignad[ao]|cambiad[ao]|impostat[ao]|reimpostat[ao]|creat[ao]|generat[ao]|assegnat[ao]|cambiat[ao]|modificat[ao]|definid[ao]|redefinid[ao]|criad[ao]|gerad[ao]|alterad[ao]|atribuíd[ao]|ingesteld|opnieuw[ \t]{1,3}ingesteld|aangemaakt|gereset|gegenereerd|gewijzigd|aangepast|teruggezet|défini(?:e)?|réinitialisé(?:e)?|créé(?:e)?|généré(?:e)?|attribué(?:e)?|modifié(?:e)?|changé(?:e)?|ustawion[ea]|zresetowan[ea]|utworzon[ea]|wygenerowan[ea]|nadan[ea]|zmienion[ea]|oluşturuldu|belirlendi|sıfırlandı|ayarlandı|değiştirildi|tanımlandı)`;
// A temporary, new or initial adjective after the password word ("contraseña temporal", "password temporanea").
const TEMP_WORD = String.raw`(?:temporary|new|initial|temporär(?:e[ns]?)?|neu(?:e[ns]?)?|vorläufig(?:e[ns]?)?|временный|новый|temporal|provisional|nueva|temporanea|provvisoria|nuova|temporária|temporaria|provisória|provisoria|nova|tijdelijk|nieuw|temporaire|provisoire|nouveau|tymczasowe|nowe|geçici|yeni)`;
// "for" and whom it is for ("for the mailbox x@y.nl", "für den Benutzer anna", "для ящика", "voor de mailbox").
const FOR_WHOM = String.raw`(?:[ \t]{1,3}(?:for|für|fur|для|para|per|pour|voor|dla|için)[ \t]{1,3}[^\n:=<>"]{1,60}?)?`;
const SET_FOR = new RegExp(String.raw`${PASSWORD_WORD}(?:[ \t]{1,3}${TEMP_WORD}(?:[ \t]{1,3}${SET_WORD})?|[ \t]{1,3}${SET_WORD})(?![\p{L}\p{N}])${FOR_WHOM}[ \t]{0,2}:[ \t]{1,4}(?<value>[^\s"'<>]{4,64}?)(?=[.!]?[ \t]*(?:\r?\n|$|<br|<\/))`, 'yiu');

// "… for user: X", "… für den Benutzer: X": a user word right before the colon may as well introduce the user's name; the
// value then counts only with a digit and a capital or a symbol other than ".", "_", "-" ("jan.devries" is a name).
const USER_WORD_BEFORE_COLON = /(?:user(?:name)?|benutzer(?:name)?|nutzer|login|usuario|usuário|utente|utilisateur|użytkownik\p{L}{0,3}|пользовател\p{L}{0,3}|gebruiker|kullanıcı\p{L}{0,4}|account|konto|cuenta|conta)[ \t]{0,2}:[ \t]{1,4}$/iu;
const NAME_LIKE = (value: string): boolean => !/\p{N}/u.test(value) || !/[\p{Lu}]|[^\p{L}\p{N}._-]/u.test(value);

function setForValues(text: string, anchors: Anchors, findings: Finding[]): void {
  let readUpTo = 0;
  for (const at of anchors.positions[AnchorGroup.PasswordLabel]!) {
    if (at < readUpTo) continue;
    SET_FOR.lastIndex = at;
    const m = SET_FOR.exec(text);
    countWork(m ? m[0].length : 1);
    const value = m?.groups?.value;
    if (!m || value === undefined) continue;
    readUpTo = m.index + m[0].length;
    if (!secretToken(value) || !isPlausiblePassword(value, 'punct')) continue;
    const lead = m[0].slice(Math.max(0, m[0].length - value.length - 40), m[0].length - value.length);
    if (USER_WORD_BEFORE_COLON.test(lead) && NAME_LIKE(value)) continue;
    findings.push(makeFinding('credential', 'password', readUpTo - value.length, readUpTo, 0.8));
  }
}

/** C05: passwords "with" an inflected password word, and after "password set for …:" (see the comment at the top). */
export function detectCredentialPhrases(text: string, anchors: Anchors = findAnchors(text)): Finding[] {
  const findings: Finding[] = [];
  withPasswordValues(text, anchors, findings);
  setForValues(text, anchors, findings);
  return findings;
}
