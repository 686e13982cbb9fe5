// A seeded, deterministic generator of a synthetic planning year, for tests and the benchmark: for each
// target and organisation, a monthly trajectory from the baseline to the target, and 12 months of
// actuals that follow it with noise, some drifting off it, as a CSV file a planner would export.
// All randomness comes from mulberry32 (bench/generate.ts), so the same seed gives the same bytes.

import { mulberry32 } from './generate.js';

export interface SyntheticTarget {
  id: string;
  baseline: number;
  value: number;
}

export interface YearOptions {
  targets: readonly SyntheticTarget[];
  organisations: readonly string[];
  /** The financial year the 12 months run in: 2023 is April 2023 to March 2024. */
  startYear?: number;
  months?: number;
  seed?: number;
}

export const SYNTHETIC_ORGANISATIONS = ['icb', 'acute-north', 'acute-south', 'community', 'mental-health'] as const;

const round = (n: number): number => Math.round(n * 10) / 10;

function monthLabels(startYear: number, months: number): string[] {
  return Array.from({ length: months }, (_, i) => {
    const month = ((3 + i) % 12) + 1;
    const year = startYear + Math.floor((3 + i) / 12);
    return `${year}-${String(month).padStart(2, '0')}`;
  });
}

/** The planned value of month `i` (0-based) of `months`: a straight line from the baseline to the target. */
function planned(target: SyntheticTarget, i: number, months: number): number {
  return round(target.baseline + ((target.value - target.baseline) * (i + 1)) / months);
}

/** The trajectories, as YAML: one per target and organisation, ending at the target. */
export function syntheticTrajectories(options: YearOptions): string {
  const months = options.months ?? 12;
  const labels = monthLabels(options.startYear ?? 2023, months);
  const lines = ['trajectories:'];
  for (const target of options.targets) {
    for (const organisation of options.organisations) {
      lines.push(`  - target: ${target.id}`, `    organisation: ${organisation}`, '    values:');
      labels.forEach((label, i) => lines.push(`      ${label}: ${i === months - 1 ? target.value : planned(target, i, months)}`));
    }
  }
  return lines.join('\n') + '\n';
}

/** The actuals, as CSV: one row per target, organisation and month; about one series in ten drifts off its trajectory. */
export function syntheticActuals(options: YearOptions): string {
  const months = options.months ?? 12;
  const labels = monthLabels(options.startYear ?? 2023, months);
  const random = mulberry32(options.seed ?? 1);
  const rows = ['target,organisation,period,value'];
  for (const target of options.targets) {
    const spread = Math.max(Math.abs(target.value - target.baseline), 1);
    for (const organisation of options.organisations) {
      const drift = random() < 0.1 ? (random() - 0.5) * spread : 0;
      labels.forEach((label, i) => {
        const noise = (random() - 0.5) * spread * 0.1;
        rows.push(`${target.id},${organisation},${label},${round(planned(target, i, months) + noise + (drift * (i + 1)) / months)}`);
      });
    }
  }
  return rows.join('\n') + '\n';
}

/** The portfolios of a synthetic year's plan, as an integrated care system names them. */
export const SYNTHETIC_PORTFOLIOS = [
  { id: 'uec', name: 'Urgent and Emergency Care' },
  { id: 'planned-care', name: 'Planned Care and Cancer' },
  { id: 'primary-care', name: 'Primary Care' },
  { id: 'mhlda', name: 'Mental Health, Learning Disabilities and Autism' },
  { id: 'children', name: 'Children and Young People and Maternity' },
  { id: 'ageing-well', name: 'Community Care and Ageing Well' },
  { id: 'prevention', name: 'Population Health and Prevention' },
] as const;

export interface YearPlanOptions {
  /** How many metrics with a target the plan tracks. */
  targets: number;
  /** How many portfolios own them (at most seven), each through objectives of ten metrics. */
  portfolios?: number;
  /** Whether the plan has a year of actuals in actuals/year.csv. */
  actuals: boolean;
}

/** The metrics a synthetic year's plan tracks: `metric-0001` onwards, with targets between 80 and 94. */
export function syntheticTargets(count: number): SyntheticTarget[] {
  return Array.from({ length: count }, (_, i) => ({ id: `metric-${String(i + 1).padStart(4, '0')}`, baseline: 60 + (i % 20), value: 80 + (i % 15) }));
}

/**
 * The files of a whole plan that tracks `targets` metrics through 2023/24 for five organisations:
 * each metric serves an objective (ten to an objective), owned in turn by the portfolios, so each
 * portfolio has its page of the performance document; a monthly trajectory for every metric and
 * organisation, and, with `actuals`, a year of measured values.
 */
export function syntheticYearPlan(options: YearPlanOptions): Record<string, string> {
  const targets = syntheticTargets(options.targets);
  const portfolios = SYNTHETIC_PORTFOLIOS.slice(0, Math.max(1, Math.min(options.portfolios ?? SYNTHETIC_PORTFOLIOS.length, SYNTHETIC_PORTFOLIOS.length)));
  const objectiveCount = Math.ceil(targets.length / 10);
  const objectiveId = (i: number) => `objective-${String(i + 1).padStart(3, '0')}`;
  const files: Record<string, string> = {
    'plan.yaml': 'plan:\n  id: year-bench\n  title: Planning year benchmark\n  system: Bench ICS\n  period:\n    start: 2023-04-01\n    end: 2024-03-31\n  organisation: icb\ncollective_aim:\n  id: healthier-lives\n  statement: Everyone lives a longer, healthier life.\nyear:\n  as_at: 2024-04-08\n  tolerance_percent: 3\n',
    'priorities.yaml': 'priorities:\n  - id: access\n    number: 1\n    title: Improve access to services and reduce waiting times\n    aim: healthier-lives\n',
    'portfolios.yaml': `portfolios:\n${portfolios.map((p) => `  - id: ${p.id}\n    name: ${p.name}\n    kind: portfolio\n    priorities: [access]\n`).join('')}`,
    'objectives.yaml': `objectives:\n${Array.from({ length: objectiveCount }, (_, i) => `  - id: ${objectiveId(i)}\n    title: Meet the standards of measures ${i * 10 + 1} to ${Math.min(targets.length, i * 10 + 10)}\n    source: local\n    portfolio: ${portfolios[i % portfolios.length]!.id}\n`).join('')}`,
    'organisations.yaml': `organisations:\n${SYNTHETIC_ORGANISATIONS.map((id) => `  - id: ${id}\n    name: ${id}\n    type: other\n`).join('')}`,
    'metrics.yaml': `metrics:\n${targets.map((t, i) => `  - id: ${t.id}\n    name: Measure ${t.id}\n    unit: '%'\n    target: ${t.value}\n    comparison: at_least\n    objective: ${objectiveId(Math.floor(i / 10))}\n`).join('')}`,
    'trajectories.yaml': syntheticTrajectories({ targets, organisations: SYNTHETIC_ORGANISATIONS }),
  };
  if (options.actuals) files['actuals/year.csv'] = syntheticActuals({ targets, organisations: SYNTHETIC_ORGANISATIONS });
  return files;
}
