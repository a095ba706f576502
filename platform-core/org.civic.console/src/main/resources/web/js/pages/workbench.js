import { h, mount } from '../dom.js';
import { t, label } from '../i18n.js';

/** Each installed line's worklists with their counts: what is waiting for the user. */
export async function workbenchPage(main, ctx) {
  const lines = ctx.lines;
  const waiting = lines.reduce((n, l) => n + l.worklists.reduce((m, w) => m + (w.count || 0), 0), 0);
  mount(main,
    h('h2', null, t('workbench.title')),
    h('p.greeting', null, t('workbench.greeting', { name: ctx.me.user.displayName, n: waiting })),
    lines.length === 0 ? h('p.empty#no-lines', null, t('workbench.noLines')) : null,
    h('div.cards', null, lines.map((line) => h('section.line-card', { dataset: { line: line.line } },
      h('h3', null, label(line.label)),
      line.worklists.length === 0 ? h('p.empty', null, t('workbench.noWorklists')) : null,
      h('ul.counts', null, line.worklists.map((w) => h('li', null,
        h('a.count-link', { href: ctx.worklistHref(line.line, w.name), dataset: { worklist: w.name } },
          h('span.count', { class: w.count > 0 ? 'count-on' : '' }, w.count),
          h('span.count-label', null, label(w.label)))))),
      h('div.line-links', null,
        line.mayCreate ? h('a.button.primary', { href: `#/create/${line.line}` }, t('nav.create')) : null,
        h('a.button', { href: `#/query/${line.line}` }, t('nav.query')),
        h('a.button', { href: `#/stats/${line.line}` }, t('nav.stats')))))));
}
