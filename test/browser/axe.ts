/**
 * Accessibility checks with axe-core (dev dependency, its source injected into the page under
 * test): a state passes when axe finds no serious or critical violation.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: Promise<string> | undefined;

export interface A11yViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Serious and critical axe violations in `target`'s document, named by rule and element. */
export async function seriousA11yViolations(target: Page | Frame): Promise<A11yViolation[]> {
  source ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await target.evaluate(() => 'axe' in window))) await target.addScriptTag({ content: await source });
  return target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 5).map((n) => `${n.target.map(String).join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`) }));
  });
}
