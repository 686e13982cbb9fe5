// How commands hand diagnostics to a reporter: paths shown from the working folder, colour when the
// stream allows it; and the errors-only listing that `export` and `build` print on stderr.

import { join } from 'node:path';
import { summarise, type Diagnostic } from '../diagnostic.js';
import type { ReportContext } from '../report/reporter.js';
import { stylish } from '../report/stylish.js';
import { builtInEntries, type CatalogueEntry } from '../catalogue.js';
import { ruleEntries } from '../rules/index.js';
import { displayPath, useColour, write } from './shared.js';
import { version } from './version.js';

/** Every diagnostic code: the rules in the order they are documented, then the built-in checks. */
export const catalogue: readonly CatalogueEntry[] = [...ruleEntries, ...builtInEntries];

export function reportContext(planDir: string, stream: NodeJS.WriteStream): ReportContext {
  return {
    planDir: displayPath(planDir),
    displayPath: (file) => displayPath(join(planDir, file)),
    colour: useColour(stream),
    catalogue,
    version,
  };
}

/** Lists the errors among `diagnostics` on stderr, in the stylish format; prints nothing when there are none. */
export async function printErrors(planDir: string, diagnostics: readonly Diagnostic[]): Promise<void> {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) await write(process.stderr, stylish(errors, summarise(errors), reportContext(planDir, process.stderr)));
}
