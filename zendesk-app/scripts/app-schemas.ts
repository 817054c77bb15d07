/**
 * Offline checks of the app package, written from Zendesk's docs, because `zcli apps:validate`
 * needs account credentials. Manifest:
 * https://developer.zendesk.com/documentation/apps/app-developer-guide/manifest/
 * Requirements: https://developer.zendesk.com/documentation/apps/app-developer-guide/apps_requirements/
 */
import { z } from 'zod';

/** Parameter types Zendesk accepts in `manifest.json`. */
export const PARAMETER_TYPES = ['text', 'password', 'checkbox', 'url', 'number', 'multiline', 'hidden', 'oauth'] as const;

/** A location URL: https, a `{{setting.x}}` template (optionally followed by a path), or a packaged `assets/` file. */
const LocationUrl = z.string().refine(
  (u) => /^https:\/\/[^\s]+$/.test(u) || /^\{\{setting\.[a-z0-9_]+\}\}(\/[^\s]*)?$/i.test(u) || /^assets\/[^\s]+$/.test(u),
  { message: 'must be an https:// URL, a {{setting.name}} template, or an assets/ path' },
);

const LocationEntry = z.union([LocationUrl, z.object({ url: LocationUrl, flexible: z.boolean().optional(), size: z.unknown().optional() }).loose()]);

export const ManifestSchema = z.object({
  name: z.string().min(1),
  author: z.object({ name: z.string().min(1), email: z.email(), url: z.url().optional() }),
  defaultLocale: z.string().min(2),
  private: z.boolean(),
  location: z.partialRecord(z.enum(['support', 'sell', 'chat', 'other']), z.record(z.string(), LocationEntry).refine((l) => Object.keys(l).length > 0, 'needs at least one location')),
  version: z.string().optional(),
  frameworkVersion: z.literal('2.0'),
  signedUrls: z.boolean().optional(),
  domainWhitelist: z.array(z.string().regex(/^(\*\.)?[a-z0-9.-]+$/i, 'must be a host name')).optional(),
  parameters: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z0-9_]+$/i, 'letters, digits and _ only'),
        type: z.enum(PARAMETER_TYPES),
        required: z.boolean().optional(),
        secure: z.boolean().optional(),
        default: z.unknown().optional(),
      }).loose(),
    )
    .optional(),
}).loose();
export type Manifest = z.infer<typeof ManifestSchema>;

const CustomFieldOption = z.object({ name: z.string().min(1), value: z.string().regex(/^[a-z0-9_]+$/, 'tag-safe: lowercase, digits and _') });

const UserField = z.discriminatedUnion('type', [
  z.object({ type: z.literal('checkbox'), key: z.string().min(1), title: z.string().min(1), description: z.string().optional(), tag: z.string().optional() }),
  z.object({ type: z.literal('dropdown'), key: z.string().min(1), title: z.string().min(1), description: z.string().optional(), custom_field_options: z.array(CustomFieldOption).min(1) }),
  z.object({ type: z.enum(['text', 'textarea', 'date', 'integer', 'decimal', 'regexp']), key: z.string().min(1), title: z.string().min(1), description: z.string().optional() }).loose(),
]);

const Condition = z.object({ field: z.string().min(1), operator: z.string().min(1), value: z.unknown() });

export const RequirementsSchema = z.object({
  user_fields: z.record(z.string(), UserField).optional(),
  ticket_fields: z.record(z.string(), z.object({ type: z.string(), title: z.string().min(1), custom_field_options: z.array(CustomFieldOption).optional() }).loose()).optional(),
  webhooks: z.record(z.string(), z.object({
    name: z.string().min(1),
    endpoint: z.string().refine((e) => /^https:\/\//.test(e) || /^\{\{setting\.[a-z0-9_]+\}\}/i.test(e), 'must be https:// or start with {{setting.name}}'),
    http_method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    request_format: z.enum(['json', 'xml', 'form_encoded']),
    status: z.enum(['active', 'inactive']),
    subscriptions: z.array(z.string()).min(1),
    authentication: z.object({ type: z.enum(['basic_auth', 'bearer_token', 'api_key']), add_position: z.literal('header'), data: z.record(z.string(), z.string()) }).optional(),
  }).loose()).optional(),
  triggers: z.record(z.string(), z.object({
    title: z.string().min(1),
    all: z.array(Condition).optional(),
    any: z.array(Condition).optional(),
    actions: z.array(z.object({ field: z.string().min(1), value: z.unknown() })).min(1),
  }).loose()).optional(),
}).loose();
export type Requirements = z.infer<typeof RequirementsSchema>;

/** Translation files: nested objects whose leaves are strings (or `{title, value}` pairs). */
export type TranslationTree = { [key: string]: string | { title?: string; value: string } | TranslationTree };
