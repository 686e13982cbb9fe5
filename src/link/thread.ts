// The golden thread, answered in one place: what each item serves, whether its thread reaches the
// collective aim, where and why it stops, whether an objective is SMART, and which priorities an
// enabling workstream underpins. Rules, `plan trace`, the diagram and the documents all ask here, so
// they never disagree about what is broken.

import { listInWords } from '../english.js';
import type { Target } from '../model/schema.js';
import {
  kindNouns,
  nameOf,
  type LinkedAction,
  type LinkedItem,
  type LinkedMetric,
  type LinkedObjective,
  type LinkedPortfolio,
  type LinkedPriority,
  type LinkedProject,
  type Plan,
} from './plan-graph.js';

/**
 * Why a thread stops. Each reason is found at one item (or at the plan, for a plan with no aim) and
 * reported by one check; everything whose thread runs through that item stops there too, and is told
 * as a consequence of that one finding rather than as a finding of its own.
 */
export type GapReason =
  | 'plan-has-no-aim'
  | 'priority-names-no-aim'
  | 'priority-names-another-aim'
  | 'portfolio-serves-no-priority'
  | 'portfolio-priorities-unknown'
  | 'objective-has-no-owner'
  | 'objective-owner-unknown'
  | 'objective-priorities-unknown'
  | 'action-names-nothing'
  | 'action-objectives-unknown'
  | 'action-portfolio-unknown'
  /** The item has a schema error: its own error says what to fix, so nothing more is said. */
  | 'stand-in';

export interface Gap {
  reason: GapReason;
  /** Where the thread stops; undefined for the plan as a whole. */
  item: LinkedItem | undefined;
}

/**
 * The reference field behind each gap that the link phase reports (as `unknown-reference`), so a
 * consequence can be told under that finding.
 */
export const linkReportedGaps: Partial<Record<GapReason, string>> = {
  'portfolio-priorities-unknown': 'priorities',
  'objective-priorities-unknown': 'priorities',
  'action-objectives-unknown': 'objectives',
  'action-portfolio-unknown': 'portfolio',
};

/** A key that names one gap: the same gap found from two items has the same key. */
export function gapKey(gap: Gap): string {
  return `${gap.reason}\u0000${gap.item?.id ?? ''}`;
}

/**
 * Where and why a thread stops, as a phrase to put in a sentence: "national objective 5: … (`no-05`)
 * has no owner"; about `self` itself, "it has no owner".
 */
export function gapInWords(gap: Gap, self?: LinkedItem): string {
  if (!gap.item) return 'the plan has no collective aim';
  const name = gap.item === self ? 'it' : lowerFirst(nameOf(gap.item));
  const written = (field: string): string => {
    const value = (gap.item!.item as unknown as Record<string, unknown>)[field];
    return typeof value === 'string' ? `\`${value}\`` : 'it';
  };
  switch (gap.reason) {
    case 'plan-has-no-aim':
      return 'the plan has no collective aim';
    case 'priority-names-no-aim':
      return `${name} names no collective aim`;
    case 'priority-names-another-aim':
      return `${name} names ${written('aim')} as its aim, which is not the plan's collective aim`;
    case 'portfolio-serves-no-priority':
      return `${name} serves no system priority`;
    case 'portfolio-priorities-unknown':
    case 'objective-priorities-unknown':
      return `none of the priorities that ${name} lists exists`;
    case 'objective-has-no-owner':
      return `${name} has no owner`;
    case 'objective-owner-unknown':
      return `the owner that ${name} names, ${written('portfolio')}, does not exist`;
    case 'action-names-nothing':
      return `${name} names no objective and no portfolio`;
    case 'action-objectives-unknown':
      return `none of the objectives that ${name} names exists`;
    case 'action-portfolio-unknown':
      return `the portfolio that ${name} names, ${written('portfolio')}, does not exist`;
    case 'stand-in':
      return `${name} has a schema error`;
  }
}

