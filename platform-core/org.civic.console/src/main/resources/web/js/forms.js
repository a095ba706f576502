// Forms generated from declared input fields (FieldDef): required marks, one input per type, and the
// API's MISSING_FIELD:x / INVALID_VALUE:x errors shown under the field they name.
import { h } from './dom.js';
import { t, label } from './i18n.js';

/** A form body for fields; returns {element, read(), showErrors(apiError) -> boolean, clearErrors()}. */
export async function fieldsForm(fields, ctx, { prefill = {}, idPrefix = 'f', item = null } = {}) {
  const needsUnits = fields.some((f) => (f.type === 'UNIT' || f.type === 'UNIT_LIST') && !(f.units && (f.units.holding || []).length));
  const units = needsUnits ? await ctx.units() : [];
  const rows = {};
  const inputs = {};
  const element = h('div.fields');
  const regionUnits = fields.some((f) => f.regions && f.regions.unitType) ? await ctx.units() : [];
  for (const f of fields) {
    const id = `${idPrefix}-${f.id}`;
    const input = f.regions && f.type === 'STRING'
      ? regionPicker(f, id, ctx, regionUnits, prefill[f.id])
      : inputFor(f, id, unitChoice(f, units, item, prefill[f.id]), prefill[f.id]);
    inputs[f.id] = input;
    const error = h('div.field-error', { id: `${id}-error`, role: 'alert', hidden: true });
    const row = h('div.field', { dataset: { field: f.id } },
      h('label', { for: id }, label(f.label), f.required ? h('span.required', { title: t('form.required') }, ' *') : null),
      input.element, hint(f), error);
    rows[f.id] = { row, error };
    element.append(row);
  }
  // Region pickers: the children of the caller's or the item's region now; those under another field's
  // region whenever that field changes (the county under the city picked above it).
  const loads = [];
  for (const f of fields.filter((x) => inputs[x.id].loadUnder)) {
    const r = f.regions;
    if (r.childrenOf === 'FIELD') {
      const parent = inputs[r.field];
      if (!parent) continue;
      const reload = () => inputs[f.id].loadUnder(parent.value());
      // A parent picker announces each load with a change event, which bubbles to its element.
      parent.element.addEventListener('change', reload);
      if (!parent.loadUnder) loads.push(reload());
    } else {
      const own = ctx.me && ctx.me.region ? ctx.me.region.regionCode : null;
      loads.push(inputs[f.id].loadUnder(r.childrenOf === 'ITEM' && item && item.regionCode ? item.regionCode : own));
    }
  }
  await Promise.all(loads);
  await Promise.all(fields.filter((x) => inputs[x.id].loaded).map((x) => inputs[x.id].loaded));
  return {
    element,
    read() {
      const body = {};
      for (const f of fields) {
        const v = inputs[f.id].value();
        if (v !== undefined) body[f.id] = v;
      }
      return body;
    },
    inputs,
    clearErrors() {
      for (const r of Object.values(rows)) { r.error.hidden = true; r.error.textContent = ''; r.row.classList.remove('invalid'); }
    },
    showErrors(e) {
      const errors = e && e.fieldErrors ? e.fieldErrors() : {};
      let shown = false;
      for (const [field, err] of Object.entries(errors)) {
        const r = rows[field];
        if (!r) continue;
        r.error.textContent = err.kind === 'MISSING_FIELD' ? t('form.missing') : t('form.invalid', { message: err.message });
        r.error.hidden = false;
        r.row.classList.add('invalid');
        shown = true;
      }
      return shown;
    },
  };
}

/**
 * The units a UNIT / UNIT_LIST input offers: the field's declared choice (unit types, a tag, or the units
 * holding an assignment of the item in some states), else every unit the caller may address. Disabled
 * units are not offered unless already chosen (a user of a disabled unit being edited); the kernel and
 * the line still judge the answer.
 */
export function unitChoice(f, units, item, initial) {
  const c = f.units;
  if (c && (c.holding || []).length) {
    const seen = new Set();
    return ((item && item.assignments) || []).filter((a) => a.active && c.holding.includes(a.state) && !seen.has(a.unitId)
      && seen.add(a.unitId)).map((a) => ({ id: a.unitId, name: a.unitName }));
  }
  const chosen = new Set([initial].flat().filter((x) => x !== undefined && x !== null).map(Number));
  return units.filter((u) => (!u.status || u.status === 'ACTIVE' || chosen.has(u.id))
    && (!c || !(c.types || []).length || c.types.includes(u.unitType))
    && (!c || !c.tag || (u.tags || []).includes(c.tag)));
}

/**
 * A region-code input as a picker of region names (FieldDef.regions): the child regions of a parent code,
 * read from GET /admin/regions (open to every user within their scope). With regions.unitType, regions
 * without an active unit of that type are listed but cannot be picked (the action would refuse them).
 * Should the regions not be readable, it falls back to a text input for the code, so the action stays possible.
 */
