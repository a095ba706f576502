// Pieces the generic pages share: item tables, remaining time, card markers, paging, export links.
import { h, when } from './dom.js';
import { t, label } from './i18n.js';

/** Remaining time in green (more than a day), yellow (a day or less) or red (overdue). */
export function remainingClass(minutes) {
  if (minutes === null || minutes === undefined) return 'time-none';
  if (minutes < 0) return 'time-red';
  return minutes <= 24 * 60 ? 'time-yellow' : 'time-green';
}

export function duration(minutes) {
  const m = Math.abs(minutes);
  const d = Math.floor(m / 1440);
  const hh = Math.floor((m % 1440) / 60);
  const mm = m % 60;
  if (d > 0) return t('time.dh', { d, h: hh });
  if (hh > 0) return t('time.hm', { h: hh, m: mm });
  return t('time.m', { m: mm });
}

export function remaining(minutes) {
  if (minutes === null || minutes === undefined) return h('span.time.time-none', null, '—');
  return h('span.time', { class: remainingClass(minutes) },
    minutes < 0 ? t('time.overdue', { d: duration(minutes) }) : t('time.left', { d: duration(minutes) }));
}

export function cardMarker(colour) {
  if (!colour) return null;
  return h('span.card-marker', { class: colour === 'RED' ? 'card-red' : 'card-yellow', title: t('card.' + colour) }, t('card.' + colour));
}

/** A field's value in a list cell: enum labels, yes/no, times. */
function cellValue(f, v) {
  if (v === null || v === undefined || v === '') return '';
  if (v === true) return t('common.yes');
  if (v === false) return t('common.no');
  if (f.type === 'ENUM') {
    const l = f.valueLabels && f.valueLabels[v];
    return l ? label(l) : String(v);
  }
  if (f.type === 'DATETIME' || f.type === 'DATE') return when(String(v));
  return typeof v === 'object' ? '' : String(v);
}

/**
 * A sortable table of item summaries; rows open the item. {@code columns}: field definitions the
 * worklist declares (WorklistDef.showing), shown after the title from each row's fields.
 */
export function itemTable(items, { sort, onSort, columns = [] } = {}) {
  const sortable = (key, text) => {
    if (!onSort) return h('th', null, text);
    const active = sort === key || sort === '-' + key;
    const next = sort === key && key !== 'deadline' ? '-' + key : key;
    return h('th', { 'aria-sort': active ? (sort.startsWith('-') ? 'descending' : 'ascending') : null },
      h('button.sort', { type: 'button', dataset: { sort: key }, onclick: () => onSort(next) },
        text, active ? (sort.startsWith('-') ? ' ↓' : ' ↑') : ''));
  };
  if (!items.length) return h('p.empty', null, t('list.empty'));
  return h('table.items', null,
    h('thead', null, h('tr', null,
      sortable('number', t('item.number')), h('th', null, t('item.title')),
      columns.map((f) => h('th', { dataset: { column: f.id } }, label(f.label))), h('th', null, t('item.state')),
      h('th', null, t('item.holders')), sortable('deadline', t('item.deadline')), h('th', null, t('item.remaining')),
      h('th', null, t('item.card')), sortable('createdAt', t('item.createdAt')))),
    h('tbody', null, items.map((it) => h('tr.item-row', { dataset: { id: it.id } },
      h('td', { 'data-label': t('item.number') }, h('a', { href: `#/item/${it.id}` }, it.number)),
      h('td.item-title', { 'data-label': t('item.title') }, h('a', { href: `#/item/${it.id}` }, it.title || '')),
      columns.map((f) => h('td', { 'data-label': label(f.label), dataset: { column: f.id } },
        cellValue(f, (it.fields || {})[f.id]))),
      h('td', { 'data-label': t('item.state') }, label(it.stateLabel)),
      h('td', { 'data-label': t('item.holders') }, (it.holders || []).filter((x) => x.active)
        .map((x) => h('span.holder', null, x.unitName, ' · ', label(x.stateLabel)))),
      h('td', { 'data-label': t('item.deadline') }, when(it.deadline)),
      h('td', { 'data-label': t('item.remaining') }, remaining(it.remainingMinutes)),
      h('td', { 'data-label': t('item.card') }, cardMarker(it.card)),
      h('td', { 'data-label': t('item.createdAt') }, when(it.createdAt))))));
}

export function pager(page, onOffset) {
  const limit = page.limit || 20;
  const pages = Math.max(1, Math.ceil(page.total / limit));
  const current = Math.floor((page.offset || 0) / limit) + 1;
  return h('div.pager', null,
    h('button#page-prev', { type: 'button', disabled: current <= 1, onclick: () => onOffset(Math.max(0, page.offset - limit)) }, t('list.prev')),
    h('span.page-info', null, t('list.page', { total: page.total, page: current, pages })),
    h('button#page-next', { type: 'button', disabled: current >= pages, onclick: () => onOffset(page.offset + limit) }, t('list.next')));
}

/** CSV and Excel links for the same selection (the API's format parameter). */
export function exportLinks(path, params) {
  const link = (format, text) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== '' && k !== 'offset' && k !== 'limit') q.set(k, v);
    q.set('format', format);
    return h('a.button.export', { href: `/api/v1${path}?${q}`, download: '', dataset: { format } }, text);
  };
  return h('span.exports', null, link('csv', t('export.csv')), link('xlsx', t('export.xlsx')));
}

/** Route parameters of the hash, for pages that keep filters in the address. */
export function hashWith(base, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}