/** How to mend the thread where a gap stops it, as a sentence: "Give priority `x` `aim: healthier-lives`." */
export function mendInWords(gap: Gap, plan: Plan): string {
  const id = gap.item ? `\`${gap.item.id}\`` : '';
  const noun = gap.item ? (gap.item.kind === 'collective_aim' ? 'the collective aim' : kindNouns[gap.item.kind]) : '';
  switch (gap.reason) {
    case 'plan-has-no-aim':
      return 'Add `collective_aim:` with `id` and `statement` to plan.yaml, and name it in each priority\'s `aim:`.';
    case 'priority-names-no-aim':
    case 'priority-names-another-aim':
      return plan.aim ? `Give ${noun} ${id} \`aim: ${plan.aim.id}\`.` : 'Add `collective_aim:` to plan.yaml first.';
    case 'portfolio-serves-no-priority':
      return `Give ${noun} ${id} \`priorities:\` naming the system priorities it serves.`;
    case 'portfolio-priorities-unknown':
    case 'objective-priorities-unknown':
      return `Correct the ids in the \`priorities:\` of ${noun} ${id}.`;
    case 'objective-has-no-owner':
    case 'objective-owner-unknown':
      return `Give ${noun} ${id} an owner in \`portfolio:\`.`;
    case 'action-names-nothing':
      return `Add \`objectives:\` to ${noun} ${id}, naming what it delivers.`;
    case 'action-objectives-unknown':
      return `Correct the ids in the \`objectives:\` of ${noun} ${id}.`;
    case 'action-portfolio-unknown':
      return `Correct the \`portfolio:\` of ${noun} ${id}.`;
    case 'stand-in':
      return `Fix the schema error of ${noun} ${id} first.`;
  }
}

/** A name put mid-sentence: every name starts with the word for its kind ("Portfolio", "National objective"). */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Whether the thread of an item reaches the collective aim, and if not, every place where it stops. */
export interface ThreadStatus {
  reaches: boolean;
  /** The root causes, without repeats; empty exactly when the thread reaches the aim. */
  gaps: Gap[];
}

/** A gap at an item, unless the item is a stand-in: then its schema error is the whole story. */
function gapAt(reason: GapReason, item: LinkedItem): Gap {
  return item.standIn ? { reason: 'stand-in', item } : { reason, item };
}

function status(gaps: readonly Gap[]): ThreadStatus {
  const seen = new Set<string>();
  const unique: Gap[] = [];
  for (const gap of gaps) {
    const key = gapKey(gap);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(gap);
  }
  return { reaches: unique.length === 0, gaps: unique };
}

const OK: ThreadStatus = { reaches: true, gaps: [] };

/**
 * Answers thread questions about one linked plan. Results are remembered, so asking about every
 * action of a big plan costs one walk of the graph.
 */
export class Thread {
  private readonly memo = new Map<LinkedItem, ThreadStatus>();

  constructor(readonly plan: Plan) {}

  /** The thread of any item up to the collective aim. Organisations and duties are not on the thread. */
  of(item: LinkedItem): ThreadStatus {
    let known = this.memo.get(item);
    if (!known) {
      known = this.compute(item);
      this.memo.set(item, known);
    }
    return known;
  }

  reaches(item: LinkedItem): boolean {
    return this.of(item).reaches;
  }

  private compute(item: LinkedItem): ThreadStatus {
    switch (item.kind) {
      case 'collective_aim':
      case 'organisation':
      case 'duty':
        return OK;
      case 'priority':
        return this.priority(item);
      case 'portfolio':
        return this.portfolio(item);
      case 'objective':
        return status([...this.ownerGaps(item), ...this.priorityGaps(item)]);
      case 'action':
        return this.action(item);
      case 'metric':
        return this.metric(item);
      case 'project':
        return this.project(item);
    }
  }

  private priority(priority: LinkedPriority): ThreadStatus {
    if (priority.aim) return OK;
    if (!this.plan.aim) return status([{ reason: 'plan-has-no-aim', item: undefined }]);
    return status([gapAt(priority.item.aim === undefined ? 'priority-names-no-aim' : 'priority-names-another-aim', priority)]);
  }

