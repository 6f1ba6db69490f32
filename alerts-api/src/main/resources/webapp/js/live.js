// Live updates: one EventSource per signed-in tab on GET /api/v1/events; views subscribe to the events they show.
import {session} from './api.js';

const EVENTS = ['ready', 'resync', 'prediction.created', 'ticket.changed', 'sla.breached', 'booking.changed'];
const listeners = new Set();
let source = null;
let stateHandler = () => {};

/** Opens the stream for the signed-in user (EventSource sends no headers: the token goes in the query). */
export function connect(onState) {
  disconnect();
  stateHandler = onState || (() => {});
  source = new EventSource(`/api/v1/events?access_token=${encodeURIComponent(session.token)}`);
  for (const name of EVENTS) {
    source.addEventListener(name, (event) => {
      const data = JSON.parse(event.data);
      if (name === 'ready') stateHandler('connected');
      for (const listener of [...listeners]) listener(name, data);
    });
  }
  // EventSource reconnects by itself, sending Last-Event-ID; a refused reconnect (expired token) closes it.
  source.onerror = () => stateHandler(source && source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
}

export function disconnect() {
  if (source) {
    source.close();
    source = null;
  }
}

/** Calls {@code listener(name, data)} for every event until the returned function is called. */
export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
