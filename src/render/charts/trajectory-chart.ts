// A chart of one target for one organisation: the planned (and forecast) trajectory against the
// measured actuals, with the target's figure as a line, as SVG made at build time. d3-scale places
// every value and tick and d3-shape draws the lines; no browser is needed. The SVG has a title and a
// description for assistive technology; the documents put a text summary and the data table beside it.

import { scaleLinear, scalePoint, type ScaleLinear, type ScalePoint } from 'd3-scale';
import { line } from 'd3-shape';

export interface ChartSeries {
  /** What the line is, in words: "Planned", "Forecast", "Measured". */
  label: string;
  kind: 'planned' | 'forecast' | 'measured';
  points: readonly { period: string; value: number }[];
}

export interface ChartInput {
  /** A unique id within the page, for the title and description ids. */
  id: string;
  title: string;
  /** One or two sentences that say what the chart shows, for screen readers and print. */
  description: string;
  /** Period labels in order, for the x axis. */
  periods: readonly string[];
  series: readonly ChartSeries[];
  /** The target's figure, drawn as a line (a range as two). */
  target: readonly number[];
  /** The unit of the y axis, such as "%" or "patients". */
  unit: string | undefined;
}

const WIDTH = 640;
const HEIGHT = 300;
const MARGIN = { top: 20, right: 20, bottom: 56, left: 64 };

/** Escapes text for SVG (XML): plan text goes into titles and labels. */
function xml(text: string): string {
  return MARKUP.test(text) ? text.replace(MARKUP_ALL, (c) => ENTITIES[c]!) : text;
}

