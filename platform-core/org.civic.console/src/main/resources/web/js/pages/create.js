import { h, mount } from '../dom.js';
import { t, label } from '../i18n.js';
import { fieldsForm } from '../forms.js';

/** The create form of a line, generated from its declared create fields. */
export async function createPage(main, ctx, [lineId]) {
  const line = ctx.line(lineId);
  if (!line || !line.mayCreate) throw Object.assign(new Error(t('error.FORBIDDEN')), { code: 'FORBIDDEN', status: 403 });
  const form = await fieldsForm(line.createFields, ctx, { idPrefix: 'create' });
  const banner = h('div.error-banner#form-error', { role: 'alert', hidden: true });
  const submit = h('button.primary#create-submit', { type: 'submit' }, t('form.create'));
  const key = crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
  mount(main,
    h('h2', null, t('create.title', { line: label(line.label) })),
    h('form.form#create-form', {
      novalidate: true,
      onsubmit: async (ev) => {
        ev.preventDefault();
        form.clearErrors();
        banner.hidden = true;
        submit.disabled = true;
        try {
          const item = await ctx.api(`/${lineId}/items`, { method: 'POST', body: form.read(), idempotencyKey: key });
          ctx.navigate(`#/item/${item.id}`);
        } catch (e) {
          if (e.status === 401) return;
          if (!form.showErrors(e)) { banner.textContent = ctx.errorText(e); banner.hidden = false; }
          else { banner.textContent = t('form.fix'); banner.hidden = false; }
        } finally {
          submit.disabled = false;
        }
      },
    }, form.element, banner, h('div.form-actions', null, submit)));
}
