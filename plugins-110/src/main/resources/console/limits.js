// The 110 line's configurable time limits (spec 6.5), a page of the console's 系统管理 menu that this plugin
// contributes (bundle header Civic-Console). It reads and writes GET/PUT /api/v1/linkage110/limits: a
// district's region administrator (or a global administrator) changes the district's values; without a
// district a global administrator changes the defaults of every district. Others read them.
const TEXT = {
  zh: {
    title: '110联动时限设置',
    intro: '各区可设置自己的时限；未单独设置的项目沿用默认值。修改只影响之后新开始的计时，正在计时的期限不变。',
    district: '区县代码',
    defaults: '全部区县的默认值',
    show: '查看',
    name: '时限', value: '当前值', unit: '单位', source: '来源', own: '本区设置', inherited: '默认值', spec: '规范默认',
    reset: '恢复默认', save: '保存', saved: '已保存', readOnly: '只有本区的区划管理员可以修改时限。',
    nothing: '没有修改',
    units: { officeMinutes: '工作分钟', minutes: '分钟', workingDays: '工作日', hours: '小时' },
    names: {
      'sign.officeMinutes': '签收时限',
      'sign.urgentMinutes': '紧急事件签收时限',
      'handling.workingDays': '办理时限',
      'handling.urgentHours': '紧急事件办理时限',
      'red.workingDays': '黄牌后亮红牌',
      'callback.workingDays': '部门回访时限',
      'autoCallback.timeoutMinutes': '自动电话回访等待结果',
    },
  },
  en: {
    title: '110 linkage time limits',
    intro: 'A district may set limits of its own; any it does not set follow the defaults. Changes apply to clocks started afterwards; running deadlines stay.',
    district: 'District code',
    defaults: 'Defaults of every district',
    show: 'Show',
    name: 'Limit', value: 'Value', unit: 'Unit', source: 'Source', own: 'set by the district', inherited: 'default', spec: 'spec default',
    reset: 'Reset to default', save: 'Save', saved: 'Saved', readOnly: 'Only a region administrator of the district can change its limits.',
    nothing: 'Nothing changed',
    units: { officeMinutes: 'office minutes', minutes: 'minutes', workingDays: 'working days', hours: 'hours' },
    names: {
      'sign.officeMinutes': 'Sign-in limit',
      'sign.urgentMinutes': 'Sign-in limit (urgent)',
      'handling.workingDays': 'Handling limit',
      'handling.urgentHours': 'Handling limit (urgent)',
      'red.workingDays': 'Red card after the yellow one',
      'callback.workingDays': 'Department callback limit',
      'autoCallback.timeoutMinutes': 'Automatic callback result wait',
    },
  },
};

const UNIT_OF = {
  'sign.officeMinutes': 'officeMinutes', 'sign.urgentMinutes': 'minutes', 'handling.workingDays': 'workingDays',
  'handling.urgentHours': 'hours', 'red.workingDays': 'workingDays', 'callback.workingDays': 'workingDays', 'autoCallback.timeoutMinutes': 'minutes',
};

export default async function render(container, ctx, params, answer) {
  const { h } = ctx;
  const text = TEXT[ctx.lang()] || TEXT.zh;
  const roles = ctx.me.roles || [];
  const global = roles.includes('global_admin');
  const requested = params && params.get('district');
  const district = requested !== null && requested !== undefined ? requested
    : (ctx.me.region ? ctx.me.region.regionCode : '');
  // After a change the PUT's answer is shown: the line re-registers with the new values, so a GET at once
  // could meet the resource while it restarts.
  const view = answer || await ctx.api('/linkage110/limits' + (district ? `?district=${encodeURIComponent(district)}` : ''));
  const mayEdit = global || (roles.includes('region_admin') && !!view.district);
  const inputs = {};
  const banner = h('div.error-banner#limits-error', { role: 'alert', hidden: true });
  const status = h('div.notice#limits-saved', { role: 'status', hidden: !(params && params.get('saved')) }, text.saved);
  const districtInput = h('input#limits-district', { type: 'text', inputmode: 'numeric', value: view.district || '',
    placeholder: text.defaults });

  const put = async (limits) => {
    banner.hidden = true;
    status.hidden = true;
    try {
      const changed = await ctx.api('/linkage110/limits', { method: 'PUT', body: { district: view.district || null, limits } });
      await render(container, ctx, new URLSearchParams({ district: view.district || '', saved: '1' }), changed);
    } catch (e) {
      if (e.status === 401) return;
      banner.textContent = ctx.errorText(e);
      banner.hidden = false;
    }
  };

  const names = Object.keys(view.limits);
  const rows = names.map((name) => {
    const own = view.own && Object.prototype.hasOwnProperty.call(view.own, name);
    const input = h('input.limit-value', { type: 'number', min: '1', step: '1', value: view.limits[name],
      id: `limit-${name.replace('.', '-')}`, disabled: !mayEdit, dataset: { limit: name } });
    inputs[name] = input;
    return h('tr.limit-row', { dataset: { limit: name, own: own ? 'true' : 'false' } },
      h('td', { 'data-label': text.name }, text.names[name] || name),
      h('td', { 'data-label': text.value }, input),
      h('td', { 'data-label': text.unit }, text.units[UNIT_OF[name]] || ''),
      h('td.limit-source', { 'data-label': text.source }, own ? text.own : text.inherited,
        h('span.muted', null, ` · ${text.spec} ${view.defaults[name]}`)),
      h('td', { 'data-label': '' }, own && mayEdit && view.district
        ? h('button.link.limit-reset', { type: 'button', dataset: { limit: name }, onclick: () => put({ [name]: null }) }, text.reset)
        : null));
  });

  // mount, not replaceChildren: it skips the null of an absent part (replaceChildren would show "null")
  ctx.mount(container,
    h('h2#limits-title', null, text.title),
    h('p.muted', null, text.intro),
    h('form.filters#limits-district-form', {
      onsubmit: (ev) => {
        ev.preventDefault();
        ctx.navigate(`#/p/org.civic.plugins.linkage110/limits?district=${encodeURIComponent(districtInput.value.trim())}`);
      },
    }, h('label', { for: 'limits-district' }, text.district), ' ', districtInput, h('button', { type: 'submit' }, text.show)),
    mayEdit ? null : h('div.notice', null, text.readOnly),
    h('form#limits-form', {
      novalidate: true,
      onsubmit: (ev) => {
        ev.preventDefault();
        const changed = {};
        for (const name of names) {
          const v = inputs[name].value.trim();
          if (v !== String(view.limits[name])) changed[name] = v === '' ? null : Number(v);
        }
        if (!Object.keys(changed).length) {
          banner.textContent = text.nothing;
          banner.hidden = false;
          return;
        }
        put(changed);
      },
    },
    h('table.items.limits#limits-table', null,
      h('thead', null, h('tr', null, [text.name, text.value, text.unit, text.source, ''].map((x) => h('th', null, x)))),
      h('tbody', null, rows)),
    banner,
    status,
    mayEdit ? h('div.form-actions', null, h('button.primary#limits-save', { type: 'submit' }, text.save)) : null));
}
