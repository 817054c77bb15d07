/** Validates the app package offline: required files, manifest, requirements, translations, logos. */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { ManifestSchema, RequirementsSchema } from './app-schemas.js';

/** One problem, naming the file and the field. */
export interface PackageProblem {
  file: string;
  field: string;
  message: string;
}

export const REQUIRED_FILES = ['manifest.json', 'assets/logo.png', 'assets/logo-small.png', 'translations/en.json'];
export const LOGO_SIZES: Record<string, [number, number]> = { 'assets/logo.png': [320, 320], 'assets/logo-small.png': [128, 128] };
/** Locations shown in Zendesk's navigation need an SVG icon. */
const LOCATION_ICONS: Record<string, string> = { nav_bar: 'assets/icon_nav_bar.svg', top_bar: 'assets/icon_top_bar.svg' };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('ascii', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function zodProblems(file: string, error: z.ZodError): PackageProblem[] {
  return error.issues.map((issue) => ({ file, field: issue.path.length ? issue.path.join('.') : '(root)', message: issue.message }));
}

async function readJson(root: string, file: string, problems: PackageProblem[]): Promise<unknown> {
  try {
    return JSON.parse(await readFile(join(root, file), 'utf8')) as unknown;
  } catch (err) {
    problems.push({ file, field: '(file)', message: err instanceof SyntaxError ? `invalid JSON: ${err.message}` : 'cannot be read' });
    return undefined;
  }
}

function leafKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const v = value as Record<string, unknown>;
  // `{ "title": "...", "value": "..." }` is one translatable string with context for translators.
  if (typeof v.value === 'string' && Object.keys(v).every((k) => k === 'value' || k === 'title')) return [prefix];
  return Object.entries(v).flatMap(([k, child]) => leafKeys(child, prefix ? `${prefix}.${k}` : k));
}

