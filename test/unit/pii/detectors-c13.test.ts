import { describe, expect, it } from 'vitest';
import { detectSensitiveData } from '../../../middleware/src/policy/pii/index.js';

const secrets = (text: string): string[] =>
  detectSensitiveData(text).filter((f) => f.kind === 'credential').map((f) => text.slice(f.start, f.end));

// Round c13 (tenth session): the forms round c12 left (app passwords, old/new pairs of lines, transfer codes listed per
// domain), each written here in other words, languages and values than the dev splits hold.
describe('detector round c13, app passwords (C05)', () => {
  it.each([
    ['German, no colon', 'Outlook-Versand klappt nicht, App-Passwort qmzr tbwk hyve ldsa eingetragen, Port 465', 'qmzr tbwk hyve ldsa'],
    ['English, with a colon', 'Google app password: pnek wyrf zqdo umtl', 'pnek wyrf zqdo umtl'],
    ['Spanish, in brackets', 'La contraseña de aplicación (Gmail) es xwoq ljrt fnae pkvy.', 'xwoq ljrt fnae pkvy'],
    ['French, curly apostrophe', 'Mot de passe d’application : bfuz rkqe otnw yxai', 'bfuz rkqe otnw yxai'],
    ['Russian', 'Пароль приложения: hkvd zume oqwt ysjn — не работает', 'hkvd zume oqwt ysjn'],
    ['Turkish', 'Uygulama şifresi lrcv naeq wmdo tjyf ile denedim', 'lrcv naeq wmdo tjyf'],
    ['Italian', 'Ho creato la password per le app: zqul efmo rvka snbt', 'zqul efmo rvka snbt'],
    ['Portuguese', 'Senha de app gerada: vyto kqzb lwma redu', 'vyto kqzb lwma redu'],
    ['Dutch', 'app-wachtwoord uhsk pfaz wqeo mnyl', 'uhsk pfaz wqeo mnyl'],
  ])('when four groups of four letters follow an app-password label (%s), then they are the app password (C05)', (_how, text, value) => {
    expect(secrets(text)).toEqual([value]);
  });

  it.each([
    ['on the next line', 'Hasło aplikacji:\nxmvt ocrb uwzl jhea\nNadal błąd 535.', 'xmvt ocrb uwzl jhea'],
    ['below host and user lines', 'I created an app password as you said:\n\nSMTP: smtp.gmail.com:587\nshop@gmail.com\nrkow ncyf tauz diqp\n\nstill failing', 'rkow ncyf tauz diqp'],
    ['quoted in a reply', 'Contraseña de aplicación\n> "fyqa wodn kmte uzrl"', 'fyqa wodn kmte uzrl'],
  ])('when an app password stands alone %s after its label, then it is found (C05)', (_how, text, value) => {
    expect(secrets(text)).toEqual([value]);
  });

  it.each([
    ['a sentence about app passwords', 'You need an app password when two-step verification is on.'],
    ['four-letter words after the label', 'App password: have used this with gmail before'],
    ['prose words after the label in German', 'Das App-Passwort habe ich noch nicht erstellt'],
    ['four-letter groups with no label', 'Tags: blue grey pink gold\nqmzr tbwk hyve ldsa'],
    ['four-letter groups far below the label', 'App password instructions:\n1\n2\n3\n4\n5\n6\nqmzr tbwk hyve ldsa'],
    ['a word list on its own line below the label', 'App-Passwort?\nbitte hier eine frage noch'],
  ])('when %s, then no app password is found (C05)', (_how, text) => {
    expect(secrets(text)).toEqual([]);
  });
});

