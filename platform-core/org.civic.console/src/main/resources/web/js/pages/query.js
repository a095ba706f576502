import { h, mount } from '../dom.js';
import { query } from '../api.js';
import { t, label } from '../i18n.js';
import { itemTable, pager, exportLinks, hashWith } from '../views.js';

const KEYS = ['state', 'assignmentState', 'regionCode', 'unitId', 'createdFrom', 'createdTo', 'card', 'q', 'sort'];

/** The query page of a line: every filter of the API, results with paging and CSV / Excel export. */
export async function queryPage(main, ctx, [lineId], params) {
  const line = ctx.line(lineId);
  if (!line) throw Object.assign(new Error(t('error.NOT_FOUND')), { code: 'NOT_FOUND', status: 404 });
  const p = {};
  for (const k of KEYS) p[k] = params.get(k) || '';
  p.offset = Number(params.get('offset') || 0);
  p.limit = 20;
  const page = await ctx.api(`/${lineId}/items${query(p)}`);
  const go = (changes) => ctx.navigate(hashWith(`#/query/${lineId}`, { ...p, limit: null, ...changes }));
  const select = (id, options, value) => h('select', { id: `q-${id}`, name: id },
    h('option', { value: '' }, t('filter.any')),
    options.map(([v, text]) => h('option', { value: v, selected: String(value) === String(v) }, text)));
  const units = await ctx.units().catch(() => []);
  const inputs = {
    state: select('state', line.states.map((s) => [s.id, label(s.label)]), p.state),
    assignmentState: select('assignmentState', line.assignmentStates.map((s) => [s.id, label(s.label)]), p.assignmentState),
    unitId: select('unitId', units.map((u) => [u.id, u.name]), p.unitId),
    regionCode: h('input#q-regionCode', { name: 'regionCode', value: p.regionCode, inputmode: 'numeric', placeholder: '620102' }),
    createdFrom: h('input#q-createdFrom', { type: 'date', name: 'createdFrom', value: p.createdFrom }),
    createdTo: h('input#q-createdTo', { type: 'date', name: 'createdTo', value: p.createdTo }),
    card: select('card', [['YELLOW', t('card.YELLOW')], ['RED', t('card.RED')]], p.card),
    q: h('input#q-q', { type: 'search', name: 'q', value: p.q, placeholder: t('filter.text') }),
  };
  const labels = { state: t('item.state'), assignmentState: t('query.assignmentState'), unitId: t('query.unit'),
    regionCode: t('query.region'), createdFrom: t('query.createdFrom'), createdTo: t('query.createdTo'),
    card: t('item.card'), q: t('filter.text') };
  mount(main,
    h('h2', null, label(line.label), ' · ', t('nav.query')),
    h('form.query-form#query-form', {
      onsubmit: (ev) => {
        ev.preventDefault();
        const next = { offset: 0 };
        for (const k of Object.keys(inputs)) next[k] = inputs[k].value.trim ? inputs[k].value.trim() : inputs[k].value;
        go(next);
      },
    },
    Object.entries(inputs).map(([k, el]) => h('label.query-field', null, h('span', null, labels[k]), el)),
    h('div.form-actions', null, h('button.primary#query-submit', { type: 'submit' }, t('filter.search')),
      exportLinks(`/${lineId}/items`, p))),
    h('p.muted#query-total', null, t('query.total', { n: page.total })),
    itemTable(page.items, { sort: p.sort || '-createdAt', onSort: (sort) => go({ sort, offset: 0 }) }),
    pager(page, (offset) => go({ offset })));
}
