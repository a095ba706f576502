// Administration pages (global and region administrators): regions, units, users and roles, and the
// working calendar. Everything goes through /api/v1/admin, which checks role and scope; the forms are
// generated like the line forms, so the API's MISSING_FIELD / INVALID_VALUE errors appear under the field.
import { h, mount, when } from '../dom.js';
import { query } from '../api.js';
import { t } from '../i18n.js';
import { fieldsForm } from '../forms.js';
import { pager, hashWith } from '../views.js';

const LEVELS = ['PROVINCE', 'CITY', 'COUNTY', 'STREET', 'COMMUNITY', 'GRID'];
const ADMIN_ROLES = ['global_admin', 'region_admin'];

/** Whether the signed-in user sees the administration menu. */
export function isAdmin(me) {
  return !!me && (me.roles || []).some((r) => ADMIN_ROLES.includes(r));
}

export async function adminPage(main, ctx, [section], params) {
  if (!isAdmin(ctx.me)) throw Object.assign(new Error(t('error.FORBIDDEN')), { code: 'FORBIDDEN', status: 403 });
  const page = { regions: regionsPage, units: unitsPage, users: usersPage, calendar: calendarPage }[section];
  if (!page) throw Object.assign(new Error(t('error.NOT_FOUND')), { code: 'NOT_FOUND', status: 404 });
  await page(main, ctx, params);
}

// ---------------------------------------------------------------------------------------- shared

const field = (id, type, extra = {}) => ({ id, type, label: { zh: t(`admin.f.${id}`), en: t(`admin.f.${id}`) }, ...extra });
const labelsOf = (prefix, values) => Object.fromEntries(values.map((v) => [v, t(`${prefix}.${v}`)]));

/**
 * A form panel: the generated fields, a save and a cancel button; {@code save(body)} is the API call.
 * On success {@code done()} runs; on a refusal the errors appear under their fields or in a banner.
 */
async function formPanel(ctx, { id, title, fields, prefill, save, done, cancel }) {
  const form = await fieldsForm(fields, ctx, { idPrefix: id, prefill });
  const banner = h(`div.error-banner#${id}-error`, { role: 'alert', hidden: true });
  const submit = h(`button.primary#${id}-submit`, { type: 'submit' }, t('admin.save'));
  return h(`form.form.panel#${id}`, {
    novalidate: true,
    onsubmit: async (ev) => {
      ev.preventDefault();
      form.clearErrors();
      banner.hidden = true;
      submit.disabled = true;
      try {
        await save(form.read());
        await done();
      } catch (e) {
        if (e.status === 401) return;
        banner.textContent = form.showErrors(e) ? t('form.fix') : ctx.errorText(e);
        banner.hidden = false;
      } finally {
        submit.disabled = false;
      }
    },
  }, h('h3', null, title), form.element, banner,
  h('div.form-actions', null, submit, ' ', h('button', { type: 'button', onclick: cancel }, t('admin.cancel'))));
}

function table(headers, rows) {
  if (!rows.length) return h('p.empty', null, t('list.empty'));
  return h('table.items.admin', null, h('thead', null, h('tr', null, headers.map((x) => h('th', null, x)))),
    h('tbody', null, rows));
}

function cell(labelText, ...content) {
  return h('td', { 'data-label': labelText }, ...content);
}

// ---------------------------------------------------------------------------------------- regions

