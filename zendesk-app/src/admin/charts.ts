/** Three hand-drawn SVG charts; each has a title, a description and its numbers in a hidden table. */
import type { AdminDashboard, RequestType, RetentionCounts } from '../api/contract.js';
import { formatDate, t } from '../i18n/i18n.js';
import { h, s, uid } from '../ui/dom.js';
import { requestRef } from '../ui/request-ref.js';

/** A chart with nothing to draw says so instead of showing bare axes. */
function emptyChart(title: string, message: string): HTMLElement {
  return h('figure', { class: 'chart chart-empty', 'data-chart-empty': '' }, h('figcaption', null, title), h('p', { class: 'muted empty' }, message));
}

export const TYPE_COLOURS: Record<RequestType, string> = {
  access: '#1f73b7', erasure: '#cc3340', rectification: '#038153', restriction: '#ad5918', objection: '#6a27b8',
};
const TYPES: RequestType[] = ['access', 'erasure', 'rectification', 'restriction', 'objection'];

function figure(title: string, desc: string, svg: SVGElement, table: HTMLTableElement, legend?: HTMLElement): HTMLElement {
  const titleId = uid('chart-title');
  const descId = uid('chart-desc');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${titleId} ${descId}`);
  svg.prepend(s('title', { id: titleId }, title), s('desc', { id: descId }, desc));
  return h('figure', { class: 'chart' }, h('figcaption', null, title), svg, legend ?? null, table);
}

function hiddenTable(caption: string, head: string[], rows: Array<Array<string | number>>): HTMLTableElement {
  return h(
    'table',
    { class: 'visually-hidden' },
    h('caption', null, caption),
    h('thead', null, h('tr', null, head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, rows.map((r) => h('tr', null, r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, String(c)) : h('td', null, String(c))))))),
  );
}

function niceMax(value: number): number {
  if (value <= 5) return 5;
  const pow = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * pow >= value) return m * pow;
  return value;
}

const W = 360;
const H = 200;
const PAD = { left: 32, right: 8, top: 8, bottom: 28 };

/** Requests per week, stacked by type. */
export function requestsPerWeekChart(data: AdminDashboard['charts']['requestsPerWeek']): HTMLElement {
  if (data.length === 0) return emptyChart(t('admin.charts.per_week_title'), t('admin.charts.per_week_empty'));
  const weeks = [...new Set(data.map((d) => d.weekStart))].sort();
  const totals = weeks.map((w) => data.filter((d) => d.weekStart === w).reduce((a, d) => a + d.count, 0));
  const max = niceMax(Math.max(1, ...totals));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const band = plotW / Math.max(1, weeks.length);
  const y = (v: number): number => PAD.top + plotH - (v / max) * plotH;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart-svg' });
  for (const tick of [0, max / 2, max]) {
    svg.append(
      s('line', { x1: PAD.left, x2: W - PAD.right, y1: y(tick), y2: y(tick), class: 'grid' }),
      s('text', { x: PAD.left - 4, y: y(tick) + 4, 'text-anchor': 'end', class: 'axis' }, String(tick)),
    );
  }
  weeks.forEach((week, i) => {
    let acc = 0;
    const x = PAD.left + i * band + band * 0.15;
    for (const type of TYPES) {
      const count = data.find((d) => d.weekStart === week && d.type === type)?.count ?? 0;
      if (count === 0) continue;
      svg.append(s('rect', { x, y: y(acc + count), width: band * 0.7, height: y(acc) - y(acc + count), fill: TYPE_COLOURS[type] }));
      acc += count;
    }
    svg.append(s('text', { x: x + band * 0.35, y: H - PAD.bottom + 14, 'text-anchor': 'middle', class: 'axis' }, formatDate(week).replace(/,? \d{4}$/, '')));
  });
  const legend = h('ul', { class: 'legend', 'aria-hidden': 'true' }, TYPES.map((type) => h('li', null, h('span', { class: 'swatch', style: `background:${TYPE_COLOURS[type]}` }), t(`requests.type.${type}`))));
  const rows = weeks.map((w, i) => [formatDate(w), ...TYPES.map((type) => data.find((d) => d.weekStart === w && d.type === type)?.count ?? 0), totals[i] ?? 0]);
  return figure(
    t('admin.charts.per_week_title'),
    t('admin.charts.per_week_desc', { weeks: weeks.length, total: totals.reduce((a, b) => a + b, 0) }),
    svg,
    hiddenTable(t('admin.charts.per_week_title'), [t('admin.charts.week'), ...TYPES.map((x) => t(`requests.type.${x}`)), t('admin.charts.total')], rows),
    legend,
  );
}

/** Days each completed request took, with its deadline marked. */
export function completionChart(data: AdminDashboard['charts']['completionVsDeadline']): HTMLElement {
  if (data.length === 0) return emptyChart(t('admin.charts.completion_title'), t('admin.charts.completion_empty'));
  const rowH = 22;
  const height = PAD.top + Math.max(1, data.length) * rowH + 24;
  const labelW = 84;
  const max = niceMax(Math.max(1, ...data.map((d) => Math.max(d.daysTaken, d.deadlineDays))));
  const plotW = W - labelW - 24;
  const x = (v: number): number => labelW + (v / max) * plotW;
  const svg = s('svg', { viewBox: `0 0 ${W} ${height}`, class: 'chart-svg' });
  for (const tick of [0, max / 2, max]) {
    svg.append(
      s('line', { x1: x(tick), x2: x(tick), y1: PAD.top, y2: height - 20, class: 'grid' }),
      s('text', { x: x(tick), y: height - 6, 'text-anchor': 'middle', class: 'axis' }, t('admin.charts.days', { n: tick })),
    );
  }
  data.forEach((d, i) => {
    const top = PAD.top + i * rowH;
    const late = d.daysTaken > d.deadlineDays;
    svg.append(
      s('text', { x: labelW - 6, y: top + 15, 'text-anchor': 'end', class: 'axis' }, requestRef(d.requestId, d.type)),
      s('rect', { x: labelW, y: top + 4, width: Math.max(1, x(d.daysTaken) - labelW), height: rowH - 8, fill: late ? '#cc3340' : TYPE_COLOURS[d.type] }),
      s('line', { x1: x(d.deadlineDays), x2: x(d.deadlineDays), y1: top + 1, y2: top + rowH - 1, class: 'deadline' }),
    );
  });
  const late = data.filter((d) => d.daysTaken > d.deadlineDays).length;
  const legend = h('ul', { class: 'legend', 'aria-hidden': 'true' },
    h('li', null, h('span', { class: 'swatch swatch-line' }), t('admin.charts.deadline')),
    h('li', null, h('span', { class: 'swatch', style: 'background:#cc3340' }), t('admin.charts.late')));
  return figure(
    t('admin.charts.completion_title'),
    t('admin.charts.completion_desc', { count: data.length, late }),
    svg,
    hiddenTable(t('admin.charts.completion_title'), [t('admin.charts.request'), t('admin.charts.type'), t('admin.charts.days_taken'), t('admin.charts.deadline_days')],
      data.map((d) => [requestRef(d.requestId, d.type), t(`requests.type.${d.type}`), d.daysTaken, d.deadlineDays])),
    legend,
  );
}

export const OUTCOME_COLOURS: Record<keyof RetentionCounts, string> = {
  due: '#cc3340', held: '#ad5918', blocked: '#ad5918', active_elsewhere: '#1f73b7', not_due: '#038153',
};
export const OUTCOMES: Array<keyof RetentionCounts> = ['due', 'held', 'blocked', 'active_elsewhere', 'not_due'];

/** People per retention outcome of the last sweep, as labelled horizontal bars. */
export function retentionOutcomesChart(counts: RetentionCounts): HTMLElement {
  if (OUTCOMES.every((o) => counts[o] === 0)) return emptyChart(t('admin.charts.retention_title'), t('admin.charts.retention_empty'));
  const rowH = 28;
  const labelW = 120;
  const height = OUTCOMES.length * rowH + 8;
  const max = Math.max(1, ...OUTCOMES.map((o) => counts[o]));
  const plotW = W - labelW - 48;
  const svg = s('svg', { viewBox: `0 0 ${W} ${height}`, class: 'chart-svg' });
  OUTCOMES.forEach((o, i) => {
    const top = 4 + i * rowH;
    const width = counts[o] === 0 ? 0 : Math.max(2, (counts[o] / max) * plotW);
    svg.append(
      s('text', { x: labelW - 6, y: top + 17, 'text-anchor': 'end', class: 'axis' }, t(`retention.status.${o}`)),
      s('rect', { x: labelW, y: top + 4, width, height: rowH - 8, fill: OUTCOME_COLOURS[o] }),
      s('text', { x: labelW + width + 4, y: top + 17, class: 'value' }, String(counts[o])),
    );
  });
  const total = OUTCOMES.reduce((a, o) => a + counts[o], 0);
  return figure(
    t('admin.charts.retention_title'),
    t('admin.charts.retention_desc', { total, due: counts.due }),
    svg,
    hiddenTable(t('admin.charts.retention_title'), [t('admin.charts.outcome'), t('admin.charts.people')], OUTCOMES.map((o) => [t(`retention.status.${o}`), counts[o]])),
  );
}
