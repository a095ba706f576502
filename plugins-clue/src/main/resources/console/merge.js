// 案件合并 (the candidates of GET /clue/views/merge-candidates, grouped by identical completion feedback;
// two or more of a group are merged by POST /clue/merges) and 案件合并管理 (GET /clue/merges, with
// POST /clue/merges/{groupId}/cancel).
import { msg, errorText, when, table, clueLink, hashWith, fieldRow, showFieldErrors } from './clue.js';

export default async function render(container, ctx, params) {
  if (container.dataset.entry === 'merges') return management(container, ctx, params);
  return candidates(container, ctx, params);
}

async function candidates(container, ctx, params) {
  const { h } = ctx;
  const base = `#/p/${container.dataset.plugin}/${container.dataset.entry}`;
  const data = await ctx.api('/clue/views/merge-candidates?limit=200');
  const byId = new Map(data.items.map((r) => [r.id, r]));
  const grouped = new Set(data.groups.flatMap((g) => g.clueIds));
  const notice = h('div.notice#clue-notice', { role: 'status', hidden: !params.get('done') }, params.get('done') || '');
  const groups = data.groups.map((g, i) => group(g, i));
  const others = data.items.filter((r) => !grouped.has(r.id));
  ctx.mount(container,
    h('h2#clue-list-title', null, msg(ctx, 'merge.title')),
    h('p.muted', null, msg(ctx, 'merge.intro')),
    notice,
    groups.length ? groups : h('p.empty#merge-no-groups', null, msg(ctx, 'merge.noGroups')),
    others.length ? h('section.panel', null, h('h3', null, msg(ctx, 'merge.others')),
      table(ctx, others, [['col.clueNo', (r) => clueLink(ctx, r)], ['col.complainantName', (r) => r.complainantName || ''],
        ['col.respondentName', (r) => r.respondentName || ''], ['col.resultSummary', (r) => r.resultSummary || ''],
        ['col.completedAt', (r) => when(r.completedAt)]])) : null);

  function group(g, i) {
    const rows = g.clueIds.map((id) => byId.get(id)).filter(Boolean);
    const boxes = new Map();
    const masters = new Map();
    const opinion = h('textarea', { id: `merge-opinion-${i}`, name: 'opinion', rows: 2 });
    const fields = { opinion: fieldRow(ctx, `merge-opinion-${i}`, msg(ctx, 'merge.opinion'), opinion) };
    const banner = h('div.error-banner.merge-error', { role: 'alert', hidden: true });
    const submit = h('button.primary.merge-submit', { type: 'submit' }, msg(ctx, 'op.merge'));
    return h('form.panel.merge-group', {
      novalidate: true, dataset: { group: i },
      onsubmit: async (ev) => {
        ev.preventDefault();
        banner.hidden = true;
        fields.opinion.clear();
        const ids = rows.filter((r) => boxes.get(r.id).checked).map((r) => r.id);
        if (ids.length < 2) {
          banner.textContent = msg(ctx, 'merge.tooFew');
          banner.hidden = false;
          return;
        }
        const master = rows.find((r) => masters.get(r.id).checked && ids.includes(r.id));
        const body = { memberClueIds: ids };
        if (master) body.masterClueId = master.id;
        if (opinion.value.trim()) body.opinion = opinion.value.trim();
        submit.disabled = true;
        try {
          const out = await ctx.api('/clue/merges', { method: 'POST', body });
          ctx.navigate(hashWith(base, { done: msg(ctx, 'merge.done', { no: out.groupId || out.groupNo }) }));
        } catch (e) {
          banner.textContent = showFieldErrors(ctx, e, fields) ? ctx.t('form.fix') : errorText(ctx, e);
          banner.hidden = false;
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('h3', null, msg(ctx, 'merge.group', { n: rows.length })),
    h('p.merge-feedback', null, rows[0] ? rows[0].resultSummary : ''),
    table(ctx, rows, [
      ['col.select', (r) => { const b = h('input.merge-pick', { type: 'checkbox', value: r.id, dataset: { clueNo: r.clueNo } }); boxes.set(r.id, b); return b; }],
      ['col.master', (r) => { const b = h('input.merge-master', { type: 'radio', name: `master-${i}`, value: r.id }); masters.set(r.id, b); return b; }],
      ['col.clueNo', (r) => clueLink(ctx, r)], ['col.complainantName', (r) => r.complainantName || ''],
      ['col.respondentName', (r) => r.respondentName || ''], ['col.completedAt', (r) => when(r.completedAt)],
    ]),
    fields.opinion.row, banner, h('div.form-actions', null, submit));
  }
}

async function management(container, ctx, params) {
  const { h } = ctx;
  const base = `#/p/${container.dataset.plugin}/${container.dataset.entry}`;
  const data = await ctx.api('/clue/merges');
  const notice = h('div.notice#clue-notice', { role: 'status', hidden: !params.get('done') }, params.get('done') || '');
  const area = h('div#clue-area');
  const items = data.items.slice().sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
  ctx.mount(container,
    h('h2#clue-list-title', null, msg(ctx, 'merges.title')),
    notice, area,
    items.length ? h('table.items#merge-table', null,
      h('thead', null, h('tr', null, ['merges.groupNo', 'merges.master', 'merges.count', 'merges.members', 'merges.createdBy',
        'merges.createdAt', 'merges.status', 'col.ops'].map((k) => h('th', null, msg(ctx, k))))),
      h('tbody', null, items.map((g) => h('tr.merge-row', { dataset: { group: g.groupId, cancelled: String(!!g.cancelled) } },
        h('td', { 'data-label': msg(ctx, 'merges.groupNo') }, g.groupId),
        h('td', { 'data-label': msg(ctx, 'merges.master') }, g.masterClueNo || ''),
        h('td', { 'data-label': msg(ctx, 'merges.count') }, g.memberCount),
        h('td', { 'data-label': msg(ctx, 'merges.members') }, (g.memberClueIds || []).map((id, k) => [k ? '、' : '',
          h('a', { href: `#/item/${id}` }, (g.memberClueNos || [])[k] || id)])),
        h('td', { 'data-label': msg(ctx, 'merges.createdBy') }, [g.createdByUnitName, g.createdByUserName].filter(Boolean).join(' · ')),
        h('td', { 'data-label': msg(ctx, 'merges.createdAt') }, when(g.createdAt)),
        h('td.merge-status', { 'data-label': msg(ctx, 'merges.status') }, g.cancelled
          ? [h('span.state-badge.terminal', null, msg(ctx, 'merges.cancelled')), g.cancelOpinion ? h('div.muted', null, g.cancelOpinion) : null]
          : h('span.state-badge', null, msg(ctx, 'merges.active'))),
        h('td', { 'data-label': msg(ctx, 'col.ops') }, g.cancelled ? null
          : h('button.merge-cancel', { type: 'button', onclick: () => cancelForm(g) }, msg(ctx, 'op.cancelMerge')))))))
      : h('p.empty', null, msg(ctx, 'merges.none')));

  function cancelForm(g) {
    const reason = h('textarea#cancel-opinion', { name: 'cancelOpinion', rows: 3 });
    const fields = { cancelOpinion: fieldRow(ctx, 'cancel-opinion', msg(ctx, 'merges.cancelOpinion'), reason, { required: true }) };
    const banner = h('div.error-banner#cancel-error', { role: 'alert', hidden: true });
    area.replaceChildren(h('form.form.panel#cancel-form', {
      novalidate: true,
      onsubmit: async (ev) => {
        ev.preventDefault();
        banner.hidden = true;
        fields.cancelOpinion.clear();
        const body = reason.value.trim() ? { cancelOpinion: reason.value.trim() } : {};
        try {
          await ctx.api(`/clue/merges/${encodeURIComponent(g.groupId)}/cancel`, { method: 'POST', body });
          ctx.navigate(hashWith(base, { done: msg(ctx, 'merges.cancelDone', { no: g.groupId }) }));
        } catch (e) {
          banner.textContent = showFieldErrors(ctx, e, fields) ? ctx.t('form.fix') : errorText(ctx, e);
          banner.hidden = false;
        }
      },
    }, h('h3', null, msg(ctx, 'op.cancelMerge'), ' · ', g.groupId), fields.cancelOpinion.row, banner,
    h('div.form-actions', null, h('button.primary#cancel-submit', { type: 'submit' }, ctx.t('form.confirm')),
      h('button', { type: 'button', onclick: () => area.replaceChildren() }, ctx.t('form.cancel')))));
    reason.focus();
  }
}