describe('detector round c13, old and new passwords on two lines (C05)', () => {
  it.each([
    ['English, with a password line before', 'FTP password changed:\nold: Meadow#2291\nnew: rT8!vqLp-04z', ['Meadow#2291', 'rT8!vqLp-04z']],
    ['German, webmail after', 'alt: Birke-Winter77x\nneu: zP4_kw!Qs9\nbeide gehen nicht im Webmail', ['Birke-Winter77x', 'zP4_kw!Qs9']],
    ['French with spaced colons and a password word before', 'Les mots de passe du compte :\nancien : Soleil!8842x\nnouveau : k9W@tbx2Lm', ['Soleil!8842x', 'k9W@tbx2Lm']],
    ['Spanish, quoted, SSH after', '> antigua: Pino$4471x\n> nueva: Hq7-plZ92!\n> ninguna entra por SSH', ['Pino$4471x', 'Hq7-plZ92!']],
    ['Portuguese, panel after', 'antiga: Cajueiro#2024\nnova: Vb3!mqTz88\nnenhuma funciona no painel cPanel', ['Cajueiro#2024', 'Vb3!mqTz88']],
    ['Dutch', 'Wachtwoord mailbox\noud: Tulp-9931x\nnieuw: gW2#rrLp5q', ['Tulp-9931x', 'gW2#rrLp5q']],
    ['Turkish', 'FTP şifresi:\neski: Deniz%5512\nyeni: Pq9_xmT4!a', ['Deniz%5512', 'Pq9_xmT4!a']],
    ['Russian', 'пароль от FTP\nстарый: Берёза_88!x\nновый: Zx7!kqPl2m', ['Берёза_88!x', 'Zx7!kqPl2m']],
    ['Polish, service after', 'stare: Lipa#2020xy\nnowe: Mk8_vtQ3!p\nżadne nie działa do panelu', ['Lipa#2020xy', 'Mk8_vtQ3!p']],
    ['Italian, FTP after', 'vecchia: Mare-2019!\nnuova: tQ5=hbW8-_x\nnon va nessuna per FTP', ['Mare-2019!', 'tQ5=hbW8-_x']],
  ])('when an old and a new password stand on two lines (%s), then both are found (C05)', (_how, text, values) => {
    expect(secrets(text)).toEqual(values);
  });

  it.each([
    ['versions', 'Please upgrade PHP.\nold version: 7.4\nnew version: 8.2'],
    ['bare versions after old/new', 'PHP update\nold: 7.4.33\nnew: 8.2.12\nthe password is unchanged'],
    ['product names with versions', 'Password reset done.\nold: Debian11\nnew: Debian12'],
    // Also a password of a word and a year alone ("Lindenbaum-2024"): read as a product and version, it is left.
    ['a word and a number each', 'FTP\nold: Lindenbaum-2024\nnew: Kastanie_2025'],
    ['alt attributes', '<img src="logo.png">\nalt: Firmenlogo\nneu: Startseite'],
    ['paths', 'FTP password folder\nold: /var/www/old\nnew: /var/www/html'],
    ['host names', 'Login moved\nold: ns1.example.com\nnew: ns2.example.net'],
    ['a pair with no password, login or service word around', 'Bestellnummer\nalt: Ab12-9931x\nneu: Cd34-7720y\nbitte ändern'],
    ['an old line without a new line', 'password\nold: Meadow#2291\nthat is all'],
    ['old and new inside prose', 'The old: Meadow#2291 and new: rT8!vqLp-04z passwords'],
  ])('when %s stand as old/new lines, then nothing is found (C05)', (_how, text) => {
    expect(secrets(text)).toEqual([]);
  });
});

describe('detector round c13, old and new passwords in one sentence (C05)', () => {
  it.each([
    ['Spanish', 'La contraseña antigua era Perro_55x y la nueva es Hq7-plZ92!.', ['Perro_55x', 'Hq7-plZ92!']],
    ['Russian, with a dash', 'Старый пароль был Kq3!zzP8, новый — Mm4_tr9Lq.', ['Kq3!zzP8', 'Mm4_tr9Lq']],
    ['French', "L'ancien mot de passe était Lz8@rtQw et le nouveau est Pn5-ekY7w.", ['Lz8@rtQw', 'Pn5-ekY7w']],
    ['Italian, the adjective after', 'La password vecchia era Tb6%pqWs e la nuova è Rk2!vvHm9.', ['Tb6%pqWs', 'Rk2!vvHm9']],
    ['German, the new value alone', 'Das alte Passwort war Gh4!wwQz, das neue ist Fv8_ppKm2.', ['Gh4!wwQz', 'Fv8_ppKm2']],
  ])('when the old and the new password are named in one sentence (%s), then both are found (C05)', (_how, text, values) => {
    expect(secrets(text)).toEqual(values);
  });

  it.each([
    ['versions', 'The old version was 7.4.33 and the new one is 8.2.12.'],
    ['plans with no password word', 'Der alte Tarif war Basic-M2x, der neue ist Premium-L4y.'],
    ['product names', 'La contraseña no cambió: el antiguo servidor era Debian11 y el nuevo es Debian12.'],
  ])('when %s are named old and new in one sentence, then nothing is found (C05)', (_how, text) => {
    expect(secrets(text)).toEqual([]);
  });
});

