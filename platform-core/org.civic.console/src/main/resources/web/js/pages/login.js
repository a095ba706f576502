import { h, mount } from '../dom.js';
import { api, setCsrfToken } from '../api.js';
import { t, lang } from '../i18n.js';

export function loginPage(root, { message, onLogin, onLanguage }) {
  const error = h('div.error-banner#login-error', { role: 'alert', hidden: true });
  const name = h('input#login-name', { name: 'loginName', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input#login-password', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button.primary#login-submit', { type: 'submit' }, t('login.submit'));
  const form = h('form.login-form#login-form', {
    novalidate: true,
    onsubmit: async (ev) => {
      ev.preventDefault();
      error.hidden = true;
      submit.disabled = true;
      try {
        const s = await api('/auth/login', { method: 'POST', quiet401: true,
          body: { loginName: name.value.trim(), password: password.value, cookie: true } });
        setCsrfToken(s.csrfToken);
        await onLogin({ authenticated: true, ...s });
      } catch (e) {
        const code = (e.code || '').split(':')[0];
        error.textContent = t(code === 'MISSING_FIELD' ? 'login.missing' : code === 'ACCOUNT_LOCKED' ? 'login.locked'
          : code === 'BAD_CREDENTIALS' || e.status === 401 ? 'login.bad' : 'error.UNKNOWN');
        error.hidden = false;
        password.value = '';
      } finally {
        submit.disabled = false;
      }
    },
  },
  h('label', { for: 'login-name' }, t('login.name')), name,
  h('label', { for: 'login-password' }, t('login.password')), password,
  error, submit);
  mount(root, h('div.login-page', null,
    h('div.login-box', null,
      h('h1', null, t('app.title')),
      h('p.subtitle', null, t('login.subtitle')),
      message ? h('div.notice#login-notice', { role: 'status' }, message) : null,
      form,
      h('button.link#lang-switch', { type: 'button', onclick: () => onLanguage(lang() === 'zh' ? 'en' : 'zh') },
        lang() === 'zh' ? 'English' : '中文'))));
  name.focus();
}
