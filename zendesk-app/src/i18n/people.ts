/** People as agents know them: names, "You", or "Agent 12" — never `agent:12` or `zendesk-agent:12`. */
import { t } from './i18n.js';

const AGENT_ACTOR = /^(?:zendesk-)?agent:(\d+)$/;

export function actorLabel(actor: string, viewerId: number, names: ReadonlyMap<number, string> = new Map()): string {
  const m = AGENT_ACTOR.exec(actor);
  if (m) {
    const id = Number(m[1]);
    if (id === viewerId) return t('people.you');
    return names.get(id) ?? t('people.agent', { id });
  }
  if (actor === 'system' || actor === 'scheduler' || actor === 'webhook' || actor === 'export-link') return t('people.system');
  return actor;
}
