import { describe, expect, it } from 'vitest';
import { detectSensitiveData, identifyCardIssuer, passesLuhn } from '../../../middleware/src/policy/pii/index.js';

const cards = (text: string) =>
  detectSensitiveData(text).filter((f) => f.kind === 'card_number').map((f) => ({ value: text.slice(f.start, f.end), subtype: f.subtype, clause: f.clause }));

describe('card numbers (C04)', () => {
  it('C04 when a comment holds a Luhn-valid Visa number with spaces, then it is found with its exact span', () => {
    const text = 'Please charge 4111 1111 1111 1111, exp 08/27.';
    const [finding] = detectSensitiveData(text);
    expect(finding).toMatchObject({ kind: 'card_number', subtype: 'visa', clause: 'C04', start: 14, end: 33 });
    expect(finding?.confidence).toBeGreaterThan(0.9);
  });

  it('C04 when cards of every issuer appear in their usual layouts, then each is found with its issuer', () => {
    expect(cards('mc 5555-5555-5555-4444')).toEqual([{ value: '5555-5555-5555-4444', subtype: 'mastercard', clause: 'C04' }]);
    expect(cards('mc2 2223003122003222')[0]?.subtype).toBe('mastercard');
    expect(cards('Amex 3782 822463 10005 please')[0]).toMatchObject({ value: '3782 822463 10005', subtype: 'amex' });
    expect(cards('discover 6011111111111117')[0]?.subtype).toBe('discover');
    expect(cards('jcb 3530 1113 3330 0000')[0]?.subtype).toBe('jcb');
    expect(cards('diners 3056 930902 5904')[0]).toMatchObject({ value: '3056 930902 5904', subtype: 'diners' });
    expect(cards('unionpay 6250941006528599')[0]?.subtype).toBe('unionpay');
    expect(cards('maestro 6759649826438453')[0]?.subtype).toBe('maestro');
  });

  it('C04 when an expiry or a CVV follows the number in the same digit run, then the span stops at the number', () => {
    expect(cards('4111 1111 1111 1111 12/26')[0]?.value).toBe('4111 1111 1111 1111');
    expect(cards('5555 5555 5555 4444 123')[0]?.value).toBe('5555 5555 5555 4444');
    expect(cards('4111 1111 1111 1111 123 is the card and cvv')[0]?.value).toBe('4111 1111 1111 1111');
  });

  it('C04 when a Luhn-valid card sits inside a longer digit run or an identifier, then it is not reported', () => {
    expect(cards('Reference 004111111111111111 on the statement')).toEqual([]);
    expect(cards('Barcode 41111111111111111234')).toEqual([]);
    expect(cards('Invoice ref INV-4111111111111111 was issued twice')).toEqual([]);
    expect(cards('user_4111111111111111')).toEqual([]);
    expect(cards('4111111111111111_backup.zip')).toEqual([]);
    expect(cards('ID4111111111111111')).toEqual([]);
  });

  it('C04 when a number fails Luhn or lies outside every issuer range, then it is not reported', () => {
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(cards('My card 4111 1111 1111 1112 is declined')).toEqual([]);
    expect(identifyCardIssuer('7992739871300000')).toBeUndefined();
    expect(cards('Customer number 1234567812345670')).toEqual([]);
    expect(cards('Amex prefix with 16 digits 3782822463100005')).toEqual([]);
  });

  it('C04 when look-alikes appear (IBAN, phone, IMEI, tracking, EAN), then none is reported', () => {
    expect(cards('Our bank details: GB29 NWBK 6016 1331 9268 19')).toEqual([]);
    expect(cards('IBAN DE89 3704 0044 0532 0130 00')).toEqual([]);
    expect(cards('Call +49 151 2345 6789 or +86 138 0013 8000')).toEqual([]);
    expect(cards('IMEI 352099001761481')).toEqual([]);
    expect(cards('USPS tracking number 9400 1000 0000 0000 0000 00')).toEqual([]);
    expect(cards('EAN 4001092815905 is the product barcode')).toEqual([]);
  });

  it('C04 when the card is already redacted by Zendesk, then nothing is reported again', () => {
    expect(cards('Card number: ▇▇▇▇ ▇▇▇▇ ▇▇▇▇ ▇▇▇▇')).toEqual([]);
    expect(cards('Card number: [redacted]')).toEqual([]);
  });

  it('C04 when the text has astral characters before the card, then the span is in UTF-16 units', () => {
    const text = '💳💳 card 4111111111111111';
    const [f] = detectSensitiveData(text);
    expect(text.slice(f?.start, f?.end)).toBe('4111111111111111');
    expect(f?.start).toBe(text.indexOf('4111'));
  });

  it('C04 when a quoted reply wraps a card inside a group or behind "> ", "&gt; ", <br> or </p><p>, then the whole span is found', () => {
    expect(cards('> Please use my card 4111 11\n> 11 1111 1111\n> thanks')[0]?.value).toBe('4111 11\n> 11 1111 1111');
    expect(cards('>> card 41111111\r\n>> 11111111 exp 1/28')[0]?.value).toBe('41111111\r\n>> 11111111');
    expect(cards('<p>card 4111 1111<br />&gt; 1111 1111 for</p>')[0]?.value).toBe('4111 1111<br />&gt; 1111 1111');
    expect(cards('<p>Karte 4111 1111</p>\r\n<p>1111 1111</p>')[0]?.value).toBe('4111 1111</p>\r\n<p>1111 1111');
    expect(cards('card 4111111<wbr>111111111 ok')[0]?.value).toBe('4111111<wbr>111111111');
    expect(cards('card 4111&shy;1111&shy;1111&shy;1111 ok')[0]?.value).toBe('4111&shy;1111&shy;1111&shy;1111');
  });

  it('C04 when two numbers are a blank line or two line breaks apart, or behind a country code or an IBAN, then no card is joined across them', () => {
    expect(cards('Order 41111111\n\n11111111')).toEqual([]);
    expect(cards('ref 41111111<br><br>11111111')).toEqual([]);
    expect(cards('Phone: +49 4111111111111111')).toEqual([]);
    expect(cards('IBAN DE12 4111 1111 1111 1111 85')).toEqual([]);
    expect(cards('Número de seguimiento 4111111111111111')).toEqual([]);
  });

  it('C04 when a card is glued to a word in another script or after its full stop, or spaced by numeric entities, then it is found', () => {
    expect(cards('карта 4111 1111 1111 1111спасибо')[0]?.value).toBe('4111 1111 1111 1111');
    expect(cards('card 4111111111111111.Thanks, Tom')[0]?.value).toBe('4111111111111111');
    expect(cards('card 4111&#8194;1111&#x2002;1111&#12288;1111')[0]?.value).toBe('4111&#8194;1111&#x2002;1111&#12288;1111');
    expect(cards('attached 4111111111111111.pdf and 4111111111111111.Log for details')).toEqual([]);
  });

  describe('fourth pass (issue 15): networks, separators, digit forms and mail transport', () => {
    it('C04 when a card of Troy, Humo, Borica, RuPay, BC Card, UATP or Diners 39 is written, then it is found with its network', () => {
      expect(cards('Kart 9792 1234 5678 9018')[0]).toMatchObject({ value: '9792 1234 5678 9018', subtype: 'troy' });
      expect(cards('karta 9860-1234-5678-9015')[0]).toMatchObject({ value: '9860-1234-5678-9015', subtype: 'humo' });
      expect(cards('2205 1234 5678 9014')[0]).toMatchObject({ value: '2205 1234 5678 9014', subtype: 'borica' });
      expect(cards('8112 3456 7890 1239')[0]).toMatchObject({ value: '8112 3456 7890 1239', subtype: 'rupay' });
      expect(cards('9412 3456 7890 1234')[0]).toMatchObject({ value: '9412 3456 7890 1234', subtype: 'bccard' });
      expect(cards('1234 567890 12347')[0]).toMatchObject({ value: '1234 567890 12347', subtype: 'uatp' });
      expect(cards('Card: 3912 345678 9010;')[0]).toMatchObject({ value: '3912 345678 9010', subtype: 'diners' });
    });

    it('C04 when a number of a broad range (UATP 1…, BC Card 94…, RuPay 8…) is one block with no card word or expiry, then it is not reported', () => {
      expect(cards('id 123456789012347 in the log')).toEqual([]);
      expect(cards('see 9412345678901234 above')).toEqual([]);
      expect(cards('card 123456789012347')[0]?.value).toBe('123456789012347');
      expect(cards('9412345678901234 exp 12/28')[0]?.value).toBe('9412345678901234');
      expect(cards('8112345678901239 CVV 123')[0]?.value).toBe('8112345678901239');
    });

    it('C04 when groups are joined by "/", ",", "_", "+", an em dash, a minus or a full-width hyphen, then the span covers them', () => {
      for (const sep of ['/', ',', '_', '+', '\u2014', '\u2212', '\uff0d']) {
        const card = ['4111', '1111', '1111', '1111'].join(sep);
        expect(cards(`card ${card} ok`)[0]?.value, JSON.stringify(sep)).toBe(card);
      }
    });

    it('C04 when "/" or "," has spaces around it, then it lists numbers and joins no card across it', () => {
      expect(cards('4111 / 1111 / 1111 / 1111')).toEqual([]);
      expect(cards('4111, 1111, 1111, 1111')).toEqual([]);
      expect(cards('cards 4111 1111 1111 1111, 5555 5555 5555 4444').map((c) => c.value)).toEqual(['4111 1111 1111 1111', '5555 5555 5555 4444']);
      expect(cards('cards 4111111111111111/5555555555554444').map((c) => c.value)).toEqual(['4111111111111111', '5555555555554444']);
    });

    it('C04 when a card is typed in full-width digits, then it is found with its span and issuer', () => {
      expect(cards('カード番号４１１１　１１１１　１１１１　１１１１です')[0]).toMatchObject({ value: '４１１１　１１１１　１１１１　１１１１', subtype: 'visa' });
      expect(cards('card ５５５５－５５５５－５５５５－４４４４')[0]).toMatchObject({ value: '５５５５－５５５５－５５５５－４４４４', subtype: 'mastercard' });
    });

    it('C04 when a card follows a Japanese or Chinese label with no space, then it is found', () => {
      expect(cards('カード番号4111111111111111でお願いします')[0]?.value).toBe('4111111111111111');
      expect(cards('卡号4111 1111 1111 1111，谢谢')[0]?.value).toBe('4111 1111 1111 1111');
    });

    it('C04 when raw quoted-printable mail cuts a card with a soft break or encodes its spaces, then the span covers the encoding', () => {
      expect(cards('My card is 4111 1111=\r\n 1111 1111=\r\n exp')[0]?.value).toBe('4111 1111=\r\n 1111 1111');
      expect(cards('card 41=\r\n11111111111111')[0]?.value).toBe('41=\r\n11111111111111');
      expect(cards('Karte 4111=20=\r\n1111 1111 1111, danke')[0]?.value).toBe('4111=20=\r\n1111 1111 1111');
      expect(cards('Karte:=C2=A04111=C2=A01111=C2=A01111=C2=A01111')[0]?.value).toBe('4111=C2=A01111=C2=A01111=C2=A01111');
    });

    it('C04 when a card sits in a URL query string with %20 or + between groups, then the span stops at the parameter', () => {
      expect(cards('https://pay.example.com/?card=4111%201111%201111%201111&exp=1228')[0]?.value).toBe('4111%201111%201111%201111');
      expect(cards('GET /charge?pan=4111+1111+1111+1111&cvv=123')[0]?.value).toBe('4111+1111+1111+1111');
    });

    it('C04 when a whole number is read out in pairs, halves or (15 digits) threes or fives, then it is found', () => {
      expect(cards('card 41 11 11 11 11 11 11 11')[0]?.value).toBe('41 11 11 11 11 11 11 11');
      expect(cards('card 41111111 11111111 (exp 12/28)')[0]?.value).toBe('41111111 11111111');
      expect(cards('amex 378 282 246 310 005')[0]?.value).toBe('378 282 246 310 005');
      expect(cards('amex 37828 22463 10005')[0]?.value).toBe('37828 22463 10005');
    });

    it('C04 when pairs are part of a longer run (phone numbers), then no card is cut out of them', () => {
      expect(cards('Tél : 06 41 11 11 11 11 11 11 11')).toEqual([]);
      expect(cards('Tél : 06 12 34 56 78 01 23 45 67 89')).toEqual([]);
    });

    it('C04 when a numbered list item follows a card on the next line, then its number is not joined to the card', () => {
      expect(cards('1) 3912 3456 7890 10\n0) exp 12/28')[0]?.value).toBe('3912 3456 7890 10');
    });

    it('C04 when a Luhn-valid number is labelled as a gift card, voucher, licence key or activation code, then it is not reported', () => {
      expect(cards('Gift card 4111 1111 1111 1111 balance?')).toEqual([]);
      expect(cards('Voucher code 4111-1111-1111-1111')).toEqual([]);
      expect(cards('Licence key 4111111111111111')).toEqual([]);
      expect(cards('{"activation_code": "4111 1111 1111 1111"}')).toEqual([]);
    });

    it('C04 when a sentence mentions an order, invoice, account or ticket without labelling the digits with it, then the card is still found', () => {
      expect(cards('Please refund the charge on 4111 1111 1111 1111')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('Please refund 4111 1111 1111 1111, thanks')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('The order was placed with 4111 1111 1111 1111')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('pay the invoice with 4111 1111 1111 1111 please')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('Ticket: please charge 4111111111111111')[0]?.value).toBe('4111111111111111');
      expect(cards('Mein Konto ist leer, bitte 4111 1111 1111 1111 belasten')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('account holder J. Smith, 4111 1111 1111 1111')[0]?.value).toBe('4111 1111 1111 1111');
    });

    it('C04 when the label names the digits through table cells, entities, "n.º", a compound or a gift-card word, then no card is reported', () => {
      expect(cards('<td>Order number</td><td>4111 1111 1111 1111</td>')).toEqual([]);
      expect(cards('Order&nbsp;No.&nbsp;4111111111111111')).toEqual([]);
      expect(cards('Factura n.º 4111 1111 1111 1111')).toEqual([]);
      expect(cards('Auftragsnummer: 4111111111111111')).toEqual([]);
      expect(cards('carte cadeau 4111111111111111')).toEqual([]);
      expect(cards('Geschenkkarte 4111111111111111')).toEqual([]);
      expect(cards('Kreditkarte 4111111111111111')[0]?.value).toBe('4111111111111111');
    });

    it('C04 when Outlook HTML splits a card across MsoNormal paragraphs ending in <o:p></o:p>, then the span covers the markup', () => {
      const card = "4111 1111<o:p></o:p></span></p>\r\n<p class=MsoNormal><span lang=EN-US>1111 1111";
      expect(cards(`<p class=MsoNormal><span lang=EN-US>Karte ${card}<o:p></o:p></span></p>`)[0]?.value).toBe(card);
    });

    it('C04 when the CVV or expiry follows as the next CSV or slash field, then the span stops at the card', () => {
      expect(cards('4111 1111 1111 1111,123')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('J. Smith,4111111111111111,12/28,123')[0]?.value).toBe('4111111111111111');
      expect(cards('4111 1111 1111 1111/12/28/123')[0]?.value).toBe('4111 1111 1111 1111');
    });

    it('C04 when the number is glued to a card word or to "No." / "Nr." before it, then it is found; glued to other identifiers, it is not', () => {
      expect(cards('pls charge card4111111111111111')[0]?.value).toBe('4111111111111111');
      expect(cards('Kreditkarte4111 1111 1111 1111')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('карта4111111111111111')[0]?.value).toBe('4111111111111111');
      expect(cards('Kartennr.4111111111111111')[0]?.value).toBe('4111111111111111');
      expect(cards('No.4111111111111111')[0]?.value).toBe('4111111111111111');
      expect(cards('ID4111111111111111')).toEqual([]);
      expect(cards('user4111111111111111')).toEqual([]);
      expect(cards('v4.111111111111111')).toEqual([]);
      expect(cards('Order No.4111111111111111')).toEqual([]);
    });

    it('C04 when groups are joined by named dash or space entities or a twice-escaped &amp;nbsp;, then the span covers them', () => {
      for (const entity of ['&ndash;', '&mdash;', '&minus;', '&hyphen;', '&hairsp;', '&numsp;', '&ZeroWidthSpace;', '&amp;nbsp;']) {
        const card = ['4111', '1111', '1111', '1111'].join(entity);
        expect(cards(`<p>card ${card}</p>`)[0]?.value, entity).toBe(card);
      }
      expect(cards('<p>card 4111&ndash;&ndash;1111&ndash;1111&ndash;1111</p>')).toEqual([]);
    });

    it('C04 when a card starts the line after a phone, ticket or order number, then that number does not swallow it', () => {
      expect(cards('Tel: +49 30 1234567\n4111 1111 1111 1111')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('Ticket 4410291\n4111 1111 1111 1111')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('Order 12345678\r\n4111111111111111 exp 11/27')[0]?.value).toBe('4111111111111111');
      // On the same line they are still one number.
      expect(cards('Tel: +49 4111 1111 1111 1111')).toEqual([]);
      expect(cards('Tracking: 1234 5678 4111 1111 1111 1111 9999')).toEqual([]);
    });

    it('C04 when a card is broken by a Unicode line or paragraph separator, then the span covers it', () => {
      expect(cards('Karte: 4111 1111\u20281111 1111 ok')[0]?.value).toBe('4111 1111\u20281111 1111');
      expect(cards('Karte: 4111 1111\u20291111 1111 ok')[0]?.value).toBe('4111 1111\u20291111 1111');
    });

    it('C04 when zero-width characters or soft hyphens stand between every digit, then the card is found (they are not hard-wrap cuts)', () => {
      const perDigit = [...'4111111111111111'].join('\u200b');
      expect(cards(`card ${perDigit} ok`)[0]?.value).toBe(perDigit);
      const perPair = ['41', '11', '11', '11', '11', '11', '11', '11'].join('&shy;');
      expect(cards(`<p>card ${perPair}</p>`)[0]?.value).toBe(perPair);
      // Bare line breaks are still limited: a number cut on every line is not joined.
      expect(cards('card 4\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1')).toEqual([]);
    });
  });

  describe('issue 15: card recall and precision pass', () => {
    it('C04 when the nearest label names another kind of number (payment, merchant, terminal ids, Vorgang, номер операции, NSU, kenmerk, işlem no…), then it is not a card', () => {
      for (const label of ['Payment ID: ', 'PaymentId ', 'merchant_id ', 'MID: ', 'Terminal ID=', 'TID=', 'pspReference: ', 'charge id=', 'Auth code ',
        'Vorgangsnummer=', 'Zahlungsreferenz: ', 'Verwendungszweck: ', 'Номер операции ', 'номер платежа: ', 'número de operación ', 'NSU ',
        'referência=', 'betalingskenmerk: ', 'numer transakcji=', 'işlem no ', 'referans no: ', 'ОГРНИП ', 'protocolo ', 'Händler-ID ']) {
        expect(cards(`${label}4111 1111 1111 1111`), label).toEqual([]);
        expect(cards(`${label}5555555555554444`), label).toEqual([]);
      }
      expect(cards('Card •••• 1526 declined. Payment ID 5555555555554444')).toEqual([]);
      expect(cards('<Ds_Merchant_MerchantCode>5555555555554444</Ds_Merchant_MerchantCode>')).toEqual([]);
      expect(cards('I paid with paysafecard, code 4111-1111-1111-1111')).toEqual([]);
      expect(cards('Please open ports 4111 1111 1111 1111 on the firewall.')).toEqual([]);
      expect(cards('TCP_IN = "4111,1111,1111,1111"')).toEqual([]);
      // Still cards: a card word is nearest, or the word before only asks to charge.
      expect(cards('pls charge Nr.4111 1111 1111 1111')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('Payment: please charge 4111 1111 1111 1111')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('Payment ID 998, card 4111 1111 1111 1111')[0]?.value).toBe('4111 1111 1111 1111');
    });

    it('C04 when a heading ending in ":" and a line break introduces a bulleted list, then the heading labels no item', () => {
      expect(cards('Please delete these cards from my account:\n* 4111 1111 1111 1111')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('> Tracking number:\n> 4111111111111111')).toEqual([]);
    });

    it('C04 when PayPal Payflow fields carry the card (ACCT=…&EXPDATE=…), then ACCT is the card, not an account', () => {
      expect(cards('TRXTYPE=S&TENDER=C&ACCT=5555555555554444&EXPDATE=1228&CVV2=123&AMT=19.99')[0]?.value).toBe('5555555555554444');
      expect(cards('ACCT=5555555555554444&AMT=19.99')).toEqual([]);
    });

    it('C04 when a 13-digit block stands unnamed (GTIN-13, byte counters), then it is not a card; named, it is', () => {
      expect(cards('Artikel 17: 4222222222222')).toEqual([]);
      expect(cards('eth0: RX bytes 4222222222222 (4.1 TB)')).toEqual([]);
      expect(cards('my visa 4222222222222')[0]?.value).toBe('4222222222222');
    });

    it('C04 when a clean card sits in a flattened row next to separate fields (date, phone, order number, expiry, CVV, postcode), then it is found', () => {
      const card = '4111 1111 1111 1111';
      for (const row of [`Max Mustermann 030 12345678 ${card} 12/28 123`, `07.12.2026\t${card}\t12/2028\t123`, `here: ${card} 0171 2345678`,
        `Bestellung 100234 ${card}`, `Anna Nowak\t+48 601 234 567\t${card}\t03/29`, `2024 ${card} 2028`, `${card} 2026-12-07`,
        `${card}  08/31  569  10115`, '07.12.2026 3782 822463 10005']) {
        expect(cards(row)[0]?.value, row).toBe(row.includes('3782') ? '3782 822463 10005' : card);
      }
      expect(cards('Max Mustermann 030 12345678 4111111111111111 12/28 123')[0]?.value).toBe('4111111111111111');
    });

    it('C04 when a card-like stretch continues a longer number grouped the same way (NRB, р/с, refund ARN), then it needs a card word', () => {
      expect(cards('Numer rachunku: 06 4111 1111 1111 1111 1234 5678')).toEqual([]);
      expect(cards('Dane do przelewu:\n58 1234 5678 4111 1111 1111 1111\ntytułem: faktura')).toEqual([]);
      expect(cards('р/с 4111 1111 1111 1111 1118, к/с 3010 1810 5606 5576 3515')).toEqual([]);
      expect(cards('ARN: 4111 1111 1111 1111 4094 671')).toEqual([]);
      expect(cards('Card: 4111 1111 1111 1111 4094 671')[0]?.value).toBe('4111 1111 1111 1111');
    });

    it('C04 when a card word labels a carelessly split number (a missing or stray space), then the whole Luhn-valid run is a card', () => {
      for (const value of ['4111 11111111 1111', '41111111 1111 1111', '4111 1111 11111111', '411111111111 1111', '4111 111111111111',
        '4111 1111 1111 11 11', '4111 11 11 1111 1111', '4111 1111 1 111 1111', '41111 111 1111 1111']) {
        expect(cards(`Card number: ${value}`)[0]?.value, value).toBe(value);
        expect(cards(`Reference: ${value}`), value).toEqual([]);
      }
      // Not across a slash, a date or an expiry: the layout rules decide those.
      expect(cards('numer karty: 3056 930902 5904 08/28 kod 426')[0]?.value).toBe('3056 930902 5904');
      expect(cards('my card 6011111111111117 101')[0]?.value).toBe('6011111111111117');
    });

    it('C04 when a bare three-digit CVV follows a 4-4-4-4 card and the 19 digits fail Luhn, then the 16-digit card is found', () => {
      expect(cards('my card 4111 1111 1111 1111 498')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('Visa 4111-1111-1111-1111 882 thanks')[0]?.value).toBe('4111-1111-1111-1111');
      // A "card number" label announces one 19-digit number: a mistyped card, not a card and a code.
      expect(cards('Номер карты 6762 6344 8159 2443 802 — не принимает.')).toEqual([]);
      // Unnamed, with the code set off like the groups: the 19 digits are one number.
      expect(cards('ref 4111 1111 1111 1111 498')).toEqual([]);
    });

    it('C04 when the card is glued to a number sign after a card word ("tarjeta nº4111…"), then it is found', () => {
      expect(cards('tarjeta nº4111 1111 1111 1111')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('tarjeta nº4111111111111111')[0]?.value).toBe('4111111111111111');
      expect(cards('pedido nº4111111111111111')).toEqual([]);
    });

    it('C04 when a JSON string escapes the spaces between groups (\\u00a0), then the card is found', () => {
      expect(cards('{"card": "4111\\u00a01111\\u00a01111\\u00a01111"}')[0]?.value).toBe('4111\\u00a01111\\u00a01111\\u00a01111');
      expect(cards('{"path": "C:\\\\4111\\\\1111\\\\1111\\\\1111"}')).toEqual([]);
    });

    it('C04 when Outlook spans longer than 200 characters stand between the groups, then the separator is measured without the tags', () => {
      const span = `</span><span lang=DE style='${'font-size:11.0pt;color:#1F497D;'.repeat(8)}'>`;
      expect(span.length).toBeGreaterThan(200);
      const value = `4111 1111${span}1111 1111`;
      expect(cards(`<p class=MsoNormal><span>Karte ${value}</span></p>`)[0]?.value).toBe(value);
      // A wide gap of spaces still ends the number.
      expect(cards(`Karte 4111 1111<span>${' '.repeat(250)}</span>1111 1111`)).toEqual([]);
    });

    it('C04 when a card word names groups listed with " / ", " | " or in brackets, then they are one card (the span takes in the brackets); unnamed, they are a list', () => {
      expect(cards('Card number: 4111 / 1111 / 1111 / 1111')[0]?.value).toBe('4111 / 1111 / 1111 / 1111');
      expect(cards('my visa: 4111 | 1111 | 1111 | 1111')[0]?.value).toBe('4111 | 1111 | 1111 | 1111');
      expect(cards('Kartennummer: [4111] [1111] [1111] [1111]')[0]?.value).toBe('[4111] [1111] [1111] [1111]');
      expect(cards('Please open ports 4111 / 1111 / 1111 / 1111 on the firewall.')).toEqual([]);
      expect(cards('| 4111 | 1111 | 1111 | 1111 |')).toEqual([]);
      expect(cards('[4111] [1111] [1111] [1111]')).toEqual([]);
      // Two cards side by side in table cells are still two cards.
      expect(cards('| 4111 1111 1111 1111 | 5555 5555 5555 4444 |').map((c) => c.value)).toEqual(['4111 1111 1111 1111', '5555 5555 5555 4444']);
    });

    it('C04 when a wider vocabulary of other-number labels (receipts, policies, tax and registry ids, р/с, confirmation numbers) is nearest, then it is not a card', () => {
      for (const label of ['Receipt ', 'Quittung: ', 'Versicherungsnummer ', 'Steuer-ID ', 'PESEL ', 'СНИЛС ', 'р/с ', 'к/с ', 'Confirmation number: ', 'a/c ',
        'device ID ', 'tax id ', 'Routing number ', 'Reisepass ']) {
        expect(cards(`${label}4111 1111 1111 1111`), label).toEqual([]);
      }
      // A sentence word before the colon is no label: "over the phone: 4111…", "for confirmation: 4111…".
      expect(cards('The customer read the number over the phone: 4111 1111 1111 1111 12/26')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('Here it is for confirmation: 4111 1111 1111 1111')[0]?.value).toBe('4111 1111 1111 1111');
    });

    it('C04 when an MMYY expiry group follows a card on the same separator, then it does not make the card part of a longer number', () => {
      expect(cards('4111 1111 1111 1111 0828 123')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('ref 4111 1111 1111 1111 1118 0001')).toEqual([]);
    });

    it('C04 when a voucher brand labels an earlier line or another number, then it does not suppress a card; a sentence-final word is no label', () => {
      expect(cards('paysafecard PIN: 5330 4311 1749 5835\nMaria Lopez\t4111 1111 1111 1111\t12/28')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('Flexepin voucher PIN 5397439913806550 4111 1111 1111 1111 (12/31) 959')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('Zeiterfassung speichert Fingerabdrücke der Mitarbeiter. <b>4111 1111 1111 1111</b>')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('Ref. 4111 1111 1111 1111')).toEqual([]);
    });

    it('C04 when a labelled security code group stands before a card on the same line, then it is not the start of a longer number', () => {
      expect(cards('Номер 3782 822463 10005, до 10/30, CVC 3115 4111 1111 1111 1111')[0]?.value).toBe('3782 822463 10005');
      expect(cards('Номер 3782 822463 10005, до 10/30, CVC 3115 4111 1111 1111 1111').map((c) => c.value)).toContain('4111 1111 1111 1111');
    });

    it('C04 when a named card is read out digit by digit, listed with bullets or parentheses, or glued to a number word, then it is found', () => {
      expect(cards('card 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1')[0]?.value).toBe('4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1');
      expect(cards('4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1')).toEqual([]);
      expect(cards('card (4111) (1111) (1111) (1111)')[0]?.value).toBe('(4111) (1111) (1111) (1111)');
      expect(cards('card 4111 • 1111 • 1111 • 1111')[0]?.value).toBe('4111 • 1111 • 1111 • 1111');
      expect(cards('Kartennummer4111111111111111')[0]?.value).toBe('4111111111111111');
      expect(cards('Bestellnummer4111111111111111')).toEqual([]);
      expect(cards('account=4111111111111111&exp_date=1228')[0]?.value).toBe('4111111111111111');
      expect(cards('card 4111 1111 1 111 1 111')[0]?.value).toBe('4111 1111 1 111 1 111');
    });

    it('C04 when a card sits in a pipe table row next to its expiry and CVV cells, then the span stops at the card', () => {
      expect(cards('| 6011 1111 1111 1117 | 12/28 | 123 |')[0]?.value).toBe('6011 1111 1111 1117');
      expect(cards('| 3530 1113 3330 0000 | 12/28 | 123 |')[0]?.value).toBe('3530 1113 3330 0000');
      // 6011111111111117125 passes Luhn as a 19-digit Discover: the CVV cell is still not part of the card.
      expect(cards('| 6011 1111 1111 1117 | 125 |')[0]?.value).toBe('6011 1111 1111 1117');
    });

    it('C04 when a single group of four starts the line before a card, then it is a field of its own; two such groups make a longer number', () => {
      expect(cards('Zimmer 1234 4111 1111 1111 1111')[0]?.value).toBe('4111 1111 1111 1111');
      expect(cards('Tracking: 1234 5678 4111 1111 1111 1111')).toEqual([]);
    });

    it('C04 when the spaces between groups are URL-encoded or quoted-printable thin/narrow spaces, Python \\xa0 escapes or &NonBreakingSpace;, then the card is found', () => {
      for (const sep of ['%E2%80%AF', '=E2=80=89', '%09', '\\xa0', '&NonBreakingSpace;']) {
        const value = ['4111', '1111', '1111', '1111'].join(sep);
        expect(cards(`<p>card ${value}</p>`)[0]?.value, sep).toBe(value);
      }
    });

    it('C04 when the card word comes right after a carelessly split or listed number, then it names the number too', () => {
      expect(cards('4111 11111111 1111 is my Visa')[0]?.value).toBe('4111 11111111 1111');
      expect(cards('4111 1111 1111 11 11 (credit card)')[0]?.value).toBe('4111 1111 1111 11 11');
      expect(cards('4111 / 1111 / 1111 / 1111 is the card')[0]?.value).toBe('4111 / 1111 / 1111 / 1111');
      expect(cards('Reference 4111 11111111 1111 for your card payment')).toEqual([]);
      expect(cards('4111 11111111 1111 for the invoice')).toEqual([]);
    });

    it('C04 when contract, client, consignment, PO or RMA numbers are labelled in several languages, then they are not cards', () => {
      for (const label of ['numéro de contrat ', 'número do contrato ', 'numer umowy ', 'номер клиента ', 'номер отправления ', 'PO ', 'RMA ', 'zaaknummer ', 'Zählernummer ']) {
        expect(cards(`${label}4111 1111 1111 1111`), label).toEqual([]);
      }
    });

    it('C04 when Scandinavian, Hungarian, Greek, Arabic, Hebrew or Korean card words label a careless or listed number, then it is named a card', () => {
      for (const label of ['kortnummer: ', 'kártyaszám: ', 'αριθμός κάρτας: ', 'رقم البطاقة: ', 'מספר כרטיס: ', '카드 번호: ']) {
        expect(cards(`${label}4111 11111111 1111`)[0]?.value, label).toBe('4111 11111111 1111');
      }
    });

    it('C04 when a bare Auth, Approval or Trace label names the number after a masked card, then it is not a card', () => {
      expect(cards('Card •••• 1526 declined. Auth 4111111111111111')).toEqual([]);
      expect(cards('Approval 4111 1111 1111 1111')).toEqual([]);
      expect(cards('Authorization for card 4111 1111 1111 1111')[0]?.value).toBe('4111 1111 1111 1111');
    });

    it('C04 when compound card words (Girokarte, betaalkaart, bankkort, bancomat) or brand names (Maestro, JCB, UnionPay) label a careless number, then it is named a card', () => {
      for (const label of ['Girokarte ', 'betaalkaart: ', 'bankkort: ', 'bancomat ', 'Maestro ', 'JCB: ', 'UnionPay ']) {
        expect(cards(`${label}4111 11111111 1111`)[0]?.value, label).toBe('4111 11111111 1111');
      }
    });
  });
});
