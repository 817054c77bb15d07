/**
 * Reads policy profiles from `profiles/*.json`. The only policy module that touches the file
 * system; everything else receives the parsed profile as an argument.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { policyProfileSchema, type PolicyProfile } from './profile-schema.js';

/** One invalid field of a profile file: its path (e.g. `retention.windowMonths`) and what is wrong. */
export interface ProfileIssue {
  readonly path: string;
  readonly message: string;
}

/** A profile file is missing, unreadable or invalid; the CLI maps it to exit code 2. */
export class ProfileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly ProfileIssue[],
    summary?: string,
  ) {
    super(
      `${summary ?? 'Invalid policy profile'} ${file}:\n` +
        issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n') +
        '\nFix the file (see middleware/src/policy/profile-schema.ts) or choose another POLICY_PROFILE.',
    );
    this.name = 'ProfileError';
  }
}

const PROFILE_ID = /^[a-z][a-z0-9-]*$/;

/**
 * The shipped `profiles/` folder: the nearest ancestor of this module that holds both a
 * `package.json` and a `profiles/` folder, so it works from `middleware/src` and from `dist/`.
 */
export function defaultProfilesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'profiles'))) return join(dir, 'profiles');
    const parent = dirname(dir);
    if (parent === dir) throw new Error('policy: no profiles/ folder found above ' + fileURLToPath(import.meta.url) + '; pass the folder explicitly.');
    dir = parent;
  }
}

/** Validates an already-parsed profile object; `file` only labels the errors. */
export function parseProfile(raw: unknown, file: string): PolicyProfile {
  const result = policyProfileSchema.safeParse(raw);
  if (!result.success) throw new ProfileError(file, issuesOf(result.error));
  return result.data;
}

/** Loads and validates `profiles/<id>.json`; throws `ProfileError` naming the file and each invalid field. */
export function loadProfile(id: string, dir: string = defaultProfilesDir()): PolicyProfile {
  const file = resolve(dir, `${id}.json`);
  if (!PROFILE_ID.test(id)) {
    throw new ProfileError(file, [{ path: 'id', message: `"${id}" is not a profile id (lower case letters, digits, dashes)` }], 'Unknown policy profile');
  }
  if (!existsSync(file)) {
    const known = listProfiles(dir);
    throw new ProfileError(file, [{ path: '', message: `no such profile; available: ${known.join(', ') || 'none'}` }], 'Unknown policy profile');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ProfileError(file, [{ path: '', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  const profile = parseProfile(raw, file);
  if (profile.id !== id) {
    throw new ProfileError(file, [{ path: 'id', message: `is "${profile.id}" but the file is named ${id}.json` }]);
  }
  return profile;
}

/** The ids of the profiles in `dir` (file names without `.json`), sorted. */
export function listProfiles(dir: string = defaultProfilesDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .filter((id) => PROFILE_ID.test(id))
    .sort();
}

function issuesOf(error: z.ZodError): ProfileIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
  }));
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
