// Each statutory duty's coverage, edition by edition: the sections that cover it, an edition that
// changes nothing (`unchanged`, which keeps the last edition's sections), one that does not cover
// it, and the editions before a duty added later (`since`). Mistakes in writing it are reported here.

import type { Diagnostic } from '../diagnostic.js';
import { locate } from '../model/locate.js';
import type { Edition } from '../model/schema.js';
import { didYouMean } from '../suggest.js';
import type { DutyCoverage, LinkedDuty } from './plan-graph.js';

export function linkDutyCoverage(duties: readonly LinkedDuty[], editions: readonly Edition[], diagnostics: Diagnostic[]): void {
  const editionIds = editions.map((e) => e.id);
  const editionsHint = editionIds.length ? `The editions, listed under \`plan.editions\` in plan.yaml, are: ${editionIds.join(', ')}.` : 'List the plan\'s editions under `plan.editions` in plan.yaml.';
  for (const duty of duties) {
    const report = (rule: 'unknown-reference' | 'schema', path: (string | number)[], message: string, hint: string, key = false): void => {
      diagnostics.push({ rule, severity: 'error', ...locate(duty.item.at, path, { key }), subject: duty.id, message, hint });
    };
    const since = duty.item.since;
    let first = 0;
    if (since !== undefined) {
      first = editionIds.indexOf(since);
      if (first === -1) {
        report('unknown-reference', ['since'], `Statutory duty \`${duty.id}\` is a duty \`since: ${since}\`, which is not an edition of the plan.${didYouMean(since, editionIds)}`, editionsHint);
        first = 0;
      }
    }
    for (const [key, value] of Object.entries(duty.item.coverage)) {
      const index = editionIds.indexOf(key);
      if (index === -1) {
        report('unknown-reference', ['coverage', key], `Statutory duty \`${duty.id}\` gives coverage for \`${key}\`, which is not an edition of the plan.${didYouMean(key, editionIds)}`, editionsHint, true);
      } else if (index < first) {
        report('schema', ['coverage', key], `Statutory duty \`${duty.id}\` gives coverage for \`${key}\`, an edition before it became a duty (\`since: ${since}\`).`,
          `Remove \`${key}\` from its \`coverage:\`, or give \`since:\` the first edition that lists the duty.`, true);
      } else if (index === first && value === 'unchanged') {
        report('schema', ['coverage', key], `\`coverage.${key}\` of statutory duty \`${duty.id}\` is \`unchanged\`, but it is the duty's first edition: there is no earlier edition for it to be unchanged from.`,
          'List the sections of that edition that cover the duty, or write `[]` when it does not cover it.');
      }
    }
    duty.coverage = coverageByEdition(duty, editions, first);
  }
}

function coverageByEdition(duty: LinkedDuty, editions: readonly Edition[], first: number): DutyCoverage[] {
  let last: string[] = [];
  return editions.map((edition, index): DutyCoverage => {
    if (index < first) return { edition, status: 'not_a_duty', written: [], sections: [], isNew: false };
    const value = duty.item.coverage[edition.id] ?? [];
    const isNew = index === first && first > 0;
    if (value === 'unchanged' && index > first) return { edition, status: 'unchanged', written: [], sections: last, isNew };
    const written = value === 'unchanged' ? [] : value;
    last = written;
    return { edition, status: written.length > 0 ? 'covered' : 'not_covered', written, sections: written, isNew };
  });
}
