// `plan check --output-file` (and `--update-baseline`): the report written to a file whole, or not at
// all, and never where the plan would read it back as one of its own sources.

import { realpathSync, statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { writeFileWhole } from '../emit/write-file.js';
import { CannotRun, displayPath, isWithin } from './shared.js';

/** Report files with these endings would be read back as part of a plan if written inside its folder. */
const READ_AS_PLAN = /\.(ya?ml|md)$/i;

/**
 * Writes a report to `file` (`--output-file`) whole: into a temporary file beside it, then renamed over
 * it, so a reader never finds half a report and a failed write leaves an earlier report as it was.
 * Creates the folders above it. Writes through a symbolic link into its target, keeping the mode of a
 * file it replaces. Refuses a folder, and a file a plan would read back as one of its own sources.
 */
export function writeReportFile(file: string, text: string, planDirs: readonly string[], what = 'report'): void {
  const given = resolve(file);
  const existing = statOf(given);
  if (existing?.isDirectory()) throw new CannotRun(`${file} is a folder; give the name of a file to write the ${what} to.`, what === 'report' ? 'For example: --output-file findings.json' : undefined);
  const target = existing ? realpathSync(given) : given;
  const plan = planDirs.find((dir) => [given, target].some((path) => isWithin(path, dir) && READ_AS_PLAN.test(path)));
  if (plan) {
    const folder = displayPath(plan) === '.' ? 'this plan folder' : `the plan folder ${displayPath(plan)}`;
    throw new CannotRun(`${file} is inside ${folder}, which would read it back as part of the plan.`,
      `Write the ${what} outside the plan folder, or give it another ending, such as .json${what === 'report' ? ', .sarif or .txt' : ''}.`);
  }
  try {
    writeFileWhole(target, text, existing ? existing.mode & 0o7777 : 0o666);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CannotRun(`The ${what} cannot be written to ${file}${code ? ` (${code})` : ''}.`, 'Check that the folders on the way to it exist as folders and can be written to.');
  }
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
