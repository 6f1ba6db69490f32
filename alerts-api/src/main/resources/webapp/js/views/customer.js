// The customer's page, in their language: their products, the notices we sent (what we found, why it matters,
// what to do, how to book) with "I've seen it", their service visits with the booked time and a link to rate
// finished ones; and the booking page, where they pick, move or cancel the time of a visit.
import {api, ApiError} from '../api.js';
import {h, mount} from '../dom.js';
import {dateTime, slotLabel} from '../format.js';
import {t} from '../i18n.js';
import * as live from '../live.js';
import {deviceFacts} from './device.js';

const FINISHED = ['RESOLVED', 'CLOSED'];

/** The booking of a ticket, or null when none was ever made. */
async function bookingOf(ticketId) {
  try {
    return await api.get(`/api/v1/tickets/${encodeURIComponent(ticketId)}/booking`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** "I've seen it", or when the customer said so. */
function acknowledgement(reminder) {
  const box = h('p', {class: 'ack-line'});
  const seen = (at) => mount(box, h('span', {class: 'acknowledged ok'}, t('notice.acked', {date: dateTime(at)})));
  if (reminder.acknowledgedAt) {
    seen(reminder.acknowledgedAt);
    return box;
  }
  mount(box, h('button', {class: 'ack', onclick: async () => {
    const ack = await api.post(`/api/v1/reminders/${encodeURIComponent(reminder.reminderId)}/acknowledgement`);
    seen(ack.acknowledgedAt);
  }}, t('notice.ack')));
  return box;
}

function notice(reminder) {
  const survey = reminder.kind === 'SURVEY_INVITATION';
  return h('article', {class: 'card notice', dataset: {reminderId: reminder.reminderId, ticketId: reminder.ticketId}},
    h('h3', {}, reminder.title),
    h('p', {class: 'muted'}, `${reminder.deviceId} · ${t('notice.received', {date: dateTime(reminder.createdAt)})}`),
    survey ? null : h('dl', {class: 'facts'},
      h('dt', {}, t('notice.found')), h('dd', {}, reminder.whatWeFound),
      h('dt', {}, t('notice.why')), h('dd', {}, reminder.whyItMatters),
      h('dt', {}, t('notice.todo')), h('dd', {}, reminder.whatToDo)),
    h('p', {class: 'muted'}, reminder.howToBook),
    h('div', {class: 'row'},
      h('a', {class: 'button', href: `#/${survey ? 'survey' : 'book'}/${encodeURIComponent(reminder.ticketId)}`},
        survey ? t('notice.rate') : t('notice.book')),
      acknowledgement(reminder)));
}

function visit(ticket, booking) {
  const finished = FINISHED.includes(ticket.status);
  const booked = booking && booking.status === 'BOOKED';
  return h('li', {class: 'visit', dataset: {ticketId: ticket.ticketId, status: ticket.status}},
    h('strong', {}, t(`visit.status.${ticket.status}`)),
    ` · ${ticket.deviceId} · ${dateTime(ticket.openedAt)} · ${t(`visit.charge.${ticket.serviceCharge}`)}`,
    booked ? [' · ', h('span', {class: 'booked-slot'}, t('visit.booked', {slot: slotLabel(booking.slot)}))] : null,
    finished
      ? [' · ', h('a', {href: `#/survey/${encodeURIComponent(ticket.ticketId)}`, class: 'rate'}, t('visit.rate'))]
      : [' · ', h('a', {href: `#/book/${encodeURIComponent(ticket.ticketId)}`, class: 'book'},
        booked ? t('visit.move') : t('visit.book'))]);
}

export async function customerView(view) {
  const devicesBox = h('div', {id: 'my-devices', class: 'device-cards'});
  const noticesBox = h('div', {id: 'my-notices'});
  const visitsBox = h('ul', {id: 'my-visits', class: 'visits'});

  let loads = 0;
  async function load() {
    // Events in quick succession start overlapping loads: only the latest one may draw.
    const run = ++loads;
    const [devices, reminders, tickets] = await Promise.all([
      api.all('/api/v1/devices'), api.all('/api/v1/reminders', 2), api.all('/api/v1/tickets', 2)]);
    const bookings = await Promise.all(tickets.map((ticket) =>
      FINISHED.includes(ticket.status) ? null : bookingOf(ticket.ticketId)));
    if (run !== loads) return;
    mount(devicesBox, devices.length === 0 ? h('p', {class: 'muted'}, t('my.noProducts'))
      : devices.map((d) => h('article', {class: 'card device', dataset: {deviceId: d.deviceId}},
        h('h3', {}, d.deviceId), deviceFacts(d),
        h('a', {href: `#/device/${encodeURIComponent(d.deviceId)}`}, t('device.details')))));
    mount(noticesBox, reminders.length === 0 ? h('p', {class: 'muted'}, t('my.noNotices')) : reminders.map(notice));
    mount(visitsBox, tickets.length === 0 ? h('li', {class: 'muted'}, t('my.noVisits'))
      : tickets.map((ticket, i) => visit(ticket, bookings[i])));
  }

  mount(view,
    h('h1', {}, t('my.products')), devicesBox,
    h('h2', {}, t('my.visits')), visitsBox,
    h('h2', {}, t('my.notices')), noticesBox);
  await load();
  return live.subscribe((name) => {
    if (name !== 'ready') load().catch(() => {});
  });
}

export async function bookView(view, claims, ticketId) {
  const path = `/api/v1/tickets/${encodeURIComponent(ticketId)}/booking`;
  const [tickets, reminders] = await Promise.all([api.all('/api/v1/tickets', 2), api.all('/api/v1/reminders', 2)]);
  const ticket = tickets.find((item) => item.ticketId === ticketId);
  const reminder = reminders.find((item) => item.ticketId === ticketId && item.kind !== 'SURVEY_INVITATION');
  if (!ticket) {
    mount(view, h('h1', {}, t('book.title')), h('p', {class: 'muted'}, t('book.unknown')));
    return;
  }
  const result = h('p', {id: 'booking-result', class: 'message', hidden: true});
  const show = (text, kind) => {
    result.textContent = text;
    result.className = `message ${kind}`;
    result.hidden = false;
  };
  const section = h('section', {class: 'card', id: 'booking'});

  async function change(request, done) {
    try {
      const booking = await request();
      await render();
      show(done(booking), 'ok');
    } catch (e) {
      show(e instanceof ApiError && e.status === 409 ? t('book.taken') : t('error.generic', {detail: e.message}), 'error');
      await render();
    }
  }

  function slotButton(slot) {
    return h('li', {},
      h('button', {class: 'slot', disabled: !slot.available, dataset: {slotStart: slot.start},
        onclick: () => change(() => api.put(path, {slotStart: slot.start}),
          (booking) => t('book.done', {slot: slotLabel(booking.slot)}))},
      slotLabel(slot)),
      slot.available ? null : h('span', {class: 'muted'}, ` ${t('book.full')}`),
      slot.available && slot.beforePredictedFailure ? h('span', {class: 'recommended ok'}, ` ${t('book.beforeFailure')}`) : null);
  }

  let renders = 0;
  async function render() {
    const run = ++renders;
    const [current, slots, booking] = await Promise.all([
      api.get(`/api/v1/tickets/${encodeURIComponent(ticketId)}`), api.get(`${path}/slots`), bookingOf(ticketId)]);
    if (run !== renders) return;  // a later render (after a live event) has newer data
    const booked = booking && booking.status === 'BOOKED';
    if (!slots.bookable) {
      mount(section, h('h2', {}, t('book.next')), h('p', {id: 'booked-visit'}, t('book.closed')),
        h('a', {class: 'button', href: `#/survey/${encodeURIComponent(ticketId)}`}, t('visit.rate')));
      return;
    }
    mount(section,
      h('h2', {}, t('book.next')),
      h('p', {}, h('strong', {id: 'visit-status'}, t(`visit.status.${current.status}`))),
      h('p', {id: 'booked-visit', class: booked ? 'ok' : 'muted'},
        booked ? t('book.current', {slot: slotLabel(booking.slot)}) : t('book.none')),
      booked ? h('button', {class: 'link', id: 'cancel-booking', onclick: () => change(() => api.delete(path),
        () => t('book.cancelled'))}, t('book.cancel')) : null,
      h('h3', {}, booked ? t('book.move') : t('book.choose')),
      h('p', {class: 'muted'}, t('book.timeZone', {zone: slots.timeZone})),
      h('ul', {class: 'slots', id: 'slots'}, slots.items
        .filter((slot) => !(booked && slot.start === booking.slot.start))
        .map(slotButton)),
      h('p', {class: 'muted'}, t(`visit.charge.${ticket.serviceCharge}`)));
  }

  await render();
  mount(view,
    h('p', {}, h('a', {href: '#/my'}, `← ${t('back')}`)),
    h('h1', {}, t('book.title')),
    reminder ? notice(reminder) : null,
    result,
    section);
  return live.subscribe((name, data) => {
    const concerned = name === 'booking.changed' || name === 'ticket.changed';
    if (concerned && data.ticketId === ticketId) render().catch(() => {});
  });
}
