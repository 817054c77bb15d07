/**
 * UI strings come from the app's Zendesk translation files (translations/*.json), bundled at
 * build time; the page picks the file by the agent's locale and falls back to English.
 */
import en from '../../../translations/en.json' with { type: 'json' };
import de from '../../../translations/de.json' with { type: 'json' };
import ru from '../../../translations/ru.json' with { type: 'json' };

type TranslationTree = { [key: string]: string | TranslationTree };

const catalogs: Record<string, TranslationTree> = {
  en: en as TranslationTree,
  de: de as TranslationTree,
  ru: ru as TranslationTree,
};

let active: TranslationTree = catalogs.en ?? {};
let activeLocale = 'en';

/** Chooses the catalog for a Zendesk locale such as `de`, `en-US`, `ru`, `pt-br`. */
export function setLocale(locale: string | undefined): string {
  const lang = (locale ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en';
  activeLocale = catalogs[lang] ? lang : 'en';
  active = catalogs[activeLocale] ?? {};
  document.documentElement.lang = activeLocale;
  return activeLocale;
}

export function currentLocale(): string {
  return activeLocale;
}

function lookup(tree: TranslationTree, path: string): string | undefined {
  let node: string | TranslationTree | undefined = tree;
  for (const part of path.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Translates `ui.<key>`, filling `{{name}}` placeholders. */
export function t(key: string, params?: Record<string, string | number>): string {
  const template = lookup(active, `ui.${key}`) ?? lookup(catalogs.en ?? {}, `ui.${key}`) ?? key;
  if (!params) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name: string) =>
    params[name] === undefined ? match : String(params[name]),
  );
}

/** Translates when the key exists, else returns `fallback` (for open vocabularies such as purposes). */
export function tOr(key: string, fallback: string): string {
  return lookup(active, `ui.${key}`) ?? lookup(catalogs.en ?? {}, `ui.${key}`) ?? fallback;
}

/** `partner_marketing_sharing` → `Partner marketing sharing`: ids the catalog lacks still read as words. */
export function humanizeId(id: string): string {
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toLocaleUpperCase(activeLocale) + words.slice(1) : id;
}

/** The label of a consent purpose: the catalog's, else the humanised id (profiles may add purposes). */
export function purposeLabel(purpose: string): string {
  return tOr(`purposes.${purpose}`, humanizeId(purpose));
}

/** The label inside a sentence ("Required (service messages)"); German keeps its nouns capitalised. */
export function purposeInSentence(purpose: string): string {
  const label = purposeLabel(purpose);
  return activeLocale === 'de' ? label : label.charAt(0).toLocaleLowerCase(activeLocale) + label.slice(1);
}

export function formatDate(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(activeLocale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(date);
}

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(activeLocale, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short',
  }).format(date);
}

/** Whole days from now until `iso` (negative when past). */
export function daysUntil(iso: string, now: Date = new Date()): number {
  return Math.round((new Date(iso).getTime() - now.getTime()) / 86_400_000);
}
