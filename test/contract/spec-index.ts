/**
 * Which vendor operations exist according to the copies of the vendor specs in
 * /work/shared/reference (override with VENDOR_REFERENCE_DIR). Used by the spec-conformance test
 * and reusable by sandbox-driven integration tests: `isDocumentedOperation(vendor, method, url)`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export type SpecVendor = 'zendesk' | 'livechat' | 'talkdesk';

/** One documented operation: a method and a path template such as `/api/v2/users/{user_id}`. */
export interface SpecOperation {
  vendor: SpecVendor;
  method: string;
  template: string;
  /** Where it is documented: a spec file, or a doc page for the exceptions below. */
  source: string;
}

export const REFERENCE_DIR = process.env.VENDOR_REFERENCE_DIR ?? '/work/shared/reference';

/**
 * Operations documented on the vendor's site but missing from the split OpenAPI copy in
 * reference/. Keep this list short and each entry linked: it is the only way around the check.
 */
export const DOCUMENTED_OUTSIDE_SPEC_COPY: readonly SpecOperation[] = [
  {
    vendor: 'zendesk',
    method: 'GET',
    template: '/api/v2/users/{user_id}/group_memberships',
    source: 'https://developer.zendesk.com/api-reference/ticketing/groups/group_memberships/#list-memberships',
  },
  {
    vendor: 'zendesk',
    method: 'GET',
    template: '/api/v2/users/{user_id}/tickets/requested',
    source: 'https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#list-tickets',
  },
  {
    vendor: 'zendesk',
    method: 'GET',
    template: '/api/v2/users/{user_id}/tickets/ccd',
    source: 'https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#list-tickets',
  },
];

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function openApiOperations(vendor: SpecVendor, file: string): SpecOperation[] {
  const document = parse(readFileSync(file, 'utf8')) as { paths?: Record<string, Record<string, unknown>> };
  const operations: SpecOperation[] = [];
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      if (item[method] !== undefined) operations.push({ vendor, method: method.toUpperCase(), template, source: file });
    }
  }
  return operations;
}

function zendeskOperations(): SpecOperation[] {
  const dir = join(REFERENCE_DIR, 'zendesk-oas');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yml') && !name.includes('asyncapi'))
    .flatMap((name) => openApiOperations('zendesk', join(dir, name)));
}

function talkdeskOperations(): SpecOperation[] {
  return openApiOperations('talkdesk', join(REFERENCE_DIR, 'talkdesk', 'openapi.yaml'));
}

/** LiveChat documents actions, not paths: every `.../v3.6/<api>/action/<name>` "Method URL". */
function livechatOperations(): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const name of ['agent-chat-api.mdx', 'configuration-api.mdx']) {
    const file = join(REFERENCE_DIR, 'livechat', name);
    const text = readFileSync(file, 'utf8');
    const pattern = /\*\*Method URL\*\*\s*\|\s*`https:\/\/api\.livechatinc\.com(\/v3\.6\/(?:agent|configuration)\/action\/[a-z_]+)`/g;
    for (const match of text.matchAll(pattern)) {
      if (match[1]) operations.push({ vendor: 'livechat', method: 'POST', template: match[1], source: file });
    }
  }
  return operations;
}

const cache = new Map<SpecVendor, SpecOperation[]>();

/** All documented operations of a vendor (spec copy plus the linked exceptions). */
export function specOperations(vendor: SpecVendor): SpecOperation[] {
  let operations = cache.get(vendor);
  if (!operations) {
    const fromSpec = vendor === 'zendesk' ? zendeskOperations() : vendor === 'talkdesk' ? talkdeskOperations() : livechatOperations();
    operations = [...fromSpec, ...DOCUMENTED_OUTSIDE_SPEC_COPY.filter((operation) => operation.vendor === vendor)];
    cache.set(vendor, operations);
  }
  return operations;
}

/** `/api/v2/users/{user_id}` -> /^\/api\/v2\/users\/[^/]+$/ */
export function templateToRegExp(template: string): RegExp {
  const escaped = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${escaped}$`);
}

/**
 * The documented operation a request matches, or undefined. `url` may be a full URL or a path;
 * the query string is ignored; `basePath` is stripped first (a sandbox mounted under a prefix).
 * Literal segments win over templates (`/users/search` is not `/users/{user_id}`).
 */
export function findSpecOperation(vendor: SpecVendor, method: string, url: string, basePath = ''): SpecOperation | undefined {
  let path = /^https?:\/\//i.test(url) ? new URL(url).pathname : (url.split('?')[0] ?? url);
  if (basePath && path.startsWith(basePath)) path = path.slice(basePath.length) || '/';
  path = decodeURI(path);
  const candidates = specOperations(vendor).filter(
    (operation) => operation.method === method.toUpperCase() && templateToRegExp(operation.template).test(path),
  );
  candidates.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  return candidates[0];
}

/** True when the vendor documents this method and path. */
export function isDocumentedOperation(vendor: SpecVendor, method: string, url: string, basePath = ''): boolean {
  return findSpecOperation(vendor, method, url, basePath) !== undefined;
}