function leafAt(tree: unknown, path: string): unknown {
  let node = tree;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Returns every problem found; an empty list means the package is valid. */
export async function validateApp(root: string): Promise<PackageProblem[]> {
  const problems: PackageProblem[] = [];
  for (const file of REQUIRED_FILES) {
    if (!existsSync(join(root, file))) problems.push({ file, field: '(file)', message: 'required file is missing' });
  }

  // Manifest
  const manifestRaw = existsSync(join(root, 'manifest.json')) ? await readJson(root, 'manifest.json', problems) : undefined;
  const manifest = manifestRaw === undefined ? null : ManifestSchema.safeParse(manifestRaw);
  if (manifest && !manifest.success) problems.push(...zodProblems('manifest.json', manifest.error));
  const parameterNames = new Set((manifest?.success ? manifest.data.parameters ?? [] : []).map((p) => p.name));
  if (manifest?.success) {
    const m = manifest.data;
    for (const [product, locations] of Object.entries(m.location)) {
      for (const [name, entry] of Object.entries(locations ?? {})) {
        const url = typeof entry === 'string' ? entry : entry.url;
        for (const match of url.matchAll(/\{\{setting\.([a-z0-9_]+)\}\}/gi)) {
          if (!parameterNames.has(match[1] ?? '')) problems.push({ file: 'manifest.json', field: `location.${product}.${name}.url`, message: `uses {{setting.${match[1]}}} but no parameter has that name` });
        }
        if (url.startsWith('assets/') && !existsSync(join(root, url.split('?')[0] ?? url))) problems.push({ file: 'manifest.json', field: `location.${product}.${name}.url`, message: `${url} is not in the package` });
        const icon = LOCATION_ICONS[name];
        if (icon && !existsSync(join(root, icon))) problems.push({ file: icon, field: '(file)', message: `the ${name} location needs this icon` });
      }
    }
    if (!existsSync(join(root, 'translations', `${m.defaultLocale}.json`))) problems.push({ file: 'manifest.json', field: 'defaultLocale', message: `translations/${m.defaultLocale}.json is missing` });
    const secureWithoutHttps = (m.parameters ?? []).filter((p) => p.secure && p.type === 'url');
    for (const p of secureWithoutHttps) problems.push({ file: 'manifest.json', field: `parameters.${p.name}`, message: 'a url parameter cannot be secure' });
  }

  // Requirements
  if (existsSync(join(root, 'requirements.json'))) {
    const raw = await readJson(root, 'requirements.json', problems);
    if (raw !== undefined) {
      const req = RequirementsSchema.safeParse(raw);
      if (!req.success) problems.push(...zodProblems('requirements.json', req.error));
      else {
        const webhookKeys = new Set(Object.keys(req.data.webhooks ?? {}));
        for (const [key, trigger] of Object.entries(req.data.triggers ?? {})) {
          trigger.actions.forEach((action, i) => {
            if (action.field !== 'notification_webhook') return;
            const value = action.value;
            if (!Array.isArray(value) || typeof value[0] !== 'string' || typeof value[1] !== 'string') {
              problems.push({ file: 'requirements.json', field: `triggers.${key}.actions.${i}.value`, message: 'must be [webhook key, JSON body]' });
              return;
            }
            if (!webhookKeys.has(value[0])) problems.push({ file: 'requirements.json', field: `triggers.${key}.actions.${i}.value.0`, message: `webhook "${value[0]}" is not declared in webhooks` });
            // Liquid tags are not JSON; the rendered body must be, so check with them removed.
            try { JSON.parse(value[1].replace(/\{%.*?%\}/g, '')); } catch { problems.push({ file: 'requirements.json', field: `triggers.${key}.actions.${i}.value.1`, message: 'body is not valid JSON' }); }
          });
        }
        const settingRefs = JSON.stringify(raw).matchAll(/\{\{setting\.([a-z0-9_]+)\}\}/gi);
        for (const match of settingRefs) {
          if (manifest?.success && !parameterNames.has(match[1] ?? '')) problems.push({ file: 'requirements.json', field: `{{setting.${match[1]}}}`, message: 'no manifest parameter has this name' });
        }
      }
    }
  }

  // Translations
  const en = existsSync(join(root, 'translations/en.json')) ? await readJson(root, 'translations/en.json', problems) : undefined;
  if (en !== undefined) {
    for (const key of ['app.name', 'app.short_description', 'app.long_description', 'app.installation_instructions']) {
      if (typeof leafAt(en, key) !== 'string') problems.push({ file: 'translations/en.json', field: key, message: 'required marketplace text is missing' });
    }
    for (const name of parameterNames) {
      if (typeof leafAt(en, `app.parameters.${name}.label`) !== 'string') problems.push({ file: 'translations/en.json', field: `app.parameters.${name}.label`, message: 'every parameter needs a label' });
    }
    const enKeys = leafKeys(en);
    const files = existsSync(join(root, 'translations')) ? (await readdir(join(root, 'translations'))).filter((f) => f.endsWith('.json') && f !== 'en.json') : [];
    for (const file of files.sort()) {
      const tr = await readJson(root, `translations/${file}`, problems);
      if (tr === undefined) continue;
      const keys = new Set(leafKeys(tr));
      for (const key of enKeys) if (!keys.has(key)) problems.push({ file: `translations/${file}`, field: key, message: 'missing (present in en.json)' });
      for (const key of keys) if (typeof leafAt(tr, key) !== 'string' && typeof (leafAt(tr, key) as { value?: unknown } | undefined)?.value !== 'string') problems.push({ file: `translations/${file}`, field: key, message: 'must be a string' });
    }
  }

  // Logos and screenshots
  for (const [file, [w, h]] of Object.entries(LOGO_SIZES)) {
    if (!existsSync(join(root, file))) continue;
    const size = pngSize(await readFile(join(root, file)));
    if (!size) problems.push({ file, field: '(file)', message: 'is not a PNG' });
    else if (size.width !== w || size.height !== h) problems.push({ file, field: '(size)', message: `is ${size.width}×${size.height}, must be ${w}×${h}` });
  }
  const assetFiles = existsSync(join(root, 'assets')) ? await readdir(join(root, 'assets')) : [];
  const shots = assetFiles.filter((f) => /^screenshot-\d+\.png$/.test(f)).sort();
  if (shots.length < 1 || shots.length > 3) problems.push({ file: 'assets/screenshot-N.png', field: '(count)', message: `found ${shots.length} screenshots; the marketplace takes 1 to 3` });
  shots.forEach((f, i) => {
    if (f !== `screenshot-${i + 1}.png`) problems.push({ file: `assets/${f}`, field: '(name)', message: `screenshots must be numbered from 1 without gaps (expected screenshot-${i + 1}.png)` });
  });
  for (const f of shots) {
    if (!pngSize(await readFile(join(root, 'assets', f)))) problems.push({ file: `assets/${f}`, field: '(file)', message: 'is not a PNG' });
  }
  return problems;
}
