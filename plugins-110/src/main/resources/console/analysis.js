// 事件研判分析 (spec 110 §8.2) from GET /api/v1/linkage110/reports/analysis over the appeals whose appeal time lies
// in a period (inclusive dates): category × month (chart and table), counts by street, the repeat appellants,
// counts by hour of day (chart) and the share of final callback results (chart), each with the report's CSV and
// Excel export (table=category|street|hour|repeat|results). Categories and results are labelled from the line's
// declaration, so the page names them as the forms do.
const TEXT = {
  zh: {
    title: '事件研判分析', from: '诉求日期自', to: '至', apply: '分析', csv: '导出 CSV', xlsx: '导出 Excel', appeals: '期间诉求 {n} 件',
    category: '诉求类别 × 月份', street: '按所属街道', repeat: '重复诉求人（30 天内两次及以上）', hour: '按诉求时段（0–23 时）',
    results: '最终回访结果占比', month: '月份', total: '合计', streetCol: '所属街道', code: '街道编码', count: '数量', phone: '联系电话',
    times: '诉求次数', numbers: '区级编号', hourCol: '时段', result: '回访结果', share: '占比(%)', none: '该期间没有数据',
    uncategorised: '未分类', noStreet: '未填写', hourUnit: '{h}时',
  },
  en: {
    title: 'Event analysis', from: 'Appeals from', to: 'to', apply: 'Analyse', csv: 'Export CSV', xlsx: 'Export Excel', appeals: '{n} appeals in the period',
    category: 'Category by month', street: 'By street', repeat: 'Repeat appellants (twice or more within 30 days)',
    hour: 'By hour of the appeal (0–23)', results: 'Share of final callback results', month: 'Month', total: 'Total',
    streetCol: 'Street', code: 'Code', count: 'Count', phone: 'Phone', times: 'Appeals', numbers: 'District nos.', hourCol: 'Hour',
    result: 'Callback result', share: 'Share (%)', none: 'No data in the period', uncategorised: 'Uncategorised',
    noStreet: 'Not given', hourUnit: '{h}:00',
  },
};


/** The declared field of the line (create fields first), for its value labels. */
function declared(line, id) {
  return [...((line && line.createFields) || []), ...((line && line.viewFields) || [])].find((f) => f.id === id);
}

