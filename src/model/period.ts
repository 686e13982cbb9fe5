// Periods of the planning year, as planners write them: a month (`2023-04`) or a quarter of the NHS
// financial year (`2023/24 Q1`, April to June 2023). Trajectories, actuals, assessments and stocktake
// updates all say which period they are about in one of these two forms.

export type PeriodKind = 'month' | 'quarter';

export interface Period {
  kind: PeriodKind;
  /** As written, in its one canonical form: `2023-04`, `2023/24 Q1`. */
  label: string;
  /** The first and last day of the period, YYYY-MM-DD. */
  start: string;
  end: string;
  /** Months since year 0 of the period's last month: periods of either kind sort by it, and months are consecutive. */
  index: number;
}

const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})\/(\d{2}) Q([1-4])$/;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number): string => String(n).padStart(2, '0');

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthPeriod(year: number, month: number): Period {
  return {
    kind: 'month',
    label: `${year}-${pad(month)}`,
    start: `${year}-${pad(month)}-01`,
    end: `${year}-${pad(month)}-${pad(lastDay(year, month))}`,
    index: year * 12 + month - 1,
  };
}

/** Quarter n of the financial year starting in April of `startYear`: Q1 is April to June, Q4 January to March. */
function quarterPeriod(startYear: number, quarter: number): Period {
  const firstMonth = 4 + (quarter - 1) * 3; // 4, 7, 10, 13
  const year = startYear + (firstMonth > 12 ? 1 : 0);
  const month = ((firstMonth - 1) % 12) + 1;
  const last = monthPeriod(year, month + 2);
  return {
    kind: 'quarter',
    label: `${startYear}/${pad((startYear + 1) % 100)} Q${quarter}`,
    start: `${year}-${pad(month)}-01`,
    end: last.end,
    index: last.index,
  };
}

/**
 * The periods read so far, by text: a year of actuals writes the same twelve months tens of thousands
 * of times. Bounded, as a hostile file may write a different one on every row.
 */
const readPeriods = new Map<string, Period | undefined>();
const MAX_READ_PERIODS = 4_096;

/** Reads a period as written; undefined when it is neither form (see `periodProblem` for why). */
export function parsePeriod(text: string): Period | undefined {
  let period = readPeriods.get(text);
  if (period === undefined && !readPeriods.has(text)) {
    if (readPeriods.size >= MAX_READ_PERIODS) readPeriods.clear();
    period = readPeriod(text);
    readPeriods.set(text, period);
  }
  return period;
}

function readPeriod(text: string): Period | undefined {
  const month = MONTH.exec(text);
  if (month) {
    const m = Number(month[2]);
    return m >= 1 && m <= 12 ? monthPeriod(Number(month[1]), m) : undefined;
  }
  const quarter = QUARTER.exec(text);
  if (quarter) {
    const start = Number(quarter[1]);
    return Number(quarter[2]) === (start + 1) % 100 ? quarterPeriod(start, Number(quarter[3])) : undefined;
  }
  return undefined;
}

/** Why a text is not a period, as the end of a sentence "… is not a period: …". */
export function periodProblem(text: string): string {
  const month = MONTH.exec(text);
  if (month) return `there is no month ${month[2]}; months are 01 to 12`;
  const quarter = QUARTER.exec(text);
  if (quarter) return `the financial year ${quarter[1]}/${quarter[2]} does not exist; it is ${quarter[1]}/${pad((Number(quarter[1]) + 1) % 100)}`;
  return 'write a month as YYYY-MM (2024-03) or a quarter of the financial year as YYYY/YY Qn (2023/24 Q4)';
}

/** The month or financial quarter that holds a date (YYYY-MM-DD). */
export function periodOfDate(date: string, kind: PeriodKind): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (kind === 'month') return monthPeriod(year, month);
  const startYear = month >= 4 ? year : year - 1;
  return quarterPeriod(startYear, Math.floor(((month + 8) % 12) / 3) + 1);
}

/** The period of the same kind just before this one. */
export function previousPeriod(period: Period): Period {
  const [year, month] = [Number(period.start.slice(0, 4)), Number(period.start.slice(5, 7))];
  const back = period.kind === 'month' ? 1 : 3;
  const total = year * 12 + month - 1 - back;
  return periodOfDate(`${Math.floor(total / 12)}-${pad((total % 12) + 1)}-01`, period.kind);
}

/**
 * The latest period of a kind that is over by `asAt`: it ends before that day. On 8 April 2024 the
 * latest complete month is March 2024 and the latest complete quarter 2023/24 Q4.
 */
export function latestCompletePeriod(asAt: string, kind: PeriodKind): Period {
  return previousPeriod(periodOfDate(asAt, kind));
}

/** A period in words for documents: "March 2024", "2023/24 Q4 (January to March 2024)". */
export function periodInWords(period: Period): string {
  const month = (date: string) => MONTH_NAMES[Number(date.slice(5, 7)) - 1]!;
  if (period.kind === 'month') return `${month(period.start)} ${period.start.slice(0, 4)}`;
  return `${period.label} (${month(period.start)} to ${month(period.end)} ${period.end.slice(0, 4)})`;
}

/** A date in words: "23 February 2023". */
export function dateInWords(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTH_NAMES[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

export function comparePeriods(a: Period, b: Period): number {
  return a.index - b.index || (a.kind === b.kind ? 0 : a.kind === 'month' ? -1 : 1);
}
