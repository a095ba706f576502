// The console shell: session, header, navigation built from the installed lines and the plugins'
// menu entries, and a hash router over the generic pages.
import { h, mount } from './dom.js';
import { loadECharts } from './charts.js';
import { api, setCsrfToken, whenUnauthenticated } from './api.js';
import { loadMessages, t, label, lang } from './i18n.js';
import { loginPage } from './pages/login.js';
import { workbenchPage } from './pages/workbench.js';
import { worklistPage } from './pages/worklist.js';
import { itemPage } from './pages/item.js';
import { createPage } from './pages/create.js';
import { queryPage } from './pages/query.js';
import { statsPage } from './pages/stats.js';
import { pluginPage } from './pages/plugin.js';
import { adminPage, isAdmin } from './pages/admin.js';

const root = document.getElementById('app');
const ctx = {
  me: null, lines: [], menu: [], lineMessages: {}, session: null, unitsCache: null,
  api, h, mount, t, label, lang,
  /** ECharts, loaded once on first use (for plugins' statistics pages). */
  echarts: loadECharts,
  navigate(hash) { if (location.hash === hash) route(); else location.hash = hash; },
  line(id) { return ctx.lines.find((l) => l.line === id); },
  async units() {
    if (!ctx.unitsCache) ctx.unitsCache = (await api('/admin/units?limit=500')).items || [];
    return ctx.unitsCache;
  },
  refresh() { return refreshNavigation(); },
  /** A worklist's page: the generic one, or the page a plugin's menu entry declares for it. */
  worklistHref(lineId, name) {
    const page = ctx.menu.find((e) => e.line === lineId && e.worklist === name);
    return page ? page.href : `#/list/${lineId}/${name}`;
  },
};
let lastActivity = Date.now();
let idleTimer = null;

const ROUTES = [
  [/^\/?$/, () => workbenchPage],
  [/^\/list\/([^/]+)\/([^/]+)$/, () => worklistPage],
  [/^\/item\/(\d+)$/, () => itemPage],
  [/^\/create\/([^/]+)$/, () => createPage],
  [/^\/query\/([^/]+)$/, () => queryPage],
  [/^\/stats\/([^/]+)(?:\/([^/]+))?$/, () => statsPage],
  [/^\/p\/([^/]+)\/([^/]+)$/, () => pluginPage],
  [/^\/admin\/([a-z]+)$/, () => adminPage],
];

async function start() {
  await loadMessages(lang());
  whenUnauthenticated(() => showLogin(t('session.expired')));
  const s = await api('/auth/session');
  if (s && s.authenticated) {
    await enter(s);
  } else {
    showLogin();
  }
}

function showLogin(message) {
  stopIdleTimer();
  setCsrfToken(null);
  ctx.me = null;
  document.title = t('app.title');
  loginPage(root, { message, onLogin: enter, onLanguage: switchLanguage });
}

async function enter(session) {
  ctx.session = session;
  setCsrfToken(session.csrfToken);
  ctx.unitsCache = null;
  ctx.reminderDismissed = false;
  ctx.me = await api('/me');
  renderShell();
  await refreshNavigation();
  startIdleTimer(session.idleTimeoutSeconds || 1800);
  window.onhashchange = () => route();
  await route();
}

async function switchLanguage(which) {
  await loadMessages(which);
  if (ctx.me) {
    renderShell();
    await refreshNavigation();
    await route();
  } else {
    showLogin();
  }
}

async function logout(message) {
  try { await api('/auth/logout', { method: 'POST' }); } catch (e) { /* the session may be gone already */ }
  window.onhashchange = null;
  history.replaceState(null, '', '/');
  showLogin(message);
}

function renderShell() {
  const me = ctx.me;
  document.title = t('app.title');
  const languageButton = h('button.link#lang-switch', { type: 'button', onclick: () => switchLanguage(lang() === 'zh' ? 'en' : 'zh') },
    lang() === 'zh' ? 'English' : '中文');
  mount(root,
    h('header.topbar',
      null,
      h('button.nav-toggle', { type: 'button', 'aria-label': t('nav.toggle'), onclick: () => document.body.classList.toggle('nav-open') }, '☰'),
      h('a.brand', { href: '#/' }, t('app.title')),
      h('div.who#who', null,
        h('span.user-name#user-name', null, me.user.displayName),
        h('span.user-unit#user-unit', null, me.unit ? me.unit.name : ''),
        h('span.user-region#user-region', null, me.region ? me.region.name : '')),
      languageButton,
      h('button.link#logout', { type: 'button', onclick: () => logout(t('login.loggedOut')) }, t('nav.logout'))),
    h('div.layout', null,
      h('nav.sidebar#nav', { 'aria-label': t('nav.title') }),
      h('main.content#main', { tabindex: '-1' })));
}

