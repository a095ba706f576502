import { h, mount } from '../dom.js';
import { t } from '../i18n.js';

/**
 * A page a plugin contributes: the shell imports the entry's ES module from the plugin's bundle and
 * calls its default export with the page's container and the console context (api, h, t, label, ...).
 */
export async function pluginPage(main, ctx, [plugin, id], params) {
  const entry = ctx.menu.find((m) => m.plugin === plugin && m.id === id);
  if (!entry) throw Object.assign(new Error(t('error.NOT_FOUND')), { code: 'NOT_FOUND', status: 404 });
  const module = await import(entry.module);
  const container = h('div.plugin-page', { dataset: { plugin, entry: id } });
  mount(main, container);
  await module.default(container, ctx, params);
}