  private portfolio(portfolio: LinkedPortfolio): ThreadStatus {
    if (portfolio.crossCutting) return this.plan.aim ? OK : status([{ reason: 'plan-has-no-aim', item: undefined }]);
    if (portfolio.priorities.length > 0) return this.anyOf(portfolio.priorities);
    const listed = portfolio.item.priorities ?? [];
    return status([gapAt(listed.length > 0 ? 'portfolio-priorities-unknown' : 'portfolio-serves-no-priority', portfolio)]);
  }

  /** Why an objective has no owner, if it has none. */
  ownerGaps(objective: LinkedObjective): Gap[] {
    if (objective.owner) return [];
    return [gapAt(objective.item.portfolio === undefined ? 'objective-has-no-owner' : 'objective-owner-unknown', objective)];
  }

  /** Why an objective serves no priority that reaches the aim, if it serves none. */
  priorityGaps(objective: LinkedObjective): Gap[] {
    if (objective.priorities.length > 0) return this.anyOf(objective.priorities).gaps;
    if ((objective.item.priorities ?? []).length > 0) return [gapAt('objective-priorities-unknown', objective)];
    // It lists none, so it takes its owner's: the reason is the owner's, or that there is no owner.
    if (objective.owner) return this.portfolio(objective.owner).gaps;
    return this.ownerGaps(objective);
  }

  private action(action: LinkedAction): ThreadStatus {
    if (action.objectives.length > 0) return this.anyOf(action.objectives);
    if (action.item.objectives.length > 0) return status([gapAt('action-objectives-unknown', action)]);
    // An action that names no objective reaches the aim through the portfolio it names.
    if (action.item.portfolio === undefined) return status([gapAt('action-names-nothing', action)]);
    if (!action.portfolio) return status([gapAt('action-portfolio-unknown', action)]);
    return this.of(action.portfolio);
  }

  private metric(metric: LinkedMetric): ThreadStatus {
    return metric.objective ? this.of(metric.objective) : OK;
  }

  private project(project: LinkedProject): ThreadStatus {
    return project.portfolios.length ? this.anyOf(project.portfolios) : OK;
  }

  /** Reaches when any of the items does; otherwise stops at all of their gaps. */
  private anyOf(items: readonly LinkedItem[]): ThreadStatus {
    const gaps: Gap[] = [];
    for (const item of items) {
      const each = this.of(item);
      if (each.reaches) return OK;
      for (const gap of each.gaps) gaps.push(gap);
    }
    return status(gaps);
  }

  /** The priorities a portfolio serves: all of them for an enabling workstream that underpins every priority. */
  servedPriorities(portfolio: LinkedPortfolio): readonly LinkedPriority[] {
    return portfolio.crossCutting ? this.plan.priorities : portfolio.priorities;
  }

  /** The items a hint may offer as a link: only those whose own thread reaches the aim. */
  reaching<T extends LinkedItem>(items: readonly T[]): T[] {
    return items.filter((item) => !item.standIn && this.reaches(item));
  }

  /** Everything that serves an item, one step down the thread. */
  servedBy(item: LinkedItem): LinkedItem[] {
    switch (item.kind) {
      case 'collective_aim':
        return [...item.priorities, ...this.plan.portfolios.filter((p) => p.crossCutting)];
      case 'priority':
        return [...item.portfolios, ...item.objectives.filter((o) => o.prioritiesFrom === 'objective')];
      case 'portfolio':
        return [...item.objectives, ...item.actions.filter((a) => a.objectives.length === 0), ...item.projects];
      case 'objective':
        return [...item.actions, ...item.metrics];
      case 'organisation':
        return [...item.actions];
      default:
        return [];
    }
  }

  smart(objective: LinkedObjective): SmartAssessment {
    return assessSmart(objective, this);
  }
}

// ---- SMART -------------------------------------------------------------------------------------------

export type SmartLetter = 'S' | 'M' | 'R' | 'T';

export interface SmartFailure {
  letter: SmartLetter;
  /** Why the letter fails, for this objective: "no numeric target value". */
  reason: string;
  /** How to make it pass, for this objective. */
  fix: string;
  /** Set when the letter fails only because of a gap in the thread that another check reports. */
  because?: Gap[];
}

