import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { ChartData } from './wallboard-history.js';

/** Series colours, distinguishable for common colour-vision deficiencies (Okabe–Ito). */
export const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000', '#8c564b'];

export interface LiveChartProps {
  readonly title: string;
  readonly series: readonly string[];
  readonly data: ChartData;
  /** Fixed y range (service level 0–100); else from 0 to the data's peak. */
  readonly yRange?: readonly [number, number];
  readonly unit?: string;
  /** What the chart shows now, in words, for screen readers. */
  readonly summary: string;
}

const HEIGHT = 190;
/** The x axis spans at least this much, so the first samples do not stretch over years. */
const MIN_SPAN_S = 120;

/** The samples' span, widened to {@link MIN_SPAN_S} (uPlot would stretch a single point over a day). */
const xRange: uPlot.Range.Function = (u, min, max) => {
  const xs = u.data[0];
  const lo = xs[0];
  const hi = xs[xs.length - 1];
  if (lo === undefined || hi === undefined) return [min, max];
  return hi - lo >= MIN_SPAN_S ? [lo, hi] : [hi - MIN_SPAN_S, hi + 10];
};

function options(p: LiveChartProps, width: number): uPlot.Options {
  return {
    width, height: HEIGHT,
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true, range: xRange }, y: p.yRange === undefined ? { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max))] } : { range: [p.yRange[0], p.yRange[1]] } },
    axes: [{ stroke: '#444', size: 44 }, { stroke: '#444', size: 56, values: (_u, ticks) => ticks.map((t) => `${t}${p.unit ?? ''}`) }],
    series: [{}, ...p.series.map((label, i) => ({ label, stroke: PALETTE[i % PALETTE.length] ?? '#000', width: 2, spanGaps: true }))],
  };
}

/**
 * A live line chart (uPlot) of one metric per queue over the day. Data updates in place; the
 * chart is rebuilt only when the series change, and follows its container's width.
 */
export function LiveChart(p: LiveChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot>();
  const key = p.series.join('|');

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const u = new uPlot(options(p, Math.max(200, el.clientWidth)), p.data as uPlot.AlignedData, el);
    chart.current = u;
    const resize = new ResizeObserver(() => {
      if (el.clientWidth > 0) u.setSize({ width: el.clientWidth, height: HEIGHT });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      chart.current = undefined;
    };
  }, [key]);

  useEffect(() => {
    chart.current?.setData(p.data as uPlot.AlignedData);
  }, [p.data]);

  return (
    <figure class="chart">
      <figcaption>{p.title}</figcaption>
      <div ref={box} class="chart-canvas" role="img" aria-label={`${p.title}: ${p.summary}`} />
    </figure>
  );
}
