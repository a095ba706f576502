// What the clue line's console pages share: their messages (zh/en), tables of clue rows with the
// 已退回/已驳回 tags and the unread-note badge, the region pickers of the transfers, paging, export
// links, the read-only views of spec 5.3 and ECharts. Loaded by the pages next to it in this bundle.

const TEXT = {
  zh: {
    'list.pending-receipt': '待接收线索', 'list.case-management': '案件管理', 'list.province-transfer': '省内转办',
    'list.city-transfer': '市内转办', 'list.review-pending': '线索办结审核（待审核）', 'list.reviewed': '已审核',
    'list.query': '线索反映查询',
    'col.clueNo': '线索编号', 'col.complainantName': '投诉人', 'col.complainantPhone': '联系电话',
    'col.respondentName': '被反映单位', 'col.workplace': '实际用工所在地', 'col.submittedAt': '反映时间',
    'col.sentBy': '转来单位', 'col.sentAt': '转来时间', 'col.receivedAt': '接收时间', 'col.tag': '标记',
    'col.state': '状态', 'col.holder': '办理单位', 'col.completedAt': '办结时间', 'col.merged': '合并编号',
    'col.card': '红黄牌', 'col.submitter': '提交单位', 'col.reviewSubmittedAt': '提交时间',
    'col.resultSummary': '处理结果', 'col.myResult': '审核结果', 'col.myOpinion': '审核意见',
    'col.reviewedAt': '审核时间', 'col.ops': '操作', 'col.select': '选择', 'col.master': '主线索',
    'op.details': '详情', 'op.receive': '接收', 'op.receiveAll': '全部接收', 'op.transfer': '转办',
    'op.handle': '办理', 'op.review': '审核', 'op.progress': '进度反馈', 'op.notes': '补充说明',
    'op.feedback': '办结反馈', 'op.trail': '进度查询', 'op.reviews': '审核历史', 'op.close': '关闭',
    'op.merge': '合并所选线索', 'op.cancelMerge': '取消合并', 'op.members': '查看线索',
    'unread': '{n} 条未读补充说明',
    'result.APPROVED': '通过', 'result.REJECTED': '驳回',
    'receiveAll.done': '已接收 {n} 条线索', 'receiveAll.skipped': '，{m} 条未接收（{codes}）',
    'receiveAll.none': '当前没有待接收的线索',
    'received': '已接收线索 {no}',
    'transfer.title': '{action}：{no}', 'transfer.city': '转办市州（实际用工所在地）',
    'transfer.county': '转办区县（实际用工所在地）', 'transfer.countyOptional': '转办区县（可不选，由市州再转）',
    'transfer.opinion': '转办意见', 'transfer.noUnit': '（无线索办理单位）', 'transfer.done': '线索 {no} 已转办至{to}',
    'filter.clueNo': '线索编号', 'filter.complainantName': '投诉人', 'filter.respondentName': '被反映单位',
    'filter.state': '状态', 'filter.submittedFrom': '反映日期自', 'filter.submittedTo': '至', 'filter.merged': '是否合并',
    'filter.any': '全部', 'yes': '是', 'no': '否', 'apply': '查询', 'reset': '重置',
    'export.csv': '导出 CSV', 'export.xlsx': '导出 Excel',
    'page': '共 {total} 条，第 {page}/{pages} 页', 'prev': '上一页', 'next': '下一页', 'empty': '暂无数据',
    'merge.title': '案件合并', 'merge.intro': '已办结且未合并的线索中，办结反馈内容相同的线索归为一组；勾选同组两条及以上线索即可合并。',
    'merge.group': '相同办结反馈 · {n} 条线索', 'merge.noGroups': '暂无办结反馈相同的线索可合并',
    'merge.others': '其他已办结线索（办结反馈与其他线索均不相同，不能合并）', 'merge.opinion': '合并说明',
    'merge.tooFew': '请至少勾选两条线索', 'merge.done': '已合并为 {no}',
    'merges.title': '案件合并管理', 'merges.groupNo': '合并编号', 'merges.master': '主线索编号',
    'merges.count': '线索数', 'merges.members': '合并线索编号', 'merges.createdBy': '合并单位/经办人',
    'merges.createdAt': '合并时间', 'merges.status': '状态', 'merges.active': '有效',
    'merges.cancelled': '已取消', 'merges.cancelOpinion': '取消原因', 'merges.none': '暂无合并记录',
    'merges.cancelDone': '已取消合并 {no}',
    'stats.title': '线索统计', 'stats.handling': '线索办理统计', 'stats.summary': '线索汇总统计',
    'stats.detail': '线索明细统计', 'stats.from': '统计日期自', 'stats.to': '至', 'stats.bucket': '统计周期',
    'bucket.month': '按月', 'bucket.day': '按日', 'bucket.year': '按年',
    'h.regionName': '区域', 'h.total': '线索总数', 'h.pendingReceipt': '待接收', 'h.handling': '办理中',
    'h.pendingReview': '待审核', 'h.completed': '已办结', 'h.completionRate': '办结率', 'h.returnCount': '退回次数',
    'h.rejectCount': '驳回次数', 'h.yellowCards': '黄牌', 'h.redCards': '红牌',
    's.period': '期间', 's.newClues': '新增线索', 's.completed': '办结线索', 's.caseCount': '案件数',
    's.mergeGroups': '合并组', 's.averageHandlingDays': '平均办理天数',
    'd.workplaceCity': '市州', 'd.workplaceCounty': '区县', 'd.receivedAt': '首次接收时间', 'd.handlingDays': '办理天数',
    'd.returnCount': '退回', 'd.rejectCount': '驳回', 'd.mergeGroupNo': '合并编号', 'd.card': '红黄牌',
    'sum': '合计',
    'view.empty': '暂无记录',
  },
  en: {
    'list.pending-receipt': 'Pending receipt', 'list.case-management': 'Case management',
    'list.province-transfer': 'Transfer within the province', 'list.city-transfer': 'Transfer within the city',
    'list.review-pending': 'Completion review (pending)', 'list.reviewed': 'Reviewed', 'list.query': 'Clue query',
    'col.clueNo': 'Clue no.', 'col.complainantName': 'Complainant', 'col.complainantPhone': 'Phone',
    'col.respondentName': 'Respondent', 'col.workplace': 'Workplace', 'col.submittedAt': 'Submitted',
    'col.sentBy': 'Sent by', 'col.sentAt': 'Sent at', 'col.receivedAt': 'Received', 'col.tag': 'Tag',
    'col.state': 'State', 'col.holder': 'Holder', 'col.completedAt': 'Completed', 'col.merged': 'Merge group',
    'col.card': 'Card', 'col.submitter': 'Submitted by', 'col.reviewSubmittedAt': 'Submitted at',
    'col.resultSummary': 'Result', 'col.myResult': 'My result', 'col.myOpinion': 'My opinion',
    'col.reviewedAt': 'Reviewed at', 'col.ops': 'Actions', 'col.select': 'Select', 'col.master': 'Master',
    'op.details': 'Details', 'op.receive': 'Receive', 'op.receiveAll': 'Receive all', 'op.transfer': 'Transfer',
    'op.handle': 'Handle', 'op.review': 'Review', 'op.progress': 'Progress', 'op.notes': 'Notes',
    'op.feedback': 'Completion feedback', 'op.trail': 'Trail', 'op.reviews': 'Review history', 'op.close': 'Close',
    'op.merge': 'Merge the selected clues', 'op.cancelMerge': 'Cancel merge', 'op.members': 'Clues',
    'unread': '{n} unread notes',
    'result.APPROVED': 'Approved', 'result.REJECTED': 'Rejected',
    'receiveAll.done': '{n} clues received', 'receiveAll.skipped': ', {m} not received ({codes})',
    'receiveAll.none': 'No clue is waiting for receipt',
    'received': 'Clue {no} received',
    'transfer.title': '{action}: {no}', 'transfer.city': 'Target city (place of employment)',
    'transfer.county': 'Target county (place of employment)', 'transfer.countyOptional': 'Target county (optional)',
    'transfer.opinion': 'Opinion', 'transfer.noUnit': ' (no clue unit)', 'transfer.done': 'Clue {no} transferred to {to}',
    'filter.clueNo': 'Clue no.', 'filter.complainantName': 'Complainant', 'filter.respondentName': 'Respondent',
    'filter.state': 'State', 'filter.submittedFrom': 'Submitted from', 'filter.submittedTo': 'to', 'filter.merged': 'Merged',
    'filter.any': 'Any', 'yes': 'Yes', 'no': 'No', 'apply': 'Search', 'reset': 'Reset',
    'export.csv': 'Export CSV', 'export.xlsx': 'Export Excel',
    'page': '{total} rows, page {page}/{pages}', 'prev': 'Previous', 'next': 'Next', 'empty': 'Nothing here',
    'merge.title': 'Merge cases', 'merge.intro': 'Completed clues not yet merged are grouped by identical completion feedback; select two or more of one group to merge them.',
    'merge.group': 'Identical completion feedback · {n} clues', 'merge.noGroups': 'No completed clues share their feedback',
    'merge.others': 'Other completed clues (their feedback matches no other clue)', 'merge.opinion': 'Note',
    'merge.tooFew': 'Select at least two clues', 'merge.done': 'Merged as {no}',
    'merges.title': 'Merge management', 'merges.groupNo': 'Group no.', 'merges.master': 'Master clue',
    'merges.count': 'Clues', 'merges.members': 'Member clues', 'merges.createdBy': 'Merged by',
    'merges.createdAt': 'Merged at', 'merges.status': 'Status', 'merges.active': 'Active',
    'merges.cancelled': 'Cancelled', 'merges.cancelOpinion': 'Reason for cancelling', 'merges.none': 'No merges yet',
    'merges.cancelDone': 'Merge {no} cancelled',
    'stats.title': 'Clue statistics', 'stats.handling': 'Handling', 'stats.summary': 'Summary',
    'stats.detail': 'Detail', 'stats.from': 'From', 'stats.to': 'to', 'stats.bucket': 'Period',
    'bucket.month': 'Month', 'bucket.day': 'Day', 'bucket.year': 'Year',
    'h.regionName': 'Region', 'h.total': 'Clues', 'h.pendingReceipt': 'Pending receipt', 'h.handling': 'Handling',
    'h.pendingReview': 'Pending review', 'h.completed': 'Completed', 'h.completionRate': 'Completion rate',
    'h.returnCount': 'Returns', 'h.rejectCount': 'Rejections', 'h.yellowCards': 'Yellow cards', 'h.redCards': 'Red cards',
    's.period': 'Period', 's.newClues': 'New clues', 's.completed': 'Completed', 's.caseCount': 'Cases',
    's.mergeGroups': 'Merge groups', 's.averageHandlingDays': 'Average handling days',
    'd.workplaceCity': 'City', 'd.workplaceCounty': 'County', 'd.receivedAt': 'First received', 'd.handlingDays': 'Days',
    'd.returnCount': 'Returns', 'd.rejectCount': 'Rejections', 'd.mergeGroupNo': 'Merge group', 'd.card': 'Card',
    'sum': 'Total',
    'view.empty': 'No entries',
  },
};