const MARKUP = /[&<>"']/;
const MARKUP_ALL = /[&<>"']/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * A number as `Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 })` writes it ("1,234.5", "-0"),
 * without making one: creating the first formatter loads the locale's data, 20 ms of every build.
 * Like Intl, it rounds the shortest decimal that reads back as the number (what `String` gives: 0.015,
 * not the binary 0.01499…) half away from zero; a property test holds the two the same. Numbers so
 * small or large that `String` writes them with an exponent, and the non-finite, are left to Intl.
 */
export function number(n: number): string {
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  const text = String(Math.abs(n));
  if (!Number.isFinite(n) || text.includes('e')) return Math.abs(n) < 1e-6 ? `${sign}0` : new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(n);
  const point = text.indexOf('.');
  const whole = point === -1 ? text : text.slice(0, point);
  const decimals = point === -1 ? '' : text.slice(point + 1);
  // The number in hundredths, as a string of digits, rounded up when the third decimal is 5 or more.
  let hundredths = whole + decimals.slice(0, 2).padEnd(2, '0');
  if (decimals.length > 2 && decimals[2]! >= '5') hundredths = plusOne(hundredths);
  const digits = hundredths.slice(0, -2).replace(/^0+(?=\d)/, '') || '0';
  const fraction = hundredths.slice(-2).replace(/0+$/, '');
  const head = digits.length % 3 || 3;
  let grouped = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) grouped += `,${digits.slice(i, i + 3)}`;
  return `${sign}${grouped}${fraction === '' ? '' : `.${fraction}`}`;
}

/** A string of decimal digits, plus one. */
function plusOne(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  return i < 0 ? `1${'0'.repeat(digits.length)}` : `${digits.slice(0, i)}${String(Number(digits[i]) + 1)}${'0'.repeat(digits.length - i - 1)}`;
}

const fixed = (n: number): string => (Math.round(n * 100) / 100).toString();

/**
 * The parts of a drawing that charts of one page share: an axis over the same periods, or the same
 * values, and a legend of the same lines are the same markup, so each is made once. Markup only: it
 * holds no plan text but period labels, unit names and the lines' names, each escaped once.
 */
export class ChartParts {
  private readonly made = new Map<string, string>();
  private readonly periodScales = new Map<string, ScalePoint<string>>();

  of(key: string, make: () => string): string {
    let part = this.made.get(key);
    if (part === undefined) this.made.set(key, (part = make()));
    return part;
  }

  /** The x scale over these periods, with their key. */
  periods(periods: readonly string[]): { key: string; x: ScalePoint<string> } {
    const key = periods.join('\0');
    let x = this.periodScales.get(key);
    if (!x) this.periodScales.set(key, (x = scalePoint<string>().domain(periods).range([MARGIN.left, WIDTH - MARGIN.right]).padding(0.5)));
    return { key, x };
  }
}

/** @param parts what this chart may share with the other charts of its page */
export function trajectoryChart(input: ChartInput, parts: ChartParts = new ChartParts()): string {
  const { key: periodsKey, x } = parts.periods(input.periods);
  let low = Infinity;
  let high = -Infinity;
  const reach = (value: number) => {
    if (value < low) low = value;
    if (value > high) high = value;
  };
  for (const series of input.series) for (const p of series.points) reach(p.value);
  input.target.forEach(reach);
  const pad = high === low ? Math.max(1, Math.abs(high) * 0.1) : (high - low) * 0.1;
  const y = scaleLinear().domain([low - pad, high + pad]).nice(5).range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const path = line<{ period: string; value: number }>().x((p) => x(p.period)!).y((p) => y(p.value));
  // The measure is in the title: the axis says only what its numbers are, so it fits beside the axis.
  const axisLabel = input.unit === undefined ? 'Value' : input.unit === '%' ? 'Per cent' : input.unit;
  const titleId = `${input.id}-title`;
  const descId = `${input.id}-desc`;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="plan-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="${titleId} ${descId}">`);
  out.push(`<title id="${titleId}">${xml(input.title)}</title>`, `<desc id="${descId}">${xml(input.description)}</desc>`);
  const [bottom, top] = y.domain() as [number, number];
  out.push(parts.of(`y\0${bottom}\0${top}\0${axisLabel}`, () => yAxis(y, axisLabel)));
  out.push(parts.of(`x\0${periodsKey}`, () => xAxis(x, input.periods)));
  // The target: a line across, labelled in words so it is not told by colour alone.
  for (const figure of input.target) {
    out.push(`<g class="plan-chart__target"><line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${fixed(y(figure))}" y2="${fixed(y(figure))}"/>`);
    out.push(`<text x="${WIDTH - MARGIN.right}" y="${fixed(y(figure) - 6)}" text-anchor="end">Target ${xml(number(figure))}</text></g>`);
  }
  // Each series: a line (dashed for planned and forecast) and a marker at every point, each shape its own.
  for (const series of input.series) {
    const points = series.points.filter((p) => x(p.period) !== undefined);
    if (points.length === 0) continue;
    out.push(`<g class="plan-chart__series plan-chart__series--${series.kind}">`);
    if (points.length > 1) out.push(`<path d="${path(points)}" fill="none"/>`);
    for (const p of points) {
      const px = x(p.period)!;
      const py = y(p.value);
      out.push(series.kind === 'measured'
        ? `<circle cx="${fixed(px)}" cy="${fixed(py)}" r="4"/>`
        : `<rect x="${fixed(px - 4)}" y="${fixed(py - 4)}" width="8" height="8"/>`);
    }
    out.push('</g>');
  }
  // A legend in words.
  const legend = [...input.series.map((s) => ({ label: s.label, kind: s.kind as string })), ...(input.target.length ? [{ label: 'Target', kind: 'target' }] : [])];
  out.push(parts.of(`legend\0${legend.map((e) => `${e.kind}\0${e.label}`).join('\0')}`, () => legendOf(legend)), '</svg>');
  return out.join('');
}

/** The y axis: ticks from the scale, a gridline each, and what its numbers are. */
function yAxis(y: ScaleLinear<number, number>, axisLabel: string): string {
  const out = ['<g class="plan-chart__axis plan-chart__axis--y">'];
  for (const tick of y.ticks(5)) {
    out.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${fixed(y(tick))}" y2="${fixed(y(tick))}" class="plan-chart__grid"/>`);
    out.push(`<text x="${MARGIN.left - 8}" y="${fixed(y(tick))}" dy="0.32em" text-anchor="end">${xml(number(tick))}</text>`);
  }
  out.push(`<text class="plan-chart__label" transform="translate(16 ${fixed((MARGIN.top + HEIGHT - MARGIN.bottom) / 2)}) rotate(-90)" text-anchor="middle">${xml(axisLabel.length > 40 ? `${axisLabel.slice(0, 39)}…` : axisLabel)}</text>`, '</g>');
  return out.join('');
}

/** The x axis: one tick per period, labelled at most about twelve times. */
function xAxis(x: ScalePoint<string>, periods: readonly string[]): string {
  const every = Math.max(1, Math.ceil(periods.length / 12));
  const out = ['<g class="plan-chart__axis plan-chart__axis--x">'];
  out.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${HEIGHT - MARGIN.bottom}" y2="${HEIGHT - MARGIN.bottom}"/>`);
  periods.forEach((period, i) => {
    if (i % every !== 0) return;
    out.push(`<text x="${fixed(x(period)!)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle">${xml(period)}</text>`);
  });
  out.push(`<text class="plan-chart__label" x="${fixed((MARGIN.left + WIDTH - MARGIN.right) / 2)}" y="${HEIGHT - 10}" text-anchor="middle">Period</text>`, '</g>');
  return out.join('');
}

function legendOf(legend: readonly { label: string; kind: string }[]): string {
  const out = ['<g class="plan-chart__legend">'];
  legend.forEach((entry, i) => {
    const lx = MARGIN.left + i * 140;
    out.push(`<g class="plan-chart__legend-item plan-chart__legend-item--${entry.kind}"><line x1="${lx}" x2="${lx + 24}" y1="${HEIGHT - 28}" y2="${HEIGHT - 28}"/><text x="${lx + 30}" y="${HEIGHT - 28}" dy="0.32em">${xml(entry.label)}</text></g>`);
  });
  out.push('</g>');
  return out.join('');
}
