import { BROAD_RANGE_ISSUERS, issuerForPrefix } from './card-issuers.js';
import { makeFinding, type Finding } from './finding.js';
import { countWork } from './scan-work.js';
import { isAlnumAt as isAlnumAtAnyScript, isWordCharAt as isWordCharAtAnyScript } from './text-boundaries.js';

/*
 * Linear by construction: one left-to-right pass splits the text into digit groups and the
 * separators between them; a card is then looked for only at group boundaries, over windows of at
 * most 19 digits (the longest PAN), so each group is visited a bounded number of times whatever the
 * input ("1-1-1-…", "4111 " repeated, 1 MB of digits).
 */

const MAX_PAN = 19;
const MIN_PAN = 13;
/**
 * Most hard-wrap cuts joined inside one number: a 19-digit number in a line wrapped at 72-78 columns is cut
 * once, twice when the reply is re-wrapped after quoting.
 */
const MAX_WRAPS = 2;
/** Most groups a carelessly split card is read in ("4814 1506 6 552 2968"), and only as a whole run named a card. */
const MAX_CARELESS_GROUPS = 6;

/**
 * A card word ending within a lowercased window, not after a letter, without the Unicode flag (faster: this runs for
 * every card found); "not after a letter" spelled out for the Latin, Greek and Cyrillic letters, which are all in the BMP.
 * "CB" (carte bancaire) is the everyday French word for a payment card; a whole word only.
 */
const CARD_CONTEXT_LOWER = /(?<![a-z\u00aa\u00b5\u00ba\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff])(?:cb(?![a-z])|card|karte|карт|carte|tarjeta|cart[aã]o|kaart|karty?|kart|visa|master|amex|mir|мир|cc|pan|kredit|credit|debit|cartão|carta|maestro|discover|jcb|diners|unionpay|rupay|girokarte|bankkarte|zahlkarte|geldkarte|bankkaart|betaalkaart|pinpas|bankkort|betalkort|bancomat|hipercard|kort|kártya|κάρτα|بطاق|כרטיס|کارت|कार्ड|কার্ড)|カード|卡|카드|(?:firmen|geschäfts|business|dienst|ersatz|haupt|zweit|privat|bedrijfs|zaken|reserve)(?:kredit)?(?:karte|kaart)/;
/** The card words of CARD_CONTEXT_LOWER with no lookbehind: a fast first test, most windows have none. */
const CARD_WORDS_LOWER = /cb|card|kart|карт|tarjeta|cart|kaart|visa|master|amex|mir|мир|cc|pan|kredit|credit|debit|kort|maestro|discover|jcb|diners|unionpay|rupay|pinpas|bancomat|hipercard|kártya|κάρτα|بطاق|כרטיס|کارت|कार्ड|কার্ড|カード|卡|카드/;
const cardNamedBefore = (text: string, start: number): boolean => {
  countWork(Math.min(start, 40));
  const window = text.slice(Math.max(0, start - 40), start).toLowerCase();
  return CARD_WORDS_LOWER.test(window) && CARD_CONTEXT_LOWER.test(window);
};
/** A card word within 25 characters after `end` ("4272 06235315 8077 is my Visa", "… (credit card)"). */
const cardNamedAfter = (text: string, end: number): boolean => {
  countWork(Math.min(25, text.length - end));
  const window = text.slice(end, end + 25).toLowerCase();
  return CARD_WORDS_LOWER.test(window) && CARD_CONTEXT_LOWER.test(window);
};
/**
 * Round c14c: an expiry word and its month and year right after the number ("… 8966 (verloopt 03/30)", "exp 03/30",
 * "gültig bis 03/30", "válida hasta 03/30", "Scadenza 7/28" on the next line of a quoted reply) name it a card as a card
 * word does, in the ten languages; a date after a number without such a word does not ("Bestellung … vom 03/30").
 */
