// One ticket: the prediction behind it (evidence, model, estimated failure), SLA clocks, history, comments,
// the next moves of the workflow, the assignment with its ranked candidates, and the visit the customer booked.
import {api, ApiError} from '../api.js';
import {h, mount, toast} from '../dom.js';
import {dateTime, duration, number} from '../format.js';
import * as live from '../live.js';
import {estimateMethodWords, evidenceKindWords} from '../prediction.js';
import {countdown} from './board.js';

/** The moves a button offers from each state (ASSIGNED is reached through the assignment). */
const NEXT = {
  OPEN: [],
  ASSIGNED: ['IN_PROGRESS'],
  IN_PROGRESS: ['RESOLVED'],
  RESOLVED: ['CLOSED', 'REOPENED'],
  CLOSED: ['REOPENED'],
  REOPENED: ['IN_PROGRESS'],
};
const TECHNICIAN_MOVES = ['IN_PROGRESS', 'RESOLVED'];
const OUTCOMES = ['FAILURE_CONFIRMED', 'NO_FAULT_FOUND', 'PART_REPLACED', 'PREVENTIVE_SERVICE_DONE'];

function field(label, value) {
  return [h('dt', {}, label), h('dd', {}, value ?? '—')];
}

function problemText(e) {
  if (!(e instanceof ApiError)) return e.message;
  const extra = e.problem.allowed ? ` (allowed: ${e.problem.allowed.join(', ')})` : '';
  return `${e.status} ${e.problem.title || ''}: ${e.problem.detail || ''}${extra}`;
}

