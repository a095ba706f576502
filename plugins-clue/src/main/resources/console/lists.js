// The clue line's lists (spec §7) from GET /api/v1/clue/views/{list}: 待接收 with 接收 and 全部接收,
// 案件管理 with the 已退回/已驳回 tags and the unread-note badge, 省内转办 / 市内转办 with a picker of the
// child regions by name, 待审核 and 已审核, and the query. Details and every other action (progress,
// completion feedback, submit, return, approve, reject) open the console's generic item page.
import {
  msg, errorText, when, table, clueLink, tag, unreadBadge, cardMarker, pager, exportLinks, hashWith, stateText,
  childRegions, regionSelect, fieldRow, showFieldErrors, showView, STATES,
} from './clue.js';

const LISTS = {
  pending: 'pending-receipt', cases: 'case-management', 'province-transfer': 'province-transfer',
  'city-transfer': 'city-transfer', review: 'review-pending', reviewed: 'reviewed', query: 'query',
};
const FILTERS = ['clueNo', 'complainantName', 'respondentName', 'state', 'submittedFrom', 'submittedTo', 'merged'];

export default async function render(container, ctx, params) {
  const { h } = ctx;
  const entry = container.dataset.entry;
  const list = LISTS[entry] || 'case-management';
  const base = `#/p/${container.dataset.plugin}/${entry}`;
  const p = { offset: params.get('offset') || '' };
  if (list === 'query') for (const f of FILTERS) p[f] = params.get(f) || '';
  const notice = h('div.notice#clue-notice', { role: 'status', hidden: !params.get('done') }, params.get('done') || '');
  const error = h('div.error-banner#clue-error', { role: 'alert', hidden: true });
  const area = h('div#clue-area');
  const data = await ctx.api(`/clue/views/${list}${query(p)}`);
  const go = (extra) => ctx.navigate(hashWith(base, { ...p, ...extra }));
  const fail = (e) => { error.textContent = errorText(ctx, e); error.hidden = false; };

  const view = (row, name, key) => h('button.link', { type: 'button', dataset: { view: name },
    onclick: () => showView(ctx, area, row, name, msg(ctx, key)).then(() => ctx.refresh()).catch(fail) }, msg(ctx, key));
  const details = (row, key = 'op.details') => h('a.button', { href: `#/item/${row.id}`, dataset: { op: 'details' } }, msg(ctx, key));

  const c = {
    no: ['col.clueNo', (r) => [clueLink(ctx, r), ' ', unreadBadge(ctx, r), cardMarker(ctx, r.card)]],
    complainant: ['col.complainantName', (r) => r.complainantName || ''],
    phone: ['col.complainantPhone', (r) => r.complainantPhone || ''],
    respondent: ['col.respondentName', (r) => r.respondentName || ''],
    workplace: ['col.workplace', (r) => r.workplace || ''],
    submitted: ['col.submittedAt', (r) => when(r.submittedAt)],
    sentBy: ['col.sentBy', (r) => r.sentByUnitName || ''],
    sentAt: ['col.sentAt', (r) => when(r.sentAt || r.entryAt)],
    received: ['col.receivedAt', (r) => when(r.receivedAt)],
    tag: ['col.tag', (r) => tag(ctx, r)],
    state: ['col.state', (r) => stateText(ctx, r)],
    holder: ['col.holder', (r) => r.holderUnitName || ''],
    completed: ['col.completedAt', (r) => when(r.completedAt)],
    merged: ['col.merged', (r) => r.mergeGroupNo || ''],
  };
  let columns;
  let toolbar = null;
  let receiveAll = null;
  if (list === 'pending-receipt') {
    columns = [c.no, c.complainant, c.phone, c.respondent, c.workplace, c.submitted, c.sentBy, c.sentAt,
      ['col.ops', (r) => h('span.ops', null,
        h('button.primary', { type: 'button', dataset: { op: 'receive' }, onclick: (ev) => receive(ev.target, r) }, msg(ctx, 'op.receive')),
        ' ', details(r))]];
    receiveAll = h('button.primary#clue-receive-all', {
      type: 'button', disabled: data.items.length === 0,
      onclick: async (ev) => {
        ev.target.disabled = true;
        try {
          const out = await ctx.api('/clue/views/pending-receipt/receive-all', { method: 'POST',
            body: { clueIds: data.items.map((r) => r.id) } });
          let text = msg(ctx, 'receiveAll.done', { n: out.received });
          if (out.skipped.length) text += msg(ctx, 'receiveAll.skipped', { m: out.skipped.length,
            codes: out.skipped.map((s) => errorText(ctx, { code: s.code, message: '' })).join('、') });
          go({ offset: '', done: text });
        } catch (e) { fail(e); ev.target.disabled = false; }
      },
    }, msg(ctx, 'op.receiveAll'));
  } else if (list === 'case-management' || list.endsWith('-transfer')) {
    const transfer = list.endsWith('-transfer');
    columns = [c.no, c.complainant, c.phone, c.respondent, c.workplace, c.submitted, c.received, c.tag,
      ['col.ops', (r) => h('span.ops', null,
        transfer ? h('button.primary', { type: 'button', dataset: { op: 'transfer' }, onclick: () => transferForm(r).catch(fail) },
          msg(ctx, 'op.transfer')) : details(r, 'op.handle'),
        ' ', view(r, 'progress', 'op.progress'), ' ', view(r, 'notes', 'op.notes'),
        transfer ? [' ', details(r)] : null)]];
  } else if (list === 'review-pending') {
    columns = [c.no, c.complainant, c.respondent, c.workplace,
      ['col.submitter', (r) => r.reviewSubmittedByUnitName || ''], ['col.reviewSubmittedAt', (r) => when(r.reviewSubmittedAt)],
      ['col.resultSummary', (r) => r.resultSummary || ''], c.tag,
      ['col.ops', (r) => h('span.ops', null, details(r, 'op.review'), ' ', view(r, 'completion-feedback', 'op.feedback'),
        ' ', view(r, 'review-history', 'op.reviews'))]];
  } else if (list === 'reviewed') {
    columns = [c.no, c.respondent, ['col.myResult', (r) => (r.myResult ? msg(ctx, 'result.' + r.myResult) : '')],
      ['col.myOpinion', (r) => r.myOpinion || ''], ['col.reviewedAt', (r) => when(r.reviewedAt)], c.state,
      ['col.ops', (r) => h('span.ops', null, view(r, 'review-history', 'op.reviews'), ' ', details(r))]];
  } else {
    columns = [c.no, c.complainant, c.phone, c.respondent, c.workplace, c.submitted, c.state, c.holder, c.completed, c.merged,
      ['col.ops', (r) => h('span.ops', null, view(r, 'progress', 'op.progress'), ' ', view(r, 'trail', 'op.trail'), ' ', details(r))]];
    toolbar = queryForm();
  }

  ctx.mount(container,
    h('h2#clue-list-title', null, msg(ctx, 'list.' + list)),
    toolbar, notice, error,
    h('div.toolbar', null, receiveAll, exportLinks(ctx, `/clue/views/${list}`, p)),
    area,
    table(ctx, data.items, columns, { id: 'clue-table' }),
    data.total > data.limit ? pager(ctx, data, (offset) => go({ offset: offset || '' })) : null);

  async function receive(button, row) {
    button.disabled = true;
    try {
      await ctx.api(`/items/${row.id}/actions/receive`, { method: 'POST', body: {} });
      go({ done: msg(ctx, 'received', { no: row.clueNo }) });
    } catch (e) { fail(e); button.disabled = false; }
  }

  /** 省内转办 / 市内转办: the target chosen by name among the caller's child regions that have a clue unit. */
  async function transferForm(row) {
    const province = list === 'province-transfer';
    const action = province ? 'transfer_within_province' : 'transfer_within_city';
    const def = (ctx.line('clue').actions || []).find((a) => a.id === action);
    const own = ctx.me.region.regionCode;
    const rows = {};
    const countyHolder = h('div');
    let county = null;
    const setCounties = async (cityCode) => {
      county = null;
      delete rows.targetCountyCode;
      countyHolder.replaceChildren();
      if (!cityCode) return;
      const select = regionSelect(ctx, 'targetCountyCode', await childRegions(ctx, cityCode), { optional: province });
      county = select;
      rows.targetCountyCode = fieldRow(ctx, 'targetCountyCode', msg(ctx, province ? 'transfer.countyOptional' : 'transfer.county'),
        select, { required: !province });
      countyHolder.replaceChildren(rows.targetCountyCode.row);
    };
    let city = null;
    if (province) {
      city = regionSelect(ctx, 'targetCityCode', await childRegions(ctx, own));
      city.addEventListener('change', () => setCounties(city.value).catch(fail));
      rows.targetCityCode = fieldRow(ctx, 'targetCityCode', msg(ctx, 'transfer.city'), city, { required: true });
    } else {
      await setCounties(own);
    }
    const opinion = h('textarea#transfer-opinion', { name: 'opinion', rows: 3 });
    rows.opinion = fieldRow(ctx, 'opinion', msg(ctx, 'transfer.opinion'), opinion);
    const banner = h('div.error-banner#transfer-error', { role: 'alert', hidden: true });
    const submit = h('button.primary#transfer-submit', { type: 'submit' }, ctx.t('form.confirm'));
    area.replaceChildren(h('form.form.panel#transfer-form', {
      novalidate: true, dataset: { id: row.id, action },
      onsubmit: async (ev) => {
        ev.preventDefault();
        Object.values(rows).forEach((r) => r.clear());
        banner.hidden = true;
        submit.disabled = true;
        const body = {};
        if (city && city.value) body.targetCityCode = city.value;
        if (county && county.value) body.targetCountyCode = county.value;
        if (opinion.value.trim()) body.opinion = opinion.value.trim();
        try {
          await ctx.api(`/items/${row.id}/actions/${action}`, { method: 'POST', body });
          const target = [city, county].filter((s) => s && s.value).map((s) => s.selectedOptions[0].dataset.name).join('');
          go({ done: msg(ctx, 'transfer.done', { no: row.clueNo, to: target }) });
        } catch (e) {
          banner.textContent = showFieldErrors(ctx, e, rows) ? ctx.t('form.fix') : errorText(ctx, e);
          banner.hidden = false;
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('h3', null, msg(ctx, 'transfer.title', { action: def ? ctx.label(def.label) : action, no: row.clueNo })),
    h('div.fields', null, rows.targetCityCode ? rows.targetCityCode.row : null, countyHolder, rows.opinion.row),
    banner,
    h('div.form-actions', null, submit, h('button#transfer-cancel', { type: 'button', onclick: () => area.replaceChildren() },
      ctx.t('form.cancel')))));
    area.scrollIntoView({ block: 'nearest' });
  }

  function queryForm() {
    const input = (f, type = 'text') => h('input', { id: `cq-${f}`, name: f, type, value: p[f] });
    const state = h('select#cq-state', { name: 'state' }, h('option', { value: '' }, msg(ctx, 'filter.any')),
      STATES.map((s) => h('option', { value: s, selected: p.state === s }, stateText(ctx, { state: s }))));
    const merged = h('select#cq-merged', { name: 'merged' }, h('option', { value: '' }, msg(ctx, 'filter.any')),
      h('option', { value: 'true', selected: p.merged === 'true' }, msg(ctx, 'yes')),
      h('option', { value: 'false', selected: p.merged === 'false' }, msg(ctx, 'no')));
    const fields = { clueNo: input('clueNo'), complainantName: input('complainantName'), respondentName: input('respondentName'),
      state, submittedFrom: input('submittedFrom', 'date'), submittedTo: input('submittedTo', 'date'), merged };
    return h('form.query-form#clue-query', {
      onsubmit: (ev) => {
        ev.preventDefault();
        const next = { offset: '' };
        for (const [k, el] of Object.entries(fields)) next[k] = el.value.trim();
        go(next);
      },
    }, Object.entries(fields).map(([k, el]) => h('label.query-field', null, msg(ctx, 'filter.' + k), ' ', el)),
    h('div.form-actions', null, h('button.primary#cq-submit', { type: 'submit' }, msg(ctx, 'apply')),
      h('a.button', { href: base }, msg(ctx, 'reset'))));
  }
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}
