// 延期审批 (spec 110 §7): the district's pending extension requests, oldest first, each linked to its appeal,
// where the dispatcher approves or rejects it (同意延期 / 不同意延期). Not a kernel worklist: the kernel lists
// by states, not by a clock's pending request, so the line answers it at /linkage110/reports/extension-requests.
const TEXT = {
  zh: {
    title: '延期审批', none: '暂无待审批的延期申请', districtNo: '区级编号', appeal: '诉求标题', unit: '承办单位',
    current: '原办理期限', wanted: '申请的办理期限', reason: '申请原因', at: '申请时间', csv: '导出 CSV', xlsx: '导出 Excel',
  },
  en: {
    title: 'Extension requests', none: 'No extension request is pending', districtNo: 'District no.', appeal: 'Title',
    unit: 'Unit', current: 'Current deadline', wanted: 'Requested deadline', reason: 'Reason', at: 'Requested at',
    csv: 'Export CSV', xlsx: 'Export Excel',
  },
};

const when = (iso) => {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso || '');
  return m ? `${m[1]} ${m[2]}` : (iso || '');
};

export default async function render(container, ctx) {
  const { h } = ctx;
  const text = TEXT[ctx.lang()] || TEXT.zh;
  const page = await ctx.api('/linkage110/reports/extension-requests');
  const cols = [
    ['districtNo', text.districtNo, (r) => h('a', { href: `#/item/${r.appealId}` }, r.districtNo || String(r.appealId))],
    ['title', text.appeal, (r) => h('a', { href: `#/item/${r.appealId}` }, r.title || '')],
    ['unitName', text.unit, (r) => r.unitName || ''],
    ['currentDeadline', text.current, (r) => when(r.currentDeadline)],
    ['newDeadline', text.wanted, (r) => when(r.newDeadline)],
    ['reason', text.reason, (r) => r.reason || ''],
    ['requestedAt', text.at, (r) => when(r.requestedAt)],
  ];
  const base = '/api/v1/linkage110/reports/extension-requests';
  // mount, not replaceChildren: it skips the null of an absent part (replaceChildren would show "null")
  ctx.mount(container,
    h('h2#extensions-title', null, text.title),
    h('div.toolbar', null,
      h('a.button.export', { href: `${base}?format=csv`, download: '', dataset: { format: 'csv' } }, text.csv),
      h('a.button.export', { href: `${base}?format=xlsx`, download: '', dataset: { format: 'xlsx' } }, text.xlsx)),
    page.items.length === 0 ? h('p.empty', null, text.none)
      : h('table.items#extensions-table', null,
        h('thead', null, h('tr', null, cols.map(([, label]) => h('th', null, label)))),
        h('tbody', null, page.items.map((r) => h('tr.extension-row', { dataset: { appeal: r.appealId, unit: r.unitId } },
          cols.map(([, label, cell]) => h('td', { 'data-label': label }, cell(r))))))));
}
