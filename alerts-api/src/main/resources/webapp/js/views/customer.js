// The customer's page, in their language: their products, the notices we sent (what we found, why it matters,
// what to do, how to book), their service visits with a link to rate finished ones; and the booking page.
import {api} from '../api.js';
import {h, mount} from '../dom.js';
import {dateTime} from '../format.js';
import {t} from '../i18n.js';
import * as live from '../live.js';
import {deviceFacts} from './device.js';

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
    h('a', {class: 'button', href: `#/${survey ? 'survey' : 'book'}/${encodeURIComponent(reminder.ticketId)}`},
      survey ? t('notice.rate') : t('notice.book')));
}

function visit(ticket) {
  return h('li', {class: 'visit', dataset: {ticketId: ticket.ticketId, status: ticket.status}},
    h('strong', {}, t(`visit.status.${ticket.status}`)),
    ` · ${ticket.deviceId} · ${dateTime(ticket.openedAt)} · ${t(`visit.charge.${ticket.serviceCharge}`)}`,
    ticket.status === 'RESOLVED' || ticket.status === 'CLOSED'
      ? [' · ', h('a', {href: `#/survey/${encodeURIComponent(ticket.ticketId)}`, class: 'rate'}, t('visit.rate'))] : null);
}

export async function customerView(view) {
  const devicesBox = h('div', {id: 'my-devices', class: 'device-cards'});
  const noticesBox = h('div', {id: 'my-notices'});
  const visitsBox = h('ul', {id: 'my-visits', class: 'visits'});

  async function load() {
    const [devices, reminders, tickets] = await Promise.all([
      api.all('/api/v1/devices'), api.all('/api/v1/reminders', 2), api.all('/api/v1/tickets', 2)]);
    mount(devicesBox, devices.length === 0 ? h('p', {class: 'muted'}, t('my.noProducts'))
      : devices.map((d) => h('article', {class: 'card device', dataset: {deviceId: d.deviceId}},
        h('h3', {}, d.deviceId), deviceFacts(d),
        h('a', {href: `#/device/${encodeURIComponent(d.deviceId)}`}, t('device.details')))));
    mount(noticesBox, reminders.length === 0 ? h('p', {class: 'muted'}, t('my.noNotices')) : reminders.map(notice));
    mount(visitsBox, tickets.length === 0 ? h('li', {class: 'muted'}, t('my.noVisits')) : tickets.map(visit));
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
  const [tickets, reminders] = await Promise.all([api.all('/api/v1/tickets', 2), api.all('/api/v1/reminders', 2)]);
  const ticket = tickets.find((item) => item.ticketId === ticketId);
  const reminder = reminders.find((item) => item.ticketId === ticketId && item.kind !== 'SURVEY_INVITATION');
  if (!ticket) {
    mount(view, h('h1', {}, t('book.title')), h('p', {class: 'muted'}, t('book.unknown')));
    return;
  }
  mount(view,
    h('p', {}, h('a', {href: '#/my'}, `← ${t('back')}`)),
    h('h1', {}, t('book.title')),
    reminder ? notice(reminder) : null,
    h('section', {class: 'card', id: 'booking'},
      h('h2', {}, t('book.next')),
      h('p', {}, h('strong', {id: 'visit-status'}, t(`visit.status.${ticket.status}`))),
      h('p', {}, t('book.contact')),
      h('p', {class: 'muted'}, t(`visit.charge.${ticket.serviceCharge}`))));
}
