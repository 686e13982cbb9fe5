// How commands hand diagnostics to a reporter: each plan folder named from the working folder, colour
// when the stream allows it; and the errors-only listing that `export` and `build` print on stderr.

import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../diagnostic.js';
import type { PlanFindings, ReportContext } from '../report/reporter.js';
import { stylish } from '../report/stylish.js';
import { rules } from '../rules/index.js';
import { useColour, write } from './output.js';
import { displayPath } from './shared.js';
import { version } from './version.js';

export function reportContext(colour: boolean): ReportContext {
  const cwd = pathToFileURL(process.cwd()).href;
  return { colour, rules, version, workingFolderUri: cwd.endsWith('/') ? cwd : `${cwd}/` };
}

/** One plan's findings for a reporter: `shown` of `all`, the rest counted as hidden warnings. */
export function planFindings(planDir: string, shown: readonly Diagnostic[], all: readonly Diagnostic[] = shown): PlanFindings {
  return { dir: displayPath(planDir), diagnostics: shown, hiddenWarnings: all.length - shown.length };
}

/** Lists the errors among `diagnostics` on stderr, in the stylish format; prints nothing when there are none. */
export async function printErrors(planDir: string, diagnostics: readonly Diagnostic[]): Promise<void> {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) await write(process.stderr, stylish([planFindings(planDir, errors)], reportContext(useColour(process.stderr))));
}
