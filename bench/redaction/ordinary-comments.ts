/**
 * Ordinary support-ticket comments for throughput benchmarks (issue 15: "Throughput on ordinary comments within 10x
 * of a single-regex baseline measured in the same run").
 *
 * The text imitates what a hosting-panel support desk (Plesk, cPanel, ISPmanager, a registrar, a web host) receives
 * and writes: customer e-mails describing a problem, agent replies with steps, pasted error messages and log excerpts,
 * config fragments, quoted earlier messages, signatures, order/invoice/ticket numbers, domains, URLs, dates.
 * Languages are weighted (English most, then German, Russian, Spanish, Italian, Portuguese, Dutch, French, Polish,
 * Turkish); about a third of the customer mail is HTML (Outlook/Gmail markup). About 1 message in 25 carries a
 * synthetic card number (Luhn-valid) or a password/API key; the rest carry none.
 *
 * It was written from what such desks see, without reading the detectors or tuning anything to them.
 *
 *   ordinaryComments(count, seed)     -> single messages, sizes like real comments (mostly 200 B-2 KB, logs up to ~20 KB)
 *   ordinaryComments10k(count, seed)  -> consecutive messages of one thread joined into ~10 KB comments
 */
import { SeededRandom } from '../../middleware/src/sandbox/prng.js';

type Lang = 'en' | 'de' | 'ru' | 'es' | 'it' | 'pt' | 'nl' | 'fr' | 'pl' | 'tr';

const LANG_WEIGHTS: ReadonlyArray<[Lang, number]> = [
  ['en', 50], ['de', 12], ['ru', 10], ['es', 6], ['it', 5], ['pt', 5], ['nl', 4], ['fr', 4], ['pl', 2], ['tr', 2],
];

interface Ctx {
  r: SeededRandom;
  lang: Lang;
  customer: Person;
  agent: Person;
  domain: string;
  ticket: number;
  brand: Brand;
  time: Date;
}

interface Person { first: string; last: string; company?: string }
interface Brand { name: string; panel: string; site: string; phone: string; address: string }

const FIRST: Record<Lang, string[]> = {
  en: ['John', 'Sarah', 'Michael', 'Emily', 'David', 'Laura', 'James', 'Kate', 'Robert', 'Olivia', 'Tom', 'Rachel', 'Chris', 'Megan', 'Daniel'],
  de: ['Thomas', 'Sabine', 'Jürgen', 'Katrin', 'Stefan', 'Anja', 'Markus', 'Petra', 'Andreas', 'Birgit', 'Lukas'],
  ru: ['Алексей', 'Ирина', 'Дмитрий', 'Ольга', 'Сергей', 'Наталья', 'Андрей', 'Екатерина', 'Павел', 'Мария'],
  es: ['Carlos', 'Lucía', 'Javier', 'María', 'Alejandro', 'Carmen', 'Pablo', 'Elena'],
  it: ['Marco', 'Giulia', 'Luca', 'Francesca', 'Alessandro', 'Chiara', 'Matteo'],
  pt: ['João', 'Ana', 'Pedro', 'Mariana', 'Rafael', 'Beatriz', 'Tiago'],
  nl: ['Jan', 'Sanne', 'Pieter', 'Eva', 'Bram', 'Lotte', 'Daan'],
  fr: ['Pierre', 'Camille', 'Julien', 'Sophie', 'Nicolas', 'Claire', 'Antoine'],
  pl: ['Piotr', 'Katarzyna', 'Tomasz', 'Agnieszka', 'Marcin', 'Magdalena'],
  tr: ['Mehmet', 'Ayşe', 'Emre', 'Zeynep', 'Burak', 'Elif'],
};
const LAST: Record<Lang, string[]> = {
  en: ['Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Clarke', 'Walker', 'Hughes', 'Green', 'Baker', 'Turner'],
  de: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Krause'],
  ru: ['Иванов', 'Смирнова', 'Кузнецов', 'Попова', 'Соколов', 'Лебедева', 'Новиков', 'Морозова'],
  es: ['García', 'Martínez', 'López', 'Sánchez', 'Romero', 'Torres'],
  it: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano'],
  pt: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Costa', 'Pereira'],
  nl: ['de Jong', 'Jansen', 'de Vries', 'van Dijk', 'Bakker', 'Visser'],
  fr: ['Martin', 'Bernard', 'Dubois', 'Durand', 'Lefebvre', 'Moreau'],
  pl: ['Nowak', 'Kowalski', 'Wiśniewska', 'Wójcik', 'Kamiński'],
  tr: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik'],
};
const COMPANY_WORDS = ['Bakery', 'Studio', 'Consulting', 'Dental', 'Auto Parts', 'Design', 'Travel', 'Legal', 'Photo', 'Garden', 'Fitness', 'Media', 'Print', 'Logistics', 'Café'];
const TLD: Record<Lang, string[]> = {
  en: ['com', 'co.uk', 'net', 'org', 'io', 'us', 'com.au', 'ca'],
  de: ['de', 'at', 'ch', 'com'], ru: ['ru', 'рф', 'su', 'com', 'kz'], es: ['es', 'com.mx', 'com.ar', 'com'],
  it: ['it', 'com'], pt: ['pt', 'com.br', 'com'], nl: ['nl', 'be', 'com'], fr: ['fr', 'be', 'ch', 'com'],
  pl: ['pl', 'com.pl'], tr: ['com.tr', 'com'],
};
const WORDS = ['sunny', 'blue', 'nordic', 'alpine', 'city', 'green', 'smart', 'happy', 'royal', 'urban', 'coast', 'river', 'pixel', 'craft', 'oak', 'star', 'prime', 'metro', 'fresh', 'wild'];
const NOUNS = ['bakery', 'garage', 'studio', 'dental', 'tours', 'shop', 'print', 'hotel', 'farm', 'books', 'fitness', 'legal', 'photo', 'decor', 'pets', 'wines', 'tech', 'media'];

const BRANDS: Brand[] = [
  { name: 'HostNorth', panel: 'Plesk Obsidian 18.0.58', site: 'hostnorth.example', phone: '+44 20 7946 0321', address: '14 Wharf Road, London N1 7GR, United Kingdom' },
  { name: 'WebWerk Hosting', panel: 'Plesk Obsidian 18.0.61', site: 'webwerk-hosting.example', phone: '+49 30 901820-0', address: 'Friedrichstraße 68, 10117 Berlin, Deutschland' },
  { name: 'ХостПлюс', panel: 'ISPmanager 6 Lite', site: 'hostplus.example', phone: '+7 495 123-45-67', address: 'г. Москва, ул. Тверская, д. 12, стр. 1' },
  { name: 'CloudNest', panel: 'cPanel & WHM 118.0.15', site: 'cloudnest.example', phone: '+1 (512) 555-0147', address: '600 Congress Ave, Suite 1400, Austin, TX 78701, USA' },
  { name: 'DomainDesk Registrar', panel: 'DomainDesk control panel', site: 'domaindesk.example', phone: '+31 20 794 5502', address: 'Keizersgracht 221, 1016 DV Amsterdam, Nederland' },
  { name: 'Servidores Sol', panel: 'cPanel 116', site: 'servidoressol.example', phone: '+34 910 55 12 30', address: 'Calle de Alcalá 45, 28014 Madrid, España' },
];