const EXPIRY_NAMED_AFTER = /^[ \t]{0,3}(?:\r?\n[ \t>]{0,8})?(?:[(\[,;\u2013\u2014-][ \t]{0,3})?(?:exp(?:iry|ires|iration|iring)?(?:[ \t]date)?|valid(?:[ \t](?:thru|through|until|till|to))?|good[ \t]thru|gültig(?:[ \t]bis)?|läuft[ \t]ab|ablauf(?:datum)?|срок(?:[ \t]действия)?|действительна[ \t]до|действует[ \t]до|годна[ \t]до|истекает|v[áa]lid[ao](?:[ \t]hasta)?|vence|vencimiento|caduca|caducidad|expira|scad(?:enza|e)|valid[ao][ \t]fino[ \t]al?|validade|v[áa]lid[ao][ \t]at[ée]|verloopt|vervaldatum|geldig[ \t]tot|expire(?:[ \t]fin)?|valable[ \t]jusqu['’]à|date[ \t]d['’]expiration|ważn[aey][ \t]do|data[ \t]ważności|wygasa|son[ \t]kullanma(?:[ \t]tarihi)?|skt|geçerlilik(?:[ \t]tarihi)?)\.?[ \t]{0,2}:?[ \t]{0,3}(?:0?[1-9]|1[0-2])[ \t]?[/.-][ \t]?(?:\d{2}|20\d{2})(?![\d/.-]\d)/iu;
const expiryNamedAfter = (text: string, end: number): boolean => {
  // Round c15c: past the tags that close the number's cell or paragraph ("…99911</span></div><div>Vervaldatum 11/2027").
  let at = end;
  for (let tags = 0; tags < 6 && text.charCodeAt(at) === 60 /* < */; tags++) {
    TAG_AFTER.lastIndex = at;
    if (!TAG_AFTER.test(text)) break;
    at = TAG_AFTER.lastIndex;
  }
  countWork(Math.min(56, text.length - end) + (at - end));
  return EXPIRY_NAMED_AFTER.test(text.slice(at, at + 56));
};
/** One tag (sticky), at most 120 characters: what expiryNamedAfter passes over. */
const TAG_AFTER = /<\/?[a-z][a-z0-9]{0,10}(?:\s[^<>]{0,100})?\/?>\s{0,2}/iy;
const cardNamedAround = (text: string, start: number, end: number): boolean =>
  cardNamedBefore(text, start) || cardNamedAfter(text, end) || expiryNamedAfter(text, end);
/**
 * A word that names another kind of number when it labels the digits directly ("Order number 4111…",
 * "Bestellnummer 4111…", "Номер заказа 4111…", `"tracking_number": "4111…"`); matched at the start of the
 * lowercased word. Short or ambiguous stems are whole words ("ref", not "refund"; "order", not "ordered").
 */
const NON_CARD_WORD = /^(?:order(?!ed|ing)|invoice|inv$|account|acct|customer|client|tracking|ticket|ref$|refs$|referen|riferiment|référence|booking|contract|transaction|txn?$|serial|imei|iccid|ean$|gtin|upc$|isbn|issn|barcode|strichcode|sku$|artikel|bestell|kunden|rechnung|vertrag|konto|sendung|auftrag|paket|pedido|factura|fatura|cuenta|conta$|encomenda|ordine|fattura|conto$|bestel|factuur|rekening|klant|commande|facture|compte|заказ|сч[её]т|договор|лицев|zamówieni|faktur|sipariş|seguimiento|rastreio|rastreamento|tracciamento|spedizione|zending|suivi|colis|отслежива|трек|iban|voucher|gutschein|coupon|membership|mitglied|loyalty|licen[cs]e|lizenz|licencia|licenza|licença|licentie|лиценз|activation|aktivierung|merchant|händler|haendler|terminal|psp|operation|auth$|authcode|approval|trace$|traceid|invid$|rrn$|arn$|mid$|tid$|stan$|nsu$|uid$|subscription|abonnement|case$|ticket|vorgang|transaktion|buchung|beleg|mandat|zahlungsref|verwendungszweck|aktenzeichen|kassenzeichen|операц|платеж|платёж|транзакц|заявк|обращени|огрн|инн$|идентификатор|operaci|operaç|autorizaci|autoriza[çc]|localizador|expediente|protocol|referênc|pratica|transazion|cro$|pagopa|avviso|dossier|adhérent|adherent|kenmerk|betaling|transacti|transakc|klient|przesył|sprawy$|sprawa$|rachunk|işlem|islem|referans|dekont|takip|müşteri|musteri|abone|hesap|hesab|port$|ports$|порт|puerto|allow$|paysafecard|flexepin|pin$|receipt|quittung|чек$|recibo|ricevuta|reçu|kwitantie|paragon|fiş$|fis$|dekont|reservierung|prenotazione|pnr$|awb$|waybill|consignment|shipment|parcel|sendungs|lieferschein|schaden|polizza|póliza|apólice|versicherung|страхов|полис|personalnummer|mitarbeiter|matrikel|steuer|ust|eori|siret|siren|nif$|nie$|dni$|cpf$|cnpj$|cuit$|rut$|pesel|nip$|regon|krs$|tckn|kimlik|vergi|fiscal|partita|iva$|bsn$|kvk$|kpp$|кпп|бик|окпо|снилс|паспорт|passport|reisepass|ausweis|incident|inc$|fall$|fallnummer|vorgangs|trans$|serien|geräte|imsi|checksum|socio$|afiliad|contrat|kontrakt|zaak|polis$|polisnummer|umow|zleceni|sözleşme|клиент|отправлени|посылк|zähler|zaehler|po$|rma$|sn$|asset|batch|lot$|routing|aba$|bsb$|ifsc|swift|bic$|blz$|bankleitzahl|clabe|cbu$|(?:ال)?(?:طلب|فاتور|تتبع|شحن|شحنة|حساب|عميل|عقد|معامل|تذكر|هاتف|جوال|فاتوره)|سفارش|فاکتور|صورتحساب|پیگیری|رهگیری|مرسوله|مشتری|قرارداد|تراکنش|تلفن|موبایل|ऑर्डर|आर्डर|ट्रैकिंग|चालान|इनवॉइस|खाता|ग्राहक|फ़ोन|फोन|मोबाइल|অর্ডার|ট্র্যাকিং|চালান|ইনভয়েস|অ্যাকাউন্ট|গ্রাহক|ফোন|মোবাইল)/;
/**
 * Words that name another kind of number only with a number word after them ("Payment ID", "charge id", "Auth code")
 * or glued to one ("PaymentId", "authCode"): alone they may introduce a card ("please charge 4111…").
 */
const WEAK_NON_CARD_WORD = /^(?:payment|charge|authori[sz]ation|request|user|session|transfer|refund)(id|code|no|number|ref)?$/;
/** Words that name another number before any number word ("Confirmation number", "policy no.", "device ID", "tax id"). */
const NAMED_NUMBER_WORD = /^(?:confirmation|bestätigung|confirmaci|conferma|reservation|réservation|reserva|claim|policy|police|member|patient|student|employee|device|job|instance|tax|vat|sort|host|mac|phone|tel|telefon|fax|mobile|handy|телефон)$/;
/** Words between such a label and the digits: "number", "no.", "Nr.", "n.º", "ID", "code", "key", "номер", "numarası". */
const NUMBER_WORD = /^(?:numbers?|no|nr|num|nummer|numero|número|numéro|numer|numara|numaram|numaramız|numarası|numarasi|номер|id|code|key|kod|код|n|º|nº|n°|رقم|شماره|नंबर|संख्या|नं|নম্বর|নং)$/;
const CARD_WORD = /^(?:card|karte|carte|tarjeta|cartão|carta|kaart|karta|karty|kartę|kartą|kart|kartı|карта|карты|карту|картой)$/;
/** "Gift card 4111…", "Geschenkkarte": a card word after these names a voucher, not a payment card. */
const GIFT_WORD = /^(?:gift|geschenk|regalo|cadeau|presente|prezent\p{L}*|hediye|подарочн\p{L}*)$/u;
/** What may stand between a label and the digits: spacing, quotes, brackets, "#", ":", "=", "_", "-", ".", quote markers. */
const LABEL_GAP = (() => {
  const table = new Uint8Array(0x10000);
  for (const c of ' \t\n\r\u00a0\u202f\u2009\u2007\u2002\u2003\u3000:#№.=_-"\'([>*«»„“”‘’`|') table[c.charCodeAt(0)] = 1;
  return table;
})();
/** Tags and entities in the label's neighbourhood read as spacing ("<td>Order number</td><td>4111…"). */
const MARKUP_IN_LABEL = /<[^<>]{0,80}>|&[a-z#0-9]{2,8};/giu;
// "… 4111 1111 1111 1111 123 is my card and cvv": the trailing group is the security code.
const CVV_AFTER = /\b(?:cvv2?|cvc2?|cvn|csc|cid|security code|prüfnummer|sicherheitscode|код)\b/iu;
/** Letters every CVV_AFTER word contains one of; a window without them skips the regex. */
const CVV_LETTERS = /cv[vcn]|csc|cid|security code|prüfnummer|sicherheitscode|код/i;
// Card words that may be glued between the number and its expiry or security code.
// "… 12/28", "… (exp 12/28)", "… CVV 123", "…exp 12/28": what follows a card and nothing else.
const EXPIRY_OR_CODE_AFTER = /^[\s,;(-]*(?:exp|valid|gültig|cvv|cvc|csc|срок|vence|scad|\d{2} ?\/ ?\d{2}(?!\d))/iu;
/** Card words a number may be glued to ("card4111…"), at the end of the word before it ("Kreditkarte4111…"). */
// Round c14: every network's name too, as a whole word ("MIR2203…", "Maestro6759…", "JCB3528…"; not "Kasimir4539…").
const GLUED_CARD_LABEL = /(?:card|karte|karta|karty|kart|carte|carta|tarjeta|cartão|kaart|карта|карты|visa|mastercard|amex|cc|pan)$|^(?:mir|мир|maestro|discover|jcb|diners|unionpay|troy|elo)$/;
/** Number abbreviations before a full stop glued to the digits ("No.4111…", "Kartennr.4111…", "Núm.4111…"). */
// Round c14: also the card word's own abbreviations ("Tarj.3665…", "Tjta.4111…", "Kred.", "Kart.").
const NUMBER_ABBREVIATION = /(?:^no|^n|nr|^num|^núm|^nº|^tarj|^tjta|^kred|^kart)$/;
const ENCODED_SEPARATOR_BEFORE = /^(?:20|3[aAdD]|2[cC]|23|0[aAdD9])$/;
const GLUED_NUMBER_SIGN = /(?:^nº|^nr|^no|^num|^núm|nummer|number|numero|número|numéro|номер)$/u;
const GLUED_CARD_WORD = /^(?:exp|expiry|expires|valid|cvv|cvc|cvv2|cvc2)$/iu;
// Combining marks too: Devanagari and Bengali words carry vowel signs and viramas ("नंबर", "ट्रैकिंग") inside them.
const LETTER = /[\p{L}\p{M}]/u;
/**
 * A capitalised word ending in punctuation, a line break or the end ("Thanks,", "Danke!", "Gracias"): a sentence
 * glued after the full stop. Followed by a space it may as well be a file extension ("….Log for details").
 */
const SENTENCE_AFTER_STOP = /^\p{Lu}\p{Ll}{1,20}(?:[!,;:?.\r\n]|$)/u;
// IBAN printed in groups of four: "GB29 NWBK 6016 1331 9268 19" (ISO 13616); up to 34 characters.
const GROUPED_IBAN_BEFORE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ -][A-Z0-9]{4}){0,7}[ -]$/u;


/** ASCII digits and the full-width digits Japanese and Chinese input methods type (U+FF10-U+FF19). */
/**
 * text.charCodeAt(i), or NaN when `i` is outside the text, without reading out of bounds: an out-of-bounds read
 * deoptimises the calling function in V8, and the re-optimisations showed up as millisecond pauses while warming up.
 */
const codeAt = (text: string, i: number): number => (i >= 0 && i < text.length ? text.charCodeAt(i) : NaN);
const isDigit = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 0xff10 && code <= 0xff19);
/** isDigit as a table by UTF-16 code unit, for the loops over every character of the text. */
const DIGIT = (() => {
  const table = new Uint8Array(0x10000);
  for (let c = 48; c <= 57; c++) table[c] = 1;
  for (let c = 0xff10; c <= 0xff19; c++) table[c] = 1;
  return table;
})();
const digitValue = (code: number): number => (code >= 0xff10 ? code - 0xff10 : code - 48);
const SPACES = new Set([' ', '\u00a0', '\u202f', '\u2009', '\u2007', '\t', '\u2002', '\u2003', '\u2008', '\u200a', '\u3000']);
// Zero-width characters editors and mail clients put between groups: they join without a visible space.
const ZERO_WIDTH = new Set(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']);
// Dashes word processors substitute for "-": hyphen, non-breaking hyphen, figure dash, en dash.
const DASHES = new Set(['-', '.', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '\uff0d']);
/**
 * Punctuation that joins groups only when nothing else is around it: "4111/1111/…", "4111,1111,…" (CSV cells),
 * "4111_1111_…", "4111+1111+…" (a form's spaces in a URL). With spaces around, it lists numbers ("a / b", "a, b").
 */
const TIGHT_PUNCTUATION = new Set(['/', ',', '_', '+']);
const FIELD_SEPARATORS = ',/';
// Entities for a visible space, and for an invisible joiner (zero width, soft hyphen).
// Character kinds for separatorAt, by UTF-16 code unit (a table lookup instead of set lookups on strings).
const KIND_OTHER = 0;
const KIND_SPACE = 1;
const KIND_ZERO_WIDTH = 2;
const KIND_DASH = 3;
const KIND_STRUCTURE = 4; // '\n', '\r', '&', '<', '=', '%': read further in separatorAt
const KIND_TIGHT = 5;
const CHAR_KIND = (() => {
  const table = new Uint8Array(0x10000);
  for (const c of SPACES) table[c.charCodeAt(0)] = KIND_SPACE;
  for (const c of ZERO_WIDTH) table[c.charCodeAt(0)] = KIND_ZERO_WIDTH;
  for (const c of DASHES) table[c.charCodeAt(0)] = KIND_DASH;
  for (const c of TIGHT_PUNCTUATION) table[c.charCodeAt(0)] = KIND_TIGHT;
  for (const c of '\n\r&<=%\u2028\u2029\u0085\\|])}\u00a6\u2022\u00b7') table[c.charCodeAt(0)] = KIND_STRUCTURE;
  return table;
})();
const ENTITY_SPACES = ['&nbsp;', '&#160;', '&#xa0;', '&#8239;', '&#x202f;', '&#32;', '&ensp;', '&emsp;', '&thinsp;', '&#8201;', '&#x2009;',
  '&numsp;', '&puncsp;', '&hairsp;', '&mediumspace;', '&amp;nbsp;', '&nonbreakingspace;', '&thinspace;', '&#x2007;'];
const ENTITY_INVISIBLE = ['&#8203;', '&#x200b;', '&zwsp;', '&zwnj;', '&zwj;', '&#8204;', '&#8205;', '&shy;', '&#173;', '&zerowidthspace;', '&nobreak;'];
/** Named entities for the dashes word processors put between groups ("4111&ndash;1111&ndash;…"). */
const ENTITY_DASHES = ['&ndash;', '&mdash;', '&minus;', '&hyphen;', '&dash;'];
const NUMERIC_ENTITY = /^&#(?:x([0-9a-f]{1,5})|([0-9]{1,6}));/u;
/** ASCII characters a separator can start with: space, tab, line breaks, '-', '.', '&' (entity), '<' (tag). */
const SEPARATOR_START: readonly boolean[] = Array.from({ length: 128 }, (_, c) => ' \t\n\r-.&<=%/,_+\\|])}'.includes(String.fromCharCode(c)));
/** JSON escapes for a space between groups ("2200\\u00a07192\\u00a0…" in a JSON string). */
const JSON_SPACES = ['\\u00a0', '\\u202f', '\\u2009', '\\u2007', '\\u0020', '\\u3000', '\\xa0', '\\x20', '\\t'];
/**
 * Quoted-printable as raw mail shows it (RFC 2045): a soft line break "=\r\n" joins without a visible gap; "=20",
 * "=09", "=C2=A0" (no-break space) and "=E2=80=AF" (narrow no-break space) are encoded spaces. URL-encoded spaces:
 * "%20", "%C2%A0".
 */
const ENCODED_SPACES = ['=20', '=09', '=C2=A0', '=E2=80=AF', '=E2=80=89', '=E2=80=87', '%20', '%09', '%C2%A0', '%E2%80%AF', '%E2%80%89', '%E2%80%87'];
const QP_SOFT_BREAKS = ['=\r\n', '=\n'];
/** Longest separator read between two groups: inline tags with a style attribute fit ("<span style=…>"). */
const MAX_SEPARATOR = 200;
// Also Outlook's namespaced tags ("<o:p></o:p>" ends each of its paragraphs).
const INLINE_TAG_AT = /<\/?[a-z][a-z0-9]*(?::[a-z0-9]+)?(?:\s[^<>]{0,400})?\/?>/iy;
/** Longest separator read with its tags: Word and Outlook write a style attribute of 200-300 characters per span. */
const MAX_SEPARATOR_WITH_TAGS = 1200;
/** The lowercased name of the tag whose "<" is at `k` ("p" for "</p>", "o:p" for "<o:p>"); at most 12 characters. */
function tagNameAt(text: string, k: number): string {
  let a = k + 1;
  if (text.charCodeAt(a) === 47 /* / */) a++;
  let b = a;
  while (b < text.length && b - a < 12) {
    const c = text.charCodeAt(b) | 0x20;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 58 /* : */) b++;
    else break;
  }
  return text.slice(a, b).toLowerCase();
}
/** Second characters of the entities separatorAt reads ("&nbsp;", "&#…;", "&ensp;", "&thinsp;", "&zwsp;", "&shy;"), by ASCII code. */
const ENTITY_SECOND: readonly boolean[] = Array.from({ length: 128 }, (_, c) => 'nNeEtTzZsS#mMhHdDpPaA'.includes(String.fromCharCode(c)));
/** Tags that end a line as a hard wrap does: a break, a paragraph or block boundary, a quote block. */
const LINE_BREAK_TAGS = new Set(['br', 'p', 'div', 'blockquote']);
/**
 * The HTML elements mail clients and help desks write (lowercased, as tagNameAt gives them; Outlook's "o:p"): a closing
 * tag of any other name ends an XML field.
 */
const HTML_TAGS = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'center', 'cite', 'code', 'dd', 'del', 'dfn', 'div',
  'dl', 'dt', 'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'i', 'ins', 'kbd', 'label', 'li', 'mark', 'nobr', 'o:p', 'ol', 'p', 'pre',
  'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u',
  'ul', 'var', 'wbr', 'section', 'article', 'header', 'footer', 'main', 'caption', 'figure', 'time', 'data', 'output', 'button', 'textarea',
  'option', 'select', 'form', 'body', 'html', 'head', 'title', 'hr', 'img', 'input']);
/** Table cells and rows put numbers side by side in separate cells: a visible gap, never a wrap. */
const CELL_TAGS = new Set(['td', 'th', 'tr', 'li', 'table', 'tbody', 'ul', 'ol']);

