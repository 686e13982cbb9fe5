// The planning year in the linked plan: trajectories (planned), recorded assessments (assessed),
// actuals (measured) and progress updates, each with its references resolved to the objective or
// metric whose target it is about, the organisation it is for, and the action it reports on.

import type { Actual } from '../model/actuals.js';
import type { Located } from '../model/locate.js';
import type { Period } from '../model/period.js';
import type { Assessment, ProgressUpdate, Trajectory, YearSettings } from '../model/year-schema.js';
import type { LinkedAction, LinkedMetric, LinkedObjective, LinkedOrganisation } from './plan-graph.js';

/** An item that carries a target: an objective's `target:` or a metric's `target`. */
export type TargetHolder = LinkedObjective | LinkedMetric;

export interface PlannedValue {
  period: Period;
  value: number;
}

export interface LinkedTrajectory {
  record: Located<Trajectory>;
  holder: TargetHolder;
  part: string | undefined;
  /** Undefined: the whole system, when the plan names no organisation of its own. */
  organisation: LinkedOrganisation | undefined;
  /** In period order. */
  values: PlannedValue[];
}

export interface LinkedAssessment {
  record: Located<Assessment>;
  holder: TargetHolder;
  part: string | undefined;
  organisation: LinkedOrganisation | undefined;
  period: Period | undefined;
}

export interface LinkedProgress {
  record: Located<ProgressUpdate>;
  action: LinkedAction;
  /** The stocktake quarter it answers: its own `quarter`, or the quarter of its date. */
  quarter: Period;
}

export interface LinkedActual {
  actual: Actual;
  holder: TargetHolder;
  organisation: LinkedOrganisation;
}

export interface PlanYear {
  settings: YearSettings;
  trajectories: LinkedTrajectory[];
  assessments: LinkedAssessment[];
  progress: LinkedProgress[];
  actuals: LinkedActual[];
  /** Rows whose target, part or organisation is not in the plan: the actual-refers-to-plan rule reports them. */
  unresolvedActuals: Actual[];
  /**
   * Ids about which records or rows could not be read (each already reported): no rule reports a
   * missing value or update for them until those are fixed.
   */
  unread: ReadonlySet<string>;
}
