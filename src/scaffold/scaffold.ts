// The files of a new plan (`plan init`): the manifest, one file per collection with a commented example
// item, NHS England's national objectives and the Joint Forward Plan's statutory duties from the
// reference data. The same answers always give the same bytes. The golden thread is whole from the
// start (a first priority and a stand-in owner the planner renames), so the plan checks with no
// errors; what is left to do shows as warnings, each with its hint.

import { isMap, isScalar, isSeq, stringify, type Document, type YAMLMap } from 'yaml';
import { SCHEMA_FILE } from '../model/json-schema.js';
import { nationalObjectivesFile, nationalObjectiveYears, readReference, STATUTORY_DUTIES_FILE, type NationalObjectiveYear } from './reference.js';

export interface PlanPeriod {
  /** YYYY-MM-DD */
  start: string;
  /** YYYY-MM-DD */
  end: string;
}

export interface ScaffoldAnswers {
  /** The integrated care system's name, as the documents print it. */
  system: string;
  period: PlanPeriod;
  /** The collective aim, in one sentence. */
  aim: string;
}

/** The ids the scaffold gives the items a planner renames; documented in docs/cli.md. */
export const FIRST_PRIORITY = 'first-priority';
export const STAND_IN_OWNER = 'unassigned';
export const AIM_ID = 'collective-aim';

export interface Scaffold {
  /** Path in the plan folder -> contents, in the order they are written. */
  files: Map<string, string>;
  /** The year of the national objectives it holds. */
  objectivesYear: NationalObjectiveYear;
  /** True when the plan's period does not take in that year: the planner should check them against the guidance. */
  objectivesOutsidePeriod: boolean;
}

/** "2025/26" for one NHS financial year, "2025 to 2030" for several. */
export function periodLabel(period: PlanPeriod): string {
  const startYear = Number(period.start.slice(0, 4));
  const endYear = Number(period.end.slice(0, 4));
  const oneYear = period.start.slice(5) === '04-01' && period.end.slice(5) === '03-31' && endYear === startYear + 1;
  return oneYear ? `${startYear}/${String(endYear).slice(2)}` : `${startYear} to ${endYear}`;
}

/** Lower-case words joined by `-`: an id made from a name. */
function slug(text: string): string {
  const words = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return words.join('-').slice(0, 60).replace(/-+$/, '');
}

/** A YAML scalar for text a planner typed: quoted only when YAML needs it. */
function scalar(text: string): string {
  return stringify(text, { lineWidth: 0 }).trimEnd();
}

export function scaffoldPlan(answers: ScaffoldAnswers): Scaffold {
  const label = periodLabel(answers.period);
  const oneYear = label.includes('/');
  const title = `${oneYear ? 'Operational Plan' : 'Joint Forward Plan'} ${label}`;
  const yearId = label.replace('/', '-').replace(' to ', '-');
  const planId = [slug(answers.system.replace(/\b(integrated care (system|board)|ics|icb)\b/gi, '')), yearId].filter(Boolean).join('-') || `plan-${yearId}`;
  const editionId = `edition-${yearId}`;
  const objectivesYear = nationalObjectiveYears.at(-1)!;
  const objectivesStart = `${objectivesYear.slice(0, 4)}-04-01`;
  const objectivesOutsidePeriod = !(answers.period.start <= objectivesStart && objectivesStart <= answers.period.end);
  const modeline = `# yaml-language-server: $schema=${SCHEMA_FILE}\n`;

  const files = new Map<string, string>();
  files.set('plan.yaml', `${modeline}# What the plan is, the one collective aim every part of it serves, and how strictly to check it.
# The plan language is described in plan's docs/language.md; your editor shows each key's meaning.
plan:
  id: ${planId}
  title: ${scalar(title)}
  system: ${scalar(answers.system)}
  period:
    start: ${answers.period.start}
    end: ${answers.period.end}
  # The published editions of the plan; each statutory duty (duties.yaml) says which sections of
  # which edition cover it. Add an edition for each yearly refresh.
  editions:
    - id: ${editionId}
      title: ${scalar(title)}
  # population: 1.1 million
  # vision: The system's vision in one sentence, for the front page.
  # published: ${answers.period.start}            # the date the documents carry
  # organisation: the id of the ICB in organisations.yaml

collective_aim:
  id: ${AIM_ID}
  statement: ${scalar(answers.aim)}
  # measure: How progress towards the aim is measured
  # direction: reduce                    # or increase

rules:
  # No duty says yet which sections of the plan cover it, so duty-covered warns instead of failing
  # the check. Delete this line once every duty in duties.yaml has its coverage.
  duty-covered: warning

# prose:
#   introduction: |
#     The introduction of the published summary, in Markdown. Longer prose can go in a file of its
#     own: prose/introduction.md is the same as this.
`);

  files.set('priorities.yaml', `${modeline}# The system's priorities: the few things the system will do, together, to reach its collective aim.
priorities:
  # A first priority, so that the golden thread is whole from the start. Rename it (its id too, and
  # \`priorities:\` in portfolios.yaml), then add the system's other priorities.
  - id: ${FIRST_PRIORITY}
    number: 1
    title: First system priority
    aim: ${AIM_ID}

  # - id: prevention
  #   number: 2
  #   title: Prevent ill health and tackle inequalities
  #   description: Most of the gap in healthy life expectancy is preventable.
  #   aim: ${AIM_ID}
`);

  files.set('portfolios.yaml', `${modeline}# The portfolios that own objectives, and the enabling workstreams (digital, workforce, estates, ...)
# that support them.
portfolios:
  # The stand-in owner of every national objective, so that the golden thread is whole from the start.
  # Add the system's portfolios, give each objective in objectives.yaml its owner in \`portfolio:\`,
  # then delete this one (plan check points at any objective still owned by it).
  - id: ${STAND_IN_OWNER}
    name: Objectives not yet given to a portfolio
    priorities: [${FIRST_PRIORITY}]

  # - id: urgent-care
  #   name: Urgent and emergency care
  #   short_name: UEC
  #   focus: [Ambulance handovers, Same day emergency care]
  #   priorities: [${FIRST_PRIORITY}]
  # - id: digital
  #   name: Digital and data
  #   kind: enabler                      # with no priorities, an enabler underpins every priority
`);

  files.set('objectives.yaml', `${modeline}${objectivesText(objectivesYear, label, objectivesOutsidePeriod)}`);

  files.set('actions.yaml', `${modeline}# What the system will do to deliver its objectives. plan check lists each objective that no action
# serves yet.
actions:
  # - id: same-day-emergency-care
  #   title: Open same day emergency care at both acute sites, seven days a week
  #   objectives: [no-01]
  #   owner: riverside-hospitals         # an organisation in organisations.yaml
  #   due: ${answers.period.end}
  #   status: planned                    # planned, in_progress, done, at_risk or stopped
`);

  files.set('metrics.yaml', `${modeline}# The measures tracked through the plan, usually one for each objective.
metrics:
  # - id: ae-4-hour-performance
  #   name: A&E four-hour performance
  #   unit: '%'
  #   baseline: 71
  #   target: 76
  #   comparison: at_least               # the target is a floor; at_most for a ceiling
  #   by: ${answers.period.end}
  #   objective: no-01
  #   source: NHS England A&E attendances and emergency admissions
`);

  files.set('organisations.yaml', `${modeline}# The partner organisations of the system, which lead actions.
organisations:
  # - id: riverside-icb
  #   name: NHS Riverside Integrated Care Board
  #   short_name: Riverside ICB
  #   type: icb                          # icb, nhs_trust, nhs_foundation_trust, local_authority, vcse, primary_care, independent or other
`);

  files.set('duties.yaml', `${modeline}${dutiesText(editionId)}`);

  files.set('projects.yaml', `${modeline}# Programmes of work that span portfolios, such as a system transformation programme.
projects:
  # - id: riverside-together
  #   title: Riverside Together
  #   description: Our system's transformation programme.
  #   workstreams: [Integrated neighbourhood teams, Virtual wards]
  #   portfolios: [urgent-care, digital]
`);
  return { files, objectivesYear, objectivesOutsidePeriod };
}

