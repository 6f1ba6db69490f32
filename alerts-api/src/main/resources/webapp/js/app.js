// The web app's shell: who is signed in, the navigation for their role, and which view the address shows.
import {api, ApiError, session, whenSignedOut} from './api.js';
import {h, mount} from './dom.js';
import {language, setLanguage, t} from './i18n.js';
import * as live from './live.js';
import {loginView} from './views/login.js';
import {boardView} from './views/board.js';
import {ticketView} from './views/ticket.js';
import {deviceView, deviceListView} from './views/device.js';
import {kpiView} from './views/kpis.js';
import {customerView, bookView} from './views/customer.js';
import {surveyView} from './views/survey.js';

const STAFF = ['admin', 'planner'];
/** Where a signed-out visitor was going (a notice's booking link), to go on there after signing in. */
const RETURN_KEY = 'forewarn.afterSignIn';
const ALL = ['admin', 'planner', 'technician', 'customer'];

/** Address → view, and the roles that may open it. */
const ROUTES = [
  {pattern: /^#\/board$/, view: boardView, roles: ['admin', 'planner', 'technician']},
  {pattern: /^#\/ticket\/([^/]+)$/, view: ticketView, roles: ['admin', 'planner', 'technician']},
  {pattern: /^#\/devices$/, view: deviceListView, roles: ['admin', 'planner', 'technician']},
  {pattern: /^#\/device\/([^/]+)$/, view: deviceView, roles: ALL},
  {pattern: /^#\/kpis$/, view: kpiView, roles: STAFF},
  {pattern: /^#\/my$/, view: customerView, roles: ['customer']},
  {pattern: /^#\/book\/([^/]+)$/, view: bookView, roles: ['customer']},
  {pattern: /^#\/survey\/([^/]+)$/, view: surveyView, roles: ['customer']},
];

let leaveView = null;

function home(role) {
  return role === 'customer' ? '#/my' : '#/board';
}

function renderNav(claims) {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  if (!claims) {
    mount(nav);
    mount(who, h('button', {class: 'link', onclick: () => switchLanguage()}, t('language.switch')));
    return;
  }
  const links = claims.role === 'customer'
    ? [['#/my', t('nav.myProducts')]]
    : [['#/board', 'Board'], ['#/devices', 'Devices']].concat(STAFF.includes(claims.role) ? [['#/kpis', 'KPIs']] : []);
  mount(nav, links.map(([href, label]) => h('a', {href, class: location.hash.startsWith(href) ? 'active' : ''}, label)));
  mount(who,
    claims.role === 'customer' ? h('button', {class: 'link', onclick: () => switchLanguage()}, t('language.switch')) : null,
    h('span', {class: 'user'}, `${claims.sub} (${claims.role})`),
    h('button', {class: 'link', id: 'logout', onclick: signOut}, t('nav.logout')));
}

function switchLanguage() {
  setLanguage(language() === 'zh' ? 'en' : 'zh');
  route();
}

function showLiveState(state) {
  const badge = document.getElementById('live-state');
  badge.hidden = false;
  badge.className = `live-state ${state}`;
  badge.textContent = state === 'connected' ? t('live.connected') : t('live.reconnecting');
  if (state === 'closed' && !session.claims) signOut();
}

/** After a successful login: remember the token, open the live stream, go to the role's start page. */
export async function signedIn(token) {
  session.save(token);
  const claims = session.claims;
  if (claims.role === 'customer') {
    // The customer's own language, as they chose it for their notices.
    try {
      const preferences = await api.get(`/api/v1/customers/${encodeURIComponent(claims.customerId)}/preferences`);
      setLanguage(preferences.language);
    } catch (e) {
      // Keep the language of the login page.
    }
  }
  live.connect(showLiveState);
  const wanted = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  // route() sends a role that may not open the wanted page to its start page.
  location.hash = wanted || home(claims.role);
}

function signOut() {
  session.clear();
  live.disconnect();
  document.getElementById('live-state').hidden = true;
  location.hash = '#/login';
}

async function route() {
  if (leaveView) {
    leaveView();
    leaveView = null;
  }
  const view = document.getElementById('view');
  const claims = session.claims;
  renderNav(claims);
  if (!claims) {
    if (location.hash !== '#/login') {
      if (location.hash.length > 2) sessionStorage.setItem(RETURN_KEY, location.hash);
      location.hash = '#/login';
      return;
    }
    leaveView = loginView(view, signedIn) || null;
    return;
  }
  const match = ROUTES.map((r) => ({route: r, found: location.hash.match(r.pattern)})).find((m) => m.found);
  if (!match || !match.route.roles.includes(claims.role)) {
    location.hash = home(claims.role);
    return;
  }
  const params = match.found.slice(1).map(decodeURIComponent);
  try {
    leaveView = (await match.route.view(view, claims, ...params)) || null;
  } catch (e) {
    mount(view, h('p', {class: 'error'}, e instanceof ApiError && e.status === 404 ? t('error.notFound')
      : t('error.generic', {detail: e.message})));
  }
}

whenSignedOut(() => signOut());
window.addEventListener('hashchange', route);
if (session.claims) live.connect(showLiveState);
route();
