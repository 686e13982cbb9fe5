// Two real builds of a small plan, an old one and a new one, read back as file maps, and helpers to
// read an output folder: what the emit tests write, kill and check.

import { cpSync, existsSync, lstatSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OutputFiles } from '../../src/emit/output-files.js';
import { copyPlan, fixture, makeTempDir, runPlan } from '../helpers/cli.js';

/** Every regular file under a folder, as relative path (with /) -> bytes. Symbolic links are not followed. */
export function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const stats = lstatSync(path);
      if (stats.isDirectory()) walk(path, `${prefix}${name}/`);
      else if (stats.isFile()) files.set(`${prefix}${name}`, readFileSync(path));
    }
  };
  walk(dir, '');
  return files;
}

/** The output of a build without plan's own bookkeeping (the manifest, lock, journal, staging). */
export function outputOf(tree: Map<string, Buffer>): Map<string, Buffer> {
  return new Map([...tree].filter(([path]) => !path.startsWith('.plan-build')));
}

export function sameFiles(actual: Map<string, Buffer>, expected: Map<string, Buffer>): boolean {
  if (actual.size !== expected.size) return false;
  for (const [path, bytes] of expected) if (!actual.get(path)?.equals(bytes)) return false;
  return true;
}

export interface TwoBuilds {
  /** A finished build of the old plan (with its manifest), to copy as the output a new build replaces. */
  oldOut: string;
  oldFiles: Map<string, Buffer>;
  /** What a build of the new plan writes: a changed title, and one portfolio page fewer. */
  newFiles: OutputFiles;
  newPlan: string;
}

/** Builds the valid fixture with an extra portfolio (old) and as it is with a new title (new), through the CLI. */
export async function twoBuilds(): Promise<TwoBuilds> {
  const oldPlan = copyPlan(fixture('valid'));
  writeFileSync(join(oldPlan, 'portfolios.yaml'), `${readFileSync(join(oldPlan, 'portfolios.yaml'), 'utf8')}  - id: mental-health\n    name: Mental health\n    priorities: [access]\n`);
  const newPlan = copyPlan(fixture('valid'));
  writeFileSync(join(newPlan, 'plan.yaml'), readFileSync(join(newPlan, 'plan.yaml'), 'utf8').replace('title: Tiny Integrated Care System Joint Forward Plan', 'title: Tiny ICS Joint Forward Plan, refreshed'));
  const oldOut = join(makeTempDir('plan-old-build-'), 'out');
  const newOut = join(makeTempDir('plan-new-build-'), 'out');
  for (const [plan, out] of [[oldPlan, oldOut], [newPlan, newOut]] as const) {
    const result = await runPlan(['build', plan, '--out', out]);
    if (result.code !== 0) throw new Error(`the fixture build failed: ${result.stderr}`);
  }
  const oldFiles = outputOf(readTree(oldOut));
  const newFiles: OutputFiles = outputOf(readTree(newOut));
  if (!oldFiles.has('portfolios/mental-health.html') || newFiles.has('portfolios/mental-health.html')) throw new Error('the two builds do not differ as intended');
  return { oldOut, oldFiles, newFiles, newPlan };
}

/** A copy of the old build at `out`. */
export function copyOldBuild(builds: TwoBuilds, out: string): void {
  cpSync(builds.oldOut, out, { recursive: true });
}

/** True when nothing of plan's bookkeeping is left in the folder but its manifest. */
export function onlyManifestLeft(out: string): boolean {
  return existsSync(join(out, '.plan-build')) && readdirSync(out).filter((n) => n.startsWith('.plan-build')).join() === '.plan-build';
}