async function regionsPage(main, ctx, params) {
  const parent = params.get('parent') || '';
  const offset = Number(params.get('offset') || 0);
  const [page, parentRegion] = await Promise.all([
    ctx.api(`/admin/regions${query({ parentCode: parent, offset, limit: 50 })}`),
    parent ? ctx.api(`/admin/regions/${encodeURIComponent(parent)}`) : null,
  ]);
  const area = h('div#region-form-area');
  const reload = () => regionsPage(main, ctx, params);
  const go = (changes) => ctx.navigate(hashWith('#/admin/regions', { parent, offset, ...changes }));
  const newButton = h('button#region-new', {
    type: 'button',
    onclick: async () => mount(area, await formPanel(ctx, {
      id: 'region-form', title: t('admin.newRegion'),
      fields: [field('regionCode', 'STRING', { required: true }), field('name', 'STRING', { required: true }),
        field('level', 'ENUM', { required: true, values: LEVELS, valueLabels: labelsOf('level', LEVELS) }),
        field('areaKind', 'ENUM', { values: ['CITY_LEVEL', 'COUNTY_LEVEL'], valueLabels: labelsOf('areaKind', ['CITY_LEVEL', 'COUNTY_LEVEL']) }),
        field('shortName', 'STRING'), field('sortNo', 'INTEGER')],
      save: (body) => ctx.api('/admin/regions', { method: 'POST', body: { ...body, parentCode: parent || undefined } }),
      done: reload, cancel: () => mount(area),
    })),
  }, parent ? t('admin.newChildRegion') : t('admin.newRegion'));
  const edit = (r) => async () => mount(area, await formPanel(ctx, {
    id: 'region-form', title: t('admin.editRegion', { name: r.name }),
    fields: [field('name', 'STRING', { required: true }), field('shortName', 'STRING'), field('sortNo', 'INTEGER')],
    prefill: { name: r.name, shortName: r.shortName, sortNo: r.sortNo },
    save: (body) => ctx.api(`/admin/regions/${encodeURIComponent(r.regionCode)}`, { method: 'PUT', body }),
    done: reload, cancel: () => mount(area),
  }));
  mount(main,
    h('h2', null, t('admin.regions')),
    h('div.crumbs#region-crumbs', null,
      parent ? [h('a', { href: '#/admin/regions' }, t('admin.top')), ' › ',
        parentRegion.parentCode ? [h('a', { href: `#/admin/regions?parent=${parentRegion.parentCode}` }, t('admin.up')), ' › '] : null,
        h('strong', null, parentRegion.name)] : h('strong', null, t('admin.top'))),
    h('div.toolbar', null, newButton),
    area,
    table([t('admin.f.regionCode'), t('admin.f.name'), t('admin.f.level'), t('admin.f.status'), ''],
      page.items.map((r) => h('tr.admin-row', { dataset: { code: r.regionCode } },
        cell(t('admin.f.regionCode'), r.regionCode),
        cell(t('admin.f.name'), h('a', { href: `#/admin/regions?parent=${r.regionCode}` }, r.name)),
        cell(t('admin.f.level'), t('level.' + r.level)),
        cell(t('admin.f.status'), t('status.' + r.status)),
        cell('', h('a', { href: `#/admin/units?region=${r.regionCode}` }, t('admin.units')), ' ',
          h('button.link', { type: 'button', dataset: { edit: r.regionCode }, onclick: edit(r) }, t('admin.edit')))))),
    pager(page, (o) => go({ offset: o })));
}

// ---------------------------------------------------------------------------------------- units

async function unitsPage(main, ctx, params) {
  const region = params.get('region') || (ctx.me.region ? ctx.me.region.regionCode : '');
  const offset = Number(params.get('offset') || 0);
  const [page, types] = await Promise.all([
    ctx.api(`/admin/units${query({ regionCode: region, offset, limit: 50 })}`),
    ctx.api('/admin/unit-types'),
  ]);
  const area = h('div#unit-form-area');
  const reload = () => { ctx.unitsCache = null; return unitsPage(main, ctx, params); };
  const go = (changes) => ctx.navigate(hashWith('#/admin/units', { region, offset, ...changes }));
  const tags = (body) => ({ ...body, tags: body.tags ? body.tags.split(/[,，\s]+/).filter(Boolean) : [] });
  const fields = (withStatus) => [field('name', 'STRING', { required: true }), field('shortName', 'STRING'),
    field('unitType', 'ENUM', { required: true, values: types }),
    field('regionCode', 'STRING', { required: true }), field('tags', 'STRING'), field('sortNo', 'INTEGER'),
    withStatus ? field('status', 'ENUM', { values: ['ACTIVE', 'DISABLED'], valueLabels: labelsOf('status', ['ACTIVE', 'DISABLED']) }) : null]
    .filter(Boolean);
  const regionInput = h('input#unit-region', { type: 'text', value: region, placeholder: t('admin.f.regionCode') });
  mount(main,
    h('h2', null, t('admin.units')),
    h('form.filters', { onsubmit: (ev) => { ev.preventDefault(); go({ region: regionInput.value.trim(), offset: 0 }); } },
      regionInput, h('button', { type: 'submit' }, t('filter.apply')),
      h('button#unit-new', {
        type: 'button',
        onclick: async () => mount(area, await formPanel(ctx, {
          id: 'unit-form', title: t('admin.newUnit'), fields: fields(false), prefill: { regionCode: region },
          save: (body) => ctx.api('/admin/units', { method: 'POST', body: tags(body) }),
          done: reload, cancel: () => mount(area),
        })),
      }, t('admin.newUnit'))),
    area,
    table([t('admin.f.name'), t('admin.f.unitType'), t('admin.f.regionCode'), t('admin.f.tags'), t('admin.f.status'), ''],
      page.items.map((u) => h('tr.admin-row', { dataset: { unit: u.id } },
        cell(t('admin.f.name'), u.name),
        cell(t('admin.f.unitType'), u.unitType),
        cell(t('admin.f.regionCode'), u.regionCode),
        cell(t('admin.f.tags'), (u.tags || []).join('、')),
        cell(t('admin.f.status'), t('status.' + u.status)),
        cell('', h('a', { href: `#/admin/users?unit=${u.id}` }, t('admin.users')), ' ',
          h('button.link', {
            type: 'button', dataset: { edit: u.id },
            onclick: async () => mount(area, await formPanel(ctx, {
              id: 'unit-form', title: t('admin.editUnit', { name: u.name }), fields: fields(true),
              prefill: { ...u, tags: (u.tags || []).join(', ') },
              save: (body) => ctx.api(`/admin/units/${u.id}`, { method: 'PUT', body: { ...tags(body), version: u.version } }),
              done: reload, cancel: () => mount(area),
            })),
          }, t('admin.edit')))))),
    pager(page, (o) => go({ offset: o })));
}

