// The clue line's three statistics (spec §8) from GET /api/v1/clue/reports/{handling|summary|detail}:
// a chart (ECharts, the console's WebJar) and the table of the same rows, with CSV and Excel exports.
import { msg, errorText, when, hashWith, exportLinks, stateText } from './clue.js';

const NAMES = ['handling', 'summary', 'detail'];
const HANDLING = ['regionName', 'total', 'pendingReceipt', 'handling', 'pendingReview', 'completed', 'completionRate',
  'returnCount', 'rejectCount', 'yellowCards', 'redCards'];
const SUMMARY = ['period', 'newClues', 'completed', 'caseCount', 'mergeGroups', 'averageHandlingDays'];

export default async function render(container, ctx, params) {
  const { h } = ctx;
  const base = `#/p/${container.dataset.plugin}/${container.dataset.entry}`;
  const name = NAMES.includes(params.get('stat')) ? params.get('stat') : 'handling';
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10); // Asia/Shanghai
  const p = { from: params.get('from') || `${today.slice(0, 4)}-01-01`, to: params.get('to') || today };
  if (name === 'summary') p.bucket = params.get('bucket') || 'month';
  const error = h('div.error-banner#stats-error', { role: 'alert', hidden: true });
  const from = h('input#cs-from', { type: 'date', value: p.from });
  const to = h('input#cs-to', { type: 'date', value: p.to });
  const bucket = name === 'summary' ? h('select#cs-bucket', null, ['month', 'day', 'year'].map((b) =>
    h('option', { value: b, selected: p.bucket === b }, msg(ctx, 'bucket.' + b)))) : null;
  const chart = h('div.chart#clue-chart', { role: 'img', 'aria-label': msg(ctx, 'stats.' + name) });
  const body = h('div#clue-stats-body');
  ctx.mount(container,
    h('h2', null, msg(ctx, 'stats.title')),
    h('div.tabs#clue-stats-tabs', null, NAMES.map((n) => h('a.tab', {
      href: hashWith(base, { stat: n, from: p.from, to: p.to }), class: n === name ? 'current' : '', dataset: { stat: n },
    }, msg(ctx, 'stats.' + n)))),
    h('form.filters#clue-stats-form', {
      onsubmit: (ev) => {
        ev.preventDefault();
        ctx.navigate(hashWith(base, { stat: name, from: from.value, to: to.value, bucket: bucket ? bucket.value : '' }));
      },
    }, h('label', null, msg(ctx, 'stats.from'), ' ', from), h('label', null, msg(ctx, 'stats.to'), ' ', to),
    bucket ? h('label', null, msg(ctx, 'stats.bucket'), ' ', bucket) : null,
    h('button', { type: 'submit' }, msg(ctx, 'apply')), exportLinks(ctx, `/clue/reports/${name}`, p)),
    error, chart, body);
  let data;
  try {
    data = await ctx.api(`/clue/reports/${name}?${new URLSearchParams(p)}`);
  } catch (e) {
    if (e.status === 401) throw e;
    error.textContent = errorText(ctx, e);
    error.hidden = false;
    chart.hidden = true;
    return;
  }
  const rate = (x) => (x === null || x === undefined ? '—' : `${Number(x).toFixed(1)}%`);
  const num = (x) => (x === null || x === undefined ? '—' : x);
  let option;
  if (name === 'handling') {
    const rows = [...data.rows, { ...data.total, regionName: msg(ctx, 'sum') }];
    body.replaceChildren(statsTable(ctx, rows, HANDLING.map((k) => ['h.' + k, (r) => (k === 'completionRate' ? rate(r[k]) : num(r[k]))]), data.rows.length));
    const series = ['pendingReceipt', 'handling', 'pendingReview', 'completed'];
    option = bars(data.rows.map((r) => r.regionName), series.map((k) => ({ name: msg(ctx, 'h.' + k), stack: 'n',
      data: data.rows.map((r) => r[k]) })));
  } else if (name === 'summary') {
    const rows = [...data.rows, { ...data.total, period: msg(ctx, 'sum') }];
    body.replaceChildren(statsTable(ctx, rows, SUMMARY.map((k) => ['s.' + k, (r) => num(r[k])]), data.rows.length));
    option = bars(data.rows.map((r) => r.period), ['newClues', 'completed', 'caseCount'].map((k) => ({ name: msg(ctx, 's.' + k),
      data: data.rows.map((r) => r[k]) })));
  } else {
    const cols = [['col.clueNo', (r) => h('a', { href: `#/item/${r.id}` }, r.clueNo)], ['col.complainantName', (r) => r.complainantName || ''],
      ['col.complainantPhone', (r) => r.complainantPhone || ''], ['col.respondentName', (r) => r.respondentName || ''],
      ['d.workplaceCity', (r) => r.workplaceCity || ''], ['d.workplaceCounty', (r) => r.workplaceCounty || ''],
      ['col.submittedAt', (r) => when(r.submittedAt)], ['d.receivedAt', (r) => when(r.receivedAt)],
      ['col.state', (r) => stateText(ctx, r)], ['col.holder', (r) => r.holderUnitName || ''],
      ['col.completedAt', (r) => when(r.completedAt)], ['d.handlingDays', (r) => num(r.handlingDays)],
      ['d.returnCount', (r) => r.returnCount], ['d.rejectCount', (r) => r.rejectCount],
      ['d.mergeGroupNo', (r) => r.mergeGroupNo || ''],
      ['d.card', (r) => (r.redCard ? ctx.t('card.RED') : r.yellowCard ? ctx.t('card.YELLOW') : '')]];
    body.replaceChildren(statsTable(ctx, data.items, cols, -1));
    const byState = new Map();
    for (const r of data.items) byState.set(stateText(ctx, r), (byState.get(stateText(ctx, r)) || 0) + 1);
    option = bars([...byState.keys()], [{ name: msg(ctx, 'h.total'), data: [...byState.values()] }]);
  }
  const echarts = await ctx.echarts();
  const instance = echarts.init(chart, null, { renderer: 'canvas', locale: ctx.lang() === 'en' ? 'EN' : 'ZH' });
  instance.setOption(option);
  chart.dataset.rendered = 'true';
  window.addEventListener('resize', () => instance.resize(), { once: true });
}

function bars(categories, series) {
  return {
    animation: false,
    tooltip: { trigger: 'axis', renderMode: 'richText' }, // rich text: no inline style, as the CSP wants
    legend: { data: series.map((s) => s.name) },
    grid: { left: 40, right: 16, top: 40, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ type: 'bar', ...s })),
  };
}

function statsTable(ctx, rows, columns, totalIndex) {
  const { h } = ctx;
  if (!rows.length) return h('p.empty', null, msg(ctx, 'empty'));
  return h('table.stats#clue-stats-table', null,
    h('thead', null, h('tr', null, columns.map(([k]) => h('th', null, msg(ctx, k))))),
    h('tbody', null, rows.map((r, i) => h('tr', { class: i === totalIndex ? 'total' : '' },
      columns.map(([k, cell]) => h('td', { 'data-label': msg(ctx, k) }, cell(r)))))));
}
