import { BOOT_ELEMENT_ID, BootConfig } from '../api/contract.js';

/** Reads the boot JSON the middleware injected into the page (never the URL). */
export function readBootConfig(doc: Document = document): BootConfig {
  const el = doc.getElementById(BOOT_ELEMENT_ID);
  if (!el?.textContent) throw new Error(`Boot config missing: the server must inject <script id="${BOOT_ELEMENT_ID}" type="application/json">.`);
  return BootConfig.parse(JSON.parse(el.textContent));
}