// ---------------------------------------------------------------------------------------- users

async function usersPage(main, ctx, params) {
  const unit = params.get('unit') || '';
  const offset = Number(params.get('offset') || 0);
  const [page, roles, units] = await Promise.all([
    ctx.api(`/admin/users${query({ unitId: unit, offset, limit: 50 })}`),
    ctx.api('/admin/roles'),
    ctx.units(),
  ]);
  const roleLabels = Object.fromEntries(roles.map((r) => [r.id, { zh: r.labelZh, en: r.labelEn }]));
  const roleIds = roles.map((r) => r.id);
  const unitName = (id) => (units.find((u) => u.id === id) || {}).name || id;
  const area = h('div#user-form-area');
  const reload = () => usersPage(main, ctx, params);
  const go = (changes) => ctx.navigate(hashWith('#/admin/users', { unit, offset, ...changes }));
  const unitSelect = h('select#user-unit-filter', null, h('option', { value: '' }, t('admin.allUnits')),
    units.map((u) => h('option', { value: u.id, selected: String(u.id) === unit }, u.name)));
  const roleField = field('roles', 'CHOICES', { required: true, values: roleIds, valueLabels: roleLabels });
  mount(main,
    h('h2', null, t('admin.users')),
    h('form.filters', { onsubmit: (ev) => { ev.preventDefault(); go({ unit: unitSelect.value, offset: 0 }); } },
      unitSelect, h('button', { type: 'submit' }, t('filter.apply')),
      h('button#user-new', {
        type: 'button',
        onclick: async () => mount(area, await formPanel(ctx, {
          id: 'user-form', title: t('admin.newUser'),
          fields: [field('loginName', 'STRING', { required: true }), field('displayName', 'STRING', { required: true }),
            field('password', 'PASSWORD', { required: true }), field('unitId', 'UNIT', { required: true }), roleField,
            field('mobile', 'STRING')],
          prefill: { unitId: unit ? Number(unit) : undefined },
          save: (body) => ctx.api('/admin/users', { method: 'POST', body }),
          done: reload, cancel: () => mount(area),
        })),
      }, t('admin.newUser'))),
    area,
    table([t('admin.f.loginName'), t('admin.f.displayName'), t('admin.f.unitId'), t('admin.f.roles'), t('admin.f.status'),
      t('admin.lastLogin'), ''],
    page.items.map((u) => h('tr.admin-row', { dataset: { user: u.loginName } },
      cell(t('admin.f.loginName'), u.loginName),
      cell(t('admin.f.displayName'), u.displayName),
      cell(t('admin.f.unitId'), unitName(u.unitId)),
      cell(t('admin.f.roles'), u.roles.map((r) => (roleLabels[r] ? ctx.label(roleLabels[r]) : r)).join('、')),
      cell(t('admin.f.status'), t('status.' + u.status)),
      cell(t('admin.lastLogin'), when(u.lastLoginAt)),
      cell('', h('button.link', {
        type: 'button', dataset: { edit: u.loginName },
        onclick: async () => mount(area, await formPanel(ctx, {
          id: 'user-form', title: t('admin.editUser', { name: u.displayName }),
          fields: [field('displayName', 'STRING', { required: true }), field('unitId', 'UNIT', { required: true }), roleField,
            field('mobile', 'STRING'),
            field('status', 'ENUM', { values: ['ACTIVE', 'LOCKED', 'DISABLED'], valueLabels: labelsOf('status', ['ACTIVE', 'LOCKED', 'DISABLED']) }),
            field('password', 'PASSWORD')],
          prefill: u,
          save: (body) => ctx.api(`/admin/users/${u.id}`, { method: 'PUT', body: { ...body, version: u.version } }),
          done: reload, cancel: () => mount(area),
        })),
      }, t('admin.edit')))))),
    pager(page, (o) => go({ offset: o })));
}

