// Service KPIs of a period with the same figure over the periods before it as a sparkline.
import {api, query} from '../api.js';
import {h, mount} from '../dom.js';
import {dateTime, duration, number, percent} from '../format.js';
import {bars, sparkline} from '../charts.js';

const PERIODS = [['7 days', 7], ['30 days', 30], ['90 days', 90]];
/** The current period and this many before it, for the trend. */
const HISTORY = 8;

/** [key, label, value of one KPI answer, how to show it] */
const FIGURES = [
  ['slaFirstResponse', 'SLA compliance, first response', (k) => k.slaCompliance.firstResponse.percent, percent],
  ['slaResolution', 'SLA compliance, resolution', (k) => k.slaCompliance.resolution.percent, percent],
  ['meanTimeToRespond', 'Mean time to respond', (k) => k.meanTimeToRespondSeconds, duration],
  ['meanTimeToResolve', 'Mean time to resolve (MTTR)', (k) => k.meanTimeToResolveSeconds, duration],
  ['firstVisitFix', 'First-visit fix rate', (k) => k.firstVisitFixRate.percent, percent],
  ['falseAlarms', 'False alarms (no fault found)', (k) => k.falseAlarmRate.percent, percent],
  ['leadTime', 'Median prediction lead time', (k) => k.medianPredictionLeadTimeSeconds, duration],
  ['csat', 'CSAT (1–5)', (k) => k.csat.average, (v) => number(v, 2)],
  ['nps', 'NPS', (k) => k.nps.score, (v) => number(v, 0)],
  ['ticketsOpened', 'Tickets opened', (k) => k.ticketsOpened, (v) => String(v)],
];

export async function kpiView(view) {
  const content = h('div', {id: 'kpis'});
  let days = 30;
  // The periods end at the end of this day (today unless another is chosen).
  const endDay = h('input', {type: 'date', id: 'kpi-end', value: new Date().toISOString().slice(0, 10),
    onchange: () => load(days)});

  async function load(periodDays) {
    days = periodDays;
    const length = days * 86400e3;
    const end = (Date.parse(endDay.value) || Date.now()) + 86400e3;
    const periods = Array.from({length: HISTORY}, (_, i) => {
      const to = end - (HISTORY - 1 - i) * length;
      return {from: new Date(to - length).toISOString(), to: new Date(to).toISOString()};
    });
    const answers = await Promise.all(periods.map((p) => api.get(`/api/v1/kpis${query(p)}`)));
    const current = answers[answers.length - 1];
    mount(content,
      h('p', {class: 'muted'}, `Tickets opened ${dateTime(current.from)} – ${dateTime(current.to)}; trend over the ${HISTORY} periods up to then.`),
      h('div', {class: 'kpi-grid'}, FIGURES.map(([key, label, value, show]) => h('div', {class: 'card kpi', dataset: {kpi: key}},
        h('div', {class: 'kpi-label'}, label),
        h('div', {class: 'kpi-value'}, show(value(current))),
        sparkline(answers.map(value))))),
      h('section', {class: 'card'}, h('h2', {}, 'Promises kept'),
        bars([
          {label: 'first response', value: current.slaCompliance.firstResponse.percent},
          {label: 'resolution', value: current.slaCompliance.resolution.percent},
          {label: 'first-visit fix', value: current.firstVisitFixRate.percent},
          {label: 'false alarms', value: current.falseAlarmRate.percent},
        ])),
      h('p', {class: 'muted'}, `CSAT from ${current.csat.responses} answers; NPS from ${current.nps.responses} answers `
        + `(${current.nps.promoters} promoters, ${current.nps.passives} passives, ${current.nps.detractors} detractors).`));
  }

  mount(view,
    h('h1', {}, 'KPIs'),
    h('div', {class: 'ranges'}, PERIODS.map(([label, length]) => h('button', {type: 'button', onclick: () => load(length)}, label)),
      h('label', {class: 'inline'}, 'ending ', endDay)),
    content);
  await load(days);
}
