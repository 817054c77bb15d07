/**
 * A request as people name it, the same on the sidebar and the admin page: a type prefix and the
 * first six characters of its id ("ERA-5F0C1A"), instead of a UUID.
 */
import { t } from '../i18n/i18n.js';

export function requestRef(id: string, type: string): string {
  const core = id.replace(/[^a-zA-Z0-9]/g, '').replace(/^req/i, '').slice(0, 6).toUpperCase();
  return `${t(`requests.ref_prefix.${type}`)}-${core}`;
}