async function refreshNavigation() {
  const [lines, menu, messages] = await Promise.all([api('/lines'), api('/console/menu'), api('/console/messages')]);
  ctx.lines = lines;
  ctx.menu = menu;
  ctx.lineMessages = messages || {};
  const nav = document.getElementById('nav');
  if (!nav) return;
  const items = [h('a.nav-item#nav-workbench', { href: '#/' }, t('nav.workbench'))];
  for (const line of lines) {
    const section = h('div.nav-section', { dataset: { line: line.line } }, h('div.nav-title', null, label(line.label)));
    for (const w of line.worklists) {
      section.append(h('a.nav-item', { href: ctx.worklistHref(line.line, w.name), dataset: { worklist: w.name } },
        h('span', null, label(w.label)), h('span.badge', { class: w.count > 0 ? 'badge-on' : '' }, w.count)));
    }
    if (line.mayCreate) section.append(h('a.nav-item', { href: `#/create/${line.line}`, dataset: { nav: 'create' } }, t('nav.create')));
    section.append(h('a.nav-item', { href: `#/query/${line.line}`, dataset: { nav: 'query' } }, t('nav.query')));
    section.append(h('a.nav-item', { href: `#/stats/${line.line}`, dataset: { nav: 'stats' } }, t('nav.stats')));
    const shown = new Set(line.worklists.map((w) => w.name));
    for (const m of menu.filter((e) => e.line === line.line && !e.section && !shown.has(e.worklist))) section.append(pluginLink(m));
    items.push(section);
  }
  const loose = menu.filter((e) => !e.section && (!e.line || !lines.some((l) => l.line === e.line)));
  if (loose.length) {
    items.push(h('div.nav-section', null, h('div.nav-title', null, t('nav.more')), loose.map(pluginLink)));
  }
  // 系统管理: the core's pages for administrators, then what plugins contribute there (a line's limits),
  // which the plugin's roles decide (a dispatcher may read the limits without administering anything else)
  const adminEntries = menu.filter((e) => e.section === 'admin');
  if (isAdmin(ctx.me) || adminEntries.length) {
    items.push(h('div.nav-section#nav-admin', null, h('div.nav-title', null, t('nav.admin')),
      isAdmin(ctx.me) ? ['regions', 'units', 'users', 'calendar'].map((x) => h('a.nav-item', { href: `#/admin/${x}`,
        dataset: { admin: x } }, t('admin.' + x))) : null,
      adminEntries.map(pluginLink)));
  }
  mount(nav, items);
  markCurrent();
}

function pluginLink(m) {
  return h('a.nav-item.plugin-entry', { href: m.href, dataset: { plugin: m.plugin, entry: m.id } }, label(m.label));
}

function markCurrent() {
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('current', a.getAttribute('href') === (location.hash || '#/').split('?')[0]);
  }
}

/** #/path?x=1 -> {path, params} */
function parseHash() {
  const raw = (location.hash || '#/').slice(1);
  const q = raw.indexOf('?');
  return { path: q < 0 ? raw : raw.slice(0, q), params: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
}

async function route() {
  const main = document.getElementById('main');
  if (!main || !ctx.me) return;
  document.body.classList.remove('nav-open');
  const { path, params } = parseHash();
  try {
    await refreshNavigation();
  } catch (e) {
    if (e.status === 401) return;
  }
  for (const [re, page] of ROUTES) {
    const m = re.exec(path);
    if (m) {
      mount(main, h('p.loading', null, t('common.loading')));
      try {
        await page()(main, ctx, m.slice(1), params);
      } catch (e) {
        if (e.status === 401) return;
        mount(main, h('div.error-banner', { role: 'alert' }, errorText(e)));
      }
      main.focus({ preventScroll: true });
      return;
    }
  }
  mount(main, h('div.error-banner', { role: 'alert' }, t('error.NOT_FOUND')));
}

/**
 * The message for an API error in the console's language: the bundle's text for a platform code, else the
 * text the line's plugin declares for its own code (console.json "messages", GET /console/messages), else
 * the server's message. The server's message is English: it follows the text as a detail in English only.
 */
export function errorText(e) {
  if (!e) return '';
  const base = (e.code || '').split(':')[0];
  const known = t('error.' + base);
  const own = ctx.lineMessages && ctx.lineMessages[base];
  const text = known !== 'error.' + base ? known : own ? label(own) : null;
  if (!text) return e.message || String(e);
  return lang() === 'en' && e.message && base !== 'NOT_FOUND' && e.message !== text ? `${text} (${e.message})` : text;
}
ctx.errorText = errorText;

function startIdleTimer(seconds) {
  stopIdleTimer();
  lastActivity = Date.now();
  const touch = () => { lastActivity = Date.now(); };
  for (const ev of ['click', 'keydown', 'touchstart']) document.addEventListener(ev, touch, { passive: true });
  idleTimer = setInterval(() => {
    if (Date.now() - lastActivity > seconds * 1000) logout(t('session.idle'));
  }, 15000);
}

function stopIdleTimer() {
  if (idleTimer) clearInterval(idleTimer);
  idleTimer = null;
}

start().catch((e) => mount(root, h('div.error-banner', { role: 'alert' }, String(e && e.message ? e.message : e))));
