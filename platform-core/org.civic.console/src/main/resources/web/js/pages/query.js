import { h, mount } from '../dom.js';
import { query } from '../api.js';
import { t, label } from '../i18n.js';
import { itemTable, pager, exportLinks, hashWith } from '../views.js';

const KEYS = ['state', 'assignmentState', 'regionCode', 'unitId', 'createdFrom', 'createdTo', 'card', 'q', 'sort'];

/**
 * The line's fields the API filters on (`field.<id>=<value>`, docs/decisions.md 38): its declared ENUM
 * fields with values and its BOOLEAN fields, create fields first, each id once.
 */
export function filterableFields(line) {
  const seen = new Set();
  return [...(line.createFields || []), ...(line.viewFields || [])].filter((f) => {
    const ok = (f.type === 'BOOLEAN' || (f.type === 'ENUM' && (f.values || []).length > 0)) && !seen.has(f.id);
    if (ok) seen.add(f.id);
    return ok;
  });
}

/** The query page of a line: every filter of the API, results with paging and CSV / Excel export. */
export async function queryPage(main, ctx, [lineId], params) {
  const line = ctx.line(lineId);
  if (!line) throw Object.assign(new Error(t('error.NOT_FOUND')), { code: 'NOT_FOUND', status: 404 });
  const p = {};
  for (const k of KEYS) p[k] = params.get(k) || '';
  const fields = filterableFields(line);
  for (const f of fields) p[`field.${f.id}`] = params.get(`field.${f.id}`) || '';
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
  // the line's own ENUM and BOOLEAN fields, labelled from the declaration (values by their valueLabels)
  for (const f of fields) {
    const key = `field.${f.id}`;
    const options = f.type === 'BOOLEAN' ? [['true', t('common.yes')], ['false', t('common.no')]]
      : f.values.map((v) => [v, f.valueLabels && f.valueLabels[v] ? label(f.valueLabels[v]) : v]);
    inputs[key] = h('select', { id: `q-field-${f.id}`, name: key, dataset: { field: f.id } },
      h('option', { value: '' }, t('filter.any')),
      options.map(([v, text]) => h('option', { value: v, selected: p[key] === v }, text)));
    labels[key] = label(f.label);
  }
  // a filtered field is shown as a column, so the rows say why they matched
  const columns = fields.filter((f) => p[`field.${f.id}`]);
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
    itemTable(page.items, { sort: p.sort || '-createdAt', onSort: (sort) => go({ sort, offset: 0 }), columns }),
    pager(page, (offset) => go({ offset })));
}