/** Skips reply-quote markers ("> ", ">>", "> > ", "&gt; ") at the start of a continued line; at most MAX_SEPARATOR characters. */
function skipQuotes(text: string, k: number, _i: number): number {
  const from = k;
  while (k < text.length && k - from <= MAX_SEPARATOR) {
    const c = text.charCodeAt(k);
    if (c === 62 /* > */ || c === 32 || c === 0xa0) { k++; continue; }
    if (c === 38 /* & */) {
      if (text.startsWith('&gt;', k) || text.startsWith('&GT;', k)) { k += 4; continue; }
      if (text.startsWith('&nbsp;', k)) { k += 6; continue; }
    }
    break;
  }
  return k;
}

/**
 * Length of the separator starting at `i` when it joins two digit groups of one written number,
 * else 0. What people and mail clients put between the groups of a card number: up to three spaces
 * (also no-break and narrow no-break), one dash or dot, `&nbsp;`-style entities, inline tags
 * (`<b>`, `<span>`), one line break (a newline, `<br>`, `</p><p>`) followed by reply-quote markers
 * ("> ", ">> ", "&gt; "). Bounded in length.
 *
 * `wrapped`: nothing visible joins the two groups — a bare line break (a hard wrap that may cut a group
 * or block in two: "45567375\n> 86899855"), a zero-width character, a soft hyphen, `<wbr>`, or an inline
 * tag — so the digits on both sides may be one group.
 */
