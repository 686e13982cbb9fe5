// The performance document, on the team's site: a first page with the counts of every portfolio and
// the recorded assessments by organisation, as the plan's submission lists them; then one page per
// portfolio, where every tracked target shows each organisation's position, measured, planned and
// assessed, each named as such, with the status always in words, and a chart of trajectory against
// actuals per organisation with its text summary and data table.

import { dateInWords, periodInWords } from '../../model/period.js';
import { statusWords } from '../../link/position.js';
import { figureInWords, milestoneInForce, valueInWords, type TrackedTarget } from '../../link/targets.js';
import { organisationName, type ComplianceStatus, type PlanningYear, type TargetSeries } from '../../link/year.js';
import { withArticle } from '../../english.js';
import type { ChartInput } from '../charts/trajectory-chart.js';
import { formatDate } from '../engine.js';
import { workedOutFrom } from '../page-cache.js';
import type { PerformancePage, SiteMap } from './site.js';

const statusTags: Record<ComplianceStatus, string> = { met: 'green', not_met: 'red', no_data: 'grey', not_judged: 'grey' };

type Counts = Record<ComplianceStatus, number>;
const noCounts = (): Counts => ({ met: 0, not_met: 0, no_data: 0, not_judged: 0 });

/** How a document names a target: the objective's number and title, or the metric's name. */
function targetTitle(t: TrackedTarget): string {
  const holder = t.holder;
  const base = holder.kind === 'objective'
    ? `${holder.item.source === 'national' ? 'National objective' : 'Local objective'}${holder.item.number !== undefined ? ` ${holder.item.number}` : ''}: ${holder.item.title}`
    : `Metric: ${holder.item.name}`;
  return t.part !== undefined ? `${base} (part ${t.part})` : base;
}

/** The anchor of a target's section on its page. */
function anchorOf(t: TrackedTarget): string {
  return t.key.replace(/[^A-Za-z0-9_-]/g, '-');
}

/**
 * Values in words, each worked out once: a page of a thousand charts prints the same few hundred
 * values, with the same unit, again and again.
 */
class ValueWords {
  private readonly known = new Map<string | undefined, Map<number, string>>();

  of(value: number, unit: string | undefined): string {
    let byValue = this.known.get(unit);
    if (!byValue) this.known.set(unit, (byValue = new Map()));
    let words = byValue.get(value);
    if (words === undefined) byValue.set(value, (words = valueInWords(value, unit)));
    return words;
  }
}

/** Draws a chart, as trusted output, when the page that shows it is rendered. */
export type DrawChart = (chart: ChartInput) => object;

/** What every chart of one page shares: its numbering, the values in words and the drawing. */
interface PageDrawing {
  next: () => number;
  words: ValueWords;
  draw: DrawChart;
}

/** What every chart of one target shares, worked out once for all its organisations. */
interface TargetWords {
  title: string;
  milestone: ReturnType<typeof milestoneInForce>;
  /** The figure of the milestone in force, in words. */
  figure: string | undefined;
}

function chartOf(year: PlanningYear, t: TrackedTarget, series: TargetSeries, drawing: PageDrawing, about: TargetWords) {
  const periods = new Map<number, string>();
  const kind = year.periodKind(t);
  for (const tr of series.trajectories) for (const v of tr.values) if (v.period.kind === kind) periods.set(v.period.index, v.period.label);
  for (const a of series.actuals) if (a.actual.period.kind === kind) periods.set(a.actual.period.index, a.actual.period.label);
  if (periods.size === 0) return undefined;
  const id = `chart-${drawing.next()}`;
  const labels = [...periods.entries()].sort((a, b) => a[0] - b[0]).map(([, label]) => label);
  const lines = [
    ...series.trajectories.map((tr) => ({ label: tr.record.kind === 'planned' ? 'Planned' : 'Forecast', kind: tr.record.kind, points: tr.values.filter((v) => v.period.kind === kind).map((v) => ({ period: v.period.label, value: v.value })) })),
    ...(series.actuals.length ? [{ label: 'Measured', kind: 'measured' as const, points: series.actuals.filter((a) => a.actual.period.kind === kind).map((a) => ({ period: a.actual.period.label, value: a.actual.value })) }] : []),
  ];
  const milestone = about.milestone;
  const figure = milestone ? (milestone.figure.range ? [...milestone.figure.range] : [milestone.figure.value]) : [];
  const who = organisationName(series.organisation);
  const measured = series.actuals.length;
  const planned = series.trajectories.reduce((n, tr) => n + tr.values.length, 0);
  const last = series.actuals[series.actuals.length - 1];
  const summary = `${who}: ${planned} planned value${planned === 1 ? '' : 's'} and ${measured} measured value${measured === 1 ? '' : 's'} from ${labels[0]} to ${labels[labels.length - 1]}${about.figure !== undefined ? `, against a target of ${about.figure}` : ''}.${last ? ` The latest measured value is ${valueInWords(last.actual.value, t.unit)} in ${periodInWords(last.actual.period)}.` : ' No value has been measured yet.'}`;
  // What the chart is drawn from; its text summary, data table and drawing are worked out from it alone.
  const source: ChartSource = { chart: { id, title: `${about.title}: ${who}`, description: summary, periods: labels, series: lines, target: figure, unit: t.unit }, who };
  return workedOutFrom(chartShown(source, drawing), () => chartJson(source));
}

