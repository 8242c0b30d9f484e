import { h } from '../h.js';
import { svg } from '../svg.js';

export interface StackedBarSeries {
  label: string;
  colour: string;
}

export interface StackedBarChartData {
  /** One label per bar (e.g. a day). */
  categories: string[];
  series: StackedBarSeries[];
  /** values[series][category] */
  values: number[][];
}

const HEIGHT = 260;
const MARGIN = { top: 12, right: 8, bottom: 36, left: 36 };

/**
 * A stacked bar chart as inline SVG with a text legend. `width` is the drawing's own width: close to
 * the space it gets, so that the axis text stays readable when the viewBox is scaled to fit.
 */
export function stackedBarChart(data: StackedBarChartData, title: string, width: number): HTMLElement {
  const totals = data.categories.map((_, index) => data.values.reduce((sum, series) => sum + (series[index] ?? 0), 0));
  // Whole-number ticks, about four of them, with the top tick at or above the highest bar.
  const tickStep = Math.max(1, Math.ceil(Math.max(1, ...totals) / 4));
  const max = tickStep * Math.ceil(Math.max(1, ...totals) / tickStep);
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const step = plotWidth / Math.max(1, data.categories.length);
  const barWidth = Math.max(2, step * 0.7);
  const y = (value: number) => MARGIN.top + plotHeight - (value / max) * plotHeight;

  const ticks = Array.from({ length: max / tickStep + 1 }, (_, index) => index * tickStep);
  const grid = ticks.map((tick) =>
    svg(
      'g',
      {},
      svg('line', { x1: MARGIN.left, x2: width - MARGIN.right, y1: y(tick), y2: y(tick), class: 'chart-grid' }),
      svg('text', { x: MARGIN.left - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'chart-axis' }, String(tick)),
    ),
  );
  const bars = data.categories.map((category, index) => {
    let base = 0;
    const x = MARGIN.left + index * step + (step - barWidth) / 2;
    const segments = data.series.map((series, seriesIndex) => {
      const value = data.values[seriesIndex]?.[index] ?? 0;
      if (value === 0) return null;
      const rect = svg('rect', { x, y: y(base + value), width: barWidth, height: y(base) - y(base + value), fill: series.colour }, svg('title', {}, `${category} · ${series.label}: ${value}`));
      base += value;
      return rect;
    });
    // Every n-th day when they would not fit side by side, always including the last (today).
    const every = Math.ceil(44 / step);
    const showLabel = (data.categories.length - 1 - index) % every === 0;
    return svg('g', {}, segments, showLabel ? svg('text', { x: x + barWidth / 2, y: HEIGHT - MARGIN.bottom + 16, 'text-anchor': 'middle', class: 'chart-axis' }, category) : null);
  });
  const legend = h(
    'ul',
    { class: 'chart-legend' },
    data.series.map((series) => {
      const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.backgroundColor = series.colour;
      return h('li', {}, swatch, series.label);
    }),
  );
  return h('figure', { class: 'chart' }, svg('svg', { viewBox: `0 0 ${width} ${HEIGHT}`, role: 'img', 'aria-label': title, class: 'chart-svg' }, grid, bars), legend);
}
