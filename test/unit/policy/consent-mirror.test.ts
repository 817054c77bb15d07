import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONSENT_USER_FIELDS, consentUserFieldValues } from '../../../middleware/src/consent/consent-service.js';

interface RequiredUserField { type: string; custom_field_options?: Array<{ value: string }> }
const requirements = JSON.parse(readFileSync(new URL('../../../requirements.json', import.meta.url), 'utf8')) as { user_fields: Record<string, RequiredUserField> };

describe('consent mirrored to Zendesk user fields (C09)', () => {
  it('C09 when a purpose is granted, withdrawn or never given, then the mirror writes one of the options requirements.json gives that dropdown', () => {
    for (const [purpose, field] of Object.entries(CONSENT_USER_FIELDS)) {
      const declared = requirements.user_fields[field.key];
      expect(declared?.type, field.key).toBe('dropdown');
      const options = (declared?.custom_field_options ?? []).map((o) => o.value);
      for (const state of ['granted', 'withdrawn', 'never'] as const) {
        const written = consentUserFieldValues({ [purpose]: { state } })[field.key];
        expect(options, `${purpose} ${state}`).toContain(written);
      }
    }
  });

  it('C09 when a purpose has no state (the profile does not declare it), then its field is not written', () => {
    expect(consentUserFieldValues({ marketing: { state: 'withdrawn' } })).toEqual({ pg_consent_marketing: 'pg_marketing_withdrawn' });
  });
});