/** This line's message for key in the console's language, {x} replaced from vars. */
export function msg(ctx, key, vars = {}) {
  const text = (TEXT[ctx.lang()] || TEXT.zh)[key] ?? TEXT.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, k) => (vars[k] === undefined ? m : String(vars[k])));
}

/**
 * An API error's text: the console's (its bundles for the platform's codes, this line's codes from the
 * "messages" of console.json, which the console reads for every installed line).
 */
export function errorText(ctx, e) {
  return ctx.errorText(e);
}

/** 2026-03-02T11:00:00+08:00 -> 2026-03-02 11:00. */
export function when(iso) {
  if (!iso) return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(String(iso));
  return m ? `${m[1]} ${m[2]}` : String(iso);
}

const STATE_EN = { PENDING_RECEIPT: 'Pending receipt', HANDLING: 'Handling', PENDING_CITY_REVIEW: 'Pending city review',
  PENDING_PROVINCE_REVIEW: 'Pending province review', COMPLETED: 'Completed' };
export const STATES = Object.keys(STATE_EN);

export function stateText(ctx, row) {
  const line = ctx.line('clue');
  const s = line && line.states.find((x) => x.id === row.state);
  return s ? ctx.label(s.label) : (ctx.lang() === 'en' ? STATE_EN[row.state] : row.stateLabel) || row.state || '';
}

