// What every key of the plan language means, in one place: the JSON Schema an editor shows on hover
// (model/json-schema.ts) and the "Meaning" columns of docs/language.md both come from here, and a test
// fails when the two differ. Markdown, as the documentation writes it; links are relative to docs/.

import type * as z from 'zod/mini';
import type { actionSchema, collectionSchemas, collectiveAimSchema, dutySchema, editionSchema, manifestSchema, metricSchema, objectiveSchema, organisationSchema, planInfoSchema, portfolioSchema, principlesSchema, prioritySchema, projectSchema, nationalFigureSchema, rangeSchema, statedCountsSchema, targetPartSchema, targetSchema, termsSchema } from './schema.js';
import type { assessmentSchema, progressSchema, recordSchemas, trajectorySchema, yearSchema } from './year-schema.js';

/** One description per key of the schema: a key added to the language without one does not type-check. */
type Described<S extends z.ZodMiniType> = Record<keyof z.input<S>, string>;

/** plan.yaml's own sections. */
const manifest: Described<typeof manifestSchema> = {
  plan: 'What the plan is: its id, title, system, period and editions. Required in `plan.yaml`, and only there.',
  collective_aim: 'The one aim that every priority serves: the end of the golden thread. Only in `plan.yaml`.',
  principles: 'Principles that underpin the whole plan, such as the "5 Ps" of an Integrated Care Strategy. Only in `plan.yaml`.',
  rules: 'How strictly to check the plan: each [rule](rules/README.md) id with `off`, `warning` or `error`. Only in `plan.yaml`.',
  prose: 'Named pieces of writing for the documents, each Markdown. Only in `plan.yaml`; a file `prose/<name>.md` is the same.',
  year: 'How the plan reports through its year: the day it reports at, its stocktakes and a tolerance. Only in `plan.yaml`; see [the planning year](#the-planning-year).',
};

/** The collections, which any source file may hold. */
const collections: Record<keyof typeof collectionSchemas | keyof typeof recordSchemas, string> = {
  priorities: 'The system priorities: the few things the system will do, together, to reach its collective aim.',
  portfolios: 'The portfolios and enabling workstreams, which own objectives.',
  objectives: 'The national and local objectives.',
  actions: 'The actions, schemes and interventions that deliver the objectives.',
  metrics: 'The measures tracked over the plan.',
  organisations: 'The partner organisations, which lead actions.',
  duties: 'The statutory duties the plan must meet.',
  projects: 'The programmes that span portfolios.',
  trajectories: 'The planned values of a target by period, for the system or one organisation.',
  assessments: 'Recorded judgements of a position against a target, with who made them and when.',
  progress: "Each action's progress updates at the quarterly stocktakes.",
};

const plan: Described<typeof planInfoSchema> = {
  id: "The plan's own id.",
  title: "The plan's title, as printed on the documents.",
  system: 'The integrated care system the plan is for.',
  population: 'The population the system serves.',
  period: "The years the plan covers; a Joint Forward Plan looks five years ahead. Both are [dates](#dates) and both are required. Objectives' deadlines must fall in this period (see [objective-is-smart](rules/objective-is-smart.md)).",
  editions: 'The published editions of the plan: the first plan and each yearly refresh. [Statutory duties](#duties) say which sections of which edition cover them.',
  vision: "The system's vision in one sentence, for the front page.",
  published: 'The date the documents carry (they never print the date they were built).',
  organisation: 'The organisation that publishes the plan, usually the ICB.',
  terms: 'What the plan calls its portfolios and enabling workstreams, when it calls them something else.',
  stated_counts: 'Counts the published documents state, where they differ from what the plan lists.',
};

const terms: Described<typeof termsSchema> = {
  portfolio: 'One portfolio, in running text (lower case). By default `portfolio`.',
  portfolios: 'More than one: by default `portfolio` with an `s`.',
  enabler: 'One enabling workstream (`kind: enabler`). By default `enabling workstream`.',
  enablers: 'More than one: by default `enabler` with an `s`.',
};

const statedCounts: Described<typeof statedCountsSchema> = {
  national_objectives: 'The national objectives the documents state; the team\'s site sets beside it the objectives with `source: national`.',
  local_objectives: 'The local objectives the documents state; the team\'s site sets beside it the objectives with `source: local`.',
  national_actions: 'The national actions the guidance sets, as the documents state them; the team\'s site sets beside it the plan\'s actions, which it does not tell apart.',
  actions: 'The actions the documents state; the team\'s site sets beside it the plan\'s actions.',
};

const principles: Described<typeof principlesSchema> = {
  title: 'What the principles are called.',
  description: 'What they are and where they come from.',
  items: 'The principles.',
};

const period: Described<typeof planInfoSchema.shape.period> = {
  start: 'The first day of the plan period.',
  end: 'The last day of the plan period.',
};

const edition: Described<typeof editionSchema> = {
  id: "The edition's id, used in a duty's `coverage`.",
  title: "The edition's title.",
  published: 'When the edition was published.',
  revision: 'The git revision (a tag, branch or commit) of the plan folder as this edition published it. The next edition\'s summary then says what is new since this one.',
};