let SEPARATOR_LOOSE = false;
let SEPARATOR_WRAPPED = false;
/** The separator holds a line break (a newline, `<br>`, a paragraph boundary). */
let SEPARATOR_BREAK = false;
let SEPARATOR_INVISIBLE = false;
/** The separator lists rather than joins (" / ", " | ", "] ["): the groups are one card only when a card word names it. */
let SEPARATOR_LISTISH = false;
/** " / ", " | ", "|", "] [", "][" before a digit (sticky). */
const LISTISH_AT = /(?: ?[|¦•·] ?| [/\\;:] |[\])}] ?[[({])(?=[0-9\uff10-\uff19])/y;
function separatorAt(text: string, i: number): number {
  let k = i;
  let spaces = 0;
  let punct = 0;
  let breaks = 0;
  let newlines = 0;
  let brTags = 0;
  let markup = 0;
  let visible = 0;
  let tight = 0;
  let zeroWidth = 0;
  // Fast path: most numbers end at a letter or punctuation that can never join two groups.
  const first = codeAt(text, i);
  if (first < 128 && !SEPARATOR_START[first]) return 0;
  if (first === 32 || first === 124 /* | */ || first === 93 /* ] */ || first === 41 /* ) */ || first === 125 /* } */ || first === 0xa6 ||
    first === 0x2022 || first === 0xb7) {
    LISTISH_AT.lastIndex = i;
    if (LISTISH_AT.test(text)) {
      countWork(LISTISH_AT.lastIndex - i);
      SEPARATOR_LOOSE = true;
      SEPARATOR_WRAPPED = false;
      SEPARATOR_BREAK = false;
      SEPARATOR_INVISIBLE = false;
      SEPARATOR_LISTISH = true;
      return LISTISH_AT.lastIndex - i;
    }
  }
  SEPARATOR_LISTISH = false;
  // Measured without the tags (their attributes can be long), within MAX_SEPARATOR_WITH_TAGS in all.
  let tagChars = 0;
  while (k < text.length && k - i - tagChars <= MAX_SEPARATOR && k - i <= MAX_SEPARATOR_WITH_TAGS) {
    const code = text.charCodeAt(k);
    const kind = CHAR_KIND[code]!;
    if (kind === KIND_SPACE) { spaces++; k++; if (spaces > 3 && breaks === 0) return 0; continue; }
    if (kind === KIND_ZERO_WIDTH) { markup++; zeroWidth++; k++; continue; }
    if (kind === KIND_DASH) { if (++punct > 1) break; k++; continue; }
    if (kind === KIND_TIGHT) { if (++punct > 1) break; tight++; k++; continue; }
    if (kind === KIND_OTHER) break;
    const ch = text[k]!;
    // Also the Unicode line and paragraph separators and NEL that rich-text pastes carry.
    if (ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029' || ch === '\u0085') {
      if (ch === '\r' && text[k + 1] === '\n') k++;
      // One line break: a blank line between two numbers ends the number.
      if (++newlines > 1) break;
      breaks++;
      k = skipQuotes(text, k + 1, i);
      continue;
    }
    if (ch === '\\') {
      const ahead = text.slice(k, k + 6).toLowerCase();
      const escape = JSON_SPACES.find((e) => ahead.startsWith(e));
      if (!escape) break;
      markup++; visible++; k += escape.length;
      continue;
    }
    if (ch === '=' || ch === '%') {
      const soft = ch === '=' ? QP_SOFT_BREAKS.find((e) => text.startsWith(e, k)) : undefined;
      if (soft) { markup++; k += soft.length; continue; }
      const space = ENCODED_SPACES.find((e) => text.startsWith(e, k) || text.startsWith(e.toLowerCase(), k));
      if (!space) break;
      markup++; visible++; k += space.length;
      continue;
    }
    if (ch === '&') {
      // Every entity read here starts "&n", "&#", "&e", "&t", "&z", "&s", "&m", "&h", "&d", "&p" or "&a" (&amp;nbsp;): "&gt;", "& " end the number at once.
      if (!ENTITY_SECOND[codeAt(text, k + 1) & 0x7f] || codeAt(text, k + 1) > 0x7f) break;
      const ahead = text.slice(k, k + 19).toLowerCase();
      const space = ENTITY_SPACES.find((e) => ahead.startsWith(e));
      if (space) { markup++; visible++; k += space.length; continue; }
      const dash = ENTITY_DASHES.find((e) => ahead.startsWith(e));
      if (dash) { if (++punct > 1) break; markup++; k += dash.length; continue; }
      // Any numeric character reference to a space, zero-width character or dash ("&#8194;", "&#x2002;", "&#12288;").
      const numeric = NUMERIC_ENTITY.exec(ahead);
      if (numeric) {
        const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
        const kind = code < 0x10000 ? CHAR_KIND[code]! : KIND_OTHER;
        if (kind === KIND_SPACE) { markup++; visible++; k += numeric[0].length; continue; }
        if (kind === KIND_ZERO_WIDTH) { markup++; zeroWidth++; k += numeric[0].length; continue; }
        if (kind === KIND_DASH) { if (++punct > 1) break; markup++; k += numeric[0].length; continue; }
      }
      const invisible = ENTITY_INVISIBLE.find((e) => ahead.startsWith(e));
      if (!invisible) break;
      markup++;
      zeroWidth++;
      k += invisible.length;
      continue;
    }
    if (ch === '<') {
      // Sticky on the text itself: no slice, no match array.
      INLINE_TAG_AT.lastIndex = k;
      if (!INLINE_TAG_AT.test(text)) break;
      const name = tagNameAt(text, k);
      // "</CardNumber>\n  <ExpiryDate>1229": the end of an element HTML does not have closes a field of a gateway's XML
      // request or log; what follows is the next field, not the rest of the number.
      if (text.charCodeAt(k + 1) === 47 /* / */ && !HTML_TAGS.has(name)) break;
      markup++;
      tagChars += INLINE_TAG_AT.lastIndex - k;
      k = INLINE_TAG_AT.lastIndex;
      if (CELL_TAGS.has(name)) visible++;
      else if (LINE_BREAK_TAGS.has(name)) {
        // "<br>\n", "</p>\r\n<p>": one break however it is spelled; quote markers may follow.
        if ((name === 'br' && ++brTags > 1) || ++breaks > 4) break;
        k = skipQuotes(text, k, i);
      }
      continue;
    }
    break;
  }
  countWork(k - i + 1);
  if (k === i || k >= text.length || !isDigit(text.charCodeAt(k))) return 0;
  // "/", ",", "_", "+" with spaces or breaks around list numbers rather than join groups.
  if (tight > 0 && (spaces > 0 || breaks > 0 || markup > 0)) return 0;
  // "…91\n2) exp 12/28": after a line break, digits followed by ")" number a list item.
  if (newlines > 0 || brTags > 0) {
    let j = k;
    while (j < text.length && j - k < 4 && isDigit(text.charCodeAt(j))) j++;
    countWork(j - k);
    if (j - k < 4 && text.charCodeAt(j) === 41 /* ) */) return 0;
  }
  // Zero-width joins are tight: digits behind them continue a number, they do not start one.
  SEPARATOR_LOOSE = spaces > 0 || breaks > 0 || markup > zeroWidth;
  SEPARATOR_WRAPPED = spaces === 0 && punct === 0 && visible === 0;
  SEPARATOR_BREAK = breaks > 0;
  // Only zero-width characters or soft hyphens ("4\u200b1\u200b1\u200b1…"): no cut at all, any number of them.
  SEPARATOR_INVISIBLE = zeroWidth > 0 && zeroWidth === markup && spaces === 0 && punct === 0 && breaks === 0;
  return k - i;
}

/**
 * Layouts people actually type (one block, blocks of four with a short tail, Amex/Diners 4-6-5 and 4-6-4),
 * decided from running figures: the group count, the first two lengths, whether every group before the
 * last has four digits, and the last length.
 */
function layoutFits(count: number, first: number, second: number, fourBefore: boolean, last: number): boolean {
  if (count === 1) return true;
  if (count === 3 && first === 4 && second === 6 && (last === 5 || last === 4)) return true;
  return fourBefore && last >= 1 && last <= 4;
}

/** First digits of every issuer range (ISSUER_RANGES in card-issuers.ts): 1 to 6, 8 and 9 (no range starts with 0 or 7). */
function issuerPrefixPossible(text: string, from: number): boolean {
  const d = digitValue(text.charCodeAt(G_START[from]!));
  return d !== 0 && d !== 7;
}

/** The first four digits of the groups from `from` as a number, or -1 when the run has fewer. */
function firstFourDigits(text: string, groupCount: number, from: number): number {
  let value = 0;
  let digits = 0;
  for (let g = from; g < groupCount && digits < 4; g++) {
    for (let k = G_START[g]!; k < G_END[g]! && digits < 4; k++, digits++) value = value * 10 + digitValue(text.charCodeAt(k));
  }
  countWork(digits);
  return digits === 4 ? value : -1;
}

/** Bit (length - MIN_PAN) set for each card length some issuer uses with these first four digits; memoised. */
const ISSUER_LENGTHS = new Uint8Array(10_000);
const KNOWN = 0x80;
function issuerLengths(first4: number): number {
  if (first4 < 0) return 0;
  let mask = ISSUER_LENGTHS[first4]!;
  if (mask === 0) {
    mask = KNOWN;
    for (let length = MIN_PAN; length <= MAX_PAN; length++) if (issuerForPrefix(first4, length) !== undefined) mask |= 1 << (length - MIN_PAN);
    ISSUER_LENGTHS[first4] = mask;
  }
  return mask & ~KNOWN;
}

/**
 * Layouts typed only for a whole number on its own (the window is the whole run): groups of one size before a
 * last one no longer — 16 digits read out in pairs ("41 11 11 …"), two halves of eight, 15 digits in threes or
 * fives. Inside a longer run such groups are more likely phone numbers or amounts.
 */
const UNIFORM_SIZES: readonly boolean[] = [false, false, true, true, false, true, false, false, true];

// Reused by cardAt (one scan at a time per thread): at most one window per group of a 19-digit stretch.
const WINDOW_TO = new Int32Array(MAX_PAN + 1);
const WINDOW_LENGTH = new Int32Array(MAX_PAN + 1);
const WINDOW_LAYOUT = new Uint8Array(MAX_PAN + 1);
/** The digits of the current windows, as numbers 0-9. */
const DIGITS = new Uint8Array(MAX_PAN);

/** Luhn (ISO/IEC 7812-1) over the first `length` digits in DIGITS; same result as passesLuhn on them as a string. */
function luhnOfPrefix(length: number): boolean {
  let sum = 0;
  let double = false;
  for (let i = length - 1; i >= 0; i--) {
    let d = DIGITS[i]!;
    if (double) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
    double = !double;
  }
  return length > 0 && sum % 10 === 0;
}

/** A run glued to letters or an identifier prefix ("INV-", "v4.", "+49 ") is not a card number. */
function runIsStandalone(text: string, start: number): boolean {
  // Japanese and Chinese write no space between a label and the number ("カード番号4111…", "卡号4111…").
  if (isCjkAt(text, start - 1)) return true;
  if (codeAt(text, start - 1) === 48 && encodedNbspEndsAt(text, start - 1)) return true;
  // Round c14: a percent-encoded space, colon, equals sign, comma, "#" or line break right before, after a card word
  // ("mailto:…?body=Card%3A4111…"; an encoded "Order%3A" is read by no label rule, so a card word must name the digits).
  if (codeAt(text, start - 3) === 37 && ENCODED_SEPARATOR_BEFORE.test(text.slice(start - 2, start))) {
    return gluedAfterCardWord(text, start - 3) || cardNamedBefore(text, start - 3);
  }
  // "tarjeta nº4111…": glued to a number sign, with a card word before it.
  if (isWordCharAt(text, start - 1)) return gluedAfterCardWord(text, start) || (gluedAfterWord(text, start, GLUED_NUMBER_SIGN) && cardNamedBefore(text, start));
  const before = text[start - 1];
  if (before === '+') return false;
  // "No.4111…", "Kartennr.4111…": a number word and its full stop, not an identifier ("v4.", "INV-").
  if (before === '.' && gluedAfterWord(text, start - 1, NUMBER_ABBREVIATION)) return true;
  if ((before === '-' || before === '.' || before === '/' || before === '_') && isAlnumAt(text, start - 2)) return false;
  return true;
}

/** "card4111…", "Karte4111…", "карта4111…": digits glued to a card word (not "ID4111…", "user4111…"). */
function gluedAfterCardWord(text: string, start: number): boolean {
  return gluedAfterWord(text, start, GLUED_CARD_LABEL);
}

/** Whether the letters right before `end` (at most 16) form a word whose ending matches `pattern`. */
function gluedAfterWord(text: string, end: number, pattern: RegExp): boolean {
  let k = end;
  while (k > 0 && end - k < 16 && isLetterCode(text.charCodeAt(k - 1))) k--;
  countWork(end - k);
  if (k === end || isWordCharAt(text, k - 1)) return false;
  return pattern.test(text.slice(k, end).toLowerCase());
}

/** isWordCharAt of text-boundaries.ts with the ASCII cases decided without a regex (this runs for every long number). */
function isWordCharAt(text: string, index: number): boolean {
  const c = codeAt(text, index);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return c === c && isWordCharAtAnyScript(text, index);
}

/** isAlnumAt of text-boundaries.ts, ASCII decided without a regex. */
function isAlnumAt(text: string, index: number): boolean {
  const c = codeAt(text, index);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return c === c && isAlnumAtAnyScript(text, index);
}

/** Hiragana, katakana, CJK ideographs and full-width punctuation: scripts written without spaces between words. */
function isCjkAt(text: string, index: number): boolean {
  const c = codeAt(text, index);
  return (c >= 0x3000 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xff01 && c <= 0xff0f);
}

/**
 * The number may be glued to the next word ("4111…1111thanks", "…1111exp"), but not be part of an
 * identifier or a hex string ("…1111_backup", "…1111abc9", "…1111-x").
 */
function endIsStandalone(text: string, end: number): boolean {
  const after = text[end];
  if (after === undefined) return true;
  if (after === '_') return false;
  // "…1111.Thanks": a sentence glued after the number's full stop (not "…1111.pdf", "…1111.example.com").
  if (after === '.' && SENTENCE_AFTER_STOP.test(text.slice(end + 1, end + 25))) return true;
  if ((after === '-' || after === '.') && isAlnumAt(text, end + 1)) return false;
  if (!isWordCharAt(text, end)) return true;
  let k = end;
  let nonHexLetter = false;
  // Letters in any script: "…1111thanks", "…1111спасибо"; a hex-only tail ("…1111abc9") is an identifier.
  while (k < text.length && k - end < 24 && isLetterCode(text.charCodeAt(k))) {
    const c = text.charCodeAt(k) | 0x20;
    if (c < 97 || c > 102) nonHexLetter = true; // not a-f / A-F
    k++;
  }
  countWork(k - end + 1);
  if (k > end && nonHexLetter && !isWordCharAt(text, k)) return true;
  // "…3987exp0128", "…1111cvv123": the card's own expiry or code glued after it.
  return k > end && GLUED_CARD_WORD.test(text.slice(end, k));
}

/**
 * "Order number 4111…", "Номер заказа 4111…", "Gift card 4111…": the word right before the digits (past a "number"
 * word) names another kind of number. Only a label that names the digits counts: "Please refund the charge on
 * 4111…" or "my account: please charge 4111…" is still a card. Runs once per card found, over at most 60 characters.
 */
function nonCardLabelIsNearest(text: string, start: number): boolean {
  const from = Math.max(0, start - 60);
  // Read straight off the text; only a window with markup is copied and cleaned first.
  let source = text;
  let floor = from;
  let end = start;
  if (markupBetween(text, from, start)) {
    source = text.slice(from, start).replace(MARKUP_IN_LABEL, ' ');
    floor = 0;
    end = source.length;
  }
  const gapEnd = end;
  let word = '';
  let idWords = 0;
  let numberWords = 0;
  let labelEnd = end;
  let copula = false;
  for (let skipped = 0; skipped <= 2; skipped++) {
    const wordStart = lastWordStart(source, floor, end);
    if (wordStart < 0) { countWork(start - from); return otherLabelAround(text, start); }
    word = source.slice(wordStart, WORD_END).toLowerCase();
    labelEnd = WORD_END;
    end = wordStart;
    // Round c15c: "número de contrato é 4705…", "my account number is …": the verb between a label and its digits.
    if (skipped === 0 && !copula && COPULA.test(word)) { copula = true; skipped--; continue; }
    if (!NUMBER_WORD.test(word)) break;
    // "charge id", "Auth code" name another number; "pls charge Nr.4111…" asks to charge a card.
    if (ID_WORD.test(word)) idWords++;
    numberWords++;
  }
  countWork(start - from);
  // "…from my account:\n* 4111…": a heading ending in a colon and a line break introduces a list, it labels no item.
  if (COLON_THEN_BREAK.test(source.slice(labelEnd, gapEnd))) return false;
  // "р/с 4080 2810 …", "к/с 3010 1810 …", "л/с …": Russian settlement, correspondent and personal accounts; "a/c": account.
  if ((word === 'с' || word === 'c') && /[рклa\u0430]\/$/u.test(source.slice(Math.max(floor, end - 2), end).toLowerCase())) return true;
  // "… der Mitarbeiter. <b>2202…": a word ending a sentence labels nothing after it (abbreviations like "Ref." do).
  if (word.length > 4 && SENTENCE_END_GAP.test(source.slice(labelEnd, gapEnd))) return otherLabelAround(text, start);
  // "TCP_IN = \"2525,4643,…\"": a firewall's port list.
  if ((word === 'in' || word === 'out') && /(?:tcp|udp)_$/u.test(source.slice(Math.max(floor, end - 4), end).toLowerCase())) return true;
  // Round c15c: a Turkish order or invoice word in the locative or ablative ("4617336 nolu siparişte 6282 …", "faturadan")
  // says where the card was charged, it does not label the digits.
  if (TURKISH_WHERE.test(word)) return false;
  const weak = WEAK_NON_CARD_WORD.exec(word);
  if (weak && (idWords > 0 || weak[1] !== undefined)) return true;
  if (numberWords > 0 && NAMED_NUMBER_WORD.test(word)) return true;
  // "Server ID: 4229-…", "Licence key 4111-…", "Activation code …": a noun with "ID", "code" or "key" names an identifier,
  // unless the noun is a card ("Card code") or no noun at all ("my ID", "the code").
  if (idWords > 0 && word.length >= 3 && !CARD_WORDS_LOWER.test(word) && !NOT_A_LABEL_NOUN.test(word)) return true;
  // PayPal Payflow "ACCT=4111…&EXPDATE=1228&CVV2=123": the card's own field, not an account number.
  if (ACCOUNT_FIELD.test(word) && PAYFLOW_CARD_FIELDS.test(text.slice(start, start + 60))) return otherLabelAround(text, start);
  // (A voucher brand further back is read only when no word labels the digits: "paysafecard, code 6413-…".)
  if (text.charCodeAt(start - 1) === 62 /* > */ && otherLabelAround(text, start)) return true;
  if (CARD_WORD.test(word) || word.endsWith('karte') || word.endsWith('kaart')) {
    if (GIFT_WORD.test(word.replace(/(?:karte|kaart)$/u, ''))) return true;
    const wordStart = lastWordStart(source, floor, end);
    return wordStart >= 0 && GIFT_WORD.test(source.slice(wordStart, WORD_END).toLowerCase());
  }
  // "carte cadeau 4111…", "tarjeta regalo 4111…": the gift word comes after the card word.
  if (GIFT_WORD.test(word)) return true;
  // The phrase is the label only when a colon ends it ("card for the order: 4111…"); "card for order 4012…" names the order.
  // "Please charge this card for the invoice 4111…", "Proszę obciążyć tę kartę za fakturę 4111…": without a colon the
  // order word labels the digits, unless the card is pointed at ("this card"): then the digits are the card shown.
  // After a verb the label is a phrase of its own: a card word in it ("my card for the order is …") names the digits.
  if (copula && NON_CARD_WORD.test(word) && cardNamedBefore(text, start)) return false;
  return NON_CARD_WORD.test(word) && !(COLON_IN_GAP.test(source.slice(labelEnd, gapEnd)) ? cardIsTheHead(source, floor, end, false) : cardIsTheHead(source, floor, end, true));
}

/**
 * "Card used for the order: 4111…", "Karte für die Bestellung: …", "Карта для заказа: …": the other number's word is the
 * object of a preposition, and a card word earlier in the same label is what names the digits. `end` is where the
 * non-card word starts. Read back over an article to the preposition, then up to four words to a card word.
 */
function cardIsTheHead(source: string, floor: number, end: number, pointedAt: boolean): boolean {
  let at = lastWordStart(source, floor, end);
  if (at < 0) return false;
  let word = source.slice(at, WORD_END).toLowerCase();
  // Round c15c: up to two nouns before the other number's word ("for the SSL certificate order:", "für die
  // Domain-Bestellung:"): it is still the preposition's object.
  for (let modifiers = 0; modifiers < 2 && !ARTICLE.test(word) && !PREPOSITION.test(word); modifiers++) {
    at = lastWordStart(source, floor, at);
    if (at < 0) return false;
    word = source.slice(at, WORD_END).toLowerCase();
  }
  if (ARTICLE.test(word)) {
    at = lastWordStart(source, floor, at);
    if (at < 0) return false;
    word = source.slice(at, WORD_END).toLowerCase();
  }
  if (!PREPOSITION.test(word)) return false;
  for (let k = 0; k < 4; k++) {
    at = lastWordStart(source, floor, at);
    if (at < 0) return false;
    const before = source.slice(at, WORD_END).toLowerCase();
    if (CARD_WORD.test(before) || before.endsWith('karte') || before.endsWith('kaart') || CARD_COMPOUND.test(before)) {
      if (!pointedAt) return true;
      // `pointedAt`: the card word right after a demonstrative ("this card", "diese Karte", "tę kartę").
      const demonstrative = lastWordStart(source, floor, at);
      return demonstrative >= 0 && DEMONSTRATIVE.test(source.slice(demonstrative, WORD_END).toLowerCase());
    }
  }
  return false;
}
const COLON_IN_GAP = /[:：]/u;
const TURKISH_WHERE = /^(?:sipariş|siparis|fatura|işlem|islem|abonelik|ödeme|odeme)\p{L}{0,4}[dt][ae]n?$/u;
/** "is", "ist", "lautet", "est", "es", "è", "é", "jest", "это": the verb of "my contract number is …" in the ten languages. */
const COPULA = /^(?:is|ist|lautet|lauten|est|es|è|é|era|foi|jest|это|было|was|wynosi|luidt)$/u;
/** Prepositions that attach an order, invoice or account to the card before them ("card for the order"). */
/** Round c15c: a compound that starts with a card word ("Kaartgegevens", "Kartendaten", "cardholder", "kartdaki"). */
const CARD_COMPOUND = /^(?:card|karten|kaart|carte|carta|cartão|tarjeta|karty|kart|карт)\p{L}{3,}$/u;
const PREPOSITION = /^(?:for|of|on|für|fürs|zur|zum|beim|von|pour|de|du|des|para|por|per|di|del|della|voor|van|dla|do|za|для|по|от|за|na)$/u;
const ARTICLE = /^(?:the|a|an|this|my|our|your|der|die|das|den|dem|des|meine?[nmrs]?|la|le|les|l|el|los|las|il|lo|o|os|as|um|uma|un|una|une|het|een|mijn|ma|mon|mes|mi|mio|mia|meu|minha|moje?|mój|moja|tę|tą|tej|ten|tego|этот|этому|эту)$/u;
/** Words that point at the card just shown: "this card", "diese Karte", "cette carte", "tę kartę", "эту карту", "bu kart". */
const DEMONSTRATIVE = /^(?:this|that|diese[mnrs]?|cette|ce|esta|este|essa|esse|questa|questo|deze|dit|tę|tą|ta|tej|эту|этой|эта|bu|şu)$/u;

const COLON_THEN_BREAK = /:[^\n\r]*[\n\r][\s>]*[*•·-]\s*$/u;
const SENTENCE_END_GAP = /^[.!?]\s/u;
const ID_WORD = /^(?:id|code|key|kod|код)$/u;
/** Words before "ID"/"code"/"key" that name no kind of number ("my ID", "the code", "your key", "new code"). */
const NOT_A_LABEL_NOUN = /^(?:the|this|that|your|you|our|my|his|her|its|their|new|old|and|or|with|und|oder|mit|ihre?|mein|meine|dein|deine|и|или|мой|ваш|новый|с|le|la|les|mon|ma|votre|nouveau|el|mi|su|tu|nuevo|il|lo|mio|tuo|suo|nuovo|o|meu|seu|novo|de|het|mijn|uw|nieuwe?|mój|twój|nowy|i|ve|yeni|bu)$/u;
const PAYFLOW_CARD_FIELDS = /^[0-9]{12,19}&(?:EXPDATE|EXP_?DATE|EXPIRY|EXP_?MONTH|CVV2?|CVC2?)=/iu;
const ACCOUNT_FIELD = /^(?:acct|account|accountnumber|acctnum|acct_?no)$/u;
/** An XML element named for another number right around the digits ("<Ds_Merchant_MerchantCode>6011…"). */
const OTHER_ELEMENT_BEFORE = /<([a-z][\w:.-]{2,60})>$/iu;
const OTHER_ELEMENT_NAME = /merchant|terminal|order|invoice|transaction|reference|account|customer|payment/u;

/**
 * A voucher brand whose PINs look like card numbers ("paysafecard, code 6413-1855-…", "Flexepin voucher PIN …") named
 * shortly before the digits, or an XML element for another number wrapping them. */
function otherLabelAround(text: string, start: number): boolean {
  // On the same line, with no other number between the brand and the digits: read back to a digit or a line break.
  let from = start;
  while (from > 0 && start - from < 50) {
    const c = text.charCodeAt(from - 1);
    if (c === 10 || c === 13 || (c >= 48 && c <= 57)) break;
    from--;
  }
  countWork(start - from + 1);
  for (let k = from; k < start; k++) {
    const c = text.charCodeAt(k) | 0x20;
    if (c === 112 /* p */ && text.slice(k, k + 11).toLowerCase() === 'paysafecard') return true;
    if (c === 102 /* f */ && text.slice(k, k + 8).toLowerCase() === 'flexepin') return true;
  }
  if (text.charCodeAt(start - 1) !== 62 /* > */) return false;
  const element = OTHER_ELEMENT_BEFORE.exec(text.slice(Math.max(0, start - 70), start));
  return element !== null && OTHER_ELEMENT_NAME.test(element[1]!.toLowerCase());
}

/** Whether text[from, to) holds "<" or "&" (a tag or an entity between the label and the digits). */
function markupBetween(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 60 || c === 38) return true;
  }
  return false;
}