/** The 已退回 / 已驳回 tag of a row, with the opinion of that return or rejection. */
export function tag(ctx, row) {
  if (!row.tag) return null;
  const text = ctx.lang() === 'en' ? (row.tag === 'RETURNED' ? 'Returned' : 'Rejected') : row.tagLabel;
  return ctx.h('span.clue-tag', null,
    ctx.h('span.card-marker', { class: row.tag === 'RETURNED' ? 'card-yellow' : 'card-red', dataset: { tag: row.tag } }, text),
    row.tagOpinion ? ctx.h('span.muted.tag-opinion', null, ' ', row.tagOpinion) : null);
}

export function unreadBadge(ctx, row) {
  if (!row.unreadNotes) return null;
  return ctx.h('span.badge.badge-on.unread-notes', { title: msg(ctx, 'unread', { n: row.unreadNotes }) }, row.unreadNotes);
}

export function cardMarker(ctx, colour) {
  if (!colour) return null;
  return ctx.h('span.card-marker', { class: colour === 'RED' ? 'card-red' : 'card-yellow' }, ctx.t('card.' + colour));
}

/**
 * A table of clue rows: columns are [key, cell(row) -> node|text]; each row's cells carry their column
 * name for the phone layout (the console's data-label rule).
 */
export function table(ctx, rows, columns, { id, rowClass = 'clue-row' } = {}) {
  const { h } = ctx;
  if (!rows.length) return h('p.empty', null, msg(ctx, 'empty'));
  return h('table.items', id ? { id } : null,
    h('thead', null, h('tr', null, columns.map(([key]) => h('th', null, key ? msg(ctx, key) : '')))),
    h('tbody', null, rows.map((r) => h('tr', { class: rowClass, dataset: { id: r.id, clueNo: r.clueNo || '' } },
      columns.map(([key, cell]) => h('td', { 'data-label': key ? msg(ctx, key) : '', dataset: key ? { col: key } : null },
        cell(r)))))));
}

