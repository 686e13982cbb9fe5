// Links the planning year's records into the plan: each trajectory, assessment and progress update to
// the item it is about (a reference to nothing is an `unknown-reference` error, with the nearest id),
// and each actual to its target and organisation (one that names nothing is left for the
// actual-refers-to-plan rule, which a plan may set to a warning while its exports catch up).

import type { Diagnostic } from '../diagnostic.js';
import type { ModelledActuals } from '../model/actuals.js';
import { locate, type FieldPath, type Located } from '../model/locate.js';
import { comparePeriods, parsePeriod, periodOfDate } from '../model/period.js';
import type { PlanSources } from '../model/validate.js';
import { didYouMean } from '../suggest.js';
import type { LinkedAction, LinkedItem, LinkedOrganisation, Plan } from './plan-graph.js';
import { partIdsOf } from './targets.js';
import type { LinkedActual, PlanYear, TargetHolder } from './year-graph.js';

type Lookup = Pick<Plan, 'byId' | 'objectives' | 'metrics' | 'organisations' | 'actions' | 'manifest'>;

export function linkYear(sources: PlanSources, modelled: ModelledActuals, plan: Lookup, diagnostics: Diagnostic[]): PlanYear {
  const unread = new Set<string>([...sources.unreadRecordSubjects, ...modelled.unreadTargets]);
  const holderIds = [...plan.objectives, ...plan.metrics].map((item) => item.id);
  const organisationIds = plan.organisations.map((o) => o.id);
  const planOrganisation = plan.manifest.plan.organisation !== undefined ? organisationOf(plan, plan.manifest.plan.organisation) : undefined;

  const unknown = (record: Located<object>, path: FieldPath, message: string, hint: string, subject?: string): void => {
    diagnostics.push({ rule: 'unknown-reference', severity: 'error', ...locate(record.at, path), message, hint, ...(subject ? { subject } : {}) });
  };
  /** The objective or metric a record names, its part and organisation; undefined (reported) when one names nothing. */
  const about = (record: Located<{ target: string; part?: string | undefined; organisation?: string | undefined }>, noun: string) => {
    const holder = holderOf(plan, record.target);
    let ok = true;
    if (!holder) {
      ok = false;
      const found = plan.byId.get(record.target);
      unknown(record, ['target'], found
        ? `This ${noun} is for \`${record.target}\`, which is ${describe(found)}; a target belongs to an objective or a metric.`
        : `This ${noun} is for \`${record.target}\`, but there is no objective or metric with that id.${didYouMean(record.target, holderIds)}`,
        'Name the objective or metric whose target it is, by its id.', record.target);
    } else if (record.part !== undefined && !partIdsOf(holder).includes(record.part)) {
      ok = false;
      const parts = partIdsOf(holder);
      unknown(record, ['part'], `The target of \`${holder.id}\` has no part \`${record.part}\`.${didYouMean(record.part, parts)}`,
        parts.length ? `Its parts are: ${parts.join(', ')}.` : 'Its target has no parts: leave `part:` out.', holder.id);
    }
    let organisation = planOrganisation;
    if (record.organisation !== undefined) {
      organisation = organisationOf(plan, record.organisation);
      if (!organisation) {
        ok = false;
        unknown(record, ['organisation'], `There is no organisation with the id \`${record.organisation}\`.${didYouMean(record.organisation, organisationIds)}`,
          `Use the id of an organisation listed under \`organisations:\`${organisationIds.length ? ` (${organisationIds.slice(0, 12).join(', ')})` : ''}.`, holder?.id);
      }
    }
    if (!ok) {
      unread.add(record.target);
      return undefined;
    }
    return { holder: holder!, part: record.part, organisation };
  };

  // A target's figure for an organisation names one the plan has.
  for (const objective of plan.objectives) {
    if (objective.standIn) continue;
    for (const id of Object.keys(objective.item.target?.organisations ?? {})) {
      if (organisationOf(plan, id)) continue;
      diagnostics.push({
        rule: 'unknown-reference', severity: 'error', ...locate(objective.item.at, ['target', 'organisations', id], { key: true }), subject: objective.id,
        message: `The target of \`${objective.id}\` gives a figure for \`${id}\`, but there is no organisation with that id.${didYouMean(id, organisationIds)}`,
        hint: 'Use the id of an organisation listed under `organisations:`.',
      });
    }
  }

  const year: PlanYear = { settings: plan.manifest.year ?? {}, trajectories: [], assessments: [], progress: [], actuals: [], unresolvedActuals: [], unread };

  for (const record of sources.trajectories) {
    const linked = about(record, 'trajectory');
    if (!linked) continue;
    const values = Object.entries(record.values).map(([label, value]) => ({ period: parsePeriod(label)!, value })).sort((a, b) => comparePeriods(a.period, b.period));
    year.trajectories.push({ record, ...linked, values });
  }
  for (const record of sources.assessments) {
    const linked = about(record, 'assessment');
    if (linked) year.assessments.push({ record, ...linked, period: record.period !== undefined ? parsePeriod(record.period) : undefined });
  }
  const actionIds = plan.actions.map((a) => a.id);
  for (const record of sources.progress) {
    const action = plan.byId.get(record.action);
    if (!action || action.kind !== 'action') {
      unknown(record, ['action'], action
        ? `This progress update is for \`${record.action}\`, which is ${describe(action)}; progress is reported for actions.`
        : `This progress update is for \`${record.action}\`, but there is no action with that id.${didYouMean(record.action, actionIds)}`,
        'Name the action it reports on, by its id.');
      continue;
    }
    const quarter = record.quarter !== undefined ? parsePeriod(record.quarter)! : periodOfDate(record.date, 'quarter');
    year.progress.push({ record, action: action as LinkedAction, quarter });
  }
  for (const actual of modelled.actuals) {
    const holder = holderOf(plan, actual.target);
    const organisation = organisationOf(plan, actual.organisation);
    if (!holder || !organisation || (actual.part !== undefined && !partIdsOf(holder).includes(actual.part))) {
      year.unresolvedActuals.push(actual);
      // The row was meant for some target: its own finding says so, and that target is not called stale as well.
      unread.add(actual.target);
      continue;
    }
    year.actuals.push({ actual, holder, organisation } satisfies LinkedActual);
  }
  return year;
}

function holderOf(plan: Lookup, id: string): TargetHolder | undefined {
  const item = plan.byId.get(id);
  return item && (item.kind === 'objective' || item.kind === 'metric') ? item : undefined;
}

function organisationOf(plan: Lookup, id: string): LinkedOrganisation | undefined {
  const item = plan.byId.get(id);
  return item?.kind === 'organisation' ? item : undefined;
}

function describe(item: LinkedItem): string {
  return item.kind === 'collective_aim' ? 'the collective aim' : `${/^[aeiou]/.test(item.kind) ? 'an' : 'a'} ${item.kind === 'duty' ? 'statutory duty' : item.kind}`;
}
