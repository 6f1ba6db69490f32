// Sign in with user name and password; the page speaks the language chosen with the switch at the top.
import {api, ApiError} from '../api.js';
import {h, mount} from '../dom.js';
import {t} from '../i18n.js';

export function loginView(view, signedIn) {
  const error = h('p', {class: 'error', id: 'login-error', hidden: true});
  const username = h('input', {name: 'username', id: 'username', autocomplete: 'username', required: true});
  const password = h('input', {name: 'password', id: 'password', type: 'password', autocomplete: 'current-password', required: true});
  const form = h('form', {class: 'login card', onsubmit: async (event) => {
    event.preventDefault();
    error.hidden = true;
    try {
      const answer = await api.post('/api/v1/auth/token', {username: username.value, password: password.value});
      await signedIn(answer.token);
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 429 ? t('login.tooMany')
        : e instanceof ApiError && (e.status === 401 || e.status === 400) ? t('login.failed')
          : t('error.generic', {detail: e.message});
      error.hidden = false;
    }
  }},
  h('h1', {}, t('login.title')),
  h('label', {}, t('login.username'), username),
  h('label', {}, t('login.password'), password),
  h('button', {type: 'submit', id: 'login-submit'}, t('login.submit')),
  error);
  mount(view, form);
  username.focus();
}