interface ChartSource {
  chart: ChartInput;
  /** The organisation the chart is for, in words. */
  who: string;
}

/** What a page shows of a chart, from its source alone: the drawing, its text summary and its data table. */
function chartShown({ chart, who }: ChartSource, drawing: PageDrawing) {
  const byPeriod = chart.series.map((l) => new Map(l.points.map((p) => [p.period, p.value])));
  const rows = chart.periods.map((label) => ({
    period: label,
    values: byPeriod.map((values) => {
      const value = values.get(label);
      return value === undefined ? '–' : drawing.words.of(value, chart.unit);
    }),
  }));
  return { id: chart.id, summary: chart.description, caption: `${who}: planned and measured values by period`, headings: chart.series.map((l) => l.label), rows, svg: drawing.draw(chart) };
}

/** A chart's source as JSON, or undefined when a value in it is not a finite number (which JSON would write as null). */
function chartJson(source: ChartSource): string | undefined {
  for (const line of source.chart.series) for (const point of line.points) if (!Number.isFinite(point.value)) return undefined;
  for (const value of source.chart.target) if (!Number.isFinite(value)) return undefined;
  return JSON.stringify(source);
}

function positionOf(year: PlanningYear, t: TrackedTarget, series: TargetSeries, counts: Counts) {
  const latest = year.latestComplete(t);
  const c = year.compliance(t, series);
  counts[c.status]++;
  return {
    organisation: organisationName(series.organisation),
    status: c.status,
    statusWords: statusWords[c.status].charAt(0).toUpperCase() + statusWords[c.status].slice(1),
    tag: statusTags[c.status],
    measured: c.latest ? `${valueInWords(c.latest.actual.value, t.unit)} in ${periodInWords(c.latest.actual.period)}` : undefined,
    planned: c.planned ? valueInWords(c.planned.value, t.unit) : undefined,
    reason: c.reason,
    stale: latest !== undefined && !series.actuals.some((a) => a.actual.period.kind === latest.kind && a.actual.period.index >= latest.index) ? periodInWords(latest) : undefined,
    assessments: series.assessments.map((a) => ({
      statusWords: a.record.status === 'met' ? 'Met' : 'Not met',
      tag: a.record.status === 'met' ? 'green' : 'red',
      words: a.record.words,
      position: a.record.position,
      value: a.record.value !== undefined ? valueInWords(a.record.value, t.unit) : undefined,
      period: a.period ? periodInWords(a.period) : undefined,
      by: a.record.assessed_by,
      on: dateInWords(a.record.assessed_on),
      source: a.record.source,
    })),
  };
}

