import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Replaces the block between `<!-- name:begin -->` and `<!-- name:end -->` in a Markdown file,
 * creating the file (with `header`) or appending the block when it is missing. Each benchmark owns
 * its own block, so several can write to one summary file without clobbering each other.
 */
export function replaceMarkedSection(path: string, name: string, markdown: string, header = ''): void {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : header;
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}`
      : `${current.trimEnd()}${current.trim() ? '\n\n' : ''}${block}\n`;
  writeFileSync(path, next.endsWith('\n') ? next : `${next}\n`);
}
