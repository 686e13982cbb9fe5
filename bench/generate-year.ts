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
