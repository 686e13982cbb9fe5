// How commands hand diagnostics to a reporter: paths shown from the working folder, colour when the
// stream allows it; and the errors-only listing that `export` and `build` print on stderr.

import { join } from 'node:path';
import { summarise, type Diagnostic } from '../diagnostic.js';
import type { ReportContext } from '../report/reporter.js';
import { stylish } from '../report/stylish.js';
import { rules } from '../rules/index.js';
import { useColour, write } from './output.js';
import { displayPath } from './shared.js';
import { version } from './version.js';

export function reportContext(planDir: string, stream: NodeJS.WriteStream): ReportContext {
  return {
    planDir: displayPath(planDir),
    displayPath: (file) => displayPath(join(planDir, file)),
    colour: useColour(stream),
    rules,
    version,
  };
}

/** Lists the errors among `diagnostics` on stderr, in the stylish format; prints nothing when there are none. */
export async function printErrors(planDir: string, diagnostics: readonly Diagnostic[]): Promise<void> {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) await write(process.stderr, stylish(errors, summarise(errors), reportContext(planDir, process.stderr)));
}
