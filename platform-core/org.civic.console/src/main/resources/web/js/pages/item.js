import { h, mount, when } from '../dom.js';
import { t, label } from '../i18n.js';
import { remaining, cardMarker } from '../views.js';
import { fieldsForm, valueLabel } from '../forms.js';
import { api } from '../api.js';

/**
 * An item: fields, assignments with their clocks and cards, attachments, the audit trail as a
 * timeline, links to the documents the user may print (PDF), and one button per action the user may
 * take now, each opening a form generated from the action's declared input.
 */
export async function itemPage(main, ctx, [id]) {
  const item = await ctx.api(`/items/${id}`);
  // Printable documents (PDF) the user may print now; none when the document service is not running.
  const documents = await ctx.api(`/items/${id}/documents`).catch(() => []);
  const line = ctx.line(item.line);
  const stateLabel = (s) => {
    const found = line && [...line.states, ...line.assignmentStates].find((x) => x.id === s);
    return found ? label(found.label) : (s || '');
  };
  const actionArea = h('div.action-form#action-area');
  const units = new Map();
  for (const a of item.assignments) units.set(a.unitId, a.unitName);

  // Labels of the fields: the create form's, then those the line sets itself (viewFields); keys inside
  // records (a callback attempt's result) are looked up by fieldLookup.
  const fieldDefs = line ? [...line.createFields, ...(line.viewFields || [])] : [];
  const defs = fieldLookup(line);
  const known = new Set(fieldDefs.map((f) => f.id));
  const present = (v) => v !== undefined && v !== null && !(Array.isArray(v) && !v.length);
  const fieldRows = [
    ...fieldDefs.filter((f) => f.id !== 'title' && present(item.fields[f.id]))
      .map((f) => [label(f.label), show(item.fields[f.id], f, units, defs)]),
    // Undeclared fields of simple values; a line's own records (objects, lists of them) and empty lists are
    // the line's internals, which its own views show.
    ...Object.entries(item.fields).filter(([k, v]) => !known.has(k) && k !== 'title' && present(v) && !internal(v))
      .map(([k, v]) => [k, show(v, null, units, defs)]),
  ];
  const ctxItem = { item, line, defs, units };

  mount(main,
    h('div.item-head', null,
      h('h2#item-title', null, item.title || ''),
      h('div.item-meta', null,
        h('span.number#item-number', null, item.number), ' ',
        h('span.state-badge#item-state', { class: item.terminal ? 'terminal' : '' }, label(item.stateLabel)),
        item.cards.length ? item.cards.map((c) => cardMarker(c.colour)) : null),
      item.lineAvailable ? null : h('div.notice', null, t('item.lineGone')),
      documents.length ? h('div.documents#documents', null, t('item.print'), '：', documents.map((d) => h('a.print', {
        href: `/api/v1/items/${item.id}/documents/${d.name}`, target: '_blank', rel: 'noopener',
        dataset: { document: d.name },
      }, label(d.label)))) : null),
    h('div.actions#actions', null,
      item.availableActions.length === 0 ? h('span.muted', null, t('item.noActions')) : null,
      item.availableActions.map((a) => h('button.action', {
        type: 'button', dataset: { action: a.id },
        onclick: () => openAction(ctx, item, a, actionArea),
      }, label(a.label), a.assignmentId && item.availableActions.filter((x) => x.id === a.id).length > 1
        ? ` (${unitOf(item, a.assignmentId)})` : ''))),
    actionArea,
    section(t('item.fields'), h('dl.fields-view#item-fields', null,
      h('dt', null, t('item.title')), h('dd', null, item.title || ''),
      fieldRows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
      h('dt', null, t('item.createdAt')), h('dd', null, when(item.createdAt), ' · ', item.createdBy || ''),
      h('dt', null, t('item.updatedAt')), h('dd', null, when(item.updatedAt)))),
    item.assignments.length ? section(t('item.assignments'), h('div.assignments#assignments', null,
      item.assignments.map((a) => h('div.assignment', { class: a.active ? '' : 'inactive', dataset: { unit: a.unitId } },
        h('div.assignment-head', null, h('strong', null, a.unitName), ' · ', roleLabel(a.role), ' · ',
          h('span.state-badge', null, label(a.stateLabel)), a.cards.map((c) => cardMarker(c.colour))),
        clocksTable(a.clocks), assignmentHistory(ctxItem, a)))))
      : null,
    item.clocks.length ? section(t('item.clocks'), clocksTable(item.clocks)) : null,
    item.links.length ? section(t('item.links'), h('ul', null, item.links.map((l) => h('li', null,
      t('link.' + l.kind), ' ', h('a', { href: `#/item/${l.itemId}` }, l.number))))) : null,
    section(t('item.attachments'), attachments(ctx, item)),
    section(t('item.audit'), h('ol.timeline#audit', null, item.auditTrail.slice().reverse().map((e) => h('li.event', null,
      h('div.event-head', null, h('time', null, when(e.at)), ' ', h('strong', null, label(e.actionLabel) || e.action)),
      h('div.event-who', null, e.actorName || e.actor, e.unitName ? ` · ${e.unitName}` : '', e.channel ? ` · ${e.channel}` : ''),
      e.fromState !== e.toState && e.toState ? h('div.event-move', null, stateLabel(e.fromState), ' → ', stateLabel(e.toState)) : null,
      e.opinion ? h('div.event-opinion', null, e.opinion) : null,
      inputSummary(ctxItem, e))))));
}

