// The planner board: open tickets grouped by SLA state, countdowns to the next promise, filters, live updates.
import {api, query} from '../api.js';
import {h, mount, toast} from '../dom.js';
import {dateTime, duration} from '../format.js';
import * as live from '../live.js';

const GROUPS = [
  ['BREACHED', 'SLA breached'],
  ['AT_RISK', 'At risk'],
  ['ON_TRACK', 'On track'],
];
const PRIORITIES = ['URGENT', 'HIGH', 'NORMAL', 'LOW'];
const STATUSES = ['OPEN', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED', 'RESOLVED', 'CLOSED'];
const DONE = ['RESOLVED', 'CLOSED'];
/** The filter "open work": everything not resolved or closed (the API filters one status at a time). */
const OPEN_WORK = 'OPEN_WORK';

/** The clock that runs now: first response until the ticket left OPEN, then resolution; null when both stopped. */
export function runningClock(ticket) {
  const sla = ticket.slaState || {};
  if (sla.firstResponse && sla.firstResponse.remainingSeconds !== null && sla.firstResponse.remainingSeconds !== undefined) {
    return {name: 'respond', state: sla.firstResponse};
  }
  if (sla.resolution && sla.resolution.remainingSeconds !== null && sla.resolution.remainingSeconds !== undefined) {
    return {name: 'resolve', state: sla.resolution};
  }
  return null;
}

/** A countdown element that the board's timer keeps current. */
export function countdown(ticket) {
  const clock = runningClock(ticket);
  if (!clock) {
    const sla = ticket.slaState || {};
    const resolution = sla.resolution || {};
    return h('span', {class: 'countdown stopped'}, resolution.state ? `resolution ${resolution.state.toLowerCase()}` : '');
  }
  const deadline = Date.now() + clock.state.remainingSeconds * 1000;
  return h('span', {class: `countdown ${clock.state.state.toLowerCase()}`, dataset: {deadline: String(deadline), clock: clock.name}},
    countdownText(clock.name, deadline));
}

function countdownText(clock, deadline) {
  const left = (deadline - Date.now()) / 1000;
  return left <= 0 ? `${clock}: overdue` : `${clock} in ${duration(left)}`;
}

function tickCountdowns(root) {
  for (const element of root.querySelectorAll('.countdown[data-deadline]')) {
    element.textContent = countdownText(element.dataset.clock, Number(element.dataset.deadline));
  }
}

export async function boardView(view, claims) {
  const filters = {status: OPEN_WORK, priority: '', productModel: '', region: '', slaState: ''};
  const tickets = new Map();
  const predictions = [];
  const columns = h('div', {class: 'board', id: 'board'});
  const predictionList = h('ul', {class: 'predictions', id: 'recent-predictions'});
  const summary = h('p', {class: 'muted', id: 'board-summary'});

  function matches(ticket) {
    if (filters.status === OPEN_WORK ? DONE.includes(ticket.status) : filters.status && ticket.status !== filters.status) return false;
    if (filters.priority && ticket.priority !== filters.priority) return false;
    if (filters.productModel && ticket.productModel !== filters.productModel) return false;
    if (filters.region && ticket.region !== filters.region) return false;
    if (filters.slaState && (ticket.slaState || {}).state !== filters.slaState) return false;
    return true;
  }

  function card(ticket) {
    const sla = (ticket.slaState || {}).state || 'ON_TRACK';
    return h('article', {
      class: `ticket-card priority-${ticket.priority.toLowerCase()}${sla === 'BREACHED' ? ' breached' : ''}`,
      dataset: {ticketId: ticket.ticketId, status: ticket.status, slaState: sla},
    },
    h('header', {},
      h('span', {class: `badge ${ticket.priority.toLowerCase()}`}, ticket.priority),
      h('a', {href: `#/ticket/${encodeURIComponent(ticket.ticketId)}`, class: 'ticket-link'}, ticket.ticketId)),
    h('div', {class: 'failure-mode'}, ticket.failureMode),
    h('div', {class: 'meta'},
      h('a', {href: `#/device/${encodeURIComponent(ticket.deviceId)}`}, ticket.deviceId),
      ` · ${ticket.productModel}${ticket.region ? ` · ${ticket.region}` : ''}`),
    h('div', {class: 'meta'},
      h('span', {class: `status status-${ticket.status.toLowerCase()}`}, ticket.status),
      ticket.assignedTechnician ? ` · ${ticket.assignedTechnician}` : ' · unassigned'),
    countdown(ticket),
    ticket.predictedFailureAt ? h('div', {class: 'meta'}, `failure expected ${dateTime(ticket.predictedFailureAt)}`) : null);
  }

  function render() {
    const shown = [...tickets.values()].filter(matches);
    const byUrgency = (a, b) => PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority)
      || remaining(a) - remaining(b);
    mount(columns, GROUPS.map(([state, title]) => {
      const group = shown.filter((ticket) => ((ticket.slaState || {}).state || 'ON_TRACK') === state).sort(byUrgency);
      return h('section', {class: `column ${state.toLowerCase()}`, dataset: {slaState: state}},
        h('h2', {}, `${title} (${group.length})`),
        group.length === 0 ? h('p', {class: 'muted'}, 'none') : group.map(card));
    }));
    summary.textContent = `${shown.length} tickets shown; updates arrive live.`;
  }

  function remaining(ticket) {
    const clock = runningClock(ticket);
    return clock ? clock.state.remainingSeconds : Number.MAX_SAFE_INTEGER;
  }

  function renderPredictions() {
    mount(predictionList, predictions.slice(0, 5).map((p) => h('li', {dataset: {predictionId: p.predictionId}},
      h('a', {href: `#/device/${encodeURIComponent(p.deviceId)}`}, p.deviceId),
      ` ${p.failureMode}, failure expected ${dateTime(p.estimatedFailureAt)} (confidence ${Math.round(p.confidence * 100)} %)`)));
  }

  async function load() {
    const serverFilters = {
      status: filters.status === OPEN_WORK ? '' : filters.status,
      priority: filters.priority, productModel: filters.productModel, region: filters.region, slaState: filters.slaState,
    };
    const items = await api.all(`/api/v1/tickets${query(serverFilters)}`);
    tickets.clear();
    items.forEach((ticket) => tickets.set(ticket.ticketId, ticket));
    render();
  }

  async function refresh(ticketId, breached) {
    try {
      const ticket = await api.get(`/api/v1/tickets/${encodeURIComponent(ticketId)}`);
      tickets.set(ticketId, ticket);
      render();
      if (breached) {
        const element = columns.querySelector(`[data-ticket-id="${CSS.escape(ticketId)}"]`);
        if (element) element.classList.add('flash');
        toast(`SLA breached: ${ticketId}`, 'alert');
      }
    } catch (e) {
      if (e.status === 404) {
        tickets.delete(ticketId);
        render();
      }
    }
  }

  const select = (name, options) => h('select', {name, onchange: (event) => {
    filters[name] = event.target.value;
    load();
  }}, options.map(([value, label]) => h('option', {value, selected: filters[name] === value}, label)));
  const text = (name, placeholder) => h('input', {name, placeholder, onchange: (event) => {
    filters[name] = event.target.value.trim();
    load();
  }});

  mount(view,
    h('h1', {}, claims.role === 'technician' ? 'My assignments' : 'Service board'),
    h('form', {class: 'filters', onsubmit: (event) => event.preventDefault()},
      select('status', [[OPEN_WORK, 'open work'], ['', 'any status'], ...STATUSES.map((s) => [s, s])]),
      select('priority', [['', 'any priority'], ...PRIORITIES.map((p) => [p, p])]),
      select('slaState', [['', 'any SLA state'], ...GROUPS.map(([s, title]) => [s, title])]),
      text('productModel', 'product model'),
      text('region', 'region')),
    h('section', {class: 'recent'}, h('h2', {}, 'Latest predicted failures'), predictionList),
    summary,
    columns);

  const [, recent] = await Promise.all([load(), api.get('/api/v1/predictions?limit=5')]);
  predictions.push(...recent.items);
  renderPredictions();

  const timer = setInterval(() => tickCountdowns(columns), 1000);
  const unsubscribe = live.subscribe((name, data) => {
    if (name === 'resync') load();
    if (name === 'ticket.changed') refresh(data.ticketId, false);
    if (name === 'sla.breached') refresh(data.ticketId, true);
    if (name === 'prediction.created') {
      predictions.unshift(data);
      renderPredictions();
      toast(`New predicted failure on ${data.deviceId}: ${data.failureMode}`);
    }
  });
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}
