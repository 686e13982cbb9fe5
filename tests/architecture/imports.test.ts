// The phases' boundaries, read from the real import graph that esbuild resolves: rules are leaves that
// share the golden thread (link/thread.ts) and never import each other, and nothing that renders a
// document reaches into a rule.

import { build } from 'esbuild';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

/** Every source file of src/ with the src/ files it imports, as paths relative to the repository. */
let graph: Map<string, string[]>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

beforeAll(async () => {
  const result = await build({
    entryPoints: sourceFiles(join(repoRoot, 'src')),
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: join(repoRoot, 'lib-graph-unused'),
    absWorkingDir: repoRoot,
    logLevel: 'silent',
  });
  graph = new Map();
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    if (!file.startsWith('src/')) continue;
    graph.set(file, input.imports.map((i) => i.path).filter((path) => path.startsWith('src/')));
  }
});

const importsOf = (file: string): string[] => graph.get(file) ?? [];
const filesUnder = (folder: string): string[] => [...graph.keys()].filter((file) => file.startsWith(folder));

describe('the import graph', () => {
  it('is read from every file of src/', () => {
    expect(graph.size).toBe(sourceFiles(join(repoRoot, 'src')).length);
    expect(importsOf('src/rules/run.ts')).toContain('src/rules/index.ts');
  });

  it('has no file under render/ importing from rules/', () => {
    const crossings = filesUnder('src/render/').flatMap((file) => importsOf(file).filter((to) => to.startsWith('src/rules/')).map((to) => `${file} -> ${to}`));
    expect(crossings).toEqual([]);
  });

  it('has no rule importing another rule', () => {
    const shared = new Set(['src/rules/rule.ts', 'src/rules/index.ts', 'src/rules/run.ts']);
    const ruleFiles = filesUnder('src/rules/').filter((file) => !shared.has(file));
    expect(ruleFiles.length).toBeGreaterThanOrEqual(10);
    const crossings = ruleFiles.flatMap((file) => importsOf(file).filter((to) => to.startsWith('src/rules/') && to !== 'src/rules/rule.ts').map((to) => `${file} -> ${to}`));
    expect(crossings).toEqual([]);
  });

  it('has no earlier phase importing a later one', () => {
    const order = ['load', 'model', 'link', 'rules', 'diff', 'report', 'render', 'emit', 'cli'];
    const phaseOf = (file: string): number => order.indexOf(relative('src', file).split('/')[0] ?? '');
    // Render produces what emit writes, and names its shape by emit's type: the one allowed step forward.
    const allowed = new Set(['src/emit/output-files.ts']);
    const backwards = [...graph.keys()].flatMap((file) =>
      importsOf(file)
        .filter((to) => phaseOf(file) >= 0 && phaseOf(to) > phaseOf(file) && !allowed.has(to))
        .map((to) => `${file} -> ${to}`),
    );
    expect(backwards).toEqual([]);
  });
});

describe('the plan folder', () => {
  it('is laid out by load alone: no command names plan.yaml, prose/ or templates/ by load\'s constants', () => {
    const commands = readdirSync(join(repoRoot, 'src', 'cli')).filter((name) => name.endsWith('.ts'));
    const naming = commands.filter((name) => /\b(MANIFEST_FILE|PROSE_FOLDER|TEMPLATES_FOLDER)\b/.test(readFileSync(join(repoRoot, 'src', 'cli', name), 'utf8')));
    expect(commands.length).toBeGreaterThan(5);
    expect(naming).toEqual([]);
  });
});
