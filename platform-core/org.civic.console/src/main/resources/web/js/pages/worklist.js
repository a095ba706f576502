import { h, mount } from '../dom.js';
import { query } from '../api.js';
import { t, label } from '../i18n.js';
import { itemTable, pager, exportLinks, hashWith } from '../views.js';

/** One worklist: paging, sorting, text and card filters, remaining time and card markers. */
export async function worklistPage(main, ctx, [lineId, name], params) {
  const line = ctx.line(lineId);
  const w = line && line.worklists.find((x) => x.name === name);
  if (!w) throw Object.assign(new Error(t('error.NOT_FOUND')), { code: 'NOT_FOUND', status: 404 });
  const p = { q: params.get('q') || '', card: params.get('card') || '', sort: params.get('sort') || '',
    offset: Number(params.get('offset') || 0), limit: 20 };
  const page = await ctx.api(`/${lineId}/worklists/${name}${query(p)}`);
  const go = (changes) => ctx.navigate(hashWith(`#/list/${lineId}/${name}`, { ...p, limit: null, ...changes }));
  const text = h('input#filter-q', { type: 'search', value: p.q, placeholder: t('filter.text') });
  const card = h('select#filter-card', null,
    h('option', { value: '' }, t('filter.anyCard')),
    h('option', { value: 'YELLOW', selected: p.card === 'YELLOW' }, t('card.YELLOW')),
    h('option', { value: 'RED', selected: p.card === 'RED' }, t('card.RED')));
  mount(main,
    h('h2', null, label(line.label), ' · ', label(w.label)),
    h('form.filters#filters', { onsubmit: (ev) => { ev.preventDefault(); go({ q: text.value.trim(), card: card.value, offset: 0 }); } },
      text, card, h('button', { type: 'submit' }, t('filter.apply')),
      exportLinks(`/${lineId}/worklists/${name}`, p)),
    itemTable(page.items, { sort: p.sort || null, onSort: (sort) => go({ sort, offset: 0 }), columns: columnsOf(line, w) }),
    pager(page, (offset) => go({ offset })));
}

/** The fields a worklist shows as columns, with their definitions (create form or the line's view fields). */
function columnsOf(line, w) {
  const defs = [...line.createFields, ...(line.viewFields || [])];
  return (w.columns || []).map((id) => defs.find((f) => f.id === id)).filter(Boolean);
}
