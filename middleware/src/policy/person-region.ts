/**
 * C13: where a person is, for the cross-border check. Read from the Zendesk user field
 * `pg_region`: `eea` or `non_eea`, or an ISO 3166-1 alpha-2 country code (the EU's 27 members
 * plus Iceland, Liechtenstein and Norway are the EEA). Anything else, or nothing, is unknown:
 * the product does not guess a person's region from a language or a time zone.
 */

export const REGION_USER_FIELD = 'pg_region';

export type PersonRegion = 'eea' | 'non_eea' | 'unknown';

const EEA_COUNTRIES = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'IS', 'LI', 'NO',
]);

export function personRegion(fields: Record<string, unknown> | null | undefined): PersonRegion {
  const raw = fields?.[REGION_USER_FIELD];
  if (typeof raw !== 'string') return 'unknown';
  const value = raw.trim().toLowerCase();
  if (value === 'eea' || value === 'non_eea') return value;
  if (/^[a-z]{2}$/.test(value)) return EEA_COUNTRIES.has(value.toUpperCase()) ? 'eea' : 'non_eea';
  return 'unknown';
}
