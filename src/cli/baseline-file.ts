// `plan check --baseline FILE`: reading the baseline file, and naming each plan in it by its folder
// from the file's own folder, so the file means the same from wherever plan runs.

import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { baselineSchema, BASELINE_FORMAT, type Baseline } from '../report/baseline.js';
import { CannotRun } from './shared.js';

/** A baseline file's contents; with `creating`, an empty baseline when there is no file yet. */
export function readBaseline(file: string, creating: boolean): { baseline: Baseline; existed: boolean } {
  let stats;
  try {
    stats = statSync(file);
  } catch {
    if (creating) return { baseline: { format: BASELINE_FORMAT, plans: {} }, existed: false };
    throw new CannotRun(`There is no baseline file ${file}.`, `Record the findings of now in it with: plan check --baseline ${file} --update-baseline`);
  }
  if (!stats.isFile()) throw new CannotRun(`${file} is not a file, so it cannot be a baseline.`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CannotRun(`${file} is not a plan baseline: it is not valid JSON (${(error as Error).message}).`, `Write it again with: plan check --baseline ${file} --update-baseline --force`);
  }
  const parsed = baselineSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? ` at \`${issue.path.join('.')}\`` : '';
    throw new CannotRun(`${file} is not a plan baseline (\`"format": "${BASELINE_FORMAT}"\`)${where}: ${issue.message}.`, `Write it again with: plan check --baseline ${file} --update-baseline --force`);
  }
  return { baseline: parsed.data, existed: true };
}

/** How a baseline file names a plan: its folder from the file's folder, with `/` (`.` for the same folder). */
export function planKey(file: string, planDir: string): string {
  return relative(dirname(resolve(file)), planDir).split(sep).join('/') || '.';
}
