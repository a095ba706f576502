import { h, mount } from '../dom.js';
import { query } from '../api.js';
import { t, label, lang } from '../i18n.js';
import { exportLinks, hashWith } from '../views.js';
import { loadECharts } from '../charts.js';


const percent = (x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

/** A statistic of a line: a bar chart of open, closed and overdue items per group, and the full table. */
export async function statsPage(main, ctx, [lineId, name], params) {
  const line = ctx.line(lineId);
  if (!line) throw Object.assign(new Error(t('error.NOT_FOUND')), { code: 'NOT_FOUND', status: 404 });
  const stat = name || line.statistics[0];
  const p = { createdFrom: params.get('createdFrom') || '', createdTo: params.get('createdTo') || '', state: params.get('state') || '' };
  const data = await ctx.api(`/${lineId}/stats/${stat}${query(p)}`);
  const from = h('input#s-createdFrom', { type: 'date', value: p.createdFrom });
  const to = h('input#s-createdTo', { type: 'date', value: p.createdTo });
  const chart = h('div.chart#stats-chart', { role: 'img', 'aria-label': label(data.label) });
  const rowLabel = (r) => r.label || r.key || '';
  mount(main,
    h('h2', null, label(line.label), ' · ', t('nav.stats')),
    h('div.tabs#stats-tabs', null, line.statistics.map((s) => h('a.tab', {
      href: hashWith(`#/stats/${lineId}/${s}`, p), class: s === stat ? 'current' : '', dataset: { stat: s },
    }, t('stats.' + s)))),
    h('form.filters', {
      onsubmit: (ev) => {
        ev.preventDefault();
        ctx.navigate(hashWith(`#/stats/${lineId}/${stat}`, { ...p, createdFrom: from.value, createdTo: to.value }));
      },
    }, h('label', null, t('query.createdFrom'), ' ', from), h('label', null, t('query.createdTo'), ' ', to),
    h('button', { type: 'submit' }, t('filter.apply')), exportLinks(`/${lineId}/stats/${stat}`, p)),
    chart,
    h('table.stats#stats-table', null,
      h('thead', null, h('tr', null, ['stats.group', 'stats.total', 'stats.open', 'stats.closed', 'stats.onTime', 'stats.overdue',
        'stats.onTimeRate', 'stats.overdueRate', 'stats.avgHours'].map((k) => h('th', null, t(k))))),
      h('tbody', null, [...data.rows, { ...data.total, label: t('stats.sum') }].map((r, i) => h('tr', { class: i === data.rows.length ? 'total' : '' },
        h('td', { 'data-label': t('stats.group') }, rowLabel(r)), h('td', { 'data-label': t('stats.total') }, r.total),
        h('td', { 'data-label': t('stats.open') }, r.open), h('td', { 'data-label': t('stats.closed') }, r.closed),
        h('td', { 'data-label': t('stats.onTime') }, r.onTime), h('td', { 'data-label': t('stats.overdue') }, r.overdue),
        h('td', { 'data-label': t('stats.onTimeRate') }, percent(r.onTimeRate)),
        h('td', { 'data-label': t('stats.overdueRate') }, percent(r.overdueRate)),
        h('td', { 'data-label': t('stats.avgHours') }, r.averageHandlingHours === null || r.averageHandlingHours === undefined
          ? '—' : r.averageHandlingHours.toFixed(1)))))));
  const echarts = await loadECharts();
  const instance = echarts.init(chart, null, { renderer: 'canvas', locale: lang() === 'en' ? 'EN' : 'ZH' });
  instance.setOption({
    animation: false,
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    legend: { data: [t('stats.open'), t('stats.closed'), t('stats.overdue')] },
    grid: { left: 40, right: 16, top: 40, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: data.rows.map(rowLabel) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('stats.open'), type: 'bar', stack: 'n', data: data.rows.map((r) => r.open) },
      { name: t('stats.closed'), type: 'bar', stack: 'n', data: data.rows.map((r) => r.closed) },
      { name: t('stats.overdue'), type: 'bar', data: data.rows.map((r) => r.overdue) },
    ],
  });
  chart.dataset.rendered = 'true';
  window.addEventListener('resize', () => instance.resize(), { once: true });
}