export async function ticketView(view, claims, ticketId) {
  const staff = claims.role === 'admin' || claims.role === 'planner';
  const path = `/api/v1/tickets/${encodeURIComponent(ticketId)}`;
  const message = h('p', {class: 'message', id: 'ticket-message', hidden: true});

  function say(text, kind = 'error') {
    message.textContent = text;
    message.className = `message ${kind}`;
    message.hidden = false;
  }

  async function act(request, done) {
    try {
      await request();
      toast(done);
      await render();
    } catch (e) {
      say(problemText(e));
    }
  }

  function transitions(ticket) {
    const moves = NEXT[ticket.status].filter((s) => staff || TECHNICIAN_MOVES.includes(s));
    const ifMatch = `"${ticket.version}"`;
    const note = h('input', {name: 'note', placeholder: 'note (optional)'});
    const outcome = h('select', {name: 'outcome'}, OUTCOMES.map((o) => h('option', {value: o}, o)));
    const part = h('input', {name: 'part', placeholder: 'part replaced'});
    const move = (status) => {
      const body = {status};
      if (note.value.trim()) body.note = note.value.trim();
      if (status === 'RESOLVED') {
        body.outcome = outcome.value;
        if (outcome.value === 'PART_REPLACED') body.part = part.value.trim();
      }
      return act(() => api.post(`${path}/transitions`, body, ifMatch), `${ticketId} is now ${status}`);
    };
    return h('section', {class: 'card', id: 'transitions'},
      h('h2', {}, 'Next step'),
      moves.length === 0 ? h('p', {class: 'muted'}, ticket.status === 'OPEN' ? 'Assign a technician below.' : 'No move from here.') : null,
      moves.includes('RESOLVED') ? h('div', {class: 'row'}, h('label', {}, 'Outcome ', outcome), part) : null,
      moves.length > 0 ? h('div', {class: 'row'}, note,
        moves.map((s) => h('button', {type: 'button', class: 'move', dataset: {status: s}, onclick: () => move(s)}, `Move to ${s}`))) : null);
  }

  async function assignment(ticket) {
    if (!staff) return null;
    const ifMatch = `"${ticket.version}"`;
    const section = h('section', {class: 'card', id: 'assignment'}, h('h2', {}, 'Assignment'));
    if (['RESOLVED', 'CLOSED'].includes(ticket.status)) {
      section.append(h('p', {class: 'muted'}, 'Resolved tickets are not assigned.'));
      return section;
    }
    const candidates = await api.get(`${path}/candidates`);
    const assign = (body, label) => act(() => api.post(`${path}/assignment`, body, ifMatch), label);
    section.append(
      h('p', {}, `Needs ${candidates.requiredSkill} in region ${candidates.region ?? '—'}. `,
        h('button', {type: 'button', id: 'auto-assign', onclick: () => assign({auto: true}, 'Assigned automatically')}, 'Assign automatically')),
      h('table', {class: 'candidates'},
        h('thead', {}, h('tr', {}, ['#', 'Technician', 'Region', 'Load', 'Qualified', 'Why', ''].map((c) => h('th', {}, c)))),
        h('tbody', {}, candidates.items.map((c) => h('tr', {dataset: {technicianId: c.technicianId}, class: c.qualified ? 'qualified' : 'unqualified'},
          h('td', {}, c.rank),
          h('td', {}, `${c.name} (${c.technicianId})`),
          h('td', {}, c.region),
          h('td', {}, `${c.openAssignments}/${c.capacity}`),
          h('td', {}, c.qualified ? 'yes' : 'no'),
          h('td', {}, c.reasons.join('; ')),
          h('td', {}, c.technicianId === ticket.assignedTechnician ? 'assigned'
            : h('button', {type: 'button', class: 'assign', onclick: () => assign({technicianId: c.technicianId}, `Assigned to ${c.name}`)},
              c.qualified ? 'Assign' : 'Assign anyway')))))));
    return section;
  }

  async function prediction(ticket) {
    const section = h('section', {class: 'card', id: 'prediction'}, h('h2', {}, 'Predicted failure'));
    if (!ticket.predictionId) {
      section.append(h('p', {class: 'muted'}, 'Opened by a maintenance plan, not a prediction.'));
      return section;
    }
    const list = await api.all(`/api/v1/predictions?deviceId=${encodeURIComponent(ticket.deviceId)}`, 2);
    const p = list.find((item) => item.predictionId === ticket.predictionId);
    if (!p) {
      section.append(h('p', {class: 'muted'}, `Prediction ${ticket.predictionId} is not available.`));
      return section;
    }
    section.append(
      h('dl', {class: 'facts'},
        field('Failure mode', p.failureMode),
        field('Estimated failure', h('strong', {id: 'estimated-failure'}, dateTime(p.estimatedFailureAt))),
        field('Detected', dateTime(p.detectedAt)),
        field('Confidence', `${Math.round(p.confidence * 100)} %`),
        field('Health index', number(p.healthIndex)),
        field('Anomaly score', `${number(p.anomalyScore)} (threshold ${number(p.threshold)})`),
        field('Failure time estimated by', h('span', {id: 'estimate-method', dataset: {method: p.estimateMethod}},
          estimateMethodWords(p.estimateMethod))),
        field('Model version', h('span', {id: 'model-version'}, p.modelVersion))),
      h('table', {class: 'evidence'},
        h('thead', {}, h('tr', {}, ['Evidence', 'Compared with', 'Value', 'Baseline', 'Deviation'].map((c) => h('th', {}, c)))),
        h('tbody', {}, p.evidence.map((e) => h('tr', {dataset: {kind: e.kind}},
          h('td', {}, e.feature),
          h('td', {class: 'compared-with'}, evidenceKindWords(e.kind)),
          h('td', {}, `${number(e.value)} ${e.unit ?? ''}`),
          h('td', {}, `${number(e.baseline)} ${e.unit ?? ''}`),
          h('td', {}, `${number(e.deviation, 1)} baseline widths`))))));
    return section;
  }

  async function comments() {
    const answer = await api.get(`${path}/comments`);
    const body = h('textarea', {name: 'comment', rows: 2, maxlength: 4000, placeholder: 'Add a work note'});
    return h('section', {class: 'card', id: 'comments'},
      h('h2', {}, `Comments (${answer.items.length})`),
      h('ul', {class: 'comments'}, answer.items.map((c) => h('li', {},
        h('span', {class: 'muted'}, `${dateTime(c.at)} ${c.author} (${c.authorRole}): `), c.body))),
      h('form', {onsubmit: (event) => {
        event.preventDefault();
        if (body.value.trim()) act(() => api.post(`${path}/comments`, {body: body.value.trim()}), 'Comment added');
      }}, body, h('button', {type: 'submit'}, 'Add comment')));
  }

  function sla(ticket) {
    const clocks = ticket.slaState || {};
    const clock = (name, state) => state ? field(name, `due ${dateTime(state.dueAt)} · ${state.state}`
      + (state.remainingSeconds !== null && state.remainingSeconds !== undefined ? ` · ${duration(state.remainingSeconds)} left` : '')) : [];
    return h('dl', {class: 'facts'}, clock('First response', clocks.firstResponse), clock('Resolution', clocks.resolution));
  }

  /** The visit the customer booked, as its slot reads in their time zone; a cancelled one says so. */
  async function booking() {
    let booked;
    try {
      booked = await api.get(`${path}/booking`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return h('span', {id: 'ticket-booking', class: 'muted'}, 'not booked');
      throw e;
    }
    const slot = booked.slot;
    const when = `${slot.date} ${slot.window === 'MORNING' ? '09:00–12:00' : '13:00–17:00'} ${slot.timeZone}`;
    return h('span', {id: 'ticket-booking', dataset: {status: booked.status}},
      booked.status === 'BOOKED' ? when : `cancelled (was ${when})`,
      h('span', {class: 'muted'}, ` by ${booked.bookedBy}, ${dateTime(booked.updatedAt)}`));
  }

  async function render() {
    message.hidden = true;
    const ticket = await api.get(path);
    const [predictionSection, assignmentSection, commentSection, visit] = await Promise.all([
      prediction(ticket), assignment(ticket), comments(), booking()]);
    mount(view,
      h('p', {}, h('a', {href: '#/board'}, '← Board')),
      h('h1', {}, `${ticket.ticketId}: ${ticket.summary}`),
      message,
      h('section', {class: `card ticket-head${(ticket.slaState || {}).state === 'BREACHED' ? ' breached' : ''}`},
        h('dl', {class: 'facts'},
          field('Status', h('strong', {id: 'ticket-status', class: `status status-${ticket.status.toLowerCase()}`}, ticket.status)),
          field('Priority', h('span', {class: `badge ${ticket.priority.toLowerCase()}`}, ticket.priority)),
          field('Technician', h('span', {id: 'ticket-technician'}, ticket.assignedTechnician ?? 'unassigned')),
          field('Visit', visit),
          field('Device', h('a', {href: `#/device/${encodeURIComponent(ticket.deviceId)}`}, `${ticket.deviceId} (${ticket.productModel})`)),
          field('Region', ticket.region),
          field('Opened', dateTime(ticket.openedAt)),
          field('Service', `${ticket.serviceCharge}, skill ${ticket.requiredSkill}`),
          field('Actions', ticket.technicianActions.join(', ')),
          ticket.outcome ? field('Outcome', `${ticket.outcome}${ticket.outcomePart ? ` (${ticket.outcomePart})` : ''}`) : []),
        countdown(ticket),
        sla(ticket)),
      predictionSection,
      transitions(ticket),
      assignmentSection,
      h('section', {class: 'card', id: 'history'}, h('h2', {}, 'History'),
        h('ol', {class: 'history'}, ticket.history.map((e) => h('li', {},
          h('span', {class: 'muted'}, `${dateTime(e.at)} ${e.actor}: `),
          // A booking leaves the status as it was: its entry shows the status once, and the note says what happened.
          e.fromStatus === e.toStatus ? e.toStatus : `${e.fromStatus ?? '—'} → ${e.toStatus}`,
          e.technicianId ? ` (${e.technicianId})` : '',
          e.note ? ` — ${e.note}` : '')))),
      commentSection);
  }

  await render();
  return live.subscribe((name, data) => {
    const concerned = ['ticket.changed', 'sla.breached', 'booking.changed'].includes(name);
    if (concerned && data.ticketId === ticketId) render().catch(() => {});
  });
}