/** Set by lastWordStart: the end of the word it found. */
let WORD_END = 0;
const isLetterCode = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xaa && c === c && isLetterBeyondAscii(c));
/** LETTER for one UTF-16 code unit, memoised per code unit (0: not looked up yet, 1: a letter, 2: not). */
const LETTER_CACHE = new Uint8Array(0x10000);
function isLetterBeyondAscii(c: number): boolean {
  let known = LETTER_CACHE[c]!;
  if (known === 0) {
    known = LETTER.test(String.fromCharCode(c)) ? 1 : 2;
    LETTER_CACHE[c] = known;
  }
  return known === 1;
}

/**
 * The start of the last word in `s[floor, end)` with only spacing, quotes, brackets, "#", ":", "=", "_", "-", "." or
 * quote markers after it (-1 when something else, a digit or a comma, comes first); a backward scan of the short
 * label window, no regex over it.
 */
function lastWordStart(s: string, floor: number, end: number): number {
  let k = end;
  while (k > floor && LABEL_GAP[s.charCodeAt(k - 1)] === 1) k--;
  WORD_END = k;
  while (k > floor && isLetterCode(s.charCodeAt(k - 1))) k--;
  return k < WORD_END ? k : -1;
}

function insideIban(text: string, start: number): boolean {
  // Every IBAN starts with two capitals and two check digits: most windows have none, and skip the regex.
  const from = Math.max(0, start - 45);
  let found = false;
  for (let k = from; k + 3 < start; k++) {
    const c = text.charCodeAt(k);
    if (c >= 65 && c <= 90 && isUpperAscii(text.charCodeAt(k + 1)) && isAsciiDigit(text.charCodeAt(k + 2)) && isAsciiDigit(text.charCodeAt(k + 3))) { found = true; break; }
  }
  countWork(start - from);
  return found && GROUPED_IBAN_BEFORE.test(text.slice(from, start));
}
const isUpperAscii = (c: number): boolean => c >= 65 && c <= 90;
const isAsciiDigit = (c: number): boolean => c >= 48 && c <= 57;

/** "=C2=A0" or "%C2%A0" (a no-break space, quoted-printable or URL-encoded) whose final "0" is at `zero`. */
function encodedNbspEndsAt(text: string, zero: number): boolean {
  if (zero < 5) return false;
  const c = codeAt(text, zero - 1);
  if (c !== 65 && c !== 97) return false; // A, a
  const lead = text.slice(zero - 5, zero - 1).toUpperCase();
  return lead === '=C2=' || lead === '%C2%';
}

/**
 * The digit groups of the current run, in reused typed arrays (no object per group): group g is
 * text[G_START[g], G_END[g]) with G_FLAGS[g] telling how the separator before it joins it. Grown by doubling when a
 * run has more groups ("1 1 1 …" over 1 MB), so the whole scan stays linear.
 */
let G_START = new Int32Array(64);
let G_END = new Int32Array(64);
let G_FLAGS = new Uint8Array(64);
const LOOSE_BEFORE = 1;
const WRAPPED_BEFORE = 2;
const BREAK_BEFORE = 4;
const INVISIBLE_BEFORE = 8;
const LISTISH_BEFORE = 16;
const groupLength = (g: number): number => G_END[g]! - G_START[g]!;
const wrappedBefore = (g: number): boolean => (G_FLAGS[g]! & WRAPPED_BEFORE) !== 0;

function pushGroup(g: number, start: number, end: number, flags: number): void {
  if (g >= G_START.length) {
    const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => { const b = make(a.length * 2); b.set(a); return b; };
    G_START = grow(G_START, (n) => new Int32Array(n));
    G_END = grow(G_END, (n) => new Int32Array(n));
    G_FLAGS = grow(G_FLAGS, (n) => new Uint8Array(n));
  }
  G_START[g] = start;
  G_END[g] = end;
  G_FLAGS[g] = flags;
}

/**
 * A simple run: digits joined by simple separators, one to three spaces (SIMPLE_SPACE) or one dash, dot, "/", ",",
 * "_" or "+" (what /[0-9\uff10-\uff19]+(?:(?:[ \t\u00a0\u202f\u2009\u2007\u3000]{1,3}|[-.\u2010-\u2014\u2212\uff0d/,_+])[0-9\uff10-\uff19]+)*\/
 * matches). detectCardNumbers reads the many short ones of a comment (dates, times, versions, amounts) in one
 * forward pass and drops them without building a group; runs joined by anything else (line breaks, tags, entities,
 * quoted-printable) are followed into separatorAt.
 */
/** The separator characters a simple run joins digits with, by UTF-16 code unit. */
const SIMPLE_SEPARATOR = (() => {
  const table = new Uint8Array(0x10000);
  for (const c of ' \t\u00a0\u202f\u2009\u2007\u3000-.\u2010\u2011\u2012\u2013\u2014\u2212\uff0d/,_+') table[c.charCodeAt(0)] = 1;
  return table;
})();

/** The spaces of a simple run (up to three in a row), by UTF-16 code unit. */
const SIMPLE_SPACE = (() => {
  const table = new Uint8Array(0x10000);
  for (const c of ' \t\u00a0\u202f\u2009\u2007\u3000') table[c.charCodeAt(0)] = 1;
  return table;
})();

/**
 * A line break, "&", "<", "=" or "%" after digits: whether it could start a separator. A line break joins only when
 * digits or separator characters follow past reply-quote markers (markup is read by separatorAt); "=" only as quoted-printable
 * ("=\r\n", "=20", "=C2=A0", "=09", "=E2…"); "%" only as "%20" or "%C2%A0". "&" and "<" are left to separatorAt.
 */
function structureMayJoin(text: string, end: number, c: number): boolean {
  if (c === 10 || c === 13) {
    let k = end + 1;
    if (c === 13 && text.charCodeAt(k) === 10) k++;
    const limit = Math.min(text.length, k + 12);
    while (k < limit) {
      const q = text.charCodeAt(k);
      if (q === 62 /* > */ || q === 32 || q === 0xa0) { k++; continue; }
      return isDigit(q) || CHAR_KIND[q] !== KIND_OTHER;
    }
    return k < text.length;
  }
  const next = codeAt(text, end + 1);
  if (c === 61 /* = */) return next === 13 || next === 10 || next === 50 /* 2 */ || next === 48 /* 0 */ || (next | 0x20) === 99 /* c */ || (next | 0x20) === 101 /* e */;
  if (c === 37 /* % */) return next === 50 || next === 48 || (next | 0x20) === 99 || (next | 0x20) === 101;
  return true;
}

/**
 * Whether the character at `end` (just after a digit stretch) could start a separator joining the stretch to more
 * digits: a cheap look at one or two characters, so the many short numbers of a comment ("5 sites", "12:00",
 * "2026, we") never reach separatorAt. Errs towards true; separatorAt decides.
 */
