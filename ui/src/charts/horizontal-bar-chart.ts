import { h } from '../h.js';
import { svg } from '../svg.js';

export interface BarItem {
  label: string;
  value: number;
  /** How the value reads beside its bar and in its tooltip ("58 %"); the number itself by default. */
  valueText?: string;
  /** The tooltip's words after the label, when they say more than the value ("7 von 12 bestätigt (58 %)"). */
  detail?: string;
}

export interface BarChartOptions {
  /** The value of a full bar: 100 for percentages; the largest value by default, so the leader fills the width. */
  scaleMax?: number;
}

const ROW = 42;
const VALUE_WIDTH = 44;

/**
 * Ranked bars as inline SVG, each label above its bar so that long names fit narrow screens.
 * `width` is the drawing's own width: close to the space it gets, so that text stays readable.
 */
export function horizontalBarChart(items: readonly BarItem[], title: string, colour: string, width: number, options: BarChartOptions = {}): HTMLElement {
  const max = options.scaleMax ?? Math.max(1, ...items.map((item) => item.value));
  const barSpace = width - VALUE_WIDTH;
  const maxChars = Math.floor(width / 7.5);
  const rows = items.map((item, index) => {
    const top = index * ROW;
    const label = item.label.length > maxChars ? `${item.label.slice(0, maxChars - 1)}…` : item.label;
    return svg(
      'g',
      {},
      svg('title', {}, `${item.label}: ${item.detail ?? item.valueText ?? String(item.value)}`),
      svg('text', { x: 0, y: top + 14, class: 'chart-label' }, label),
      svg('rect', { x: 0, y: top + 20, width: Math.max(2, (Math.min(item.value, max) / max) * barSpace), height: 14, fill: colour, rx: 2 }),
      svg('text', { x: width, y: top + 32, 'text-anchor': 'end', class: 'chart-value' }, item.valueText ?? String(item.value)),
    );
  });
  return h('figure', { class: 'chart' }, svg('svg', { viewBox: `0 0 ${width} ${Math.max(ROW, items.length * ROW)}`, role: 'img', 'aria-label': title, class: 'chart-svg' }, rows));
}