/**
 * Field definitions by id for keys inside records (a callback attempt's result and content): the line's
 * view fields, then action inputs, then the create form (first one wins).
 */
function fieldLookup(line) {
  const out = new Map();
  if (!line) return out;
  for (const f of [...(line.viewFields || []), ...line.actions.flatMap((a) => a.input), ...line.createFields]) {
    if (!out.has(f.id)) out.set(f.id, f);
  }
  out.actionInputs = line.actions.map((a) => a.input);
  return out;
}

/**
 * What a unit did on its assignment (sign-in, dispute, extension request, feedback with its photos,
 * department callback, decisions and send-backs about it), from the audit entries naming it.
 */
function assignmentHistory(c, a) {
  const entries = c.item.auditTrail.filter((e) => e.assignmentId === a.id && e.action);
  if (!entries.length) return null;
  return h('ol.unit-history', { dataset: { unit: a.unitId } }, entries.map((e) => h('li', { dataset: { action: e.action } },
    h('div.event-head', null, h('time', null, when(e.at)), ' ', h('strong', null, label(e.actionLabel) || e.action),
      ' ', h('span.muted', null, e.actorName || e.actor || '')),
    e.opinion ? h('div.event-opinion', null, e.opinion) : null,
    inputSummary(c, e))));
}

/** An assignment's role (主办, 协办, 承办); a role a line names that the bundle does not know is shown as it is. */
function roleLabel(role) {
  const m = t('role.' + role);
  return m === 'role.' + role ? role : m;
}

function internal(v) {
  if (Array.isArray(v)) return v.length === 0 || v.some((x) => x !== null && typeof x === 'object');
  return v !== null && typeof v === 'object';
}

function unitOf(item, assignmentId) {
  const a = item.assignments.find((x) => x.id === assignmentId);
  return a ? a.unitName : '';
}

function section(title, body) {
  return h('section.panel', null, h('h3', null, title), body);
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A value as text: enum labels, unit names, times; records and lists of records as labelled lines. */
function show(value, f, units, defs) {
  if (value === true) return t('common.yes');
  if (value === false) return t('common.no');
  if (value === null || value === undefined) return '';
  if (f && f.type === 'DATETIME') return when(value);
  if (f && f.type === 'UNIT') return units.get(Number(value)) || String(value);
  if (f && f.type === 'ENUM') return valueLabel(f, value);
  if (f && f.regions && typeof value === 'string') return regionText(value);
  if (Array.isArray(value)) {
    if (value.some((v) => typeof v === 'object' && v !== null)) {
      return h('ul.records', null, value.map((v) => h('li', null, show(v, null, units, defs))));
    }
    return value.map((v) => (f && f.type === 'UNIT_LIST' ? units.get(Number(v)) || v : v)).join('、');
  }
  if (typeof value === 'object') {
    const own = recordDefs(value, defs);
    const def = (k) => own.get(k) || defs.get(k);
    return h('span.record', null, Object.entries(value).filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => h('span.record-part', null, def(k) ? label(def(k).label) : nestedLabel(k, defs), '：',
        show(v, def(k), units, defs))));
  }
  if (typeof value === 'string' && ISO_TIME.test(value)) return when(value);
  return String(value);
}