const PHP_VERSIONS = ['7.4', '8.0', '8.1', '8.2', '8.3'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

// ---------- slot fillers ----------

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const ip = (r: SeededRandom): string => `${r.pick([185, 91, 46, 78, 94, 213, 37, 5, 212, 80, 62, 176, 31, 88])}.${r.int(1, 254)}.${r.int(0, 255)}.${r.int(1, 254)}`;
const ipv6 = (r: SeededRandom): string => `2a02:${r.hex8().slice(0, 4)}:${r.hex8().slice(0, 4)}::${r.int(1, 255).toString(16)}`;
const domainFor = (r: SeededRandom, lang: Lang): string => `${r.pick(WORDS)}${r.chance(0.5) ? '-' : ''}${r.pick(NOUNS)}.${r.pick(TLD[lang])}`;
const orderNo = (r: SeededRandom): string => r.pick([`${r.int(1000000, 9999999)}`, `ORD-${r.int(100000, 999999)}`, `#${r.int(200000, 899999)}`, `${r.int(2019, 2026)}-${r.int(10000, 99999)}`]);
const invoiceNo = (r: SeededRandom): string => r.pick([`INV-${r.int(2024, 2026)}-${pad(r.int(1, 99999), 5)}`, `${r.int(100000, 999999)}`, `RE${r.int(2024, 2026)}${pad(r.int(1, 9999), 4)}`, `СЧ-${r.int(1000, 9999)}`]);
const price = (r: SeededRandom): string => `${r.int(2, 149)}.${r.pick(['00', '99', '50', '95', '49'])}`;
const version = (r: SeededRandom): string => `${r.int(1, 6)}.${r.int(0, 20)}.${r.int(0, 9)}`;
const hexN = (r: SeededRandom, n: number): string => { let s = ''; while (s.length < n) s += r.hex8(); return s.slice(0, n); };
const alnum = (r: SeededRandom, n: number, set = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += set[Math.floor(r.next() * set.length)];
  return s;
};
const queueId = (r: SeededRandom): string => alnum(r, r.int(10, 12), '0123456789ABCDEF');

function advance(ctx: Ctx, minMinutes: number, maxMinutes: number): Date {
  ctx.time = new Date(ctx.time.getTime() + ctx.r.int(minMinutes, maxMinutes) * 60000 + ctx.r.int(0, 59) * 1000);
  return ctx.time;
}
const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
const hms = (d: Date): string => d.toISOString().slice(11, 19);
const euDate = (d: Date): string => `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
const usDate = (d: Date): string => `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
const localDate = (lang: Lang, d: Date): string => (lang === 'en' ? usDate(d) : lang === 'de' || lang === 'ru' || lang === 'pl' || lang === 'tr' ? euDate(d) : `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`);
const apacheTime = (d: Date): string => `${DAYS_EN[d.getUTCDay()]} ${MONTHS_EN[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${hms(d)}.${pad(d.getUTCMilliseconds() * 1000 + 123, 6)} ${d.getUTCFullYear()}`;
const syslogTime = (d: Date): string => `${MONTHS_EN[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms(d)}`;
const nginxTime = (d: Date): string => `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${hms(d)}`;
const clfTime = (d: Date): string => `${pad(d.getUTCDate())}/${MONTHS_EN[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000`;

function luhnCard(r: SeededRandom): string {
  const prefix = r.pick(['4', '4', '4', '51', '53', '55', '2221', '37', '6011']);
  const length = prefix === '37' ? 15 : 16;
  let digits = prefix;
  while (digits.length < length - 1) digits += String(r.int(0, 9));
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  digits += String((10 - (sum % 10)) % 10);
  const sep = r.pick([' ', ' ', '-', '']);
  if (length === 15) return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(sep);
  return digits.match(/.{4}/g)!.join(sep);
}
const password = (r: SeededRandom): string => alnum(r, r.int(10, 16), 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%&*') ;

// ---------- sensitive inserts (about 1 message in 25) ----------

function sensitiveLine(ctx: Ctx, fromAgent: boolean): string {
  const { r, lang } = ctx;
  const kind = r.int(0, 5);
  if (!fromAgent && kind <= 2) {
    const card = luhnCard(r);
    const exp = `${pad(r.int(1, 12))}/${r.int(26, 31)}`;
    return ({
      en: `The automatic payment keeps failing, so please just charge this card instead: ${card}, exp ${exp}.`,
      de: `Die Abbuchung klappt nicht, bitte belasten Sie stattdessen diese Karte: ${card} gültig bis ${exp}.`,
      ru: `Автоплатёж не проходит, спишите, пожалуйста, с этой карты: ${card}, срок ${exp}.`,
      es: `El pago automático falla, por favor cobren a esta tarjeta: ${card} caduca ${exp}.`,
      it: `Il pagamento automatico non va, addebitate pure su questa carta: ${card} scad. ${exp}.`,
      pt: `O pagamento automático falha, por favor cobrem neste cartão: ${card} validade ${exp}.`,
      nl: `De automatische betaling mislukt, schrijf het bedrag maar af van deze kaart: ${card} geldig tot ${exp}.`,
      fr: `Le prélèvement échoue, merci de débiter cette carte : ${card} exp. ${exp}.`,
      pl: `Płatność automatyczna nie przechodzi, proszę obciążyć tę kartę: ${card}, ważna do ${exp}.`,
      tr: `Otomatik ödeme başarısız oluyor, lütfen bu karttan çekin: ${card} SKT ${exp}.`,
    } as Record<Lang, string>)[lang];
  }
  if (kind === 3 || (!fromAgent && kind === 4)) {
    const user = r.pick(['admin', `${ctx.customer.first.toLowerCase().replace(/[^a-z]/g, '') || 'user'}`, `ftp_${ctx.domain.split('.')[0]?.replace(/-/g, '')}`, 'wp_admin']);
    const pw = password(r);
    return lang === 'de'
      ? `Zugangsdaten, falls Sie reinschauen müssen: Benutzer ${user}, Passwort: ${pw}`
      : lang === 'ru'
        ? `Доступ, если нужно зайти: логин ${user}, пароль: ${pw}`
        : `Login in case you need to check: user ${user} / password: ${pw}`;
  }
  const key = r.pick([
    `sk_live_${alnum(r, 24, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
    `AKIA${alnum(r, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
    `SG.${alnum(r, 22, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}.${alnum(r, 43, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-')}`,
    `ghp_${alnum(r, 36, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
  ]);
  return fromAgent
    ? `Your new API token for the reseller API is ${key} — please store it somewhere safe, we cannot show it again.`
    : `Here is the key from our wp-config / .env in case it matters: API_KEY=${key}`;
}

// ---------- pasted logs and command output ----------

type Paste = (ctx: Ctx, lines: number) => string;

const apacheError: Paste = (ctx, n) => {
  const { r } = ctx;
  const out: string[] = [];
  const client = ip(r);
  for (let i = 0; i < n; i++) {
    const d = advance(ctx, 0, 2);
    out.push(r.pick([
      `[${apacheTime(d)}] [proxy_fcgi:error] [pid ${r.int(1000, 99999)}:tid ${r.int(100000, 999999)}] [client ${client}:${r.int(30000, 65000)}] AH01071: Got error 'PHP message: PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate ${r.int(4096, 2097152)} bytes) in /var/www/vhosts/${ctx.domain}/httpdocs/wp-includes/class-wpdb.php on line ${r.int(100, 3000)}'`,
      `[${apacheTime(d)}] [core:error] [pid ${r.int(1000, 99999)}] [client ${client}:${r.int(30000, 65000)}] AH00124: Request exceeded the limit of 10 internal redirects due to probable configuration error.`,
      `[${apacheTime(d)}] [ssl:warn] [pid ${r.int(1000, 99999)}] AH01909: ${ctx.domain}:443:0 server certificate does NOT include an ID which matches the server name`,
      `[${apacheTime(d)}] [authz_core:error] [pid ${r.int(1000, 99999)}] [client ${ip(r)}:${r.int(30000, 65000)}] AH01630: client denied by server configuration: /var/www/vhosts/${ctx.domain}/httpdocs/xmlrpc.php`,
      `[${apacheTime(d)}] [php:warn] [pid ${r.int(1000, 99999)}] [client ${client}:${r.int(30000, 65000)}] PHP Warning:  Undefined array key "HTTP_REFERER" in /var/www/vhosts/${ctx.domain}/httpdocs/wp-content/plugins/${r.pick(['woocommerce', 'elementor', 'contact-form-7', 'wpforms-lite', 'yoast-seo'])}/includes/class-${r.pick(['loader', 'frontend', 'ajax', 'api'])}.php on line ${r.int(20, 900)}`,
      `[${apacheTime(d)}] [proxy_fcgi:error] [pid ${r.int(1000, 99999)}] (70007)The timeout specified has expired: [client ${client}:${r.int(30000, 65000)}] AH01075: Error dispatching request to : (polling)`,
    ]));
  }
  return out.join('\n');
};

const nginxError: Paste = (ctx, n) => {
  const { r } = ctx;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = advance(ctx, 0, 3);
    const cl = ip(r);
    out.push(r.pick([
      `${nginxTime(d)} [error] ${r.int(1000, 9999)}#0: *${r.int(1, 999999)} upstream timed out (110: Connection timed out) while reading response header from upstream, client: ${cl}, server: ${ctx.domain}, request: "GET /${r.pick(['', 'shop/', 'wp-admin/admin-ajax.php', 'checkout/', 'category/news/'])} HTTP/2.0", upstream: "fastcgi://unix:/var/www/vhosts/system/${ctx.domain}/php-fpm.sock:", host: "${ctx.domain}"`,
      `${nginxTime(d)} [error] ${r.int(1000, 9999)}#0: *${r.int(1, 999999)} connect() to unix:/run/php/php${r.pick(PHP_VERSIONS)}-fpm.sock failed (11: Resource temporarily unavailable) while connecting to upstream, client: ${cl}, server: ${ctx.domain}, request: "POST /wp-cron.php?doing_wp_cron=${r.int(1700000000, 1790000000)}.${r.int(1000, 9999)}${r.int(100000, 999999)} HTTP/1.1", host: "${ctx.domain}"`,
      `${nginxTime(d)} [crit] ${r.int(1000, 9999)}#0: *${r.int(1, 999999)} SSL_do_handshake() failed (SSL: error:0A00006C:SSL routines::bad key share) while SSL handshaking, client: ${cl}, server: 0.0.0.0:443`,
      `${nginxTime(d)} [error] ${r.int(1000, 9999)}#0: *${r.int(1, 999999)} open() "/var/www/${ctx.domain}/public/${r.pick(['favicon.ico', 'robots.txt', 'apple-touch-icon.png', '.env', 'wp-login.php'])}" failed (2: No such file or directory), client: ${cl}, server: ${ctx.domain}`,
      `${nginxTime(d)} [warn] ${r.int(1000, 9999)}#0: *${r.int(1, 999999)} an upstream response is buffered to a temporary file /var/cache/nginx/fastcgi_temp/${r.int(1, 9)}/${pad(r.int(0, 99))}/00000${r.int(10000, 99999)} while reading upstream, client: ${cl}, server: ${ctx.domain}`,
    ]));
  }
  return out.join('\n');
};

const accessLog: Paste = (ctx, n) => {
  const { r } = ctx;
  const out: string[] = [];
  const ua = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'WordPress/6.4.2; https://' + ctx.domain];
  for (let i = 0; i < n; i++) {
    const d = advance(ctx, 0, 1);
    const path = r.pick(['/', '/wp-login.php', '/wp-admin/admin-ajax.php', '/shop/', '/cart/', '/xmlrpc.php', `/wp-content/uploads/${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/IMG_${r.int(1000, 9999)}.jpg`, `/?s=${r.pick(['shoes', 'contact', 'price'])}`, `/wp-json/wp/v2/posts?_=${d.getTime()}`]);
    out.push(`${ip(r)} - - [${clfTime(d)}] "${r.pick(['GET', 'GET', 'GET', 'POST'])} ${path} HTTP/${r.pick(['1.1', '2.0'])}" ${r.pick([200, 200, 200, 301, 302, 404, 500, 502, 503, 504])} ${r.int(0, 120000)} "${r.pick(['-', `https://${ctx.domain}/`, 'https://www.google.com/'])}" "${r.pick(ua)}"`);
  }
  return out.join('\n');
};

const mailLog: Paste = (ctx, n) => {
  const { r } = ctx;
  const out: string[] = [];
  const host = r.pick(['mail', 'srv01', 'web12', 'vps' + r.int(100, 999)]);
  for (let i = 0; i < n; i++) {
    const d = advance(ctx, 0, 2);
    const q = queueId(r);
    const rcpt = `${r.pick(['info', 'office', 'kontakt', 'sales', 'j.doe', 'buchhaltung'])}@${r.pick(['gmail.com', 'outlook.com', 'web.de', 'yandex.ru', 'gmx.de', 't-online.de', 'hotmail.com', domainFor(r, ctx.lang)])}`;
    out.push(r.pick([
      `${syslogTime(d)} ${host} postfix/smtp[${r.int(1000, 99999)}]: ${q}: to=<${rcpt}>, relay=${r.pick(['gmail-smtp-in.l.google.com', 'mx00.t-online.de', 'mx.yandex.ru', 'outlook-com.olc.protection.outlook.com'])}[${ip(r)}]:25, delay=${r.int(0, 9)}.${r.int(1, 99)}, delays=0.${r.int(1, 9)}/0/${r.int(0, 2)}.${r.int(1, 9)}/0.${r.int(1, 9)}, dsn=5.7.1, status=bounced (host said: 550-5.7.26 Unauthenticated email from ${ctx.domain} is not accepted due to domain's DMARC policy)`,
      `${syslogTime(d)} ${host} postfix/smtp[${r.int(1000, 99999)}]: ${q}: to=<${rcpt}>, relay=none, delay=${r.int(100, 9000)}, delays=${r.int(100, 9000)}/0.01/30/0, dsn=4.4.1, status=deferred (connect to ${r.pick(['mx1.', 'mail.'])}${domainFor(r, ctx.lang)}[${ip(r)}]:25: Connection timed out)`,
      `${syslogTime(d)} ${host} postfix/smtpd[${r.int(1000, 99999)}]: NOQUEUE: reject: RCPT from unknown[${ip(r)}]: 554 5.7.1 Service unavailable; Client host [${ip(r)}] blocked using zen.spamhaus.org; from=<${rcpt}> to=<info@${ctx.domain}> proto=ESMTP helo=<${r.pick(['localhost', 'User', 'mail.example.net'])}>`,
      `${syslogTime(d)} ${host} postfix/qmgr[${r.int(1000, 9999)}]: ${q}: from=<wordpress@${ctx.domain}>, size=${r.int(800, 90000)}, nrcpt=1 (queue active)`,
      `${syslogTime(d)} ${host} dovecot: imap-login: Login: user=<info@${ctx.domain}>, method=PLAIN, rip=${ip(r)}, lip=${ip(r)}, mpid=${r.int(1000, 99999)}, TLS, session=<${alnum(r, 16, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/')}>`,
      `${syslogTime(d)} ${host} dovecot: auth: passwd-file(${rcpt},${ip(r)}): unknown user`,
      `${syslogTime(d)} ${host} postfix/cleanup[${r.int(1000, 99999)}]: ${q}: message-id=<${hexN(r, 24)}@${ctx.domain}>`,
      `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${hms(d)} ${alnum(r, 6, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}-${alnum(r, 6, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}-${alnum(r, 2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')} ** ${rcpt} R=dnslookup T=remote_smtp H=${r.pick(['mx.mail.ru', 'aspmx.l.google.com'])} [${ip(r)}]: SMTP error from remote mail server after RCPT TO:<${rcpt}>: 550 5.1.1 user unknown`,
    ]));
  }
  return out.join('\n');
};

const phpTrace: Paste = (ctx, n) => {
  const { r } = ctx;
  const base = `/var/www/vhosts/${ctx.domain}/httpdocs`;
  const head = r.pick([
    `PHP Fatal error:  Uncaught Error: Call to undefined function ${r.pick(['create_function', 'mysql_connect', 'each', 'get_magic_quotes_gpc'])}() in ${base}/wp-content/${r.pick(['themes/avada-child', 'plugins/revslider', 'plugins/old-gallery'])}/functions.php:${r.int(10, 800)}`,
    `Fatal error: Uncaught PDOException: SQLSTATE[HY000] [1045] Access denied for user 'wp_${alnum(r, 5, 'abcdefghijklmnopqrstuvwxyz')}'@'localhost' (using password: YES) in ${base}/vendor/illuminate/database/Connectors/Connector.php:${r.int(40, 90)}`,
    `PHP Fatal error:  Uncaught TypeError: count(): Argument #1 ($value) must be of type Countable|array, null given in ${base}/wp-content/plugins/${r.pick(['woocommerce-pdf-invoices', 'wp-mail-smtp', 'nextgen-gallery'])}/src/Plugin.php:${r.int(100, 1500)}`,
    `Symfony\\Component\\ErrorHandler\\Error\\FatalError: Maximum execution time of 30 seconds exceeded in ${base}/vendor/guzzlehttp/guzzle/src/Handler/CurlHandler.php:${r.int(20, 60)}`,
  ]);
  const out = [head, 'Stack trace:'];
  const files = ['wp-includes/class-wp-hook.php', 'wp-includes/plugin.php', 'wp-settings.php', 'wp-config.php', 'wp-load.php', 'wp-blog-header.php', 'index.php', 'vendor/laravel/framework/src/Illuminate/Pipeline/Pipeline.php', 'wp-includes/template-loader.php'];
  const fns = ['WP_Hook->apply_filters()', 'WP_Hook->do_action()', 'do_action()', "require_once('...')", "require('...')", 'Illuminate\\Pipeline\\Pipeline->Illuminate\\Pipeline\\{closure}(Object(Illuminate\\Http\\Request))', 'include()', 'call_user_func_array()'];
  for (let i = 0; i < n; i++) out.push(`#${i} ${base}/${r.pick(files)}(${r.int(10, 400)}): ${r.pick(fns)}`);
  out.push(`#${n} {main}`, `  thrown in ${base}/${r.pick(files)} on line ${r.int(10, 400)}`);
  return out.join('\n');
};

const digOutput: Paste = (ctx, _n) => {
  const { r } = ctx;
  const type = r.pick(['A', 'MX', 'NS', 'TXT']);
  const ans: string[] = [];
  for (let i = 0; i < r.int(1, 4); i++) {
    const ttl = r.pick([300, 3600, 14400, 86400]);
    ans.push(type === 'A' ? `${ctx.domain}.\t\t${ttl}\tIN\tA\t${ip(r)}`
      : type === 'MX' ? `${ctx.domain}.\t\t${ttl}\tIN\tMX\t${(i + 1) * 10} mx${i + 1}.${r.pick(['hostnorth.example', 'webwerk-hosting.example', ctx.domain])}.`
        : type === 'NS' ? `${ctx.domain}.\t\t${ttl}\tIN\tNS\tns${i + 1}.${r.pick(['domaindesk.example', 'hostplus.example', 'cloudflare.com'])}.`
          : `${ctx.domain}.\t\t${ttl}\tIN\tTXT\t"${r.pick(['v=spf1 a mx include:_spf.google.com ~all', `google-site-verification=${alnum(r, 43, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-')}`, 'v=DMARC1; p=none; rua=mailto:dmarc@' + ctx.domain])}"`);
  }
  return [
    `$ dig ${type} ${ctx.domain}`, '', `; <<>> DiG 9.18.${r.int(1, 24)}-0ubuntu0.22.04.1-Ubuntu <<>> ${type} ${ctx.domain}`, ';; global options: +cmd', ';; Got answer:',
    `;; ->>HEADER<<- opcode: QUERY, status: ${r.pick(['NOERROR', 'NOERROR', 'NXDOMAIN', 'SERVFAIL'])}, id: ${r.int(1, 65535)}`, `;; flags: qr rd ra; QUERY: 1, ANSWER: ${ans.length}, AUTHORITY: 0, ADDITIONAL: 1`, '',
    ';; QUESTION SECTION:', `;${ctx.domain}.\t\t\tIN\t${type}`, '', ';; ANSWER SECTION:', ...ans, '',
    `;; Query time: ${r.int(1, 300)} msec`, `;; SERVER: ${r.pick(['127.0.0.53#53(127.0.0.53) (UDP)', '8.8.8.8#53(8.8.8.8) (UDP)', '1.1.1.1#53(1.1.1.1) (UDP)'])}`, `;; WHEN: ${DAYS_EN[ctx.time.getUTCDay()]} ${MONTHS_EN[ctx.time.getUTCMonth()]} ${pad(ctx.time.getUTCDate())} ${hms(ctx.time)} UTC ${ctx.time.getUTCFullYear()}`, `;; MSG SIZE  rcvd: ${r.int(50, 400)}`,
  ].join('\n');
};

const pingTrace: Paste = (ctx, n) => {
  const { r } = ctx;
  const target = ip(r);
  if (r.chance(0.5)) {
    const out = [`$ ping -c ${n} ${ctx.domain}`, `PING ${ctx.domain} (${target}) 56(84) bytes of data.`];
    for (let i = 1; i <= n; i++) out.push(r.chance(0.15) ? `Request timeout for icmp_seq ${i}` : `64 bytes from ${target}: icmp_seq=${i} ttl=${r.int(48, 58)} time=${r.int(8, 90)}.${r.int(0, 9)} ms`);
    out.push('', `--- ${ctx.domain} ping statistics ---`, `${n} packets transmitted, ${n - r.int(0, 2)} received, ${r.pick(['0', '10', '20'])}% packet loss, time ${n * 1000 + r.int(1, 99)}ms`, `rtt min/avg/max/mdev = ${r.int(8, 20)}.${r.int(100, 999)}/${r.int(20, 40)}.${r.int(100, 999)}/${r.int(40, 90)}.${r.int(100, 999)}/${r.int(1, 9)}.${r.int(100, 999)} ms`);
    return out.join('\n');
  }
  const out = [`C:\\Users\\${ctx.customer.first}>tracert ${ctx.domain}`, '', `Tracing route to ${ctx.domain} [${target}]`, 'over a maximum of 30 hops:', ''];
  const hops = Math.min(n, 18);
  for (let i = 1; i <= hops; i++) {
    if (r.chance(0.12)) { out.push(`${String(i).padStart(3)}     *        *        *     Request timed out.`); continue; }
    const ms = (): string => `${r.int(1, 80)} ms`.padStart(6);
    out.push(`${String(i).padStart(3)}  ${ms()}  ${ms()}  ${ms()}  ${i === 1 ? '192.168.1.1' : i === hops ? target : r.chance(0.5) ? `${r.pick(['ae1', 'xe-0-0-1', 'be10'])}.${r.pick(['fra', 'ams', 'lon', 'msk'])}${r.int(1, 9)}.${r.pick(['core.example-transit.net', 'ix.example-carrier.net'])} [${ip(r)}]` : ip(r)}`);
  }
  out.push('', 'Trace complete.');
  return out.join('\n');
};

const dfTop: Paste = (ctx, n) => {
  const { r } = ctx;
  if (r.chance(0.5)) {
    const rows = [
      `Filesystem      Size  Used Avail Use% Mounted on`,
      `udev            ${r.int(1, 8)}.${r.int(0, 9)}G     0  ${r.int(1, 8)}.${r.int(0, 9)}G   0% /dev`,
      `tmpfs           ${r.int(200, 800)}M  ${r.int(1, 9)}.${r.int(0, 9)}M  ${r.int(200, 800)}M   1% /run`,
      `/dev/${r.pick(['vda1', 'sda1', 'nvme0n1p2', 'mapper/vg0-root'])}       ${r.int(20, 200)}G  ${r.int(18, 199)}G  ${r.int(0, 900)}M ${r.int(95, 100)}% /`,
      `tmpfs           ${r.int(1, 8)}.${r.int(0, 9)}G     0  ${r.int(1, 8)}.${r.int(0, 9)}G   0% /dev/shm`,
      `/dev/${r.pick(['vdb', 'sdb1'])}        ${r.int(100, 900)}G  ${r.int(10, 500)}G  ${r.int(50, 400)}G  ${r.int(10, 80)}% /var/www/vhosts`,
      `/dev/loop${r.int(0, 9)}       ${r.int(40, 90)}M   ${r.int(40, 90)}M     0 100% /snap/core20/${r.int(1000, 2300)}`,
    ];
    return `[root@${r.pick(['srv', 'vps', 'host'])}${r.int(1, 99)} ~]# df -h\n${rows.join('\n')}`;
  }
  const d = ctx.time;
  const rows = [
    `top - ${hms(d)} up ${r.int(1, 300)} days, ${r.int(0, 23)}:${pad(r.int(0, 59))},  ${r.int(1, 4)} users,  load average: ${r.int(2, 40)}.${pad(r.int(0, 99))}, ${r.int(2, 30)}.${pad(r.int(0, 99))}, ${r.int(1, 20)}.${pad(r.int(0, 99))}`,
    `Tasks: ${r.int(150, 600)} total,   ${r.int(1, 30)} running, ${r.int(100, 500)} sleeping,   0 stopped,   ${r.int(0, 3)} zombie`,
    `%Cpu(s): ${r.int(40, 98)}.${r.int(0, 9)} us,  ${r.int(1, 20)}.${r.int(0, 9)} sy,  0.0 ni,  ${r.int(0, 40)}.${r.int(0, 9)} id,  ${r.int(0, 30)}.${r.int(0, 9)} wa,  0.0 hi,  0.${r.int(0, 9)} si,  0.0 st`,
    `MiB Mem :   ${r.int(1900, 32000)}.${r.int(0, 9)} total,    ${r.int(50, 900)}.${r.int(0, 9)} free,   ${r.int(1500, 30000)}.${r.int(0, 9)} used,    ${r.int(100, 2000)}.${r.int(0, 9)} buff/cache`,
    `MiB Swap:   ${r.int(0, 4096)}.0 total,      ${r.int(0, 100)}.${r.int(0, 9)} free,   ${r.int(0, 4000)}.${r.int(0, 9)} used.    ${r.int(50, 900)}.${r.int(0, 9)} avail Mem`,
    '',
    '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
  ];
  for (let i = 0; i < Math.min(n, 25); i++) {
    rows.push(`${String(r.int(300, 99999)).padStart(7)} ${r.pick(['www-data', 'mysql', 'root', 'psaadm', ctx.domain.split('.')[0]!.slice(0, 8), 'nginx', 'apache']).padEnd(9)} 20   0 ${String(r.int(100000, 3000000)).padStart(7)} ${String(r.int(10000, 900000)).padStart(6)} ${String(r.int(5000, 60000)).padStart(6)} ${r.pick(['S', 'R', 'D'])} ${String(r.int(0, 99)).padStart(4)}.${r.int(0, 9)}  ${String(r.int(0, 30)).padStart(4)}.${r.int(0, 9)} ${String(r.int(0, 900)).padStart(5)}:${pad(r.int(0, 59))}.${pad(r.int(0, 99))} ${r.pick(['php-fpm: pool ' + ctx.domain, 'mysqld', 'nginx: worker process', 'httpd', 'clamd', 'spamd child', 'lsphp', 'dovecot/imap'])}`);
  }
  return rows.join('\n');
};

const nginxConf: Paste = (ctx, _n) => {
  const { r } = ctx;
  return [
    'server {',
    '    listen 443 ssl http2;',
    `    server_name ${ctx.domain} www.${ctx.domain};`,
    `    root /var/www/${ctx.domain}/public;`,
    '    index index.php index.html;',
    `    ssl_certificate /etc/letsencrypt/live/${ctx.domain}/fullchain.pem;`,
    `    ssl_certificate_key /etc/letsencrypt/live/${ctx.domain}/privkey.pem;`,
    `    client_max_body_size ${r.pick(['8M', '64M', '128M'])};`,
    '',
    '    location / {',
    '        try_files $uri $uri/ /index.php?$args;',
    '    }',
    '',
    '    location ~ \\.php$ {',
    '        include fastcgi_params;',
    `        fastcgi_pass unix:/run/php/php${r.pick(PHP_VERSIONS)}-fpm.sock;`,
    '        fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;',
    `        fastcgi_read_timeout ${r.pick([60, 120, 300])};`,
    '    }',
    '',
    '    location ~* \\.(jpg|jpeg|png|gif|css|js|woff2)$ {',
    '        expires 30d;',
    '        access_log off;',
    '    }',
    '}',
  ].join('\n');
};

const htaccess: Paste = (ctx, _n) => {
  const { r } = ctx;
  return [
    '# BEGIN WordPress',
    '<IfModule mod_rewrite.c>',
    'RewriteEngine On',
    r.chance(0.5) ? `RewriteCond %{HTTPS} off\nRewriteRule ^(.*)$ https://%{HTTP_HOST}%{REQUEST_URI} [L,R=301]` : `RewriteCond %{HTTP_HOST} ^${ctx.domain.replace(/\./g, '\\.')} [NC]\nRewriteRule ^(.*)$ https://www.${ctx.domain}/$1 [L,R=301]`,
    'RewriteBase /',
    'RewriteRule ^index\\.php$ - [L]',
    'RewriteCond %{REQUEST_FILENAME} !-f',
    'RewriteCond %{REQUEST_FILENAME} !-d',
    'RewriteRule . /index.php [L]',
    '</IfModule>',
    '# END WordPress',
    '',
    `php_value upload_max_filesize ${r.pick(['32M', '64M', '256M'])}`,
    `php_value memory_limit ${r.pick(['256M', '512M'])}`,
    '<Files xmlrpc.php>',
    '  Require all denied',
    '</Files>',
  ].join('\n');
};

const zoneLines: Paste = (ctx, _n) => {
  const { r } = ctx;
  const a = ip(r);
  const serial = `${ctx.time.getUTCFullYear()}${pad(ctx.time.getUTCMonth() + 1)}${pad(ctx.time.getUTCDate())}${pad(r.int(1, 9))}`;
  return [
    `$TTL ${r.pick([3600, 86400])}`,
    `@\tIN\tSOA\tns1.${ctx.brand.site}. hostmaster.${ctx.brand.site}. (${serial} 10800 3600 604800 10800)`,
    `@\tIN\tNS\tns1.${ctx.brand.site}.`,
    `@\tIN\tNS\tns2.${ctx.brand.site}.`,
    `@\tIN\tA\t${a}`,
    `www\tIN\tCNAME\t${ctx.domain}.`,
    `mail\tIN\tA\t${a}`,
    r.chance(0.5) ? `ftp\tIN\tA\t${a}` : `@\tIN\tAAAA\t${ipv6(r)}`,
    `@\tIN\tMX\t10 mail.${ctx.domain}.`,
    `@\tIN\tTXT\t"v=spf1 +a +mx +ip4:${a} ${r.pick(['include:spf.protection.outlook.com ', 'include:_spf.google.com ', ''])}~all"`,
    `_dmarc\tIN\tTXT\t"v=DMARC1; p=${r.pick(['none', 'quarantine'])}; rua=mailto:dmarc@${ctx.domain}"`,
    `default._domainkey\tIN\tTXT\t"v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQ${alnum(r, 120, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')}IDAQAB"`,
  ].join('\n');
};

const cronOrCertbot: Paste = (ctx, n) => {
  const { r } = ctx;
  const out = [`Saving debug log to /var/log/letsencrypt/letsencrypt.log`, `Processing /etc/letsencrypt/renewal/${ctx.domain}.conf`, `Renewing an existing certificate for ${ctx.domain} and www.${ctx.domain}`, '', 'Certbot failed to authenticate some domains (authenticator: webroot). The Certificate Authority reported these problems:', `  Domain: www.${ctx.domain}`, `  Type:   ${r.pick(['unauthorized', 'dns', 'connection'])}`, `  Detail: ${r.pick([`${ip(r)}: Invalid response from http://www.${ctx.domain}/.well-known/acme-challenge/${alnum(r, 43, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-')}: 404`, `DNS problem: NXDOMAIN looking up A for www.${ctx.domain} - check that a DNS record exists for this domain`, `${ip(r)}: Fetching http://www.${ctx.domain}/.well-known/acme-challenge/${alnum(r, 43, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-')}: Timeout during connect (likely firewall problem)`])}`, '', 'Hint: The Certificate Authority failed to download the challenge files from the temporary standalone webserver started by Certbot on port 80.'];
  for (let i = 0; i < Math.min(n, 6); i++) out.push(`${isoDate(advance(ctx, 0, 1))} ${hms(ctx.time)},${r.int(100, 999)}:DEBUG:certbot._internal.renewal:${r.pick(['Auto-renewal forced with --force-renewal...', 'no renewal failures', 'Renewal failed', 'Cert not yet due for renewal'])}`);
  return out.join('\n');
};

const PASTES: Record<string, Paste> = { apacheError, nginxError, accessLog, mailLog, phpTrace, digOutput, pingTrace, dfTop, nginxConf, htaccess, zoneLines, cronOrCertbot };
type PasteName = keyof typeof PASTES;

function pasteLines(r: SeededRandom): number {
  // most pastes are a handful of lines; a few are long (up to ~20 KB)
  const u = r.next();
  return u < 0.55 ? r.int(3, 8) : u < 0.85 ? r.int(9, 25) : u < 0.96 ? r.int(26, 60) : r.int(61, 110);
}

// ---------- customer messages by topic ----------

type Topic = 'siteDown' | 'mail' | 'ssl' | 'dns' | 'backup' | 'migration' | 'billing' | 'upgrade' | 'php' | 'wordpress' | 'disk' | 'ftp' | 'transfer' | 'slow' | 'spam' | 'cancel';
const TOPIC_WEIGHTS: ReadonlyArray<[Topic, number]> = [
  ['siteDown', 12], ['mail', 14], ['ssl', 8], ['dns', 8], ['backup', 5], ['migration', 5], ['billing', 10], ['upgrade', 5],
  ['php', 6], ['wordpress', 10], ['disk', 4], ['ftp', 4], ['transfer', 4], ['slow', 4], ['spam', 3], ['cancel', 3],
];
const TOPIC_PASTES: Record<Topic, PasteName[]> = {
  siteDown: ['apacheError', 'nginxError', 'pingTrace', 'accessLog', 'dfTop'], mail: ['mailLog', 'digOutput'], ssl: ['cronOrCertbot', 'nginxError', 'apacheError'],
  dns: ['digOutput', 'zoneLines', 'pingTrace'], backup: ['dfTop'], migration: ['htaccess', 'nginxConf', 'zoneLines'], billing: [], upgrade: ['dfTop'],
  php: ['phpTrace', 'apacheError'], wordpress: ['phpTrace', 'apacheError', 'htaccess', 'accessLog'], disk: ['dfTop'], ftp: [], transfer: ['digOutput'],
  slow: ['dfTop', 'accessLog', 'nginxError'], spam: ['mailLog', 'accessLog'], cancel: [],
};

type CustomerTemplate = (ctx: Ctx) => string;

/** A few templates per (language, topic); English covers every topic, other languages the common ones. */
const CUSTOMER: Partial<Record<Lang, Partial<Record<Topic, CustomerTemplate[]>>>> = {
  en: {
    siteDown: [
      (c) => `Our website ${c.domain} has been down since about ${hms(c.time).slice(0, 5)} this morning. Visitors get "${c.r.pick(['503 Service Unavailable', '502 Bad Gateway', 'This site can’t be reached', 'Error establishing a database connection', 'ERR_CONNECTION_TIMED_OUT'])}". We haven't changed anything on our side. This is our main shop so every hour counts, please have a look ASAP.`,
      (c) => `Hi, is there an outage? None of our sites load (${c.domain} and ${domainFor(c.r, 'en')}). The ${c.brand.panel} login page also spins forever. Your status page says all systems operational.`,
      (c) => `I'm getting a blank white page on https://${c.domain}/${c.r.pick(['wp-admin/', 'shop/', 'checkout/'])} since yesterday evening. The homepage works but anything behind login is broken. I tried clearing cache and a different browser.`,
    ],
    mail: [
      (c) => `Emails we send from info@${c.domain} are bouncing back when the recipient uses Gmail. Other recipients seem fine. Bounce message says something about DMARC. Can you check our SPF/DKIM? I pasted the bounce below.`,
      (c) => `We stopped receiving email on ${c.r.pick(['sales', 'office', 'orders', 'support'])}@${c.domain} sometime on ${localDate('en', c.time)}. People tell us their messages come back as undeliverable. Sending still works. We use Outlook on Windows 11 with IMAP.`,
      (c) => `Outlook keeps asking for my password for the mailbox ${c.customer.first.toLowerCase()}@${c.domain}. I've re-entered it maybe 20 times, webmail works fine with the same password. Server settings are mail.${c.domain}, port 993 / 465.`,
      (c) => `Our newsletter to about ${c.r.int(300, 4000)} subscribers went out yesterday and now half of our messages to customers land in spam or are rejected. Did we get blacklisted? Our server IP is ${ip(c.r)}.`,
    ],
    ssl: [
      (c) => `The Let's Encrypt certificate for ${c.domain} expired on ${localDate('en', c.time)} and the automatic renewal in ${c.brand.panel} failed. Browsers now show "Your connection is not private" (NET::ERR_CERT_DATE_INVALID). Output of the renewal below.`,
      (c) => `I bought a ${c.r.pick(['PositiveSSL', 'Sectigo DV', 'RapidSSL', 'GeoTrust QuickSSL'])} certificate (order ${orderNo(c.r)}) but the validation email never arrived. Which address does it go to? Can we use DNS validation instead?`,
    ],
    dns: [
      (c) => `I changed the nameservers for ${c.domain} to ns1.${c.brand.site} and ns2.${c.brand.site} about ${c.r.int(6, 72)} hours ago but the site still shows the old host for some people. How long does propagation take? dig output from my laptop:`,
      (c) => `Please add the following records for ${c.domain}: CNAME autodiscover -> autodiscover.outlook.com, TXT "MS=ms${c.r.int(10000000, 99999999)}" and MX 0 ${c.domain.replace(/\./g, '-')}.mail.protection.outlook.com. We're moving our email to Microsoft 365.`,
      (c) => `Subdomain shop.${c.domain} doesn't resolve. I created it in the panel yesterday. Main domain is fine.`,
    ],
    backup: [
      (c) => `Someone on our team deleted the whole ${c.r.pick(['uploads', 'products', 'blog'])} folder by accident. Can you restore ${c.domain} from the backup of ${localDate('en', new Date(c.time.getTime() - 2 * 86400000))}? Only the files please, not the database, we've had orders since then.`,
      (c) => `How often are backups taken on the ${c.r.pick(['Business', 'Pro', 'Starter Plus'])} plan and how long are they kept? I need to restore a single database table from last week.`,
    ],
    migration: [
      (c) => `We'd like to move ${c.domain} (WordPress + WooCommerce, about ${c.r.int(2, 40)} GB) from our current host to you. Do you offer free migration? The old host uses cPanel, I can give you a full backup file. We also have ${c.r.int(3, 25)} mailboxes.`,
      (c) => `Migration is done according to your email, but after switching DNS the site redirects to the old server IP in a loop. .htaccess below.`,
    ],
    billing: [
      (c) => `I was charged twice for invoice ${invoiceNo(c.r)} (${price(c.r)} EUR each) on ${localDate('en', c.time)}. Please refund the duplicate payment.`,
      (c) => `Could you send me an invoice with our company VAT number on it? Company: ${c.customer.company ?? 'Green Oak Ltd'}, VAT GB${c.r.int(100000000, 999999999)}. Order ${orderNo(c.r)}.`,
      (c) => `Why did my renewal go up from ${price(c.r)} to ${price(c.r)}? I signed up with the promo price and nobody told me it would change. Account ${c.customer.first} ${c.customer.last}, domain ${c.domain}.`,
      (c) => `My card expired and the hosting renewal for ${c.domain} failed. I've updated the card in the client area, can you retry the payment so the site isn't suspended?`,
    ],
    upgrade: [
      (c) => `We're running out of resources on the current plan (CPU limit hit several times a day according to the panel). What's the difference between ${c.r.pick(['Business and Business Pro', 'VPS S and VPS M', 'Plus and Premium'])}? Can we upgrade without downtime?`,
      (c) => `Please upgrade our subscription for ${c.domain} to the next plan and bill the difference pro rata. We need more mailboxes (currently ${c.r.int(5, 20)}).`,
    ],
    php: [
      (c) => `After you updated the server last night our site throws a fatal error. I think it's the PHP version — it was ${c.r.pick(['7.4', '8.0'])} before and now the panel shows ${c.r.pick(['8.1', '8.2', '8.3'])}. Can I switch back? Error:`,
      (c) => `How do I change the PHP version for just one subdomain (dev.${c.domain})? The main site needs PHP ${c.r.pick(PHP_VERSIONS)} but the old app on dev only works on 7.4.`,
    ],
    wordpress: [
      (c) => `After updating ${c.r.pick(['WooCommerce', 'Elementor', 'WPML', 'Yoast SEO', 'WordPress core'])} to ${version(c.r)} the admin dashboard shows "There has been a critical error on this website." Front end still works. Debug log says:`,
      (c) => `Our WordPress site got hacked, there are strange redirects to a casino page when visiting from Google on mobile. Can you scan it? I found unknown files in wp-content/uploads/${c.time.getUTCFullYear()}/ like ${alnum(c.r, 8, 'abcdefghijklmnopqrstuvwxyz')}.php.`,
      (c) => `Can't upload images in WordPress: "The uploaded file exceeds the upload_max_filesize directive in php.ini." The file is only ${c.r.int(3, 30)} MB.`,
    ],
    disk: [(c) => `The panel says we're using ${c.r.int(95, 100)}% of our disk quota but I can't find what's taking the space. Our site files are maybe 3 GB. Mail maybe? Can you tell me what's using it?`],
    ftp: [(c) => `FileZilla won't connect: "Error: Connection timed out after 20 seconds of inactivity / Could not connect to server". Host ${c.domain}, port 21, user ${c.domain.split('.')[0]}_ftp. Worked fine last week. Our office IP is ${ip(c.r)} if you have a firewall.`],
    transfer: [
      (c) => `I want to transfer ${c.domain} to you from ${c.r.pick(['GoDaddy', 'Namecheap', 'IONOS', 'OVH', 'Network Solutions'])}. I have the EPP/auth code. The transfer order ${orderNo(c.r)} has been "pending" for 6 days.`,
      (c) => `Domain ${c.domain} expired on ${localDate('en', c.time)} — we missed the renewal emails. Is it still possible to renew it? It's in the redemption period I think.`,
    ],
    slow: [(c) => `The site has become really slow over the last week, TTFB is around ${c.r.int(3, 15)} seconds according to GTmetrix. Nothing changed on our side. Could it be the server? top output from SSH below.`],
    spam: [(c) => `We received an abuse complaint forwarded by you (ticket ${c.ticket}) saying our server sends spam. We don't send any newsletters. How do we find out what is sending?`],
    cancel: [(c) => `Please cancel our hosting for ${c.domain} at the end of the current billing period (${localDate('en', c.time)}). Keep the domain, we only cancel the webspace. Thanks for the service over the years.`],
  },
  de: {
    siteDown: [
      (c) => `Guten Tag, seit heute Vormittag ist unsere Webseite ${c.domain} nicht mehr erreichbar, es kommt nur "${c.r.pick(['503 Service Unavailable', '500 Internal Server Error', 'Fehler beim Aufbau einer Datenbankverbindung'])}". Wir haben nichts geändert. Können Sie bitte nachsehen? Es ist dringend, da der Onlineshop betroffen ist.`,
      (c) => `Hallo, bei uns lädt die Seite https://www.${c.domain} extrem langsam oder gar nicht. Im ${c.brand.panel} sehe ich, dass die CPU-Auslastung dauerhaft bei 100 % liegt. Was können wir tun?`,
    ],
    mail: [
      (c) => `Hallo Support-Team, seit dem ${euDate(c.time)} kommen E-Mails an buchhaltung@${c.domain} nicht mehr an. Absender bekommen eine Fehlermeldung zurück (siehe unten). Das Postfach ist laut Panel nicht voll.`,
      (c) => `Unsere Mails an Kunden mit t-online.de Adressen werden abgelehnt. Die Fehlermeldung lautet "554 IP=${ip(c.r)} - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.)". Bitte um Hilfe.`,
    ],
    ssl: [(c) => `Das SSL-Zertifikat für ${c.domain} ist abgelaufen und die automatische Verlängerung über Let's Encrypt hat nicht funktioniert. Im Browser erscheint eine Sicherheitswarnung. Bitte prüfen Sie das.`],
    dns: [(c) => `Wir haben die Domain ${c.domain} vor zwei Tagen auf Ihre Nameserver umgestellt, aber die Seite zeigt teilweise noch den alten Anbieter. Wie lange dauert das noch? Anbei die Ausgabe von dig.`],
    billing: [
      (c) => `Sehr geehrte Damen und Herren, in der Rechnung ${invoiceNo(c.r)} vom ${euDate(c.time)} wurde uns das Paket "${c.r.pick(['Webhosting Business', 'Managed Server M', 'Mail Pro'])}" doppelt berechnet. Bitte korrigieren Sie die Rechnung und erstatten Sie den Differenzbetrag.`,
      (c) => `Bitte stellen Sie die Rechnungsadresse um auf: ${c.customer.company ?? 'Weber Consulting GmbH'}, ${c.r.pick(['Hauptstraße', 'Bahnhofstraße', 'Lindenweg'])} ${c.r.int(1, 120)}, ${c.r.int(10000, 99999)} ${c.r.pick(['München', 'Köln', 'Hamburg', 'Leipzig', 'Graz', 'Zürich'])}. USt-IdNr. DE${c.r.int(100000000, 999999999)}.`,
    ],
    wordpress: [(c) => `Nach dem Update auf WordPress ${version(c.r)} erscheint nur noch "Es gab einen kritischen Fehler auf deiner Website". Ich komme auch nicht mehr ins Backend. Fehlerlog:`],
    php: [(c) => `Wie kann ich im Plesk die PHP-Version für ${c.domain} auf ${c.r.pick(['8.2', '8.3'])} umstellen? Die Option ist bei mir ausgegraut.`],
    backup: [(c) => `Können Sie bitte die Datenbank von ${c.domain} aus der Sicherung vom ${euDate(new Date(c.time.getTime() - 86400000))} wiederherstellen? Ein Plugin-Update hat die Tabellen beschädigt.`],
    upgrade: [(c) => `Wir möchten von unserem aktuellen Tarif auf den nächstgrößeren wechseln. Geht das ohne Ausfallzeit und wird anteilig abgerechnet? Kundennummer ${c.r.int(10000, 999999)}.`],
  },
  ru: {
    siteDown: [
      (c) => `Здравствуйте! С утра не открывается сайт ${c.domain}, выдаёт ошибку ${c.r.pick(['502 Bad Gateway', '504 Gateway Time-out', '500 Internal Server Error'])}. Ничего не меняли. Посмотрите, пожалуйста, это срочно — у нас интернет-магазин.`,
      (c) => `Добрый день. Панель ${c.brand.panel} не открывается, сайт тоже лежит. Пинг до сервера ${ip(c.r)} идёт с потерями. Что случилось?`,
    ],
    mail: [(c) => `Здравствуйте, письма с ящика info@${c.domain} не доходят до адресатов на mail.ru и yandex.ru, попадают в спам или возвращаются. Проверьте, пожалуйста, настройки SPF и DKIM. Лог ниже.`],
    ssl: [(c) => `Добрый день! Не выпускается сертификат Let's Encrypt для ${c.domain}, в ISPmanager ошибка "Ошибка проверки домена". DNS указывают на ваш сервер.`],
    billing: [
      (c) => `Добрый день. Оплатили счёт ${invoiceNo(c.r)} от ${euDate(c.time)} на сумму ${c.r.int(500, 20000)} руб., но услуга до сих пор не продлена. Платёжное поручение № ${c.r.int(100, 9999)} приложил.`,
      (c) => `Пришлите, пожалуйста, закрывающие документы (акт и счёт-фактуру) за ${c.r.pick(['октябрь', 'ноябрь', 'III квартал'])} для ООО «${c.customer.company ?? 'Ромашка'}», ИНН ${c.r.int(1000000000, 9999999999)}.`,
    ],
    dns: [(c) => `Сменил NS для домена ${c.domain} на ns1.${c.brand.site} и ns2.${c.brand.site} двое суток назад, но dig показывает старые записи. Это нормально?`],
    php: [(c) => `После смены версии PHP на ${c.r.pick(['8.1', '8.2'])} сайт на Bitrix выдаёт белый экран. Как вернуть 7.4 только для этого сайта?`],
  },
  es: {
    siteDown: [(c) => `Hola, desde esta mañana la web ${c.domain} no carga, aparece "${c.r.pick(['Error 500', '503 Service Unavailable', 'Error al establecer la conexión con la base de datos'])}". No hemos tocado nada. ¿Podéis revisarlo, por favor? Es urgente.`],
    mail: [(c) => `Buenas tardes, no recibimos correos en ventas@${c.domain} desde el ${localDate('es', c.time)}. Los clientes dicen que les rebotan. ¿Podéis mirar qué pasa?`],
    billing: [(c) => `Hola, necesito la factura ${invoiceNo(c.r)} a nombre de ${c.customer.company ?? 'Servicios Romero S.L.'}, CIF B${c.r.int(10000000, 99999999)}. La que recibí está a mi nombre personal.`],
    wordpress: [(c) => `Después de actualizar los plugins de WordPress, la página muestra "Ha habido un error crítico en esta web". ¿Podéis restaurar la copia de ayer?`],
  },
  it: {
    siteDown: [(c) => `Buongiorno, il sito ${c.domain} non è raggiungibile da ieri sera (errore ${c.r.pick(['502', '503', '500'])}). Potete verificare? Grazie.`],
    mail: [(c) => `Salve, le email inviate da info@${c.domain} finiscono nello spam dei clienti Gmail. Potete controllare i record SPF e DKIM?`],
    billing: [(c) => `Buongiorno, avrei bisogno della fattura elettronica per l'ordine ${orderNo(c.r)}, P.IVA IT${c.r.int(10000000000, 99999999999)}, codice SDI ${alnum(c.r, 7, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}.`],
  },
  pt: {
    siteDown: [(c) => `Olá, o site ${c.domain} está fora do ar desde as ${hms(c.time).slice(0, 5)}, aparece "${c.r.pick(['Erro 500', '503 Service Unavailable', 'Erro ao estabelecer conexão com o banco de dados'])}". Podem verificar com urgência?`],
    mail: [(c) => `Bom dia, não consigo enviar e-mails pelo Outlook, dá erro de autenticação SMTP. Conta contato@${c.domain}, porta 587.`],
    billing: [(c) => `Boa tarde, fiz o pagamento do boleto da fatura ${invoiceNo(c.r)} no dia ${localDate('pt', c.time)} mas o sistema ainda mostra em aberto. Segue comprovante.`],
  },
  nl: {
    siteDown: [(c) => `Goedemorgen, onze website ${c.domain} is sinds vannacht niet bereikbaar (${c.r.pick(['502 Bad Gateway', 'time-out', '500 fout'])}). Kunnen jullie kijken wat er aan de hand is?`],
    mail: [(c) => `Hallo, sinds de verhuizing komen e-mails aan info@${c.domain} niet meer binnen. Verzenden werkt wel. Wat moeten we aanpassen in de DNS?`],
    billing: [(c) => `Ik zie twee afschrijvingen voor factuur ${invoiceNo(c.r)}. Willen jullie één terugstorten? Klantnummer ${c.r.int(10000, 999999)}.`],
  },
  fr: {
    siteDown: [(c) => `Bonjour, notre site ${c.domain} affiche une erreur ${c.r.pick(['500', '503', '504'])} depuis ce matin. Nous n'avons rien modifié. Pouvez-vous regarder rapidement ? Merci.`],
    ssl: [(c) => `Bonjour, le certificat SSL de ${c.domain} a expiré et le renouvellement automatique a échoué. Les visiteurs voient un avertissement de sécurité.`],
    billing: [(c) => `Bonjour, pourriez-vous m'envoyer la facture ${invoiceNo(c.r)} avec notre numéro de TVA intracommunautaire FR${c.r.int(10, 99)}${c.r.int(100000000, 999999999)} ? Merci d'avance.`],
  },
  pl: {
    siteDown: [(c) => `Dzień dobry, strona ${c.domain} nie działa od rana, pojawia się błąd ${c.r.pick(['500', '503'])}. Proszę o pilną pomoc.`],
    mail: [(c) => `Dzień dobry, poczta na biuro@${c.domain} nie przychodzi od ${localDate('pl', c.time)}. Czy coś się zmieniło na serwerze?`],
  },
  tr: {
    siteDown: [(c) => `Merhaba, ${c.domain} sitemiz sabahtan beri açılmıyor, ${c.r.pick(['500', '503'])} hatası veriyor. Acil destek rica ediyorum.`],
    billing: [(c) => `Merhaba, ${invoiceNo(c.r)} numaralı faturanın ödemesini yaptım ama hizmet hâlâ askıda görünüyor. Kontrol edebilir misiniz?`],
  },
};

const FOLLOWUPS: Record<Lang, ((c: Ctx) => string)[]> = {
  en: [
    (c) => `Thanks, that worked! The site is back up.`,
    (c) => `Still not working, sorry. Same error as before. I did what you said (cleared the cache and restarted PHP-FPM from the panel) at ${hms(c.time).slice(0, 5)}.`,
    (c) => `Any update on this? It's been ${c.r.int(2, 30)} hours now and our customers are complaining.`,
    (c) => `OK I've added the records. Can you confirm they look right?`,
    (c) => `Here is what I get now:`,
    (c) => `Great, thank you for the quick help. You can close the ticket.`,
  ],
  de: [(c) => `Vielen Dank, jetzt funktioniert es wieder.`, (c) => `Leider besteht das Problem weiterhin, gleiche Fehlermeldung. Anbei die aktuelle Ausgabe:`, (c) => `Gibt es schon Neuigkeiten? Wir warten seit ${c.r.int(2, 30)} Stunden.`],
  ru: [(c) => `Спасибо, заработало!`, (c) => `Не помогло, ошибка та же. Вот что сейчас в логе:`, (c) => `Есть новости? Сайт не работает уже ${c.r.int(2, 30)} часов.`],
  es: [(c) => `Gracias, ya funciona.`, (c) => `Sigue igual, os paso el error:`], it: [(c) => `Grazie mille, ora funziona.`, (c) => `Il problema persiste, ecco il log:`],
  pt: [(c) => `Obrigado, resolvido!`, (c) => `Continua com o mesmo erro, segue o log:`], nl: [(c) => `Bedankt, het werkt weer.`, (c) => `Helaas nog steeds hetzelfde probleem:`],
  fr: [(c) => `Merci, c'est réglé.`, (c) => `Toujours la même erreur, voici le journal :`], pl: [(c) => `Dziękuję, działa.`, (c) => `Nadal to samo, poniżej log:`],
  tr: [(c) => `Teşekkürler, sorun çözüldü.`, (c) => `Hâlâ aynı hata, log aşağıda:`],
};

// ---------- agent replies ----------

const AGENT_EN: ((c: Ctx, topic: Topic) => string)[] = [
  (c, t) => `Thank you for contacting ${c.brand.name} support. I've checked ${c.domain} and ${t === 'mail' ? 'the mail server was rejecting messages because the mailbox quota was exceeded. I increased the quota to 5 GB and the queued messages have been delivered' : 'the PHP-FPM pool for your subscription had reached its max_children limit. I restarted the service and raised pm.max_children from 5 to 20'}. Please check again and let us know if the problem returns.`,
  (c) => `To fix this, please follow these steps:\n\n1. Log in to ${c.brand.panel} at https://panel.${c.brand.site}:8443\n2. Go to Websites & Domains > ${c.domain} > PHP Settings\n3. Set "memory_limit" to 512M and "max_execution_time" to 120\n4. Click "Apply" and reload the site.\n\nIf the error persists, please send us the last 20 lines of the error log (Logs > Error log).`,
  (c) => `I can see that the DNS zone for ${c.domain} is correct on our nameservers:\n\n  ${c.domain}.  3600  IN  A  ${ip(c.r)}\n\nThe old records are still cached by some resolvers; the TTL on your previous provider was 86400 seconds, so it can take up to 24-48 hours. You can check the global state at https://dnschecker.org/#A/${c.domain}.`,
  (c) => `The bounce you pasted shows that Gmail rejected the message because the domain has a DMARC policy but the mail was not signed. I have enabled DKIM signing for ${c.domain} and added the record default._domainkey. Please allow an hour for DNS and then send a test to a Gmail address; you can check the headers for "dkim=pass".`,
  (c) => `I have restored the files of ${c.domain} from the backup taken on ${localDate('en', new Date(c.time.getTime() - 2 * 86400000))} at 03:00 UTC into the folder /httpdocs_restored_${isoDate(c.time).replace(/-/g, '')} so that nothing current is overwritten. Please review it and let us know if we should swap it with the live folder.`,
  (c) => `I've issued a refund of ${price(c.r)} EUR for the duplicate charge on invoice ${invoiceNo(c.r)}. It should appear on your statement within 5-10 business days depending on your bank. The credit note has been sent to the account email.`,
  (c) => `The certificate renewal failed because the ACME challenge under /.well-known/acme-challenge/ was redirected by a rule in your .htaccess. I added an exception and reissued the certificate; it's now valid until ${localDate('en', new Date(c.time.getTime() + 90 * 86400000))}. You may need to clear the browser cache.`,
  (c) => `Your site was hitting the CPU limit of the plan because of a large number of requests to /xmlrpc.php and /wp-login.php from ${ip(c.r)} and ${ip(c.r)} (brute-force attempts). I've blocked these addresses in the firewall and enabled fail2ban for WordPress on your subscription. Load is back to normal:`,
  (c) => `I'm escalating this to our system administrators (internal ref ${c.r.int(100000, 999999)}) as it looks like a problem on the node itself. We'll update you within 2 hours. Apologies for the inconvenience.`,
  (c) => `The domain transfer is waiting for approval at the current registrar. Please check the mailbox of the domain owner (the address in the WHOIS record) for an email from the registry and click the approval link, or ask ${c.r.pick(['GoDaddy', 'Namecheap', 'IONOS'])} to release the transfer early. Otherwise it will complete automatically after 5 days.`,
  (c) => `You can change the PHP version per domain: Websites & Domains > ${c.domain} > Hosting & DNS > PHP. Select ${c.r.pick(PHP_VERSIONS)} (FPM served by nginx) and save. Note that some older plugins are not compatible with PHP 8; the error in your log comes from a function that was removed in PHP 8.0.`,
  (c) => `The upgrade to the new plan is done and the extra resources are already active. The pro-rata difference of ${price(c.r)} EUR has been added to your next invoice. No downtime was involved.`,
];

const AGENT_OTHER: Record<Exclude<Lang, 'en'>, ((c: Ctx) => string)[]> = {
  de: [
    (c) => `vielen Dank für Ihre Nachricht. Ich habe mir ${c.domain} angesehen: Der PHP-FPM-Pool hatte das Limit max_children erreicht. Ich habe den Dienst neu gestartet und das Limit erhöht. Bitte prüfen Sie die Seite erneut.`,
    (c) => `bitte gehen Sie wie folgt vor:\n\n1. Melden Sie sich im ${c.brand.panel} an.\n2. Öffnen Sie Websites & Domains > ${c.domain} > SSL/TLS-Zertifikate.\n3. Klicken Sie auf "Neu ausstellen" bei Let's Encrypt.\n\nFalls es weiterhin nicht klappt, senden Sie uns bitte einen Screenshot der Fehlermeldung.`,
    (c) => `die Rechnung ${invoiceNo(c.r)} wurde korrigiert, die Gutschrift über ${price(c.r)} EUR erhalten Sie per E-Mail. Die Erstattung erfolgt innerhalb von 5 Werktagen.`,
  ],
  ru: [
    (c) => `спасибо за обращение. Проверили сервер: сайт ${c.domain} не открывался из-за переполнения диска (100%). Очистили старые резервные копии и логи, сейчас всё работает. Рекомендуем настроить ротацию логов.`,
    (c) => `для смены версии PHP перейдите в ISPmanager: Сайты → ${c.domain} → Изменить → Версия PHP, выберите нужную версию и сохраните. Если вариант недоступен, сообщите — включим на уровне сервера.`,
  ],
  es: [(c) => `gracias por contactarnos. Hemos revisado ${c.domain}: el límite de memoria PHP era insuficiente. Lo hemos subido a 512M y la web ya carga correctamente. Por favor, compruébelo.`],
  it: [(c) => `grazie per averci contattato. Abbiamo verificato ${c.domain}: il record SPF non includeva il nostro server di posta. L'abbiamo corretto, la propagazione DNS può richiedere fino a 24 ore.`],
  pt: [(c) => `obrigado pelo contato. Verificamos o site ${c.domain}: o certificado SSL foi reemitido e já está válido. Caso ainda veja o aviso, limpe o cache do navegador.`],
  nl: [(c) => `bedankt voor je bericht. De MX-records van ${c.domain} wezen nog naar de oude provider. We hebben ze aangepast; het kan tot 24 uur duren voordat alles is bijgewerkt.`],
  fr: [(c) => `merci pour votre message. Nous avons vérifié ${c.domain} : l'erreur venait d'un plugin incompatible avec PHP ${c.r.pick(['8.1', '8.2'])}. Nous l'avons désactivé, le site fonctionne à nouveau.`],
  pl: [(c) => `dziękujemy za zgłoszenie. Skrzynka biuro@${c.domain} przekroczyła limit miejsca. Zwiększyliśmy limit do 5 GB, poczta jest już dostarczana.`],
  tr: [(c) => `bizimle iletişime geçtiğiniz için teşekkürler. ${c.domain} için PHP bellek limiti yetersizdi, 512M olarak güncelledik. Siteniz şu an çalışıyor.`],
};

// ---------- greetings, closings, signatures, quoting, HTML ----------

const GREET: Record<Lang, (name: string) => string> = {
  en: (n) => `Hi ${n},`, de: (n) => `Hallo ${n},`, ru: (n) => `Здравствуйте, ${n}!`, es: (n) => `Hola ${n},`, it: (n) => `Gentile ${n},`,
  pt: (n) => `Olá ${n},`, nl: (n) => `Beste ${n},`, fr: (n) => `Bonjour ${n},`, pl: (n) => `Dzień dobry ${n},`, tr: (n) => `Merhaba ${n},`,
};
const GENERIC_GREET: Record<Lang, string> = {
  en: 'Hello,', de: 'Guten Tag,', ru: 'Добрый день!', es: 'Buenos días,', it: 'Buongiorno,', pt: 'Bom dia,', nl: 'Goedendag,', fr: 'Bonjour,', pl: 'Dzień dobry,', tr: 'Merhaba,',
};
const OPENS_WITH_GREETING = /^(Hi |Hi,|Hello|Hallo|Guten|Sehr geehrte|Здравствуйте|Добрый|Hola|Buen|Buon|Salve|Olá|Bom |Boa |Goedemorgen|Bonjour|Dzień|Merhaba)/u;
const SUPPORT_WORD: Record<Lang, string> = {
  en: 'support team', de: 'Support-Team', ru: 'служба поддержки', es: 'equipo de soporte', it: 'supporto', pt: 'equipe de suporte', nl: 'supportteam', fr: "l'équipe support", pl: 'zespole wsparcia', tr: 'destek ekibi',
};
const CLOSE: Record<Lang, string[]> = {
  en: ['Thanks', 'Best regards', 'Kind regards', 'Cheers', 'Thanks in advance'], de: ['Viele Grüße', 'Mit freundlichen Grüßen', 'Beste Grüße'],
  ru: ['С уважением', 'Спасибо'], es: ['Saludos', 'Un saludo', 'Gracias'], it: ['Cordiali saluti', 'Grazie'], pt: ['Atenciosamente', 'Obrigado'],
  nl: ['Met vriendelijke groet', 'Groeten'], fr: ['Cordialement', 'Bien à vous'], pl: ['Pozdrawiam', 'Z poważaniem'], tr: ['Saygılarımla', 'İyi çalışmalar'],
};
const WROTE: Record<Lang, string> = {
  en: 'wrote', de: 'schrieb', ru: 'написал(а)', es: 'escribió', it: 'ha scritto', pt: 'escreveu', nl: 'schreef', fr: 'a écrit', pl: 'napisał(a)', tr: 'yazdı',
};

function phoneFor(r: SeededRandom, lang: Lang): string {
  switch (lang) {
    case 'en': return r.pick([`+1 (${r.int(201, 989)}) 555-${pad(r.int(100, 199), 4)}`, `+44 ${r.int(20, 79)} ${r.int(1000, 9999)} ${r.int(1000, 9999)}`, `0${r.int(7000, 7999)} ${r.int(100000, 999999)}`]);
    case 'de': return r.pick([`+49 ${r.int(30, 89)} ${r.int(100000, 9999999)}`, `0${r.int(150, 179)} ${r.int(1000000, 9999999)}`, `Tel.: 0${r.int(30, 89)}/${r.int(10000, 999999)}-${r.int(0, 99)}`]);
    case 'ru': return `+7 (${r.int(900, 999)}) ${r.int(100, 999)}-${pad(r.int(0, 99))}-${pad(r.int(0, 99))}`;
    case 'es': return `+34 ${r.int(600, 699)} ${r.int(100, 999)} ${r.int(100, 999)}`;
    case 'it': return `+39 ${r.int(320, 349)} ${r.int(100, 999)} ${r.int(1000, 9999)}`;
    case 'pt': return r.pick([`+351 ${r.int(910, 969)} ${r.int(100, 999)} ${r.int(100, 999)}`, `+55 (${r.int(11, 99)}) 9${r.int(1000, 9999)}-${r.int(1000, 9999)}`]);
    case 'nl': return `+31 6 ${r.int(10000000, 99999999)}`;
    case 'fr': return `+33 ${r.int(1, 7)} ${pad(r.int(0, 99))} ${pad(r.int(0, 99))} ${pad(r.int(0, 99))} ${pad(r.int(0, 99))}`;
    case 'pl': return `+48 ${r.int(500, 799)} ${r.int(100, 999)} ${r.int(100, 999)}`;
    case 'tr': return `+90 ${r.int(500, 559)} ${r.int(100, 999)} ${pad(r.int(0, 99))} ${pad(r.int(0, 99))}`;
  }
}

function customerSignature(c: Ctx): string {
  const { r, customer, lang } = c;
  const lines = [`${customer.first} ${customer.last}`];
  if (customer.company) lines.push(customer.company);
  if (r.chance(0.6)) lines.push(r.pick([`${r.pick(['Tel', 'Phone', 'Mob', 'Tel.'])}: ${phoneFor(r, lang)}`, phoneFor(r, lang)]));
  if (r.chance(0.35)) lines.push(`${r.pick(['Main Street', 'Hauptstr.', 'ul. Lenina', 'Calle Mayor', 'Via Roma', 'Rua Augusta', 'Dorpsstraat', 'rue de la Paix', 'ul. Długa', 'Atatürk Cad.'])} ${r.int(1, 200)}, ${r.int(10000, 99999)} ${r.pick(['Springfield', 'Hannover', 'Kazan', 'Valencia', 'Bologna', 'Porto', 'Utrecht', 'Lyon', 'Kraków', 'İzmir'])}`);
  if (r.chance(0.4)) lines.push(`https://www.${c.domain}`);
  if (r.chance(0.2)) lines.push(r.pick(['Sent from my iPhone', 'Von meinem iPhone gesendet', 'Отправлено с iPhone', 'Get Outlook for Android']));
  return lines.join('\n');
}

function agentSignature(c: Ctx): string {
  return `${c.agent.first} ${c.agent.last.slice(0, 1)}.\n${c.brand.name} Support\n${c.brand.phone} · https://${c.brand.site}/support\n${c.brand.address}`;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function toHtml(c: Ctx, body: string, quoted?: { who: string; when: Date; text: string }): string {
  const paragraphs = body.split(/\n{2,}/).map((p) => p.includes('\n') && /^(\[|\d{4}[/-]|[A-Z][a-z]{2} |;|\$|#|\s{2,}|server \{)/m.test(p)
    ? `<pre style="font-family:Consolas,monospace;font-size:10pt">${escapeHtml(p)}</pre>`
    : `<p class="MsoNormal">${escapeHtml(p).replace(/\n/g, '<br>\n')}<o:p></o:p></p>`);
  const outlook = c.r.chance(0.6);
  const head = outlook
    ? `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta name="Generator" content="Microsoft Word 15 (filtered medium)"><style><!--\n/* Font Definitions */\n@font-face {font-family:"Cambria Math"; panose-1:2 4 5 3 5 4 6 3 2 4;}\n@font-face {font-family:Calibri; panose-1:2 15 5 2 2 2 4 3 2 4;}\np.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}\n--></style></head><body lang="${c.lang.toUpperCase()}" link="#0563C1" vlink="#954F72" style="word-wrap:break-word"><div class="WordSection1">`
    : `<div dir="ltr"><div>`;
  let html = `${head}\n${paragraphs.join('\n')}\n`;
  if (quoted) {
    const q = escapeHtml(quoted.text).replace(/\n/g, '<br>\n');
    html += outlook
      ? `<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>From:</b> ${escapeHtml(quoted.who)}<br><b>Sent:</b> ${quoted.when.toUTCString()}<br><b>Subject:</b> RE: [${c.brand.name}] Ticket #${c.ticket}<o:p></o:p></p></div>\n<p class="MsoNormal">${q}</p>\n`
      : `<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On ${quoted.when.toUTCString()} ${escapeHtml(quoted.who)} ${WROTE.en}:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">${q}</blockquote></div>\n`;
  }
  html += outlook ? '</div></body></html>' : '</div></div>';
  return html;
}

function quotePlain(c: Ctx, who: string, when: Date, text: string): string {
  const header = c.r.chance(0.5)
    ? `On ${localDate(c.lang, when)} ${hms(when).slice(0, 5)}, ${who} ${WROTE[c.lang]}:`
    : `-----Original Message-----\nFrom: ${who}\nSent: ${when.toUTCString()}\nSubject: Re: [${c.brand.name}] Ticket #${c.ticket}`;
  return `${header}\n${text.split('\n').map((l) => `> ${l}`).join('\n')}`;
}

// ---------- threads ----------

function pickWeighted<T>(r: SeededRandom, items: ReadonlyArray<[T, number]>): T {
  const total = items.reduce((n, [, w]) => n + w, 0);
  let u = r.next() * total;
  for (const [item, w] of items) { u -= w; if (u < 0) return item; }
  return items[items.length - 1]![0];
}

function newCtx(r: SeededRandom, start: number): Ctx {
  const lang = pickWeighted(r, LANG_WEIGHTS);
  const brand = lang === 'de' ? BRANDS[1]! : lang === 'ru' ? BRANDS[2]! : lang === 'es' ? BRANDS[5]! : lang === 'nl' ? BRANDS[4]! : r.pick(BRANDS);
  const agentLang: Lang = lang === 'de' || lang === 'ru' ? lang : 'en';
  const customer: Person = { first: r.pick(FIRST[lang]), last: r.pick(LAST[lang]) };
  if (r.chance(0.4)) customer.company = `${customer.last} ${r.pick(COMPANY_WORDS)}${r.pick(['', ' Ltd', ' GmbH', ' LLC', ' S.L.', ' B.V.', ' SARL', ' Sp. z o.o.'])}`;
  return {
    r, lang, brand, customer,
    agent: { first: r.pick(FIRST[agentLang]), last: r.pick(LAST[agentLang]) },
    domain: domainFor(r, lang),
    ticket: r.int(100000, 999999),
    time: new Date(start + r.int(0, 365 * 86400) * 1000),
  };
}

interface Message { from: 'customer' | 'agent'; plain: string; who: string; when: Date }

function customerBody(c: Ctx, topic: Topic, first: boolean): string {
  const { r, lang } = c;
  const byLang = CUSTOMER[lang] ?? {};
  const options = byLang[topic] ?? Object.values(byLang).flat();
  const parts: string[] = [];
  const opening = first || r.chance(0.3) ? r.pick(options)(c) : r.pick(FOLLOWUPS[lang])(c);
  if (r.chance(0.8) && !OPENS_WITH_GREETING.test(opening)) {
    const name = r.pick(['', '', 'support', c.agent.first]);
    parts.push(name === '' ? GENERIC_GREET[lang] : name === 'support' ? GREET[lang](SUPPORT_WORD[lang]) : GREET[lang](name));
  }
  parts.push(opening);
  if (first && r.chance(0.35)) parts.push(r.pick(['Ticket', 'Order', 'Customer ID'] as const) === 'Order' ? `Order: ${orderNo(r)}` : `${lang === 'de' ? 'Kundennummer' : lang === 'ru' ? 'Номер договора' : 'Customer ID'}: ${r.int(10000, 999999)}`);
  const pastes = TOPIC_PASTES[topic];
  if (pastes.length > 0 && r.chance(first ? 0.4 : 0.3)) parts.push(PASTES[r.pick(pastes)]!(c, pasteLines(r)));
  if (r.chance(1 / 25)) parts.push(sensitiveLine(c, false));
  parts.push(`${r.pick(CLOSE[lang])},\n${customerSignature(c)}`);
  return parts.join('\n\n');
}

function agentBody(c: Ctx, topic: Topic): string {
  const { r, lang } = c;
  const name = c.customer.first;
  const parts: string[] = [];
  if (lang === 'de' || lang === 'ru' || (lang !== 'en' && r.chance(0.5))) {
    const l = lang as Exclude<Lang, 'en'>;
    parts.push(`${GREET[l](name)}\n\n${r.pick(AGENT_OTHER[l])(c)}`);
  } else {
    parts.push(`${GREET.en(name)}\n\n${r.pick(AGENT_EN)(c, topic)}`);
  }
  const pastes = TOPIC_PASTES[topic];
  if (pastes.length > 0 && r.chance(0.2)) parts.push(PASTES[r.pick(pastes)]!(c, Math.min(pasteLines(r), 20)));
  if (r.chance(1 / 25)) parts.push(sensitiveLine(c, true));
  parts.push(`${r.pick(CLOSE[lang === 'de' || lang === 'ru' ? lang : 'en'])},\n${agentSignature(c)}`);
  return parts.join('\n\n');
}

/** One ticket thread: an opening customer message, then alternating agent/customer replies. */
function* thread(r: SeededRandom, start: number): Generator<string> {
  const c = newCtx(r, start);
  // languages without templates for a topic pick among the topics they have, so pastes match the message
  const available = TOPIC_WEIGHTS.filter(([t]) => CUSTOMER[c.lang]?.[t] !== undefined);
  const topic = pickWeighted(r, available.length > 0 ? available : TOPIC_WEIGHTS);
  const customerWho = `${c.customer.first} ${c.customer.last} <${c.customer.first.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '') || 'client'}@${c.domain}>`;
  const agentWho = `${c.agent.first} (${c.brand.name} Support) <support@${c.brand.site}>`;
  let previous: Message | undefined;
  for (let turn = 0; ; turn++) {
    const from = turn % 2 === 0 ? 'customer' : 'agent';
    advance(c, from === 'agent' ? 10 : 30, from === 'agent' ? 300 : 1800);
    const plain = from === 'customer' ? customerBody(c, topic, turn === 0) : agentBody(c, topic);
    const msg: Message = { from, plain, who: from === 'customer' ? customerWho : agentWho, when: new Date(c.time) };
    // customers' mail clients quote the previous message in most replies; agents' helpdesk replies usually not
    const quote = previous && (from === 'customer' ? r.chance(0.6) : r.chance(0.15)) ? previous : undefined;
    let text: string;
    if (from === 'customer' && r.chance(0.35)) {
      text = toHtml(c, plain, quote && { who: quote.who, when: quote.when, text: quote.plain });
    } else {
      text = quote ? `${plain}\n\n${quotePlain(c, quote.who, quote.when, quote.plain)}` : plain;
    }
    yield text;
    previous = msg;
  }
}

const START = Date.UTC(2025, 0, 1);

/** `count` single ticket comments: threads of 1-6 messages, each message one comment. */
export function ordinaryComments(count: number, seed = 15): string[] {
  const r = new SeededRandom(seed);
  const out: string[] = [];
  while (out.length < count) {
    const length = r.pick([1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 6]);
    const it = thread(r, START);
    for (let i = 0; i < length && out.length < count; i++) out.push(it.next().value as string);
  }
  return out;
}

/**
 * `count` comments of ~10 KB, each the consecutive messages of one ticket thread joined until about 10 KB
 * (cut at a line boundary, as the existing throughput bench cuts its comments to 10 KB).
 */
export function ordinaryComments10k(count: number, seed = 15, targetBytes = 10 * 1024): string[] {
  const r = new SeededRandom(seed);
  const out: string[] = [];
  while (out.length < count) {
    const it = thread(r, START);
    let comment = '';
    while (Buffer.byteLength(comment) < targetBytes) comment += (comment ? '\n\n' : '') + (it.next().value as string);
    if (comment.length > targetBytes) {
      const cut = comment.lastIndexOf('\n', targetBytes);
      comment = comment.slice(0, cut > targetBytes * 0.8 ? cut : targetBytes);
    }
    out.push(comment);
  }
  return out;
}