export default async function render(container, ctx, params) {
  const { h } = ctx;
  const text = ctx.lang() === 'en' ? TEXT.en : TEXT.zh;
  const fmt = (s, vars) => s.replace(/\{(\w+)\}/g, (m, k) => String(vars[k]));
  const base = `#/p/${container.dataset.plugin || 'org.civic.plugins.linkage110'}/${container.dataset.entry || 'analysis'}`;
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10); // Asia/Shanghai
  const p = { from: (params && params.get('from')) || `${today.slice(0, 4)}-01-01`, to: (params && params.get('to')) || today };
  const report = await ctx.api(`/linkage110/reports/analysis?${new URLSearchParams(p)}`);
  const line = ctx.line('linkage110') || await ctx.api('/lines/linkage110').catch(() => null);
  const valueLabel = (field, v) => {
    const l = field && field.valueLabels && field.valueLabels[v];
    return l ? ctx.label(l) : v;
  };
  const categoryField = declared(line, 'category');
  const categoryText = (c) => (categoryField && (categoryField.values || []).includes(c) ? valueLabel(categoryField, c)
    : c === '未分类' ? text.uncategorised : c);
  const resultText = (r) => valueLabel(declared(line, 'finalCallbackResult'), r);

  const exports = (table) => h('span.exports', { dataset: { table } },
    ['csv', 'xlsx'].map((format) => h('a.button.export', {
      href: `/api/v1/linkage110/reports/analysis?${new URLSearchParams({ ...p, table, format })}`, download: '',
      dataset: { format, table },
    }, text[format])));
  const section = (id, title, table, ...body) => h(`section.analysis#analysis-${id}`, null,
    h('div.filters', null, h('h3', null, title), exports(table)), ...body);
  const table = (id, headers, rows) => (rows.length === 0 ? h('p.empty', null, text.none)
    : h('div.table-scroll', null, h(`table.stats#analysis-${id}-table`, null,
      h('thead', null, h('tr', null, headers.map((x) => h('th', null, x)))),
      h('tbody', null, rows.map((cells) => h('tr', null, cells.map((c, i) => h('td', { 'data-label': headers[i] }, c))))))));
  const chartBox = (id, title, empty) => h(`div.chart#analysis-${id}-chart`, { role: 'img', 'aria-label': title, hidden: empty });

  // (1) category × month: a stacked bar per month and the pivot table with totals
  const pairs = report.categoryByMonth || [];
  const months = [...new Set(pairs.map((r) => r.month))].sort();
  const categories = [...new Set(pairs.map((r) => r.category))];
  const count = (m, c) => pairs.filter((r) => r.month === m && r.category === c).reduce((n, r) => n + Number(r.count), 0);
  const categoryRows = months.map((m) => [m, ...categories.map((c) => String(count(m, c))),
    String(categories.reduce((n, c) => n + count(m, c), 0))]);
  if (months.length) {
    categoryRows.push([text.total, ...categories.map((c) => String(months.reduce((n, m) => n + count(m, c), 0))),
      String(pairs.reduce((n, r) => n + Number(r.count), 0))]);
  }
  const categoryChart = chartBox('category', text.category, months.length === 0);
  // (2) streets, (3) repeat appellants with links to the appeals, (4) hours, (5) results
  const streets = (report.byStreet || []).map((r) => [r.streetRegionCode ? r.street : text.noStreet, r.streetRegionCode || '—',
    String(r.count)]);
  const repeats = (report.repeatAppellants || []).map((r) => [r.appellantPhone || '', String(r.count),
    h('span.district-nos', null, (r.districtNos || []).map((no, i) => [i > 0 ? '、' : '',
      r.appealIds && r.appealIds[i] ? h('a', { href: `#/item/${r.appealIds[i]}` }, no) : no]))]);
  const hours = report.byHour || [];
  const hourChart = chartBox('hour', text.hour, hours.every((r) => !Number(r.count)));
  const results = report.finalResults || [];
  const resultsChart = chartBox('results', text.results, results.every((r) => !Number(r.count)));
  const from = h('input#analysis-from', { type: 'date', value: p.from });
  const to = h('input#analysis-to', { type: 'date', value: p.to });

  ctx.mount(container,
    h('h2#analysis-title', null, text.title),
    h('form.filters#analysis-form', {
      onsubmit: (ev) => {
        ev.preventDefault();
        const q = new URLSearchParams();
        if (from.value) q.set('from', from.value);
        if (to.value) q.set('to', to.value);
        ctx.navigate(`${base}?${q}`);
      },
    }, h('label', { for: 'analysis-from' }, text.from), from, h('label', { for: 'analysis-to' }, text.to), to,
    h('button', { type: 'submit' }, text.apply)),
    h('p.muted#analysis-total', null, fmt(text.appeals, { n: report.appeals || 0 })),
    section('category', text.category, 'category', categoryChart,
      table('category', [text.month, ...categories.map(categoryText), text.total], categoryRows)),
    section('street', text.street, 'street', table('street', [text.streetCol, text.code, text.count], streets)),
    section('repeat', text.repeat, 'repeat', table('repeat', [text.phone, text.times, text.numbers], repeats)),
    section('hour', text.hour, 'hour', hourChart, hours.every((r) => !Number(r.count)) ? h('p.empty', null, text.none) : null),
    section('results', text.results, 'results', resultsChart,
      table('results', [text.result, text.count, text.share], results.map((r) => [resultText(r.result), String(r.count),
        r.share === null || r.share === undefined ? '—' : Number(r.share).toFixed(1)]))));

  const charts = [];
  if (!categoryChart.hidden) {
    charts.push([categoryChart, {
      legend: { data: categories.map(categoryText), top: 0 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', minInterval: 1 },
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      series: categories.map((c) => ({ type: 'bar', stack: 'month', name: categoryText(c), data: months.map((m) => count(m, c)) })),
    }]);
  }
  if (!hourChart.hidden) {
    charts.push([hourChart, {
      xAxis: { type: 'category', data: hours.map((r) => fmt(text.hourUnit, { h: r.hour })) },
      yAxis: { type: 'value', minInterval: 1 },
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      series: [{ type: 'bar', name: text.count, data: hours.map((r) => Number(r.count)) }],
    }]);
  }
  if (!resultsChart.hidden) {
    charts.push([resultsChart, {
      legend: { top: 0 },
      tooltip: { trigger: 'item', renderMode: 'richText', formatter: '{b}: {c} ({d}%)' },
      series: [{ type: 'pie', radius: '60%', name: text.results, label: { formatter: '{b} {d}%' },
        data: results.filter((r) => Number(r.count)).map((r) => ({ name: resultText(r.result), value: Number(r.count) })) }],
    }]);
  }
  if (!charts.length) return;
  const echarts = await ctx.echarts();
  for (const [el, option] of charts) {
    // rich-text tooltips and no animation: no inline style (CSP), and the picture is final at once
    const instance = echarts.init(el, null, { renderer: 'canvas', locale: ctx.lang() === 'en' ? 'EN' : 'ZH' });
    instance.setOption({ animation: false, grid: { left: 40, right: 16, top: 40, bottom: 40, containLabel: true }, ...option });
    el.dataset.rendered = 'true';
    window.addEventListener('resize', () => instance.resize(), { once: true });
  }
}
