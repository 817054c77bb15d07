/**
 * Server-side helper (pure string code, no DOM): puts the boot JSON into a built page before
 * `</head>`. The middleware and the test fixture server both use it, so they inject alike.
 */
import { BOOT_ELEMENT_ID, BootConfig } from '../api/contract.js';

/** JSON that is safe inside a `<script>` element: `<`, `>`, `&`, U+2028/2029 escaped. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function injectBootConfig(html: string, boot: BootConfig): string {
  const tag = `<script id="${BOOT_ELEMENT_ID}" type="application/json">${scriptSafeJson(BootConfig.parse(boot))}</script>`;
  const at = html.indexOf('</head>');
  if (at === -1) throw new Error('Built page has no </head>: rebuild with `npm run build:app`.');
  return `${html.slice(0, at)}${tag}\n${html.slice(at)}`;
}
