// Chinese first, English on request. Labels of lines, states, actions and fields come from the
// declarations ({zh, en}); every other text from the message bundles in /console/i18n/.

const KEY = 'civic.lang';
let current = localStorage.getItem(KEY) === 'en' ? 'en' : 'zh';
let messages = {};

export function lang() { return current; }

export async function loadMessages(which) {
  current = which === 'en' ? 'en' : 'zh';
  localStorage.setItem(KEY, current);
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  const r = await fetch(`/console/i18n/${current}.json`, { credentials: 'same-origin' });
  messages = await r.json();
}

/** A message by key, with {name} placeholders filled from vars. */
export function t(key, vars) {
  let s = messages[key];
  if (s === undefined) return key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (vars[k] === undefined ? m : String(vars[k])));
  return s;
}

/** A declared label {zh, en} in the current language (Chinese when English is missing). */
export function label(l) {
  if (!l) return '';
  if (typeof l === 'string') return l;
  return (current === 'en' ? l.en : l.zh) || l.zh || l.en || '';
}
