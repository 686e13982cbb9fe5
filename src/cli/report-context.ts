// How commands hand diagnostics to a reporter: each plan folder named from the working folder, colour
// when the stream allows it; and the errors-only listing that `export` and `build` print on stderr.

import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../diagnostic.js';
import type { PlanFindings, ReportContext } from '../report/reporter.js';
import { stylish } from '../report/stylish.js';
import { builtInEntries, type CatalogueEntry } from '../catalogue.js';
import { ruleEntries } from '../rules/index.js';
import { useColour, write } from './output.js';
import { displayPath } from './shared.js';
import { version } from './version.js';

/** Every diagnostic code: the rules in the order they are documented, then the built-in checks. */
export const catalogue: readonly CatalogueEntry[] = [...ruleEntries, ...builtInEntries];

export function reportContext(colour: boolean): ReportContext {
  const cwd = pathToFileURL(process.cwd()).href;
  return { colour, catalogue, version, workingFolderUri: cwd.endsWith('/') ? cwd : `${cwd}/` };
}

/**
 * One plan's findings for a reporter: `shown` of `all`, the rest counted as hidden warnings, and how
 * many more the baseline suppressed.
 */
export function planFindings(planDir: string, shown: readonly Diagnostic[], all: readonly Diagnostic[] = shown, suppressed = 0): PlanFindings {
  return { dir: displayPath(planDir), diagnostics: shown, hiddenWarnings: all.length - shown.length, suppressed };
}

/** Lists the errors among `diagnostics` on stderr, in the stylish format; prints nothing when there are none. */
export async function printErrors(planDir: string, diagnostics: readonly Diagnostic[]): Promise<void> {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) await write(process.stderr, stylish([planFindings(planDir, errors)], reportContext(useColour(process.stderr))));
}
