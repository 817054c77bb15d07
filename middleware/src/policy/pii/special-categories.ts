import { AnchorGroup, findAnchors, registerAnchor, type Anchors } from './anchors.js';
import { countWork as countWorkImport } from './scan-work.js';
import { makeFinding, type Finding } from './finding.js';

// Bound once: run through tsx or vitest, every use of an imported name is a property read on the module.
const countWork = countWorkImport;

/** GDPR art. 9 / art. 10 groups the C06 promise names. */
export type SpecialCategory =
  | 'health' | 'religion' | 'political' | 'trade_union' | 'biometric' | 'criminal' | 'sexual_orientation';

interface TermList {
  subtype: SpecialCategory;
  /** Alternatives; `\p{L}*` after a stem covers German compounds and Russian inflection. */
  terms: readonly string[];
  confidence: number;
  /** Words near the term that mean a technical sense ("SSH host key fingerprint", "chroot jail"). */
  notNear?: RegExp;
}

// Terms are chosen to avoid the technical senses support tickets are full of: "health check",
// "Diagnose-Tool", "disabled the plugin", "third-party", "process killed" are not listed.
const TERM_LISTS: readonly TermList[] = [
  {
    subtype: 'health',
    confidence: 0.5,
    terms: [
      'diagnosed with', 'diabet(?:es|ic)', 'cancer', 'chemo(?:therapy)?', 'HIV', 'pregnan(?:t|cy)', 'depression',
      'anxiety disorder', 'mental health', 'mental illness', 'disability', 'hospitali[sz]ed', 'in hospital',
      'in the hospital', 'surgery', 'sick leave', 'medical condition', 'illness', 'epilepsy', 'asthma', 'autism',
      'ADHD', 'dementia', 'had a stroke', 'heart attack', 'medication', 'chronic pain', 'rehab',
      'krankgeschrieben', 'krankheit\\p{L}*', 'erkrankt\\p{L}*', 'chemotherapie', 'krebs(?:erkrankung|diagnose)?',
      'schwanger\\p{L}*', 'depression(?:en)?', 'behinderung\\p{L}*', 'krankenhaus\\p{L}*', 'klinik(?:aufenthalt)?',
      'psychisch\\p{L}*', 'diagnose (?:lautet|ist)',
      'диабет\\p{L}*', 'рак(?:а|ом|е)?', 'онколог\\p{L}*', 'химиотерапи\\p{L}*', 'беремен\\p{L}*', 'депресси\\p{L}*',
      'инвалидност\\p{L}*', 'инвалид', 'больниц\\p{L}*', 'больничн\\p{L}*', 'болезн\\p{L}*', 'ВИЧ', 'диагноз\\p{L}*',
    ],
    // Organisations and products, not a person's condition: "Cancer Research UK", "diabetes test strips".
    notNear: /\b(?:research|foundation|society|association|charity|awareness|strips?|products?|shop|store|supplies|insurance)\b/iu,
  },
  {
    subtype: 'religion',
    confidence: 0.45,
    terms: [
      'religion', 'religious', 'muslim', 'islam(?:ic)?', 'christian faith', 'catholic', 'protestant', 'jewish',
      'judaism', 'hindu', 'buddhist', 'sikh', "jehovah'?s witness(?:es)?", 'atheist', 'mosque', 'synagogue',
      'ramadan', 'friday prayers?',
      'religiös\\p{L}*', 'muslimisch\\p{L}*', 'muslima', 'katholisch\\p{L}*', 'evangelisch\\p{L}*', 'jüdisch\\p{L}*',
      'konfession\\p{L}*', 'moschee', 'synagoge',
      'религи\\p{L}*', 'мусульман\\p{L}*', 'православн\\p{L}*', 'христиан\\p{L}*', 'католи\\p{L}*', 'иудей\\p{L}*',
      'ислам\\p{L}*', 'мечет\\p{L}*',
    ],
  },
  {
    subtype: 'political',
    confidence: 0.4,
    terms: [
      'political (?:views?|opinions?|beliefs?|affiliation|party)', 'voted for', 'party member(?:ship)?',
      '(?:Green|Labour|Labor|Conservative|Democratic|Republican|Communist|Socialist|Liberal|Libertarian|Pirate|Left) Party',
      'politische\\p{L}* (?:Einstellung|Meinung|Überzeugung|Gesinnung)', 'Parteimitglied\\p{L}*',
      'Mitglied (?:der|in der) (?:SPD|CDU|CSU|FDP|AfD|Grünen|Linken|\\p{Lu}\\p{L}*partei)',
      'политическ\\p{L}* (?:взгляд|позици|убеждени)\\p{L}*', 'член\\p{L}* партии',
    ],
  },
  {
    subtype: 'trade_union',
    confidence: 0.45,
    terms: ['trade union', 'labou?r union', 'union (?:member(?:ship)?|representative|rep)', 'shop steward', 'gewerkschaft\\p{L}*', 'профсоюз\\p{L}*'],
  },
  {
    subtype: 'biometric',
    confidence: 0.45,
    terms: [
      'fingerprints?', 'facial recognition', 'face scans?', 'iris scans?', 'retina(?:l)? scans?', 'biometrics?',
      'voiceprints?', 'fingerabdr[uü]ck\\p{L}*', 'biometrisch\\p{L}*', 'gesichtserkennung',
      'биометри\\p{L}*', 'отпечат\\p{L}* пальц\\p{L}*',
    ],
    // Round c9: ssh's "continue connecting (yes/no/[fingerprint])?" prompt and a payment card's "fingerprint" in a gateway's
    // JSON (Stripe's card object: "last4", "exp_month", "funding") name a hash, not a person's finger.
    notNear: /\b(?:ssh|host|key|keys|certificate|cert|tls|ssl|gpg|pgp|sha\d*|md5|rsa|ecdsa|ed25519|browser|device|canvas|known_hosts|connecting|yes\/no|last4|exp_month|exp_year|funding|payment_method)\b|"fingerprints?"\s{0,2}:/iu,
  },
  {
    subtype: 'criminal',
    confidence: 0.45,
    terms: [
      'criminal record', 'convicted', 'criminal conviction', 'sentenced(?: to prison)?', 'prison', 'felony', 'on parole',
      'was arrested', 'served time', 'in jail',
      'vorbestraft', 'vorstrafe\\p{L}*', 'verurteilt', 'gefängnis\\p{L}*', 'haftstrafe\\p{L}*',
      'судимост\\p{L}*', 'осужд[её]н\\p{L}*', 'тюрьм\\p{L}*',
    ],
    notNear: /\b(?:chroot|freebsd|bsd|jailkit|sftp|fail2ban)\b/iu,
  },
  {
    subtype: 'sexual_orientation',
    confidence: 0.45,
    terms: [
      'gay', 'lesbian', 'bisexual', 'homosexual', 'transgender', 'queer', 'sexual orientation', 'LGBTQ?\\+?',
      'schwul\\p{L}*', 'lesbisch\\p{L}*', 'bisexuell\\p{L}*', 'homosexuell\\p{L}*', 'sexuelle\\p{L}* orientierung',
      'гей', 'лесби\\p{L}*', 'гомосексуал\\p{L}*', 'бисексуал\\p{L}*', 'сексуальн\\p{L}* ориентаци\\p{L}*',
    ],
  },
];

