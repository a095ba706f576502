// 事件效能统计 (spec 110 §8.1): one row per handling unit over the tasks dispatched in a period, plus the
// total, from the line's report /linkage110/reports/efficiency, with its CSV and Excel exports.
const COLUMNS = [
  ['unitName', '承办单位', 'Unit'], ['dispatched', '派发数', 'Dispatched'], ['cancelled', '改派撤回', 'Withdrawn'],
  ['signedOnTime', '按时签收', 'Signed on time'], ['signRate', '签收及时率(%)', 'Sign rate (%)'],
  ['fedBack', '已反馈', 'Fed back'], ['fedBackOnTime', '按时反馈', 'Fed back on time'],
  ['onTimeRate', '按时办结率(%)', 'On-time rate (%)'], ['yellowCards', '黄牌', 'Yellow'], ['redCards', '红牌', 'Red'],
  ['extensionsRequested', '申请延期', 'Extensions asked'], ['extensionsApproved', '同意延期', 'Extensions granted'],
  ['disputesRaised', '争议', 'Disputes'], ['disputesAccepted', '争议成立', 'Disputes accepted'],
  ['sentBack', '督办发回', 'Sent back'], ['deptCallbackSatisfied', '部门回访满意', 'Unit callback satisfied'],
  ['deptCallbackUnsatisfied', '部门回访不满意', 'Unit callback unsatisfied'],
  ['deptCallbackUnreachable', '部门回访无法联系', 'Unit callback unreachable'],
  ['districtSatisfaction', '群众满意率(%)', 'Satisfaction (%)'],
];
const TEXT = {
  zh: { title: '事件效能统计', from: '派发日期自', to: '至', apply: '统计', csv: '导出 CSV', xlsx: '导出 Excel', none: '该期间没有派发的事件' },
  en: { title: 'Handling efficiency', from: 'Dispatched from', to: 'to', apply: 'Compute', csv: 'Export CSV', xlsx: 'Export Excel', none: 'Nothing was dispatched in the period' },
};

export default async function render(container, ctx, params) {
  const { h } = ctx;
  const en = ctx.lang() === 'en';
  const text = en ? TEXT.en : TEXT.zh;
  const q = new URLSearchParams();
  for (const k of ['from', 'to']) if (params && params.get(k)) q.set(k, params.get(k));
  const report = await ctx.api(`/linkage110/reports/efficiency${q.toString() ? '?' + q : ''}`);
  const from = h('input#efficiency-from', { type: 'date', value: report.from || '' });
  const to = h('input#efficiency-to', { type: 'date', value: report.to || '' });
  const value = (v) => (v === null || v === undefined ? '—' : String(v));
  const row = (r, cls) => h('tr', { class: cls }, COLUMNS.map(([k, zh, e]) => h('td', { 'data-label': en ? e : zh },
    k === 'unitName' && cls === 'total' ? (en ? 'Total' : '合计') : value(r[k]))));
  const file = (format) => {
    const f = new URLSearchParams(q);
    f.set('format', format);
    return `/api/v1/linkage110/reports/efficiency?${f}`;
  };
  ctx.mount(container,
    h('h2#efficiency-title', null, text.title),
    h('form.filters#efficiency-form', {
      onsubmit: (ev) => {
        ev.preventDefault();
        const p = new URLSearchParams();
        if (from.value) p.set('from', from.value);
        if (to.value) p.set('to', to.value);
        ctx.navigate(`#/p/org.civic.plugins.linkage110/efficiency${p.toString() ? '?' + p : ''}`);
      },
    }, h('label', { for: 'efficiency-from' }, text.from), from, h('label', { for: 'efficiency-to' }, text.to), to,
    h('button', { type: 'submit' }, text.apply),
    h('span.exports', null,
      h('a.button.export', { href: file('csv'), download: '', dataset: { format: 'csv' } }, text.csv),
      h('a.button.export', { href: file('xlsx'), download: '', dataset: { format: 'xlsx' } }, text.xlsx))),
    (report.rows || []).length === 0 ? h('p.empty', null, text.none) : null,
    h('div.table-scroll', null, h('table.items.stats#efficiency-table', null,
      h('thead', null, h('tr', null, COLUMNS.map(([, zh, e]) => h('th', null, en ? e : zh)))),
      h('tbody', null, (report.rows || []).map((r) => row(r, '')), report.total ? row(report.total, 'total') : null))));
}