function mayJoinAfter(text: string, end: number): boolean {
  const c = codeAt(text, end);
  if (c !== c) return false; // end of text (NaN)
  const kind = CHAR_KIND[c]!;
  if (kind === KIND_OTHER) return false;
  if (kind === KIND_ZERO_WIDTH) return true;
  if (kind === KIND_STRUCTURE) return structureMayJoin(text, end, c);
  // A space, dash or tight punctuation: joins only when a digit or another separator character follows.
  const next = codeAt(text, end + 1);
  return next === next && (isDigit(next) || CHAR_KIND[next]! !== KIND_OTHER);
}

/** A regex character class of the UTF-16 code units `member` holds, written as ranges (built once, from the tables above). */
function charClass(member: (c: number) => boolean): string {
  const hex = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;
  let ranges = '';
  for (let c = 0; c < 0x10000; c++) {
    if (!member(c)) continue;
    let last = c;
    while (last + 1 < 0x10000 && member(last + 1)) last++;
    ranges += last === c ? hex(c) : `${hex(c)}-${hex(last)}`;
    c = last;
  }
  return `[${ranges}]`;
}

/**
 * Runs passed over per search of RUN_TO_READ: bounds the regex engine's backtracking stack (a few entries per run),
 * while one call still passes over most of a comment (32 and 128 measured the same; 8 slower).
 */
const RUNS_PER_SEARCH = 32;
/**
 * Sticky: passes over the runs nextRunToRead would pass over without a group (up to RUNS_PER_SEARCH of them) and the
 * text between them, and stops at the first digit of the next run it has to look at (or the text's end). The 260 or so
 * short runs of an ordinary 10 KB comment (dates, times, IPs, versions, prices) are skipped inside the regex engine
 * instead of one regex call and some JS each (measured in one process, interleaved: detectCardNumbers on an ordinary
 * comment from ~46 to ~32 µs).
 *
 * A run is passed over only when it is proven to hold no card: at most 12 digits (fewer than MIN_PAN) and after it
 * an ending on which mayJoinAfter is false or separatorAt returns 0 (skipEnd). Conservative: a run it stops at may still
 * be passed over by nextRunToRead's own checks. Each pass-over consumes a whole run (the digits and simple separators
 * up to where nothing joins), so the search always resumes between runs, where a left-to-right scan puts them.
 */
const RUN_TO_READ = (() => {
  const d = charClass((c) => DIGIT[c] === 1);
  const nonDigits = `${charClass((c) => DIGIT[c] === 0)}*`;
  const separator = `(?:${charClass((c) => SIMPLE_SPACE[c] === 1)}{1,3}|${charClass((c) => SIMPLE_SEPARATOR[c] === 1 && SIMPLE_SPACE[c] === 0)})`;
  const other = (c: number): boolean => CHAR_KIND[c] === KIND_OTHER && DIGIT[c] === 0;
  const lineBreak = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029 || c === 0x85;
  // Spaces and dashes before what ends separatorAt: more than three spaces or two dashes end it too.
  const gap = charClass((c) => CHAR_KIND[c] === KIND_SPACE || CHAR_KIND[c] === KIND_DASH);
  const skipEnd = [
    '$',
    // mayJoinAfter is false.
    charClass(other),
    // "/", ",", "_", "+" right after a run join only a digit right after them (a simple separator): with anything
    // else around them separatorAt returns 0.
    charClass((c) => CHAR_KIND[c] === KIND_TIGHT),
    // LISTISH_AT is the only way on from a closing bracket ("] [4111").
    `[\\])}](?! ?[[({]${d})`,
    // Spaces and dashes, then a character that ends separatorAt (not ";" or ":": " : 4111" is listed, LISTISH_AT).
    `${gap}{1,6}(?:${charClass((c) => other(c) && c !== 59 && c !== 58)}|[\\])}])`,
    // Optional spaces and dashes, then a structure character that does not go on as separatorAt reads it: a list mark
    // not before a digit, "&" not starting an entity it knows, "<" not starting a tag, "=" and "%" not starting an
    // encoded space or soft break, a backslash starting neither a JSON escape nor a listing (" \ 4111"), a line break (one:
    // "\r\n" is not "\r" then "\n") and quote markers before a letter or another break.
    `${gap}{0,6}(?:[|\\u00a6\\u2022\\u00b7](?! ?${d})|&(?![nNeEtTzZsS#mMhHdDpPaA])|<(?!\\/?[a-zA-Z])|=(?![\\r\\n20cCeE])|%(?![20cCeE])|` +
      `\\\\(?![uUxXtT]| ${d})|(?:\\r\\n|\\r(?!\\n)|[\\n\\u2028\\u2029\\u0085])[> \\u00a0]{0,11}${charClass((c) => (other(c) && c !== 62 /* > */) || lineBreak(c))})`,
  ].join('|');
  const passedOver = `${nonDigits}${d}(?:${separator}?${d}){0,11}(?!${separator}?${d})(?=${skipEnd})`;
  return new RegExp(`(?:${passedOver}){0,${RUNS_PER_SEARCH}}${nonDigits}`, 'y');
})();

interface CardMatch { from: number; to: number; issuer: string }

/** The card starting at group `from`, longest first; undefined when none fits there. */
function cardAt(text: string, groupCount: number, from: number): CardMatch | undefined {
  // Every layout starts with a group of four or is one block of 13-19 digits.
  const first = groupLength(from);
  const uniformStart = from === 0 && UNIFORM_SIZES[first] === true;
  // Careless grouping ("4272 06235315 8077", "4814 1506 6 552 2968"): any split of a whole run, when a card word labels it.
  let careless = -1;
  if (first !== 4 && (first < MIN_PAN || first > MAX_PAN) && !uniformStart && !(from + 1 < groupCount && wrappedBefore(from + 1))) {
    // Or digit by digit ("4 1 1 1 1 1 …", read out over the phone).
    const oneByOne = from === 0 && first === 1 && groupCount >= MIN_PAN && groupCount <= MAX_PAN && allSingleDigits(groupCount);
    if (!oneByOne && (from !== 0 || first < 5 || groupCount > MAX_CARELESS_GROUPS)) return undefined;
    careless = cardNamedAround(text, G_START[0]!, G_END[groupCount - 1]!) ? 1 : 0;
    if (careless === 0) return undefined;
  }
  // No issuer range starts with these digits ("0…", "7…", "1234…"): nothing to try here.
  if (!issuerPrefixPossible(text, from)) return undefined;
  if (issuerLengths(firstFourDigits(text, groupCount, from)) === 0) return undefined;
  // The windows (the groups from `from` to each `to`, at most 19 digits), each with its layout decided
  // incrementally (as written, or with hard-wrap cuts joined), kept in reused arrays: a start costs O(19)
  // whatever the groups look like ("1\n1\n1\n…", "4\n4\n…").
  let windowCount = 0;
  let length = 0;
  let count = 0; let firstLen = 0; let secondLen = 0; let fourBefore = true; let lastLen = 0;
  let jCount = 0; let jFirst = 0; let jSecond = 0; let jFourBefore = true; let jLast = 0; let anyWrap = false; let wraps = 0;
  // Every group before the last has the first group's size (pairs, halves, threes, fives); only for a whole run.
  let uniform = uniformStart;
  // Whether a card word names a 4-4-5 window (-1: not asked yet; at most one such window per start).
  let named445 = -1;
  for (let to = from; to < groupCount; to++) {
    const groupStart = G_START[to]!;
    const n = G_END[to]! - groupStart;
    if (length + n > MAX_PAN) break;
    // A card is listed (" / ", " | ", "] [") throughout or not at all: "4111 1111 1111 1111 | 12/28 | 123" is a card and
    // two more cells.
    if (to > from + 1 && ((G_FLAGS[to]! ^ G_FLAGS[from + 1]!) & LISTISH_BEFORE) !== 0) break;
    for (let d = 0; d < n; d++) DIGITS[length + d] = digitValue(text.charCodeAt(groupStart + d));
    length += n;
    if (count > 0 && lastLen !== 4) fourBefore = false;
    if (count > 0 && lastLen !== firstLen) uniform = false;
    count++;
    if (count === 1) firstLen = n; else if (count === 2) secondLen = n;
    lastLen = n;
    if (to > from && wrappedBefore(to)) {
      anyWrap = true;
      // Zero-width joins are not hard-wrap cuts: they do not count towards MAX_WRAPS.
      if ((G_FLAGS[to]! & INVISIBLE_BEFORE) === 0) wraps++;
      jLast += n;
      if (jCount === 1) jFirst = jLast; else if (jCount === 2) jSecond = jLast;
    } else {
      if (jCount > 0 && jLast !== 4) jFourBefore = false;
      jCount++;
      jLast = n;
      if (jCount === 1) jFirst = n; else if (jCount === 2) jSecond = n;
    }
    WINDOW_TO[windowCount] = to;
    WINDOW_LENGTH[windowCount] = length;
    let fits = layoutFits(count, firstLen, secondLen, fourBefore, lastLen) ||
      (anyWrap && wraps <= MAX_WRAPS && layoutFits(jCount, jFirst, jSecond, jFourBefore, jLast)) ||
      (uniform && n <= firstLen && (to === groupCount - 1 || groupLength(to + 1) !== firstLen));
    // "Karta 4916 3381 64227": a 13-digit card in fours with the five digits left over as its last group, when a card
    // word names it (unnamed, 4-4-5 is as often a phone or account number).
    if (!fits && count === 3 && firstLen === 4 && secondLen === 4 && n === 5) {
      if (named445 < 0) named445 = cardNamedAround(text, G_START[from]!, G_END[to]!) ? 1 : 0;
      fits = named445 === 1;
    }
    // 2: a careless split, tried only when no layout people type holds a card.
    let layout = fits ? 1 : 0;
    // Round c15c: also a run cut off by a listed field ("… 6720 665662 / 04/26 / 768"), and groups joined by one dash
    // each or wrapped once ("6250-9894⏎0023-445855", "6214 8495⏎> 4456 98132"), all named a card.
    if (!fits && from === 0 && (to === groupCount - 1 || (G_FLAGS[to + 1]! & LISTISH_BEFORE) !== 0) &&
      (to < MAX_CARELESS_GROUPS || careless === 1) && length >= MIN_PAN &&
      (onlySpacesBetween(to + 1) || issuerThenRest(to + 1) || dashedOrWrappedOnce(text, to))) {
      if (careless < 0) careless = cardNamedAround(text, G_START[0]!, G_END[to]!) ? 1 : 0;
      if (careless === 1) layout = 2;
    }
    WINDOW_LAYOUT[windowCount] = layout;
    windowCount++;
    // Stop once no longer window can fit: not as written (a group before the last is not four digits and
    // it is not 4-6-x) and not joined (more cuts than a wrapped line makes).
    const writtenAlive = count === 1 || (fourBefore && lastLen === 4) || (count === 2 && firstLen === 4 && secondLen === 6) ||
      (uniform && lastLen === firstLen);
    if (!writtenAlive && wraps > MAX_WRAPS) break;
  }
  countWork(windowCount * 4 + 1);
  if (windowCount === 0 || length < MIN_PAN) return undefined;
  const first4 = DIGITS[0]! * 1000 + DIGITS[1]! * 100 + DIGITS[2]! * 10 + DIGITS[3]!;
  // A remainder laid out like a card of a length its issuer uses is judged whole: a Luhn-invalid
  // 19-digit number is not a valid 16-digit card plus three stray digits, unless a CVV is named after it.
  const lastTo = WINDOW_TO[windowCount - 1]!;
  const wholeRemainder = lastTo === groupCount - 1;
  if (wholeRemainder && WINDOW_LAYOUT[windowCount - 1] === 1 && issuerForPrefix(first4, length) !== undefined) {
    if (luhnOfPrefix(length)) {
      if (!endIsStandalone(text, G_END[lastTo]!)) return undefined;
      return { from, to: lastTo, issuer: issuerForPrefix(first4, length)! };
    }
    // Luhn-invalid as a whole: a shorter card inside only when a CVV is named after it, or the last group is the
    // next field of a CSV row or a slash-separated list ("4111 1111 1111 1111,123"). Most such numbers have no
    // shorter window that could be a card at all: then there is nothing to look for after them.
    if (!shorterWindowFits(windowCount, first4)) return undefined;
    const fieldBreak = lastTo > from && FIELD_SEPARATORS.includes(text[G_START[lastTo]! - 1]!);
    if (!fieldBreak && !securityCodeTail(text, from, lastTo)) {
      const after = text.slice(G_END[lastTo]!, G_END[lastTo]! + 40);
      if (!CVV_LETTERS.test(after) || !CVV_AFTER.test(after)) return undefined;
    }
  }
  for (let w = windowCount - 1; w >= 0; w--) {
    const to = WINDOW_TO[w]!;
    const windowLength = WINDOW_LENGTH[w]!;
    if (windowLength < MIN_PAN) break;
    countWork(to - from + 1);
    if (WINDOW_LAYOUT[w] !== 1) continue;
    const issuer = issuerForPrefix(first4, windowLength);
    if (issuer === undefined) continue;
    if (to === groupCount - 1 && !endIsStandalone(text, G_END[to]!)) continue;
    if (!luhnOfPrefix(windowLength)) continue;
    return { from, to, issuer };
  }
  // A careless split is the whole run, the last window.
  const last = windowCount - 1;
  if (WINDOW_LAYOUT[last] === 2 && WINDOW_LENGTH[last]! >= MIN_PAN) {
    const issuer = issuerForPrefix(first4, WINDOW_LENGTH[last]!);
    if (issuer !== undefined && endIsStandalone(text, G_END[lastTo]!) && luhnOfPrefix(WINDOW_LENGTH[last]!)) return { from, to: lastTo, issuer };
  }
  return undefined;
}