/** The clue number as a link to the generic item page (details and every action). */
export function clueLink(ctx, row) {
  return ctx.h('a.clue-no', { href: `#/item/${row.id}` }, row.clueNo);
}

export function pager(ctx, page, onOffset) {
  const { h } = ctx;
  const limit = page.limit || 20;
  const pages = Math.max(1, Math.ceil(page.total / limit));
  const current = Math.floor((page.offset || 0) / limit) + 1;
  return h('div.pager', null,
    h('button', { type: 'button', disabled: current <= 1, onclick: () => onOffset(Math.max(0, page.offset - limit)) }, msg(ctx, 'prev')),
    h('span.page-info', null, msg(ctx, 'page', { total: page.total, page: current, pages })),
    h('button', { type: 'button', disabled: current >= pages, onclick: () => onOffset(page.offset + limit) }, msg(ctx, 'next')));
}

/** CSV and Excel links for the same selection. */
export function exportLinks(ctx, path, params) {
  const link = (format) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== '' && k !== 'offset' && k !== 'limit') q.set(k, v);
    q.set('format', format);
    return ctx.h('a.button.export', { href: `/api/v1${path}?${q}`, download: '', dataset: { format } }, msg(ctx, 'export.' + format));
  };
  return ctx.h('span.exports', null, link('csv'), link('xlsx'));
}