function regionPicker(f, id, ctx, units, initial) {
  const withUnit = new Set(units.filter((u) => u.unitType === f.regions.unitType && (!u.status || u.status === 'ACTIVE'))
    .map((u) => u.regionCode));
  const select = h('select', { id, name: f.id, dataset: { regions: f.regions.childrenOf } });
  const holder = h('span.region-picker', null, select);
  let text = null;
  let wanted = initial ?? null;
  let done;
  const input = {
    element: holder,
    value: () => {
      if (text) return text.value.trim() === '' ? undefined : text.value.trim();
      return select.value || undefined;
    },
    loaded: new Promise((resolve) => { done = resolve; }),
    async loadUnder(parentCode) {
      const keep = select.value || wanted;
      wanted = null;
      try {
        if (!parentCode) {
          select.replaceChildren(h('option', { value: '' }, t(f.regions.childrenOf === 'FIELD' ? 'form.chooseParentFirst' : 'form.noRegions')));
          select.disabled = true;
          return;
        }
        const page = await ctx.api(`/admin/regions?parentCode=${encodeURIComponent(parentCode)}&limit=500`);
        const regions = (page && page.items) || [];
        const pickable = (r) => !f.regions.unitType || withUnit.has(r.regionCode);
        select.replaceChildren(h('option', { value: '' }, regions.length ? t('form.choose') : t('form.noRegions')),
          ...regions.map((r) => h('option', { value: r.regionCode, disabled: !pickable(r), selected: r.regionCode === keep && pickable(r),
            dataset: { name: r.name } }, r.name, pickable(r) ? '' : t('form.regionNoUnit'))));
        select.disabled = !regions.length;
      } catch (e) {
        if (e.status === 401) throw e;
        text = h('input', { id, name: f.id, type: 'text', value: keep ?? '' });
        holder.replaceChildren(text);
      } finally {
        // Pickers below this one (FIELD children) reload on this bubbling change.
        (text || select).dispatchEvent(new Event('change', { bubbles: true }));
        done();
      }
    },
  };
  return input;
}

/** An enum value's label: {zh, en} or text from f.valueLabels, else the value itself. */
export function valueLabel(f, v) {
  const l = f.valueLabels && f.valueLabels[v];
  if (!l) return v;
  return typeof l === 'string' ? l : label(l);
}

function hint(f) {
  const parts = [];
  // A picker's value is a code the user never types: its length says nothing to them.
  if ((f.minLength || f.maxLength) && !f.regions) parts.push(t('form.length', { min: f.minLength || 0, max: f.maxLength || '∞' }));
  if (f.future) parts.push(t('form.future'));
  if (f.past) parts.push(t('form.past'));
  return parts.length ? h('div.hint', null, parts.join('；')) : null;
}

/** datetime-local value (Asia/Shanghai wall time) -> ISO-8601 with +08:00, as the API takes it. */
export function toIsoOffset(local) {
  if (!local) return undefined;
  return (local.length === 16 ? local + ':00' : local) + '+08:00';
}

function inputFor(f, id, units, initial) {
  const text = (el) => ({ element: el, value: () => (el.value.trim() === '' ? undefined : el.value.trim()) });
  switch (f.type) {
    case 'TEXT':
      return text(h('textarea', { id, name: f.id, rows: 4, value: initial ?? '' }));
    case 'INTEGER':
    case 'DECIMAL':
    case 'ITEM': {
      const el = h('input', { id, name: f.id, type: 'number', step: f.type === 'DECIMAL' ? 'any' : '1', value: initial ?? '' });
      return { element: el, value: () => (el.value === '' ? undefined : Number(el.value)) };
    }
    case 'BOOLEAN': {
      const el = h('input', { id, name: f.id, type: 'checkbox', checked: initial === true });
      return { element: el, value: () => el.checked };
    }
    case 'DATE':
      return text(h('input', { id, name: f.id, type: 'date', value: initial ?? '' }));
    case 'DATETIME': {
      const el = h('input', { id, name: f.id, type: 'datetime-local', value: initial ? String(initial).slice(0, 16) : '' });
      return { element: el, value: () => toIsoOffset(el.value) };
    }
    case 'ENUM': {
      const el = h('select', { id, name: f.id }, h('option', { value: '' }, t('form.choose')),
        (f.values || []).map((v) => h('option', { value: v, selected: initial === v }, valueLabel(f, v))));
      return { element: el, value: () => el.value || undefined };
    }
    case 'CHOICES': {
      // Several of f.values (the administration pages' roles): a list of strings.
      const chosen = new Set(initial || []);
      const boxes = (f.values || []).map((v) => h('input', { type: 'checkbox', value: v, checked: chosen.has(v), name: f.id,
        dataset: { value: v } }));
      const el = h('div.checks', { id, role: 'group' },
        (f.values || []).map((v, i) => h('label.check', null, boxes[i], ' ', valueLabel(f, v))));
      return { element: el, value: () => boxes.filter((b) => b.checked).map((b) => b.value) };
    }
    case 'PASSWORD':
      return text(h('input', { id, name: f.id, type: 'password', autocomplete: 'new-password' }));
    case 'UNIT': {
      const el = h('select', { id, name: f.id }, h('option', { value: '' }, t('form.choose')),
        units.map((u) => h('option', { value: u.id, selected: Number(initial) === u.id }, u.name)));
      return { element: el, value: () => (el.value ? Number(el.value) : undefined) };
    }
    case 'UNIT_LIST': {
      if (!units.length) return { element: h('p.muted', { id }, t('form.noUnits')), value: () => undefined };
      const chosen = new Set((initial || []).map(Number));
      const boxes = units.map((u) => h('input', { type: 'checkbox', value: u.id, checked: chosen.has(u.id), name: f.id,
        dataset: { unitName: u.name } }));
      const el = h('div.checks', { id, role: 'group' },
        units.map((u, i) => h('label.check', null, boxes[i], ' ', u.name)));
      return { element: el, value: () => {
        const ids = boxes.filter((b) => b.checked).map((b) => Number(b.value));
        return ids.length ? ids : undefined;
      } };
    }
    case 'ATTACHMENTS': {
      const el = h('input', { id, name: f.id, type: 'file', multiple: true });
      return { element: el, value: () => undefined, files: () => Array.from(el.files || []) };
    }
    default:
      return text(h('input', { id, name: f.id, type: 'text', value: initial ?? '' }));
  }
}