const COMPILED = TERM_LISTS.map((list) => ({
  ...list,
  // Sticky: tried only where a term's first three letters stand (see LISTS_BY_HEAD).
  pattern: new RegExp(String.raw`(?:${list.terms.join('|')})(?![\p{L}\p{N}])`, 'yiu'),
}));

/**
 * The literal start every spelling of a term begins with, lower case ("(?:Green|Labour) Party" gives two,
 * "chemo(?:therapy)?" gives "chemo", "LGBTQ?" gives "lgbt": a character made optional is left out).
 */
function termHeads(term: string): string[] {
  const group = /^\(\?:([^()]*)\)/u.exec(term);
  const heads = group ? group[1]!.split('|').map((alt) => alt + term.slice(group[0].length)) : [term];
  return heads.map((head) => {
    let literal = /^[^\\()[\]?*+|{]*/u.exec(head)![0];
    if (/^[?*{]/u.test(head.slice(literal.length))) literal = literal.slice(0, -1);
    if (literal.length < 3) throw new Error(`special-category term needs a literal start of 3 characters: ${term}`);
    return literal.toLowerCase();
  });
}

// The anchor pass (anchors.ts) finds where any term could start: its literal start where no letter or digit
// precedes. Each start is tagged with the lists that have a term beginning so, and only those lists are
// tried there. Running the seven case-insensitive Unicode patterns over the whole comment cost about four
// times as much as a prefilter, and trying all seven at every three-letter prefix most of the rest.
const LISTS_BY_HEAD = new Map<string, number>();
TERM_LISTS.forEach((list, index) => {
  for (const head of list.terms.flatMap(termHeads)) LISTS_BY_HEAD.set(head, (LISTS_BY_HEAD.get(head) ?? 0) | (1 << index));
});
for (const [head, lists] of LISTS_BY_HEAD) registerAnchor(head, AnchorGroup.SpecialTerm, true, lists);

/** C06 is flag-only and counted per comment, so a few findings per category are all that is needed. */
const MAX_PER_CATEGORY = 20;

/** C06, flag only: terms of special categories of personal data (en/de/ru), with deliberately low confidence. */
export function detectSpecialCategories(text: string, anchors: Anchors = findAnchors(text)): Finding[] {
  const findings: Finding[] = [];
  const found = new Array<number>(COMPILED.length).fill(0);
  const starts = anchors.positions[AnchorGroup.SpecialTerm]!;
  const tags = anchors.tags[AnchorGroup.SpecialTerm]!;
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k]!;
    // Several heads may stand at one start ("diagnose", "diagnosed with"): their lists are tried once.
    let lists = tags[k]!;
    while (starts[k + 1] === start) lists |= tags[++k]!;
    for (let c = 0; c < COMPILED.length; c++) {
      const list = COMPILED[c]!;
      if ((lists & (1 << c)) === 0 || found[c]! >= MAX_PER_CATEGORY) continue;
      list.pattern.lastIndex = start;
      const match = list.pattern.exec(text);
      countWork(match ? match[0].length : 3);
      if (!match) continue;
      const end = start + match[0].length;
      if (list.notNear) {
        const around = text.slice(Math.max(0, start - 40), Math.min(text.length, end + 40));
        countWork(around.length);
        if (list.notNear.test(around)) continue;
      }
      findings.push(makeFinding('special_category', list.subtype, start, end, list.confidence));
      found[c]! += 1;
    }
  }
  return findings;
}
