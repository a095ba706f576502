import { h, mount } from '../dom.js';
import { t, label } from '../i18n.js';

/**
 * Each installed line's worklists with their counts: what is waiting for the user. Above them the login
 * reminder (未完成事件提醒): the non-empty lists a line marks as unfinished work (reminder), each linked,
 * shown after every login until dismissed.
 */
export async function workbenchPage(main, ctx) {
  const lines = ctx.lines;
  const waiting = lines.reduce((n, l) => n + l.worklists.reduce((m, w) => m + (w.count || 0), 0), 0);
  const reminders = lines.flatMap((line) => line.worklists.filter((w) => w.reminder && w.count > 0)
    .map((w) => ({ line, w })));
  const reminder = reminders.length && !ctx.reminderDismissed
    ? h('section.reminder#login-reminder', { role: 'status' },
      h('div.reminder-head', null, h('strong', null, t('reminder.title')),
        h('button.link#reminder-dismiss', { type: 'button', 'aria-label': t('reminder.dismiss'),
          onclick: () => { ctx.reminderDismissed = true; reminder.remove(); } }, t('reminder.dismiss'))),
      h('ul.reminder-list', null, reminders.map(({ line, w }) => h('li', null,
        h('a.reminder-link', { href: `#/list/${line.line}/${w.name}`, dataset: { line: line.line, worklist: w.name } },
          lines.length > 1 ? `${label(line.label)} · ` : '', label(w.label), ' ', h('span.badge.badge-on', null, w.count))))))
    : null;
  mount(main,
    h('h2', null, t('workbench.title')),
    h('p.greeting', null, t('workbench.greeting', { name: ctx.me.user.displayName, n: waiting })),
    reminder,
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
