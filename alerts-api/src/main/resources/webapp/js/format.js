// Times and durations as people read them, in the page's language.
import {language, t} from './i18n.js';

function locale() {
  return language() === 'zh' ? 'zh-CN' : 'en-GB';
}

export function dateTime(iso) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(), {dateStyle: 'medium', timeStyle: 'short'}).format(new Date(iso));
}

export function date(iso) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(), {dateStyle: 'medium'}).format(new Date(iso));
}

/** 3 d 4 h, 2 h 05 m, 4 m 09 s; negative durations as "overdue". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400), hr = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  if (d > 0) return `${d} d ${hr} h`;
  if (hr > 0) return `${hr} h ${String(m).padStart(2, '0')} m`;
  return `${m} m ${String(sec).padStart(2, '0')} s`;
}

export function percent(value) {
  return value === null || value === undefined ? '—' : `${Math.round(value * 10) / 10} %`;
}

export function number(value, digits = 2) {
  return value === null || value === undefined ? '—' : Number(value).toFixed(digits);
}

/** A visit slot as the customer reads it: the day in their time zone and the window ("Tue 3 Jun, morning 09:00–12:00"). */
export function slotLabel(slot) {
  const day = new Intl.DateTimeFormat(locale(), {weekday: 'short', day: 'numeric', month: 'short', timeZone: slot.timeZone})
    .format(new Date(slot.start));
  return `${day} ${t(`slot.${slot.window}`)}`;
}