const regionNames = new Map();

/**
 * A region code (a field declared with FieldDef.regions) as its name, read once per code from
 * GET /admin/region-names (any region, also outside the caller's scope); an unknown code stays as it is.
 */
function regionText(code) {
  const span = h('span.region', { dataset: { region: code } }, code);
  if (!regionNames.has(code)) {
    regionNames.set(code, api(`/admin/region-names?code=${encodeURIComponent(code)}`)
      .then((names) => (names && names[code]) || null).catch(() => null));
  }
  regionNames.get(code).then((name) => { if (name) span.textContent = name; });
  return span;
}

/**
 * A record written by an action (a callback attempt: result, content) takes the labels of that action's
 * input: the action whose input names most of the record's keys (回访内容, not the appeal's 诉求内容).
 */
function recordDefs(record, defs) {
  const keys = Object.keys(record);
  let best = null;
  let score = 1;
  for (const input of defs.actionInputs || []) {
    const n = input.filter((f) => keys.includes(f.id)).length;
    if (n > score) { best = input; score = n; }
  }
  return new Map((best || []).map((f) => [f.id, f]));
}

/** The label of a key inside a record: a declared field of that id, else the console's message, else the key. */
function nestedLabel(key, defs) {
  const f = defs.get(key);
  if (f) return label(f.label);
  const m = t('record.' + key);
  return m === 'record.' + key ? key : m;
}

function clocksTable(clocks) {
  if (!clocks || !clocks.length) return null;
  return h('table.clocks', null,
    h('thead', null, h('tr', null, h('th', null, t('clock.name')), h('th', null, t('clock.status')),
      h('th', null, t('item.deadline')), h('th', null, t('item.remaining')))),
    h('tbody', null, clocks.map((c) => h('tr', { dataset: { clock: c.name } },
      h('td', { 'data-label': t('clock.name') }, label(c.label)),
      h('td', { 'data-label': t('clock.status') }, t('clock.' + c.status),
        c.pendingDeadline ? h('div.muted', null, t('clock.pending', { at: when(c.pendingDeadline) })) : null),
      h('td', { 'data-label': t('item.deadline') }, when(c.deadline)),
      h('td', { 'data-label': t('item.remaining') }, c.status === 'RUNNING' ? remaining(c.remainingMinutes) : '—')))));
}

/** An audit entry's input, labelled by the action's declared fields; attached photos as thumbnails. */
function inputSummary(c, e) {
  const input = e.input;
  if (!input) return null;
  const action = c.line && c.line.actions.find((a) => a.id === e.action);
  const defs = action ? action.input : c.line ? c.line.createFields : [];
  const entries = Object.entries(input).filter(([k, v]) => k !== 'opinion' && v !== null && v !== ''
    && !(Array.isArray(v) && !v.length) && (typeof v !== 'object' || Array.isArray(v)));
  if (!entries.length) return null;
  return h('div.event-input', null, entries.map(([k, v]) => {
    const f = defs.find((x) => x.id === k) || c.defs.get(k);
    if (f && f.type === 'ATTACHMENTS') {
      return h('div', null, label(f.label), '：', h('span.thumbs', null, v.map((aid) => attachmentRef(c.item, aid))));
    }
    return h('div', null, f ? label(f.label) : k, '：', show(v, f, c.units, c.defs));
  }));
}

/** An attachment named by id: a thumbnail for an image (served by the API, same origin), else its name. */
function attachmentRef(item, id) {
  const a = item.attachments.find((x) => x.id === Number(id));
  if (!a) return h('span', null, `#${id} `);
  const href = `/api/v1/items/${item.id}/attachments/${a.id}`;
  if ((a.contentType || '').startsWith('image/')) {
    return h('a.thumb', { href, target: '_blank', rel: 'noopener', title: a.fileName, dataset: { attachment: a.id } },
      h('img', { src: href, alt: a.fileName, loading: 'lazy' }));
  }
  return h('a', { href, download: a.fileName, dataset: { attachment: a.id } }, a.fileName, ' ');
}