/** The reference file's items, without its own header and bookkeeping keys, each a blank line apart. */
function referenceItems(file: string, collection: string, lineWidth: number, change: (item: YAMLMap, document: Document) => void): string {
  const document = readReference(file);
  document.commentBefore = null;
  for (const key of ['format', 'kind', 'year']) document.delete(key);
  const items = document.get(collection, true);
  if (!isSeq(items)) throw new Error(`the reference data ${file} has no list of ${collection}`);
  items.items.forEach((item, index) => {
    if (!isMap(item)) throw new Error(`the reference data ${file} has an item of ${collection} that is not a mapping`);
    change(item, document);
    item.spaceBefore = index > 0;
  });
  return document.toString({ lineWidth });
}

/** Inserts `key: value` after the pair `after` of an item, keeping the order the language page uses. */
function insertAfter(item: YAMLMap, document: Document, after: string, key: string, value: string): void {
  const index = item.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === after);
  item.items.splice(index + 1, 0, document.createPair(key, value));
}

function objectivesText(year: NationalObjectiveYear, label: string, outsidePeriod: boolean): string {
  const file = nationalObjectivesFile(year);
  const shownYear = year.replace('-', '/');
  const check = outsidePeriod
    ? `#\n# These are the objectives for ${shownYear}, the newest that plan ships. Check them against NHS England's\n# planning guidance for ${label}, and change them where it differs.\n`
    : '';
  // Titles stay on one line each, as the guidance prints them.
  const body = referenceItems(file, 'objectives', 0, (item, document) => {
    insertAfter(item, document, 'title', 'source', 'national');
    insertAfter(item, document, 'area', 'portfolio', STAND_IN_OWNER);
  });
  return `# The plan's objectives: NHS England's national objectives, and the system's own (local) ones.
#
# The national objectives for ${shownYear} come from plan's reference data
# (reference/${file}), which cites its sources: each title word for
# word, its area of care, and a \`target\` with only what the wording gives (a comment marks each
# reading; plan check shows what a SMART target still lacks).
# Each is owned for now by the stand-in portfolio \`${STAND_IN_OWNER}\`: give it its real owner.
${check}${body}
  # A local objective of the system's own:
  # - id: shared-care-record
  #   title: Give every clinician access to the shared care record
  #   source: local
  #   portfolio: digital
  #   target:
  #     measure: Clinicians with access to the shared care record
  #     value: 95
  #     unit: '%'
  #     by: 2026-03-31
`;
}

function dutiesText(editionId: string): string {
  const body = referenceItems(STATUTORY_DUTIES_FILE, 'duties', 100, () => undefined);
  return `# The statutory duties the Joint Forward Plan must meet: the 17 legislative requirements of NHS
# England's guidance, from plan's reference data (reference/${STATUTORY_DUTIES_FILE}), which cites
# its source. For each duty, add the sections of each edition of the plan that meet it:
#
#   coverage:
#     ${editionId}: [Our population, Prevent ill health and tackle inequalities]
#
# Until then plan check warns that no edition covers it (duty-covered, set to warning in plan.yaml).
${body}`;
}