export interface SmartAssessment {
  specific: boolean;
  measurable: boolean;
  relevant: boolean;
  timely: boolean;
  /** The letters that fail, in SMART order. */
  failures: SmartFailure[];
}

/**
 * What a target lacks to be measurable: a measure, a figure of the system's own (a value, a range, or
 * parts that give them) and a unit; for parts measured apart, each of them. A national figure alone is
 * not the system's own.
 */
function measurableGaps(target: Target | undefined): string[] {
  const apart = (target?.parts ?? []).filter((p) => p.measure !== undefined);
  const figure = target?.value !== undefined || target?.range !== undefined || (target?.parts ?? []).some((p) => p.measure === undefined && (p.value !== undefined || p.range !== undefined));
  const missing: string[] = [];
  if (apart.length > 0) {
    if (apart.some((p) => p.value === undefined && p.range === undefined)) missing.push('`target.value` (a figure for each part, as `value` or `range`)');
    if (apart.some((p) => !(p.unit ?? target?.unit))) missing.push('`target.unit` (such as % or minutes, for each part)');
    return missing;
  }
  if (!target?.measure) missing.push('`target.measure` (what is counted)');
  if (!figure) missing.push(target?.national ? '`target.value` (the system\'s own figure: `national` is the national one)' : '`target.value` (the figure, as a number)');
  if (!target?.unit) missing.push('`target.unit` (such as % or minutes)');
  return missing;
}

/**
 * Specific (an owner answers for it), Measurable (a measure, a numeric value and a unit), Relevant
 * (it serves a priority that reaches the aim) and Timely (a deadline inside the plan period).
 * Achievable needs judgement, not data.
 */
function assessSmart(objective: LinkedObjective, thread: Thread): SmartAssessment {
  const failures: SmartFailure[] = [];
  const target = objective.item.target;
  const ownerGaps = thread.ownerGaps(objective);
  if (ownerGaps.length > 0) {
    failures.push({ letter: 'S', reason: 'no owning portfolio', fix: 'give it an owner in `portfolio:`', because: ownerGaps });
  }
  const missing = measurableGaps(target);
  if (missing.length > 0) {
    const names = missing.map((m) => m.split(' ')[0]!.replace('target.', ''));
    const plain = names.map((n) => n.replace(/`/g, ''));
    const reason = plain.length === 1 ? `no ${plain[0]}` : `no ${plain.slice(0, -1).join(', ')} or ${plain[plain.length - 1]}`;
    failures.push({ letter: 'M', reason, fix: `add ${listInWords(missing)}` });
  }
  const priorityGaps = thread.priorityGaps(objective);
  if (priorityGaps.length > 0) {
    failures.push({ letter: 'R', reason: 'no priority that reaches the collective aim', fix: 'name a priority that reaches the collective aim in `priorities:`, or give its owner one', because: priorityGaps });
  }
  const { start, end } = thread.plan.manifest.plan.period;
  // A target of several parts is timely when every part has a deadline (its own or the target's) inside the period.
  const parts = target?.parts ?? [];
  const deadlines = parts.length > 0 ? parts.map((p) => p.by ?? target?.by) : [target?.by];
  const outside = deadlines.find((by) => by !== undefined && (by < start || by > end));
  if (deadlines.some((by) => by === undefined)) {
    failures.push({ letter: 'T', reason: 'no deadline', fix: `add \`target.by\` with a date between ${start} and ${end}${parts.length > 0 ? ', or `by` to each part' : ''}` });
  } else if (outside !== undefined) {
    failures.push({
      letter: 'T',
      reason: `the deadline ${outside} is ${outside < start ? 'before the plan starts' : 'after the plan ends'} (${start} to ${end})`,
      fix: 'set `target.by` inside the plan period, or add a milestone for this plan\'s period',
    });
  }
  const fails = (letter: SmartLetter) => failures.some((f) => f.letter === letter);
  return { specific: !fails('S'), measurable: !fails('M'), relevant: !fails('R'), timely: !fails('T'), failures };
}
