// A plan diff in words, for the formats that people read: which versions are compared, the counts,
// and one line per change, in parts. Plain text, with ids in backticks and plan text in double quotes.

import { formatNumber, listInWords } from '../english.js';
import { comparePeriods, parsePeriod } from '../model/period.js';
import { hasYearChanges, recordInWords, type YearDiff } from './year-diff.js';
import { diffCounts, diffKindNouns, type DiffKind, type DiffReport, type ItemRef, type PlanDiff, type PlanVersion, type ThreadChange } from './plan-diff.js';

/** Which versions are compared, in words that follow "Changes": "to plans/x from `main` (1a2b3c4) to the working tree". */
export function versionsInWords(report: DiffReport): string {
  const at = (v: PlanVersion) => (v.revision !== undefined ? `\`${v.revision}\` (${v.commit!.slice(0, 7)})` : 'the working tree');
  if (report.old.folder === report.new.folder) return `to ${report.new.folder} from ${at(report.old)} to ${at(report.new)}`;
  const whole = (v: PlanVersion) => (v.revision !== undefined ? `${v.folder} at ${at(v)}` : v.folder);
  return `from ${whole(report.old)} to ${whole(report.new)}`;
}

/** The counts of a diff in words: "1 added, 0 removed, 1 renamed, 2 changed; 1 thread broken, 0 mended; 1 duty coverage change". */
export function countsInWords(diff: PlanDiff): string {
  const counts = diffCounts(diff);
  const threads = `${counts.threads_broken} ${counts.threads_broken === 1 ? 'thread' : 'threads'} broken, ${counts.threads_mended} mended`;
  const coverage = `${counts.duty_coverage} duty coverage ${counts.duty_coverage === 1 ? 'change' : 'changes'}`;
  const told = `${counts.added} added, ${counts.removed} removed, ${counts.renamed} renamed, ${counts.changed} changed; ${threads}; ${coverage}`;
  if (!hasYearChanges(diff.year)) return told;
  const records = counts.year_records + counts.year_settings;
  const values = `${formatNumber(counts.actuals_added)} measured ${counts.actuals_added === 1 ? 'value' : 'values'} added, ${formatNumber(counts.actuals_changed)} changed, ${formatNumber(counts.actuals_removed)} removed`;
  const positions = `${formatNumber(counts.positions_changed)} ${counts.positions_changed === 1 ? 'position' : 'positions'} changed`;
  return `${told}; planning year: ${records} ${records === 1 ? 'change' : 'changes'} to how it reports and its records, ${values}, ${positions}`;
}

/** An item as a diff line names it: "objective `no-01`". */
export function itemInWords(item: { kind: DiffKind; id: string }): string {
  return item.kind === 'plan' ? `the plan \`${item.id}\`` : `${diffKindNouns[item.kind]} \`${item.id}\``;
}

/** One line of a diff, as stylish and markdown print it. */
export interface DiffLine {
  mark: '+' | '-' | '~' | '✖' | '✔';
  /** Plain text: ids in backticks, plan text in double quotes. */
  text: string;
}

/** The parts of a diff that have something in them, each with its lines, in the order they are printed. */
export function diffSections(diff: PlanDiff): { title: string; lines: DiffLine[] }[] {
  const titled = (ref: ItemRef) => `${itemInWords(ref)}${ref.title !== undefined ? ` "${ref.title}"` : ''}`;
  const sections = [
    { title: 'Added', lines: diff.added.map((item): DiffLine => ({ mark: '+', text: `${titled(item)}${item.reachesAim === false ? ' (its thread does not reach the collective aim)' : ''}` })) },
    { title: 'Removed', lines: diff.removed.map((item): DiffLine => ({ mark: '-', text: titled(item) })) },
    { title: 'Renamed', lines: diff.renamed.map((item): DiffLine => ({ mark: '~', text: `${itemInWords({ kind: item.kind, id: item.from })} is now \`${item.to}\`${item.title !== undefined ? ` "${item.title}"` : ''}` })) },
    { title: 'Changed', lines: diff.changed.map((item): DiffLine => ({ mark: '~', text: `${itemInWords(item)} ${item.changes.map((c) => c.words).join(', ')}` })) },
    { title: 'Golden thread', lines: diff.threads.map((change): DiffLine => ({ mark: change.change === 'broke' ? '✖' : '✔', text: threadInWords(change) })) },
    { title: 'Duty coverage', lines: diff.coverage.map((change): DiffLine => ({ mark: '~', text: `${itemInWords(change.duty)} ${change.words}` })) },
    { title: 'Planning year', lines: yearLines(diff.year) },
    { title: 'Measured values', lines: actualLines(diff.year) },
    { title: 'Where targets stand', lines: diff.year.compliance.map((change): DiffLine => ({ mark: change.to === 'met' ? '✔' : change.to === 'not_met' ? '✖' : '~', text: change.words })) },
  ];
  return sections.filter((section) => section.lines.length > 0);
}

/** One line of a diff's thread part: "action `x` no longer reaches the collective aim: objective … has no owner". */
export function threadInWords(change: ThreadChange): string {
  const items = listInWords(change.items.map(itemInWords));
  const one = change.items.length === 1;
  if (change.change === 'mended') return `${items} ${one ? 'reaches' : 'reach'} the collective aim again`;
  return `${items} no longer ${one ? 'reaches' : 'reach'} the collective aim: ${change.because.join('; ')}`;
}

/** How the plan reports and its records: "~ year as at 2024-03-08 → 2024-04-08", "+ trajectory of objective `no-01` for `uhnm`: 12 values, 2023-04 to 2024-03". */
function yearLines(year: YearDiff): DiffLine[] {
  const marks = { added: '+', removed: '-', changed: '~' } as const;
  return [
    ...year.settings.map((change): DiffLine => ({ mark: '~', text: change.words })),
    ...year.records.map((record): DiffLine => ({ mark: marks[record.change], text: recordInWords(record) })),
  ];
}

/**
 * Measured values added or removed, a line for each period ("+ 2024-03: 25 measured values, of 5
 * targets for 5 organisations"), and each changed value on its own: a value restated is worth a look.
 */
function actualLines(year: YearDiff): DiffLine[] {
  const byPeriod = (mark: '+' | '-', refs: YearDiff['actuals']['added']): DiffLine[] => {
    const periods = new Map<string, typeof refs>();
    for (const ref of refs) {
      const list = periods.get(ref.period);
      if (list) list.push(ref);
      else periods.set(ref.period, [ref]);
    }
    return [...periods].sort(([a], [b]) => comparePeriods(parsePeriod(a)!, parsePeriod(b)!)).map(([period, list]): DiffLine => {
      const targets = new Set(list.map((r) => `${r.target}\0${r.part ?? ''}`)).size;
      const organisations = new Set(list.map((r) => r.organisation)).size;
      const values = list.length === 1 ? '1 measured value' : `${formatNumber(list.length)} measured values`;
      return { mark, text: `${period}: ${values}, of ${targets === 1 ? '1 target' : `${targets} targets`} for ${organisations === 1 ? '1 organisation' : `${organisations} organisations`}${mark === '-' ? ', taken out' : ''}` };
    });
  };
  return [...byPeriod('+', year.actuals.added), ...year.actuals.changed.map((change): DiffLine => ({ mark: '~', text: change.words })), ...byPeriod('-', year.actuals.removed)];
}