const collectiveAim: Described<typeof collectiveAimSchema> = {
  id: "The aim's id; each priority names it in `aim:`. It shares the plan's one set of ids, so no other item may use it.",
  statement: 'The aim in one sentence.',
  measure: 'How progress towards the aim is measured.',
  direction: 'Whether success means the measure going down or up.',
  rationale: "Why this is the system's aim.",
};

const priority: Described<typeof prioritySchema> = {
  id: "The priority's id, unique in the whole plan: portfolios and objectives name it in `priorities`.",
  number: "The priority's number in the published plan; priorities are listed by number, then by id.",
  title: 'The priority as the documents print it.',
  description: 'What the priority means for the system, for the documents.',
  aim: 'The aim this priority serves. A priority without it is reported by [priority-serves-aim](rules/priority-serves-aim.md).',
};

const portfolio: Described<typeof portfolioSchema> = {
  id: "The portfolio's id, unique in the whole plan: objectives and actions name it in `portfolio`.",
  name: 'The name of the portfolio or enabling workstream, as the documents print it.',
  short_name: 'A shorter name for tables and diagrams.',
  kind: '`enabler` for an enabling workstream. Enablers need not own objectives, and one that lists no priorities is [cross-cutting](#the-golden-thread-inheritance-and-enablers).',
  focus: "The portfolio's areas of focus.",
  priorities: 'The priorities the portfolio serves; its objectives inherit them. Leave it out of an enabler that serves every priority.',
  description: 'What it is and does: the first words of its page, and what the plan on a page says of an enabling workstream.',
};

const objective: Described<typeof objectiveSchema> = {
  id: "The objective's id, unique in the whole plan: actions name it in `objectives`, metrics in `objective`.",
  title: 'The objective as the documents print it; for a national objective, the words of the guidance.',
  source: "Whether the objective comes from national guidance or is the system's own.",
  number: "The objective's number, such as its number in the national guidance; objectives are listed by number, then by id.",
  area: 'The area of care, as the guidance groups objectives.',
  portfolio: 'The owner, which answers for the objective. Checked by [objective-has-owner](rules/objective-has-owner.md).',
  priorities: "The priorities the objective serves. Leave it out to inherit the owner's (see [inheritance](#the-golden-thread-inheritance-and-enablers)).",
  target: 'What the objective will achieve, and by when. Checked by [objective-is-smart](rules/objective-is-smart.md).',
  description: 'More about the objective, for the documents.',
};

const target: Described<typeof targetSchema> = {
  measure: 'What is measured.',
  baseline: 'Where the measure stands now.',
  value: 'The figure to reach: digits only, without the unit.',
  comparison: 'Whether `value` is a floor ("at least 78%": "no less than", "increase to", "recruit") or a ceiling ("at most 92%": "92% or below", "an average of 30 minutes", "eliminate", which is at most 0).',
  unit: 'The unit of `value` and `baseline`, as the documents print it after the figure: `\'%\'` (which must be quoted) joins the figure ("76%"); any other unit follows it after a space ("34 minutes", "1,700 adults", and `per 1000 births` prints as "3.9 per 1,000 births").',
  by: 'The deadline; for a SMART objective, within the plan period.',
  range: 'A range to reach instead of one figure ("12–15 per million"); not with `value`. With `at_most` it is met at or below its upper end, with `at_least` at or above its lower end, and with no `comparison` written, inside it.',
  national: "The national figure the system's target is a share of, kept apart from the system's own: it is shown, never judged against, and does not make the target measurable.",
  organisations: "A figure for each organisation (the ICB and each trust), where the plan gives one; an organisation not listed is judged against the system's figure.",
  parts: 'For a target that asks for several things.',
};

const targetPart: Described<typeof targetPartSchema> = {
  id: "The part's id, unique in its target: trajectories, assessments and actuals name it in `part`.",
  measure: 'What this part measures, when it is not what the target measures; the part is then measured apart.',
  value: "The part's figure.",
  range: "The part's figure as a range, instead of `value`.",
  comparison: "Whether the part's figure is a floor or a ceiling. Left out: the target's.",
  unit: "The unit of the part's figure. Left out: the target's.",
  by: "When the part is due. Left out: the target's `by`.",
};

const nationalFigure: Described<typeof nationalFigureSchema> = {
  value: 'The national figure.',
  range: 'The national figure as a range, instead of `value`.',
  unit: "Its unit, where it is not the target's.",
};

const range: Described<typeof rangeSchema> = {
  from: 'The lower end, included.',
  to: 'The upper end, included; at least `from`.',
};

const action: Described<typeof actionSchema> = {
  id: "The action's id, unique in the whole plan.",
  title: 'What will be done, as the documents print it.',
  objectives: 'The objectives the action delivers. Checked by [action-serves-objective](rules/action-serves-objective.md) and [action-traces-to-aim](rules/action-traces-to-aim.md).',
  portfolio: 'The portfolio the action belongs to. Left out, it is the owner of the first of its objectives that has one. An action with no objectives reaches the aim through this portfolio.',
  owner: 'The organisation that leads the action.',
  due: 'When the action is due to be complete.',
  status: 'Where the action stands.',
  description: 'More about the action, for the documents.',
  reviewed: 'What each link to an objective was last reviewed against; written by `plan review`, checked by [link-is-reviewed](rules/link-is-reviewed.md). See [reviews of links](#reviews-of-links).',
};