/** #/p/... with params, for pages that keep their filters in the address. */
export function hashWith(base, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

/**
 * The child regions of a region (GET /admin/regions, open to every user within their scope) with
 * whether each has its clue unit (the caller's visible units of type CLUE_UNIT): a transfer to a
 * region without one would be refused with NO_CLUE_UNIT, so such regions are shown but not offered.
 */
export async function childRegions(ctx, parentCode) {
  const [regions, units] = await Promise.all([
    ctx.api(`/admin/regions?parentCode=${encodeURIComponent(parentCode)}&limit=200`),
    ctx.units(),
  ]);
  const withUnit = new Set(units.filter((u) => u.unitType === 'CLUE_UNIT').map((u) => u.regionCode));
  return (regions.items || []).map((r) => ({ code: r.regionCode, name: r.name, hasUnit: withUnit.has(r.regionCode) }));
}

/** A <select> of regions; those without a clue unit are listed but disabled. */
export function regionSelect(ctx, id, regions, { optional = false } = {}) {
  const { h } = ctx;
  return h('select', { id, name: id },
    h('option', { value: '' }, optional ? '—' : ctx.t('form.choose')),
    regions.map((r) => h('option', { value: r.code, disabled: !r.hasUnit, dataset: { name: r.name } },
      r.name, r.hasUnit ? '' : msg(ctx, 'transfer.noUnit'))));
}

/** A form row like the console's generated forms: label, input, hint and the error shown under it. */
export function fieldRow(ctx, id, text, input, { required = false } = {}) {
  const { h } = ctx;
  const error = h('div.field-error', { id: `${id}-error`, role: 'alert', hidden: true });
  const row = h('div.field', { dataset: { field: id } },
    h('label', { for: id }, text, required ? h('span.required', { title: ctx.t('form.required') }, ' *') : null), input, error);
  return {
    row,
    show(text2) { error.textContent = text2; error.hidden = false; row.classList.add('invalid'); },
    clear() { error.textContent = ''; error.hidden = true; row.classList.remove('invalid'); },
  };
}

/** Shows the API's MISSING_FIELD:x / INVALID_VALUE:x under the row of field x; false when none matched. */
export function showFieldErrors(ctx, e, rows) {
  const errors = e && e.fieldErrors ? e.fieldErrors() : {};
  let shown = false;
  for (const [field, err] of Object.entries(errors)) {
    const r = rows[field];
    if (!r) continue;
    r.show(err.kind === 'MISSING_FIELD' ? ctx.t('form.missing') : ctx.t('form.invalid', { message: err.message }));
    shown = true;
  }
  return shown;
}

const VIEW_KEYS = {
  zh: { summary: '摘要', content: '内容', resultSummary: '处理结果', handledDate: '办结日期', opinion: '意见', result: '结果',
    unitName: '单位', userName: '经办人', recordedAt: '时间', createdAt: '时间', reviewedAt: '审核时间', at: '时间',
    actionLabel: '操作', reviewerUnitName: '审核单位', reviewerName: '审核人', stage: '审核阶段', afterCompletion: '办结后补充' },
  en: {},
};

/**
 * One of the read-only views of spec 5.3 (progress, notes, completion feedback, trail, review history)
 * in a panel: each entry's simple values under their names. Opening the notes marks them read.
 */
export async function showView(ctx, area, row, view, title) {
  const { h } = ctx;
  const data = await ctx.api(`/clue/views/items/${row.id}/${view}`);
  const entries = Array.isArray(data) ? data : [data.current, ...(data.history || [])].filter(Boolean);
  const names = VIEW_KEYS[ctx.lang()] || {};
  const text = (v) => (v && typeof v === 'object' ? (v.zh ? ctx.label(v) : '') : /^\d{4}-\d{2}-\d{2}T/.test(String(v)) ? when(v) : String(v));
  area.replaceChildren(h('section.panel.clue-view', { dataset: { view, id: row.id } },
    h('h3', null, `${title} · ${row.clueNo}`),
    entries.length ? h('ol.timeline', null, entries.map((e) => h('li.event', null,
      Object.entries(e).filter(([k, v]) => v !== null && v !== undefined && v !== '' && !/Id$|^id$|digest|attachments|details|^from|^to/.test(k)
        && (typeof v !== 'object' || v.zh))
        .map(([k, v]) => h('div', null, h('span.muted', null, (names[k] || k) + '：'), text(v))))))
      : h('p.empty', null, msg(ctx, 'view.empty')),
    h('button', { type: 'button', onclick: () => area.replaceChildren() }, msg(ctx, 'op.close'))));
  area.scrollIntoView({ block: 'nearest' });
}