function attachments(ctx, item) {
  const list = h('ul.attachments#attachment-list', null, item.attachments.map((a) => h('li', null,
    h('a', { href: `/api/v1/items/${item.id}/attachments/${a.id}`, download: a.fileName, dataset: { attachment: a.id } }, a.fileName),
    h('span.muted', null, ` ${Math.ceil(a.size / 1024)} KB · ${a.uploadedBy || ''} · ${when(a.uploadedAt)}`))));
  if (!item.attachments.length) list.append(h('li.muted', null, t('attachments.none')));
  const file = h('input#upload-file', { type: 'file' });
  const error = h('div.field-error#upload-error', { role: 'alert', hidden: true });
  const form = h('form.upload#upload-form', {
    onsubmit: async (ev) => {
      ev.preventDefault();
      error.hidden = true;
      if (!file.files.length) return;
      try {
        await uploadFile(ctx, item.id, file.files[0]);
        ctx.navigate(`#/item/${item.id}`);
      } catch (e) {
        error.textContent = ctx.errorText(e);
        error.hidden = false;
      }
    },
  }, file, h('button', { type: 'submit' }, t('attachments.upload')), error);
  return h('div', null, list, item.lineAvailable ? form : null);
}

async function uploadFile(ctx, itemId, file) {
  const data = new FormData();
  data.append('file', file, file.name);
  return ctx.api(`/items/${itemId}/attachments`, { method: 'POST', form: data });
}

async function openAction(ctx, item, action, area) {
  const assignment = action.assignmentId ? item.assignments.find((a) => a.id === action.assignmentId) : null;
  const prefill = {};
  for (const f of action.input) {
    if (f.type === 'UNIT' && f.id === 'unitId' && assignment) prefill[f.id] = assignment.unitId;
  }
  // An action whose input is part of the create form edits the item (修改): it starts from the item's values.
  const line = ctx.line(item.line);
  const createIds = new Set(line ? line.createFields.map((f) => f.id) : []);
  if (action.input.length && action.input.every((f) => createIds.has(f.id))) {
    for (const f of action.input) {
      const v = f.id === 'title' ? item.title : item.fields[f.id];
      if (v !== undefined && v !== null) prefill[f.id] = v;
    }
  }
  const form = await fieldsForm(action.input, ctx, { prefill, idPrefix: 'action', item });
  const banner = h('div.error-banner#action-error', { role: 'alert', hidden: true });
  const submit = h('button.primary#action-submit', { type: 'submit' }, t('form.confirm'));
  const key = crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
  mount(area, h('form.form', {
    novalidate: true, dataset: { action: action.id },
    onsubmit: async (ev) => {
      ev.preventDefault();
      form.clearErrors();
      banner.hidden = true;
      submit.disabled = true;
      try {
        const body = form.read();
        for (const f of action.input.filter((x) => x.type === 'ATTACHMENTS')) {
          const files = form.inputs[f.id].files();
          if (files.length) {
            const ids = [];
            for (const file of files) ids.push((await uploadFile(ctx, item.id, file)).id);
            body[f.id] = ids;
          }
        }
        await ctx.api(`/items/${item.id}/actions/${action.id}`, { method: 'POST', body, idempotencyKey: key });
        ctx.navigate(`#/item/${item.id}`);
      } catch (e) {
        if (e.status === 401) return;
        banner.textContent = form.showErrors(e) ? t('form.fix') : ctx.errorText(e);
        banner.hidden = false;
      } finally {
        submit.disabled = false;
      }
    },
  },
  h('h3', null, label(action.label), assignment ? ` · ${assignment.unitName}` : ''),
  action.input.length ? form.element : h('p.muted', null, t('form.noInput')),
  banner,
  h('div.form-actions', null, submit,
    h('button#action-cancel', { type: 'button', onclick: () => mount(area) }, t('form.cancel')))));
  const first = area.querySelector('input, textarea, select');
  if (first) first.focus();
}