const metric: Described<typeof metricSchema> = {
  id: "The metric's id, unique in the whole plan.",
  name: 'The name of the measure, as the documents print it.',
  unit: 'The unit of `baseline` and `target`.',
  baseline: 'Where the measure stands now.',
  target: "The figure to reach. (Unlike an objective's `target`, this is a single number.)",
  comparison: 'Whether `target` is a floor or a ceiling.',
  by: 'When the target is to be reached.',
  objective: 'The objective this metric tracks.',
  source: 'Where the figures come from.',
  reviewed: 'What the link to its objective was last reviewed against, as for actions.',
};

const organisation: Described<typeof organisationSchema> = {
  id: "The organisation's id, unique in the whole plan: actions name it in `owner`.",
  name: "The organisation's full name.",
  short_name: 'A shorter name for tables.',
  type: 'The kind of organisation (`vcse`: voluntary, community and social enterprise).',
  description: 'More about the organisation, for the documents.',
};

const duty: Described<typeof dutySchema> = {
  id: "The duty's id, unique in the whole plan.",
  title: 'The duty, as the documents print it.',
  requirement: 'What the law or guidance requires.',
  since: 'The edition from which it is a duty of the plan: for a duty that a later edition adds. The matrix shows it as new in that edition, and as not yet a duty in the editions before.',
  coverage: 'For each [edition](#plan), how it meets the duty (below). Checked by [duty-covered](rules/duty-covered.md): at least one edition must cover it.',
};

const project: Described<typeof projectSchema> = {
  id: "The project's id, unique in the whole plan.",
  title: 'The name of the programme, as the documents print it.',
  description: 'What the programme is, for the documents.',
  workstreams: "The programme's workstreams.",
  portfolios: 'The portfolios and enablers it involves.',
};

const year: Described<typeof yearSchema> = {
  as_at: "The day the plan reports at. Every period that ends before it is complete. Without it, nothing is reported as stale and no stocktake is overdue. It is a date in the plan, never the clock, so the same sources give the same report; move it on when the month's actuals are added.",
  stocktakes: 'The quarters at whose end every action reports its progress. Left out: every quarter of the plan period.',
  tolerance_percent: 'How far, in per cent of the planned value, an actual may fall short of its trajectory before [actual-on-trajectory](rules/actual-on-trajectory.md) reports it, where a trajectory sets no `tolerance` of its own. Left out: no tolerance.',
};

const trajectory: Described<typeof trajectorySchema> = {
  target: 'Whose target this trajectory leads to.',
  part: "For a target whose [parts](#objectives) are measured apart: the part's `id`.",
  organisation: "Who it is for. Left out: the plan's own organisation (`plan.organisation`), or the system as a whole.",
  kind: '`planned`: the plan as agreed. `forecast`: what is now expected, which may miss the target.',
  values: "The planned value of each period, in the target's unit. Write only what the plan gives: a trajectory of one year-end value is a trajectory.",
  tolerance: "How far an actual may fall short of a planned value, in the target's unit (`1` on a % target is one percentage point).",
  source: 'Where the trajectory comes from.',
};

const assessment: Described<typeof assessmentSchema> = {
  target: 'The target assessed.',
  part: 'For a target whose parts are measured apart: the part assessed.',
  organisation: "Whose position. Left out: the plan's own organisation, or the system.",
  position: "What kind of position was assessed: a plan's, a forecast's, or a measured one.",
  period: 'The period of the position, when it is given.',
  value: "The figure of the position, when it is given, in the target's unit.",
  status: 'The judgement.',
  words: "The assessor's own words for it.",
  assessed_by: 'Who made the assessment.',
  assessed_on: 'When.',
  source: 'Where it is recorded.',
  note: 'Anything the assessment says beside its judgement.',
};

const progress: Described<typeof progressSchema> = {
  action: 'The action reported on.',
  date: 'The date of the report.',
  quarter: 'The stocktake it answers. Left out: the quarter its date falls in.',
  status: 'Where the action stands, as the reporter assesses it.',
  update: 'The update itself.',
  reported_by: 'Who reported it.',
  source: 'Where it is recorded.',
};

/**
 * Every described part of the language, by the name docs/language.md marks its table with
 * (`<!-- fields: objectives -->`).
 */
export const descriptions = {
  manifest,
  collections,
  plan,
  period,
  edition,
  terms,
  stated_counts: statedCounts,
  principles,
  collective_aim: collectiveAim,
  priorities: priority,
  portfolios: portfolio,
  objectives: objective,
  target,
  target_part: targetPart,
  national_figure: nationalFigure,
  range,
  actions: action,
  metrics: metric,
  organisations: organisation,
  duties: duty,
  projects: project,
  year,
  trajectories: trajectory,
  assessments: assessment,
  progress,
} as const;

export type DescribedPart = keyof typeof descriptions;