/** One page of the performance document: the tracked targets of one portfolio (or of none), each with its positions and charts. */
function portfolioPerformanceView(map: SiteMap, page: PerformancePage, draw: DrawChart) {
  const year = map.year;
  const terms = map.terms;
  let chartCount = 0;
  const drawing: PageDrawing = { next: () => ++chartCount, words: new ValueWords(), draw };
  const counts = noCounts();
  const targets = page.targets.map((t) => {
    const figure = milestoneInForce(t, undefined);
    const series = year.series(t);
    const about: TargetWords = { title: targetTitle(t), milestone: figure, figure: figure ? figureInWords(figure.figure, t.unit, t.comparison) : undefined };
    return {
      key: t.key,
      anchor: anchorOf(t),
      title: about.title,
      measure: t.measure,
      figure: about.figure,
      national: t.national ? figureInWords(t.national, t.unit) : undefined,
      by: figure?.by ? formatDate(figure.by) : undefined,
      positions: series.map((s) => positionOf(year, t, s, counts)),
      charts: series.map((s) => chartOf(year, t, s, drawing, about)).filter((c) => c !== undefined),
    };
  });
  const portfolio = page.portfolio;
  const name = portfolio ? portfolio.item.name : `Targets not tied to ${withArticle(terms.portfolio)}`;
  return {
    title: name,
    pageTitle: `Performance: ${name}`,
    /** The portfolio's kind in running text: "portfolio", "enabling workstream". */
    kindLower: portfolio ? (portfolio.item.kind === 'enabler' ? terms.enabler : terms.portfolio) : undefined,
    /** The portfolio's own page, where the site has one. */
    portfolioPath: portfolio ? map.portfolioPath(portfolio) : null,
    /** This page's HTML file, which the Markdown names for its charts. */
    htmlFile: `${page.path.slice(page.path.lastIndexOf('/') + 1)}.html`,
    asAt: year.asAt ? dateInWords(year.asAt) : undefined,
    counts,
    targets,
  };
}

export type PortfolioPerformanceView = ReturnType<typeof portfolioPerformanceView>;

/** The first page: every portfolio's counts, linking to its page, and the recorded assessments by organisation. */
function performanceIndexView(map: SiteMap, pages: readonly { page: PerformancePage; view: PortfolioPerformanceView }[]) {
  const year = map.year;
  const counts = noCounts();
  for (const { view } of pages) for (const status of Object.keys(counts) as ComplianceStatus[]) counts[status] += view.counts[status];
  const pageOf = new Map(pages.flatMap(({ page }) => page.targets.map((t) => [t.key, page.path] as const)));
  // The assessments again, by organisation, as a submission lists its positions.
  const byOrganisation = new Map<string, { organisation: string; lines: { target: string; path: string; anchor: string; statusWords: string; tag: string; words: string | undefined; value: string | undefined; period: string | undefined }[] }>();
  for (const t of year.tracked()) {
    for (const series of year.series(t)) {
      for (const a of series.assessments) {
        const who = organisationName(series.organisation);
        const entry = byOrganisation.get(who) ?? { organisation: who, lines: [] };
        entry.lines.push({
          target: targetTitle(t), path: pageOf.get(t.key)!, anchor: anchorOf(t), statusWords: a.record.status === 'met' ? 'Met' : 'Not met', tag: a.record.status === 'met' ? 'green' : 'red',
          words: a.record.words, value: a.record.value !== undefined ? valueInWords(a.record.value, t.unit) : undefined, period: a.period ? periodInWords(a.period) : undefined,
        });
        byOrganisation.set(who, entry);
      }
    }
  }
  return {
    title: 'Performance',
    asAt: year.asAt ? dateInWords(year.asAt) : undefined,
    counts,
    targetCount: pages.reduce((n, { page }) => n + page.targets.length, 0),
    portfolios: pages.map(({ page, view }) => ({ name: view.title, path: page.path, targets: page.targets.length, counts: view.counts })),
    assessedByOrganisation: [...byOrganisation.values()],
  };
}

export type PerformanceIndexView = ReturnType<typeof performanceIndexView>;

/**
 * Every page of the performance document: the first one, and one for each of the site's performance
 * pages, whose charts are drawn by a `DrawChart` that `drawer` makes for each page.
 */
export function performanceViews(map: SiteMap, drawer: () => DrawChart): { index: PerformanceIndexView; pages: { page: PerformancePage; view: PortfolioPerformanceView }[] } {
  const pages = map.performancePages.map((page) => ({ page, view: portfolioPerformanceView(map, page, drawer()) }));
  return { index: performanceIndexView(map, pages), pages };
}
