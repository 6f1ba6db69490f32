// A device: owner, warranty and latest prediction, and its telemetry per sensor as SVG charts (min–max band, mean
// line, healthy range) over the anomaly scores of its predictions and the predicted failure time.
import {api, ApiError, query} from '../api.js';
import {h, mount} from '../dom.js';
import {date, dateTime, number} from '../format.js';
import {t} from '../i18n.js';
import {scoreChart, sensorChart} from '../charts.js';
import {estimateMethodWords} from '../prediction.js';

const RANGES = [['6 h', 6 * 3600e3], ['24 h', 24 * 3600e3], ['7 d', 7 * 86400e3], ['30 d', 30 * 86400e3]];

function resolutionMillis(iso) {
  const match = /^PT(\d+)([SMH])$/.exec(iso || '');
  if (!match) return 60e3;
  return Number(match[1]) * {S: 1e3, M: 60e3, H: 3600e3}[match[2]];
}

function labels() {
  return {
    mean: t('chart.mean'), range: t('chart.range'), normal: t('chart.normal'), score: t('chart.score'),
    threshold: t('chart.threshold'), predictedFailure: t('chart.predictedFailure'),
  };
}

export function deviceFacts(device) {
  const prediction = device.latestPrediction;
  return h('dl', {class: 'facts'},
    h('dt', {}, t('device.model')), h('dd', {}, device.productModel),
    h('dt', {}, t('device.location')), h('dd', {}, device.location ?? '—'),
    h('dt', {}, t('device.warranty')), h('dd', {}, device.underWarranty
      ? t('device.underWarranty', {date: date(device.warrantyEnd)}) : t('device.outOfWarranty', {date: date(device.warrantyEnd)})),
    h('dt', {}, t('device.health')), h('dd', {class: prediction ? 'warning' : 'ok'}, prediction
      ? t('device.predicted', {date: dateTime(prediction.estimatedFailureAt)}) : t('device.healthy')));
}

export async function deviceView(view, claims, deviceId) {
  const device = await api.get(`/api/v1/devices/${encodeURIComponent(deviceId)}`);
  const charts = h('div', {class: 'charts', id: 'charts'});
  const staff = claims.role !== 'customer';
  let lastTo = null;

  async function load(rangeMs) {
    const params = rangeMs && lastTo ? {from: new Date(lastTo - rangeMs).toISOString(), to: new Date(lastTo).toISOString()} : {};
    let data;
    try {
      data = await api.get(`/api/v1/devices/${encodeURIComponent(deviceId)}/telemetry${query(params)}`);
    } catch (e) {
      mount(charts, h('p', {class: 'muted', id: 'telemetry-unavailable'},
        e instanceof ApiError && e.status === 503 ? t('chart.unavailable') : t('error.generic', {detail: e.message})));
      return;
    }
    lastTo = Date.parse(data.to);
    const from = Date.parse(data.from);
    const failureAt = data.predictedFailureAt ? Date.parse(data.predictedFailureAt) : null;
    // Show the predicted failure when it is near: the time axis then reaches a little into the future.
    const span = lastTo - from;
    const end = failureAt && failureAt > lastTo && failureAt <= lastTo + span / 4 ? failureAt + span / 50 : lastTo;
    const domain = [from, end];
    const resolutionMs = resolutionMillis(data.resolution);
    const sensors = data.sensors.map((sensor) => ({
      sensor,
      points: data.buckets.filter((b) => b.sensors[sensor.name]).map((b) => ({at: Date.parse(b.start), ...b.sensors[sensor.name]})),
    })).filter((s) => s.points.length > 0);
    mount(charts,
      h('p', {class: 'muted'}, `${dateTime(data.from)} – ${dateTime(data.to)}, ${data.resolution}${data.downsampled ? ' (hourly data)' : ''}`
        + (failureAt ? ` · ${t('chart.predictedFailure')}: ${dateTime(data.predictedFailureAt)}` : '')),
      sensors.length === 0 ? h('p', {class: 'muted', id: 'no-telemetry'}, t('chart.noData')) : null,
      sensors.map(({sensor, points}) => h('figure', {class: 'chart', dataset: {sensor: sensor.name}},
        h('figcaption', {}, `${sensor.name}${sensor.unit ? ` (${sensor.unit})` : ''}`,
          h('span', {class: 'legend'}, h('i', {class: 'swatch mean'}), t('chart.mean'), h('i', {class: 'swatch band'}), t('chart.range'),
            sensor.normalMin !== null && sensor.normalMin !== undefined ? [h('i', {class: 'swatch normal'}), t('chart.normal')] : null)),
        sensorChart({sensor: sensor.name, points, domain, resolutionMs, normalMin: sensor.normalMin, normalMax: sensor.normalMax,
          failureAt, labels: labels()}))),
      data.anomalyScores.length > 0 ? h('figure', {class: 'chart', id: 'anomaly-scores'},
        h('figcaption', {}, t('chart.score'), h('span', {class: 'legend'}, h('i', {class: 'swatch score'}), t('chart.score'),
          h('i', {class: 'swatch threshold'}), t('chart.threshold'))),
        scoreChart({scores: data.anomalyScores.map((s) => ({...s, at: Date.parse(s.at)})), domain, failureAt, labels: labels()})) : null);
  }

  const prediction = device.latestPrediction;
  mount(view,
    h('p', {}, h('a', {href: staff ? '#/devices' : '#/my'}, `← ${t('back')}`)),
    h('h1', {}, `${device.deviceId}`),
    h('section', {class: 'card'},
      deviceFacts(device),
      staff ? h('p', {class: 'muted'}, `${device.customerName ?? device.customerId} · ${device.region}`) : null,
      staff && prediction ? h('p', {}, `Latest prediction: ${prediction.failureMode}, health ${number(prediction.healthIndex)}, `
        + `anomaly score ${number(prediction.anomalyScore)} (model ${prediction.modelVersion}); `
        + `failure time by ${estimateMethodWords(prediction.estimateMethod)}`) : null),
    h('section', {class: 'card'},
      h('h2', {}, t('chart.title')),
      h('div', {class: 'ranges'}, RANGES.map(([label, ms]) => h('button', {type: 'button', class: 'range', onclick: () => load(ms)}, label))),
      charts));
  await load(null);
}

export async function deviceListView(view) {
  const devices = await api.all('/api/v1/devices');
  mount(view,
    h('h1', {}, 'Devices'),
    h('table', {class: 'devices'},
      h('thead', {}, h('tr', {}, ['Device', 'Model', 'Customer', 'Region', 'Warranty', 'Latest prediction'].map((c) => h('th', {}, c)))),
      h('tbody', {}, devices.map((d) => h('tr', {dataset: {deviceId: d.deviceId}},
        h('td', {}, h('a', {href: `#/device/${encodeURIComponent(d.deviceId)}`}, d.deviceId)),
        h('td', {}, d.productModel),
        h('td', {}, d.customerName ?? d.customerId),
        h('td', {}, d.region),
        h('td', {}, d.underWarranty ? `until ${date(d.warrantyEnd)}` : `ended ${date(d.warrantyEnd)}`),
        h('td', {}, d.latestPrediction ? `${d.latestPrediction.failureMode}, failure ${dateTime(d.latestPrediction.estimatedFailureAt)}` : '—'))))));
}
