// Small SVG charts drawn from data: a sensor's history (min–max band, mean line), anomaly scores, sparklines, bars.
import {svg} from './dom.js';

const WIDTH = 1000;
const HEIGHT = 220;
const PAD = {left: 56, right: 12, top: 10, bottom: 24};

function scale(domainLow, domainHigh, rangeLow, rangeHigh) {
  const span = domainHigh - domainLow || 1;
  return (value) => rangeLow + ((value - domainLow) / span) * (rangeHigh - rangeLow);
}

/** Lower and upper bounds of {@code values} with a little room, never a zero-height range. */
function bounds(values) {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  let low = Math.min(...finite), high = Math.max(...finite);
  if (low === high) {
    low -= 1;
    high += 1;
  }
  const room = (high - low) * 0.08;
  return [low - room, high + room];
}

function ticks(low, high, count) {
  return Array.from({length: count}, (_, i) => low + ((high - low) * i) / (count - 1));
}

function timeLabel(ms, spanMs) {
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return spanMs > 2 * 86400e3 ? `${pad(d.getMonth() + 1)}-${pad(d.getDate())}` : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function frame(x, y, [from, to], [low, high], className) {
  const axes = svg('g', {class: 'axes'});
  for (const value of ticks(low, high, 4)) {
    axes.append(svg('line', {class: 'grid', x1: PAD.left, x2: WIDTH - PAD.right, y1: y(value), y2: y(value)}));
    axes.append(svg('text', {class: 'tick', x: PAD.left - 6, y: y(value) + 4, 'text-anchor': 'end'},
      Math.abs(high - low) < 10 ? value.toFixed(2) : value.toFixed(0)));
  }
  ticks(from, to, 5).forEach((at, i, all) => {
    const anchor = i === 0 ? 'start' : i === all.length - 1 ? 'end' : 'middle';
    axes.append(svg('text', {class: 'tick', x: x(at), y: HEIGHT - 6, 'text-anchor': anchor}, timeLabel(at, to - from)));
  });
  return svg('svg', {class: className, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img'}, axes);
}

/** Runs of points without a gap longer than {@code maxGapMs}, so a line is not drawn across missing data. */
function segments(points, maxGapMs) {
  const runs = [];
  let run = [];
  for (const point of points) {
    if (run.length > 0 && point.at - run[run.length - 1].at > maxGapMs) {
      runs.push(run);
      run = [];
    }
    run.push(point);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function marker(chart, x, at, label) {
  chart.append(svg('line', {class: 'marker', x1: x(at), x2: x(at), y1: PAD.top, y2: HEIGHT - PAD.bottom}));
  chart.append(svg('text', {class: 'marker-label', x: x(at) - 4, y: PAD.top + 10, 'text-anchor': 'end'}, label));
}

/**
 * One sensor over time: the band between each bucket's min and max, the mean as a line, the healthy range as dashed
 * lines, and a marker at the predicted failure time when it falls in the domain.
 *
 * @param points [{at (ms), mean, min, max}] in time order
 * @param domain [fromMs, toMs]
 */
export function sensorChart({sensor, points, domain, resolutionMs, normalMin, normalMax, failureAt, labels}) {
  const values = points.flatMap((p) => [p.min, p.max]).concat([normalMin, normalMax].filter((v) => v !== null && v !== undefined));
  const [low, high] = bounds(values);
  const x = scale(domain[0], domain[1], PAD.left, WIDTH - PAD.right);
  const y = scale(low, high, HEIGHT - PAD.bottom, PAD.top);
  const chart = frame(x, y, domain, [low, high], 'telemetry-chart');
  chart.dataset.sensor = sensor;
  for (const [value, name] of [[normalMin, 'normal-min'], [normalMax, 'normal-max']]) {
    if (value !== null && value !== undefined) {
      chart.append(svg('line', {class: `normal ${name}`, x1: PAD.left, x2: WIDTH - PAD.right, y1: y(value), y2: y(value)},
        svg('title', {}, labels.normal)));
    }
  }
  for (const run of segments(points, resolutionMs * 1.5)) {
    const top = run.map((p) => `${x(p.at).toFixed(1)},${y(p.max).toFixed(1)}`);
    const bottom = run.slice().reverse().map((p) => `${x(p.at).toFixed(1)},${y(p.min).toFixed(1)}`);
    chart.append(svg('path', {class: 'band', d: `M${top.join('L')}L${bottom.join('L')}Z`}, svg('title', {}, labels.range)));
    const mean = run.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.at).toFixed(1)},${y(p.mean).toFixed(1)}`).join('');
    chart.append(svg('path', {class: 'mean', d: run.length === 1 ? `${mean}h1` : mean}, svg('title', {}, labels.mean)));
  }
  if (failureAt && failureAt >= domain[0] && failureAt <= domain[1]) marker(chart, x, failureAt, labels.predictedFailure);
  return chart;
}

/** The anomaly scores of the device's predictions over the same domain, with each one's threshold. */
export function scoreChart({scores, domain, failureAt, labels}) {
  const [low, high] = bounds(scores.flatMap((s) => [s.score, s.threshold]).concat([0]));
  const x = scale(domain[0], domain[1], PAD.left, WIDTH - PAD.right);
  const y = scale(low, high, HEIGHT - PAD.bottom, PAD.top);
  const chart = frame(x, y, domain, [low, high], 'score-chart');
  if (scores.length > 0) {
    chart.append(svg('path', {class: 'threshold', d: scores.map((s, i) => `${i === 0 ? 'M' : 'L'}${x(s.at).toFixed(1)},${y(s.threshold).toFixed(1)}`).join('')},
      svg('title', {}, labels.threshold)));
    chart.append(svg('path', {class: 'score', d: scores.map((s, i) => `${i === 0 ? 'M' : 'L'}${x(s.at).toFixed(1)},${y(s.score).toFixed(1)}`).join('')}));
    for (const s of scores) {
      chart.append(svg('circle', {class: s.score >= s.threshold ? 'score-point above' : 'score-point', cx: x(s.at), cy: y(s.score), r: 4},
        svg('title', {}, `${labels.score} ${s.score.toFixed(2)} (${labels.threshold} ${s.threshold.toFixed(2)})`)));
    }
  }
  if (failureAt && failureAt >= domain[0] && failureAt <= domain[1]) marker(chart, x, failureAt, labels.predictedFailure);
  return chart;
}

/** A small line of {@code values} (nulls are skipped), for a KPI's trend. */
export function sparkline(values, {width = 160, height = 36} = {}) {
  const known = values.map((v, i) => ({i, v})).filter((p) => p.v !== null && p.v !== undefined);
  const chart = svg('svg', {class: 'sparkline', viewBox: `0 0 ${width} ${height}`, role: 'img'});
  if (known.length === 0) return chart;
  const [low, high] = bounds(known.map((p) => p.v));
  const x = scale(0, Math.max(1, values.length - 1), 3, width - 3);
  const y = scale(low, high, height - 3, 3);
  chart.append(svg('path', {class: 'spark', d: known.map((p, n) => `${n === 0 ? 'M' : 'L'}${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`).join('')}));
  const last = known[known.length - 1];
  chart.append(svg('circle', {class: 'spark-last', cx: x(last.i), cy: y(last.v), r: 2.5}));
  return chart;
}

/** Horizontal bars of [{label, value}] on a 0..{@code max} scale. */
export function bars(items, {max = 100, width = 320} = {}) {
  const row = 22;
  const chart = svg('svg', {class: 'bars', viewBox: `0 0 ${width} ${items.length * row + 4}`, role: 'img'});
  const x = scale(0, max, 120, width - 50);
  items.forEach((item, i) => {
    const top = i * row + 4;
    chart.append(svg('text', {class: 'bar-label', x: 0, y: top + 13}, item.label));
    chart.append(svg('rect', {class: 'bar-track', x: 120, y: top, width: x(max) - 120, height: 16}));
    if (item.value !== null && item.value !== undefined) {
      chart.append(svg('rect', {class: 'bar', x: 120, y: top, width: Math.max(0, x(Math.min(item.value, max)) - 120), height: 16}));
    }
    chart.append(svg('text', {class: 'bar-value', x: x(max) + 6, y: top + 13},
      item.value === null || item.value === undefined ? '—' : `${Math.round(item.value)}%`));
  });
  return chart;
}