// ---------------------------------------------------------------------------------------- calendar

async function calendarPage(main, ctx, params) {
  // region=global edits the platform's national calendar (global administrators); default: the user's region
  const region = params.get('region') || (ctx.me.region ? ctx.me.region.regionCode : 'global');
  const apiRegion = region === 'global' ? '' : region;
  const today = new Date();
  const month = params.get('month') || `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}`;
  const view = await ctx.api(`/admin/calendar${query({ regionCode: apiRegion, month })}`);
  const go = (changes) => ctx.navigate(hashWith('#/admin/calendar', { region, month, ...changes }));
  const shift = (delta) => {
    const [y, m] = month.split('-').map(Number);
    const d = new Date(y, m - 1 + delta, 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  };
  const banner = h('div.error-banner#calendar-error', { role: 'alert', hidden: true });
  const fail = (e) => { if (e.status !== 401) { banner.textContent = ctx.errorText(e); banner.hidden = false; } };
  const toggle = (d) => async () => {
    if (!view.initialised) {
      banner.textContent = t('cal.initFirst');
      banner.hidden = false;
      return;
    }
    try {
      await ctx.api(`/admin/calendar/days/${d.date}`, {
        method: 'PUT', body: { regionCode: apiRegion || undefined, dayType: d.dayType === 'WORKING' ? 'NON_WORKING' : 'WORKING' },
      });
      await calendarPage(main, ctx, params);
    } catch (e) { fail(e); }
  };
  const first = new Date(`${month}-01T00:00:00`);
  const blanks = (first.getDay() + 6) % 7; // Monday first
  const hours = h('input#office-hours', { type: 'text', value: view.officeHours || '', placeholder: '09:00-12:00,13:30-17:30' });
  const regionInput = h('input#calendar-region', { type: 'text', value: region, placeholder: t('cal.regionHint') });
  mount(main,
    h('h2', null, t('admin.calendar')),
    h('form.filters', { onsubmit: (ev) => { ev.preventDefault(); go({ region: regionInput.value.trim() }); } },
      regionInput, h('button', { type: 'submit' }, t('filter.apply'))),
    h('div.toolbar', null,
      h('button#month-prev', { type: 'button', onclick: () => go({ month: shift(-1) }) }, t('cal.prev')), ' ',
      h('strong#calendar-month', null, month), ' ',
      h('button#month-next', { type: 'button', onclick: () => go({ month: shift(1) }) }, t('cal.next')), ' ',
      h('span.muted#calendar-summary', null, t('cal.summary', { n: view.workingDays, source: view.source || '' }))),
    view.initialised ? null : h('div.notice#calendar-not-initialised', null, t('cal.notInitialised', { source: view.source || '' }), ' ',
      h('button#calendar-init', {
        type: 'button',
        onclick: async () => {
          try {
            const year = Number(month.slice(0, 4));
            await ctx.api('/admin/calendar/years', { method: 'POST', body: { regionCode: apiRegion || undefined, minYear: year, maxYear: year } });
            await calendarPage(main, ctx, params);
          } catch (e) { fail(e); }
        },
      }, t('cal.init', { year: month.slice(0, 4) }))),
    banner,
    h('p.hint', null, t('cal.hint')),
    h('div.calendar#calendar', { role: 'grid' },
      ['1', '2', '3', '4', '5', '6', '7'].map((d) => h('div.cal-head', null, t('cal.wd' + d))),
      Array.from({ length: blanks }, () => h('div.cal-blank')),
      view.days.map((d) => h('button.cal-day', {
        type: 'button', class: [d.dayType === 'WORKING' ? 'working' : 'rest', d.edited ? 'edited' : ''].join(' '),
        dataset: { date: d.date, type: d.dayType }, title: d.note || '', onclick: toggle(d),
      }, h('span.cal-num', null, String(Number(d.date.slice(8)))),
      h('span.cal-type', null, d.dayType === 'WORKING' ? t('cal.working') : t('cal.rest')),
      d.note ? h('span.cal-note', null, d.note) : null))),
    h('form.filters#office-hours-form', {
      onsubmit: async (ev) => {
        ev.preventDefault();
        try {
          await ctx.api('/admin/calendar/office-hours', { method: 'PUT', body: { regionCode: apiRegion || undefined, officeHours: hours.value.trim() } });
          await calendarPage(main, ctx, params);
        } catch (e) { fail(e); }
      },
    }, h('label', { for: 'office-hours' }, t('cal.officeHours')), ' ', hours, h('button#office-hours-save', { type: 'submit' }, t('admin.save'))));
}