describe('detector round c13, transfer codes listed per domain (C05)', () => {
  it.each([
    ['arrows above an English note', 'bakery-lund.se → QW7T-ZPX2-KM4A\nbakery-lund.no → 8RTF-YY2N-LPQ1\n(EPP codes for both, thanks)', ['QW7T-ZPX2-KM4A', '8RTF-YY2N-LPQ1']],
    ['arrows above a French note', 'studio-roux.fr -> Gh7!kqP2wZ\nstudio-roux.be -> mT4#zzLq9V\n(codes de transfert pour les deux)', ['Gh7!kqP2wZ', 'mT4#zzLq9V']],
    ['a markdown table under an EPP column', '| Domain | EPP |\n|---|---|\n| garden-tools.de | J8KQ-2WZP-RT6Y |\n| garden-tools.at | (kommt noch) |', ['J8KQ-2WZP-RT6Y']],
    ['a list under an AuthCode heading', 'AuthCodes:\n- hotel-alpina.ch: Xw9$trLk2p\n- hotel-alpina.it: pQ7%mmNz4R', ['Xw9$trLk2p', 'pQ7%mmNz4R']],
    ['tab-separated rows under an Auth-Info heading', 'Domain\tAuth-Info\nkanzlei-berg.de\tUu4-Tq8#Lm2\n', ['Uu4-Tq8#Lm2']],
  ])('when codes are listed per domain near a transfer-code word (%s), then each code is found (C05)', (_how, text, values) => {
    expect(secrets(text)).toEqual(values);
  });

  it.each([
    ['domains pointing at IP addresses', 'EPP transfer checklist\nshop-nord.de → 185.23.10.4\nshop-sued.de → 185.23.10.5'],
    ['domains pointing at name servers', 'EPP codes requested:\nshop-nord.de -> ns1.hoster.net'],
    ['domains with dates and states', '| Domain | EPP |\n|---|---|\n| shop-nord.de | requested |\n| shop-sued.de | 2027-03-01 |'],
    ['a domain list with no transfer word', 'DNS records:\nshop-nord.de → Xw9$trLk2p\nshop-sued.de → pQ7%mmNz4R'],
    ['a word that only starts with "epp"', 'Eppendorf branch\nshop-nord.de → Xw9$trLk2p'],
  ])('when %s, then no transfer code is found (C05)', (_how, text) => {
    expect(secrets(text)).toEqual([]);
  });

  it.each([
    ['after a blank line', 'Der Registrar hat den Auth-Code hinterlegt, er lautet:\n\nQz7_mkP2wy\n\nGruß', 'Qz7_mkP2wy'],
    ['on the next line', 'The old host gave us the AuthInfo, here it is:\nTr8-Lmq4Zx', 'Tr8-Lmq4Zx'],
    ['under reply quote marks', '> el código de transferencia que me dieron es:\n> Wk5.hZ2!pq', 'Wk5.hZ2!pq'],
  ])('when a sentence naming the transfer code ends in a colon and the code stands alone %s, then it is found (C05)', (_how, text, value) => {
    expect(secrets(text)).toEqual([value]);
  });

  it.each([
    ['a state word with no digit', 'AuthInfo requested, the registry says:\n\nPendingTransfer'],
    ['a number alone', 'Auth code for the payment:\n\n471122'],
    ['a sentence that does not end in a colon', 'We sent the EPP code by post\nTr8-Lmq4Zx'],
  ])('when %s follows a transfer-code sentence, then nothing is found (C05)', (_how, text) => {
    expect(secrets(text)).toEqual([]);
  });
});