/**
 * "my card 4330 6440 3092 8277 498", "Visa 2203-0131-7714-6655 882": a bare three-digit security code as its own
 * group after a 4-4-4-4 card, when a card word labels it or the code is set off otherwise than the card's groups.
 */
function securityCodeTail(text: string, from: number, lastTo: number): boolean {
  if (lastTo - from !== 4 || groupLength(lastTo) !== 3) return false;
  for (let g = from; g < lastTo; g++) if (groupLength(g) !== 4) return false;
  if ((G_FLAGS[lastTo]! & LOOSE_BEFORE) === 0 || (G_FLAGS[lastTo]! & BREAK_BEFORE) !== 0) return false;
  if (!sameSeparator(text, lastTo - 1, from)) return true;
  // "my card 4330 6440 3092 8277 498": named a card. "Номер карты 6762 6344 8159 2443 802": a "card number" label
  // announces one number, the 19 digits as written (a mistyped card).
  if (!cardNamedBefore(text, G_START[from]!)) return false;
  const start = G_START[from]!;
  countWork(40);
  return !CARD_NUMBER_PHRASE.test(text.slice(Math.max(0, start - 40), start));
}
const CARD_NUMBER_PHRASE = /card\s*(?:number|no\b|nr\b|#)|номер\s+карт|карт\p{L}*\s+номер|karten-?nummer|kartennr|numéro\s+de\s+(?:la\s+)?carte|número\s+de\s+(?:la\s+)?tarjeta|numero\s+(?:di\s+|della\s+)?carta|número\s+do\s+cartão|kaartnummer|numer\s+karty|kart\s+numaras/iu;

/**
 * "675961-3606279923252", "628294 ⏎ 4267028289082": the six-digit issuer number (IIN/BIN) set off from the rest, as
 * gateway exports and people reading a card from a BIN lookup write it, joined by anything but a list separator.
 */
function issuerThenRest(groupCount: number): boolean {
  return groupCount === 2 && groupLength(0) === 6 && (G_FLAGS[1]! & LISTISH_BEFORE) === 0;
}

/**
 * Round c15c: whether groups 1 to `to` are joined to the one before by spaces or a single dash, not listed, with at
 * most one line break among them (a number wrapped once in a reply).
 */
function dashedOrWrappedOnce(text: string, to: number): boolean {
  countWork(to + 1);
  let breaks = 0;
  for (let g = 1; g <= to; g++) {
    const flags = G_FLAGS[g]!;
    if ((flags & LISTISH_BEFORE) !== 0) return false;
    if ((flags & BREAK_BEFORE) !== 0) { if (++breaks > 1) return false; continue; }
    if ((flags & LOOSE_BEFORE) !== 0) continue;
    const gap = G_START[g]! - G_END[g - 1]!;
    const c = text.charCodeAt(G_END[g - 1]!);
    if (gap !== 1 || (c !== 45 /* - */ && c !== 0x2010 && c !== 0x2011 && c !== 0x2013)) return false;
  }
  return true;
}

/** Whether every group of the run is one digit. */
function allSingleDigits(groupCount: number): boolean {
  countWork(groupCount);
  for (let g = 0; g < groupCount; g++) if (G_END[g]! - G_START[g]! !== 1) return false;
  return true;
}

/** Whether the first `groupCount` groups of the run are joined by spaces only (no dash, slash, dot or line break). */
function onlySpacesBetween(groupCount: number): boolean {
  countWork(groupCount);
  for (let g = 1; g < groupCount; g++) {
    const flags = G_FLAGS[g]!;
    if ((flags & LOOSE_BEFORE) === 0 || (flags & (BREAK_BEFORE | LISTISH_BEFORE)) !== 0) return false;
  }
  return true;
}

/**
 * Whether the block of digits text[start, end) (no separators) can be a card as a whole: 13-19 digits, an issuer
 * range that uses that length, and a valid Luhn check digit.
 */
function blockMayBeCard(text: string, start: number, end: number): boolean {
  const length = end - start;
  countWork(length);
  if (length < MIN_PAN || length > MAX_PAN) return false;
  const first4 = digitValue(text.charCodeAt(start)) * 1000 + digitValue(text.charCodeAt(start + 1)) * 100 +
    digitValue(text.charCodeAt(start + 2)) * 10 + digitValue(text.charCodeAt(start + 3));
  if (issuerForPrefix(first4, length) === undefined) return false;
  let sum = 0;
  let double = false;
  for (let k = end - 1; k >= start; k--) {
    let d = digitValue(text.charCodeAt(k));
    if (double) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Whether a window shorter than the last of the `windowCount` windows cardAt built has a layout people type, an
 * issuer range for its length and a valid Luhn check digit (the windows the loop at the end of cardAt can return).
 */
function shorterWindowFits(windowCount: number, first4: number): boolean {
  for (let w = windowCount - 2; w >= 0; w--) {
    const windowLength = WINDOW_LENGTH[w]!;
    if (windowLength < MIN_PAN) break;
    countWork(1);
    if (WINDOW_LAYOUT[w] === 1 && issuerForPrefix(first4, windowLength) !== undefined && luhnOfPrefix(windowLength)) return true;
  }
  return false;
}

/**
 * separatorAt for the simple separators of a run (one to three spaces, or one dash, dot, "/", ",", "_" or "+", then a
 * digit), which separatorAt always accepts with the same flags: loose after spaces, neither loose nor wrapped after
 * punctuation. 0 when the separator at `i` is anything else (separatorAt decides).
 */
function simpleSeparatorAt(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (SIMPLE_SEPARATOR[c] === 0) return 0;
  let k = i + 1;
  if (SIMPLE_SPACE[c] === 1) while (k < text.length && k - i < 3 && SIMPLE_SPACE[text.charCodeAt(k)] === 1) k++;
  if (k >= text.length || DIGIT[text.charCodeAt(k)] === 0) return 0;
  countWork(k - i + 1);
  const spaces = SIMPLE_SPACE[c] === 1;
  SEPARATOR_LOOSE = spaces;
  SEPARATOR_WRAPPED = false;
  SEPARATOR_BREAK = false;
  SEPARATOR_INVISIBLE = false;
  SEPARATOR_LISTISH = false;
  return k - i;
}

/**
 * C04: Luhn-valid card numbers (PANs) within known issuer ranges; the span covers only the number
 * (from its first digit to its last, with the separators between). Several cards in one run of
 * digits (two numbers one space apart) are each found.
 */
export function detectCardNumbers(text: string): Finding[] {
  const findings: Finding[] = [];
  const n = text.length;
  // The runs most comments hold (dates, times, prices, short numbers) are passed over by nextRunToRead alone; only a
  // run that may hold a card is read group by group (readRun). Two functions, so the hot one stays small.
  for (let i = nextRunToRead(text, 0); i < n; i = nextRunToRead(text, i)) i = readRun(text, i, findings);
  return findings;
}

/**
 * From `i` (between runs): the start of the next run of digits joined by simple separators (one to three spaces, one
 * dash, dot, "/", ",", "_" or "+") that may hold a card, or the text's length. A run with fewer than MIN_PAN digits
 * and nothing after it that could join more holds no card, nor does one block of digits that is no card as a whole:
 * both are passed over here, counting digits on the way, without building a group.
 */
function nextRunToRead(text: string, i: number): number {
  const n = text.length;
  for (;;) {
    const from = i;
    RUN_TO_READ.lastIndex = i;
    RUN_TO_READ.test(text);
    i = RUN_TO_READ.lastIndex;
    if (i >= n) { countWork(n - from); return n; }
    const runStart = i;
    let end = i;
    let digitsIn = 0;
    let grouped = false;
    for (;;) {
      while (end < n && DIGIT[text.charCodeAt(end)] === 1) { end++; digitsIn++; }
      if (end >= n) break;
      const c = text.charCodeAt(end);
      if (!SIMPLE_SEPARATOR[c]) break;
      let next = end + 1;
      if (SIMPLE_SPACE[c]) while (next < n && next - end < 3 && SIMPLE_SPACE[text.charCodeAt(next)]) next++;
      if (next >= n || !isDigit(text.charCodeAt(next))) break;
      // MIN_PAN digits and more groups: the run is read group by group, whatever follows it.
      if (digitsIn >= MIN_PAN) { grouped = true; break; }
      end = next;
    }
    countWork(end - from);
    if (!grouped) {
      const joins = mayJoinAfter(text, end);
      // A short run that the character after it seemed to join on ("5, and", "12\n", "50% ") but that nothing
      // joins: its groups would be built only to be dropped (within the run, every simple separator joins).
      if (joins && digitsIn < MIN_PAN && separatorAt(text, end) === 0) { i = end; continue; }
      if (!joins) {
        if (digitsIn < MIN_PAN) { i = end; continue; }
        // One block of digits with nothing joined to it (most long numbers: order, tracking, account numbers) holds a
        // card only when the whole block is one (cardAt and scanRun find nothing else in a lone group): decided from
        // its digits, no group built. A leading "0" may be the end of an encoded no-break space: left to readRun.
        if (digitsIn === end - runStart && text.charCodeAt(runStart) !== 48 && !blockMayBeCard(text, runStart, end)) { i = end; continue; }
      }
    }
    return runStart;
  }
}

/** Reads the run starting at `i` group by group (pushGroup), finds its cards (scanRun) and returns where it ends. */
function readRun(text: string, i: number, findings: Finding[]): number {
  const n = text.length;
  let count = 0;
  let runDigits = 0;
  let flags = LOOSE_BEFORE;
  for (;;) {
    let start = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    // "Karte:=C2=A04111=C2=A0…": the encoded no-break space before the number ends in the digit 0.
    if (count === 0 && i - start > 1 && text.charCodeAt(start) === 48 && encodedNbspEndsAt(text, start)) start++;
    countWork(i - start);
    pushGroup(count++, start, i, flags);
    runDigits += i - start;
    const separator = simpleSeparatorAt(text, i) || (mayJoinAfter(text, i) ? separatorAt(text, i) : 0);
    if (separator === 0) break;
    i += separator;
    flags = (SEPARATOR_LOOSE ? LOOSE_BEFORE : 0) | (SEPARATOR_WRAPPED ? WRAPPED_BEFORE : 0) | (SEPARATOR_BREAK ? BREAK_BEFORE : 0) | (SEPARATOR_INVISIBLE ? INVISIBLE_BEFORE : 0) |
      (SEPARATOR_LISTISH ? LISTISH_BEFORE : 0);
    if (i >= n) break;
  }
  // Most runs are shorter than any card (dates, times, order numbers): dropped at once.
  if (runDigits >= MIN_PAN) scanRun(text, count, findings);
  return i;
}

/**
 * Cards found in the current run, before the run-level checks: group index, span, issuer, the first group of its
 * line (see scanRun), whether it sits behind a country-code plus sign. Grown by doubling (a run holds at most one
 * card per group).
 */
let RUN_CARD_FROM = new Int32Array(64);
let RUN_CARD_TO = new Int32Array(64);
const RUN_CARD_ISSUER: string[] = [];
let RUN_CARD_LINE = new Int32Array(64);
let RUN_CARD_PHONE = new Uint8Array(64);
/** Per card found: 0 not judged yet, 1 kept, 2 skipped (a non-card label, an IBAN or a phone number). */
let RUN_CARD_SKIP = new Uint8Array(64);
/** At most this many cards are kept per run (a run of 64 adjacent cards is 1,200 digits; more are not one list). */
const MAX_RUN_CARDS = 64;

function growRunCards(): void {
  const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => { const b = make(a.length * 2); b.set(a); return b; };
  RUN_CARD_FROM = grow(RUN_CARD_FROM, (n) => new Int32Array(n));
  RUN_CARD_TO = grow(RUN_CARD_TO, (n) => new Int32Array(n));
  RUN_CARD_LINE = grow(RUN_CARD_LINE, (n) => new Int32Array(n));
  RUN_CARD_PHONE = grow(RUN_CARD_PHONE, (n) => new Uint8Array(n));
  RUN_CARD_SKIP = grow(RUN_CARD_SKIP, (n) => new Uint8Array(n));
}

/** Whether the card found `f`-th in the run is skipped: a label naming another number, an IBAN, a phone number; judged once. */
function runCardSkipped(text: string, f: number): boolean {
  if (RUN_CARD_SKIP[f] === 0) {
    const start = G_START[RUN_CARD_FROM[f]!]!;
    const lineStart = G_START[RUN_CARD_LINE[f]!]!;
    const skip = RUN_CARD_PHONE[f] === 1 || nonCardLabelIsNearest(text, start) || insideIban(text, lineStart) || (start !== lineStart && insideIban(text, start));
    RUN_CARD_SKIP[f] = skip ? 2 : 1;
  }
  return RUN_CARD_SKIP[f] === 2;
}

/** The position cardNamedBefore was last asked about in the current run (-1: none yet), and its answer. */
let namedAt = -1;
let namedAnswer = false;
function namedBefore(text: string, position: number): boolean {
  if (position !== namedAt) {
    namedAt = position;
    namedAnswer = cardNamedBefore(text, position);
  }
  return namedAnswer;
}

/** Whether a group from `from` + 1 to `to` is joined to the one before by a listing separator (" / ", " | ", "] ["). */
function listedWithin(from: number, to: number): boolean {
  for (let g = from + 1; g <= to; g++) if ((G_FLAGS[g]! & LISTISH_BEFORE) !== 0) return true;
  return false;
}

/** Whether the separator after group `a` is written exactly as the separator after group `b`. */
function sameSeparator(text: string, a: number, b: number): boolean {
  const lengthA = G_START[a + 1]! - G_END[a]!;
  if (lengthA !== G_START[b + 1]! - G_END[b]!) return false;
  countWork(lengthA);
  return text.startsWith(text.slice(G_END[a]!, G_START[a + 1]!), G_END[b]!);
}

/**
 * Whether the card from group `from` to `to` is a stretch of a longer number grouped the same way: a group of four
 * joined to it by the very separator inside the card, itself joined the same way to the rest of that number
 * ("4080 2810 1864 1846 1118": a Russian account; "2440 0234 7928 1665 4094 671": a refund ARN; "58 2130 4571 4028
 * 2157 2327 1156": a Polish NRB); before the card, two such groups ("1234 5678 4111 …"), as one group of four may be
 * a field of its own. Fields of a flattened row next to it are not: another separator (a tab, two
 * spaces, "07.12.2026 4111 …"), another size ("… 0171 2345678": a phone number), a year ("2024 4111 … 2028"). A
 * single block is a number of its own.
 */
function insideLongerGrouping(text: string, from: number, to: number, groupCount: number, line: number, cardBefore: boolean,
  cardAfter: boolean): boolean {
  if (from === to) return false;
  const before = from - 1;
  if (!cardBefore && before >= line && (G_FLAGS[from]! & BREAK_BEFORE) === 0 && groupLength(before) === 4 && !isYearGroup(text, before) &&
    sameSeparator(text, before, from) &&
    before > line && groupLength(before - 1) <= 4 && sameSeparator(text, before - 1, from)) return true;
  const next = to + 1;
  if (cardAfter || next >= groupCount || (G_FLAGS[next]! & BREAK_BEFORE) !== 0 || groupLength(next) !== 4 || isYearGroup(text, next) ||
    (isExpiryGroup(text, next) && !(next + 1 < groupCount && groupLength(next + 1) === 4 && sameSeparator(text, next, from))) ||
    !sameSeparator(text, to, from)) return false;
  // "… 0171 2345678", "… 2026-12-07": the group of four starts a number of its own, written otherwise.
  return next + 1 >= groupCount || (G_FLAGS[next + 1]! & BREAK_BEFORE) !== 0 ||
    (groupLength(next + 1) <= 4 && sameSeparator(text, next, from));
}

/** A group of four digits reading as an expiry, MMYY with a month 01-12 and a year 20-39 ("4111 … 1111 0828 123"). */
function isExpiryGroup(text: string, g: number): boolean {
  const s = G_START[g]!;
  const month = digitValue(text.charCodeAt(s)) * 10 + digitValue(text.charCodeAt(s + 1));
  const year = digitValue(text.charCodeAt(s + 2)) * 10 + digitValue(text.charCodeAt(s + 3));
  return month >= 1 && month <= 12 && year >= 20 && year <= 39;
}

/** A group of four digits reading as a year, 1950-2099: the date field of a flattened row. */
function isYearGroup(text: string, g: number): boolean {
  const s = G_START[g]!;
  const c0 = text.charCodeAt(s);
  const c1 = text.charCodeAt(s + 1);
  const c2 = text.charCodeAt(s + 2);
  return (c0 === 50 && c1 === 48) || (c0 === 49 && c1 === 57 && c2 >= 53 && c2 <= 57);
}

/**
 * The cards in the current run of `groupCount` digit groups, appended to `findings`. A run may go on over line
 * breaks (hard wraps); a card that starts a line is judged with its own line only, so the phone number or
 * ticket number on the line before it ("Tel: +49 30 1234567\n4111 1111 1111 1111") does not swallow it.
 */
function scanRun(text: string, groupCount: number, findings: Finding[]): void {
  const runStart = G_START[0]!;
  let found = 0;
  let line = 0;
  let previousWasCard = false;
  let i = 0;
  while (i < groupCount) {
    if (i > 0 && (G_FLAGS[i]! & BREAK_BEFORE) !== 0) line = i;
    const canStart = i === 0 ? runIsStandalone(text, runStart) : (G_FLAGS[i]! & LOOSE_BEFORE) !== 0 || previousWasCard;
    const card = canStart ? cardAt(text, groupCount, i) : undefined;
    if (!card) {
      previousWasCard = false;
      i++;
      continue;
    }
    // Whether a label, an IBAN or a phone number rules the card out is judged later, and only for the cards that
    // pass the cheaper run-level check (most card-like stretches inside longer grouped numbers do not).
    if (found >= RUN_CARD_FROM.length) growRunCards();
    RUN_CARD_FROM[found] = i;
    RUN_CARD_TO[found] = card.to;
    RUN_CARD_ISSUER[found] = card.issuer;
    RUN_CARD_LINE[found] = line;
    // "+49 4111…", "+7 921 …": a run behind a country-code plus sign is a phone number (up to its line's end).
    // Not a card after a tab or wider gap than the phone number's own ("+48 601 234 567\t5020 1004 …": a flattened row).
    RUN_CARD_PHONE[found] = line === 0 && codeAt(text, runStart - 1) === 43 /* + */ && groupLength(0) <= 3 &&
      (i === 0 || groupCount < 2 || sameSeparator(text, i - 1, 0)) ? 1 : 0;
    RUN_CARD_SKIP[found] = 0;
    found++;
    previousWasCard = true;
    i = card.to + 1;
  }
  countWork(groupCount);
  if (found === 0) return;
  // Only the first MAX_RUN_CARDS cards that are not skipped are kept: with more found, each is judged in order.
  let considered = found;
  if (found > MAX_RUN_CARDS) {
    let kept = 0;
    considered = 0;
    while (considered < found && kept < MAX_RUN_CARDS) if (!runCardSkipped(text, considered++)) kept++;
  }
  // cardNamedBefore, asked at most once per position in this run (a line's start serves every card on the line).
  namedAt = -1;
  // A card-like stretch inside a longer number grouped the same way (tracking, bank account, refund ARN) is not cut
  // out of it, unless the text around names a card; fields of a flattened row next to a card do not count.
  for (let f = 0; f < considered; f++) {
    const from = RUN_CARD_FROM[f]!;
    const to = RUN_CARD_TO[f]!;
    const cardLine = RUN_CARD_LINE[f]!;
    const lineStart = G_START[cardLine]!;
    // Two cards one space apart ("4012 8888 8888 1881 5105 1051 0510 5100") are each other's neighbours, not one longer number.
    const cardBefore = f > 0 && RUN_CARD_TO[f - 1] === from - 1;
    const cardAfter = f + 1 < found && RUN_CARD_FROM[f + 1] === to + 1;
    if (insideLongerGrouping(text, from, to, groupCount, cardLine, cardBefore, cardAfter) && !namedBefore(text, lineStart)) continue;
    if (runCardSkipped(text, f)) continue;
    const issuer = RUN_CARD_ISSUER[f]!;
    const start = G_START[from]!;
    const end = G_END[to]!;
    const named = namedBefore(text, start);
    // "6761 / 9280 / 4472 / 0579", "[6235] [7610] …": listed groups are one card only when a card word names them.
    if (!named && listedWithin(from, to) && !cardNamedAfter(text, end)) continue;
    // A broad range written as one block ("1…" with 15 digits, "94…"): a card only when named or followed by its expiry or code.
    // Also any 13-digit block: more often a GTIN-13 barcode, a byte counter or a registry number than a 13-digit Visa.
    const broadBlock = to === from && (BROAD_RANGE_ISSUERS.has(issuer as never) || end - start === 13) && !named && !EXPIRY_OR_CODE_AFTER.test(text.slice(end, end + 24));
    if (broadBlock) continue;
    // "[6235] [7610] [6160] [6993]": the span takes in the outer brackets of bracketed groups.
    const close = codeAt(text, G_END[from]!);
    const open = close === 93 /* ] */ ? 91 : close === 41 /* ) */ ? 40 : close === 125 /* } */ ? 123 : -1;
    const bracketed = to > from && open > 0 && codeAt(text, start - 1) === open && codeAt(text, end) === close;
    findings.push(makeFinding('card_number', issuer, bracketed ? start - 1 : start, bracketed ? end + 1 : end, named ? 0.99 : 0.93));
  }
}
