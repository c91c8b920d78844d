import type { KpiSeries, SimulationResult } from './sim-result.js';

const W = 720;
const H = 360;
const PAD = { left: 52, right: 150, top: 28, bottom: 44 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A polyline over the intervals with a value (a gap ends a segment). */
function lines(series: KpiSeries, x: (i: number) => number, y: (v: number) => number, colour: string, width: number): string {
  const segments: string[][] = [[]];
  series.byInterval.forEach((k, i) => {
    if (k.serviceLevel === null) segments.push([]);
    else (segments[segments.length - 1] as string[]).push(`${x(i).toFixed(1)},${y(k.serviceLevel).toFixed(1)}`);
  });
  return segments.filter((s) => s.length > 0).map((s) => `<polyline fill="none" stroke="${colour}" stroke-width="${width}" points="${s.join(' ')}"/>`).join('');
}

/**
 * A self-contained SVG chart of service level by interval: one line per queue (at most eight),
 * the center in black, and the target as a dashed line.
 *
 * @example
 * writeFileSync('sl.svg', serviceLevelChart(result, { target: 0.8 }));
 */
export function serviceLevelChart(result: SimulationResult, opts: { target?: number; title?: string } = {}): string {
  const n = Math.max(1, result.intervals);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (n === 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number) => PAD.top + (1 - v) * plotH;
  const parts: string[] = [];
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${PAD.left - 6}" y="${y(v) + 4}" text-anchor="end">${v * 100} %</text>`);
  }
  const step = Math.max(1, Math.ceil(n / 12));
  for (let i = 0; i < n; i += step) {
    const minutes = i * result.intervalMinutes;
    const label = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    parts.push(`<text x="${x(i)}" y="${PAD.top + plotH + 18}" text-anchor="middle">${label}</text>`);
  }
  if (opts.target !== undefined) parts.push(`<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${y(opts.target)}" y2="${y(opts.target)}" stroke="#888" stroke-dasharray="6 4"/>`);
  const queues = Object.entries(result.queues).filter(([, s]) => s.summary.offered > 0).slice(0, COLOURS.length);
  const legend: string[] = [];
  queues.forEach(([id, s], k) => {
    const colour = COLOURS[k] as string;
    parts.push(lines(s, x, y, colour, 1.5));
    legend.push(`<line x1="${W - PAD.right + 14}" x2="${W - PAD.right + 34}" y1="${PAD.top + 10 + k * 18}" y2="${PAD.top + 10 + k * 18}" stroke="${colour}" stroke-width="2"/><text x="${W - PAD.right + 40}" y="${PAD.top + 14 + k * 18}">${esc(id)}</text>`);
  });
  parts.push(lines(result.total, x, y, '#000', 2.5));
  legend.push(`<line x1="${W - PAD.right + 14}" x2="${W - PAD.right + 34}" y1="${PAD.top + 10 + queues.length * 18}" y2="${PAD.top + 10 + queues.length * 18}" stroke="#000" stroke-width="3"/><text x="${W - PAD.right + 40}" y="${PAD.top + 14 + queues.length * 18}">all queues</text>`);
  const title = esc(opts.title ?? `Service level by ${result.intervalMinutes}-minute interval (seed ${result.seed})`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/><text x="${PAD.left}" y="18" font-size="14">${title}</text>`,
    ...parts, ...legend,
    `<text x="${PAD.left + plotW / 2}" y="${H - 6}" text-anchor="middle">time from the start of interval 0</text>`,
    '</svg>',
  ].join('\n');
}
