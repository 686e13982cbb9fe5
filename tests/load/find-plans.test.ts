// Finding the plans a command is about, as ESLint finds its configuration: up from inside a plan to its
// plan.yaml, else every plan below (under ./plans first). Each test builds the folders it is about.

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPlans, SEARCH_DEPTH, SEARCH_FOLDERS } from '../../src/load/find-plans.js';
import { makeTempDir } from '../helpers/cli.js';

/** A folder holding the given files (empty text) and folders (names ending in /), as a repository's root. */
function tree(paths: readonly string[]): string {
  const root = makeTempDir('plan-find-');
  // Marks the root as a repository's, so that no folder above the test's own is looked at.
  mkdirSync(join(root, '.git'));
  for (const path of paths) {
    if (path.endsWith('/')) {
      mkdirSync(join(root, path), { recursive: true });
    } else {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), '');
    }
  }
  return root;
}

describe('findPlans from inside a plan', () => {
  it('finds the folder itself when it holds plan.yaml', () => {
    const root = tree(['plan.yaml', 'objectives.yaml']);
    expect(findPlans('.', root)).toEqual({ kind: 'found', plans: [root] });
  });

  it('walks up from a subfolder to the nearest folder holding plan.yaml', () => {
    const root = tree(['plans/north/plan.yaml', 'plans/north/prose/deep/']);
    expect(findPlans('plans/north/prose/deep', root)).toEqual({ kind: 'found', plans: [join(root, 'plans/north')] });
  });

  it('takes a plan.yaml given as a path for its folder', () => {
    const root = tree(['plans/north/plan.yaml']);
    expect(findPlans('plans/north/plan.yaml', root)).toEqual({ kind: 'found', plans: [join(root, 'plans/north')] });
  });

  it('stops walking up at the root of the repository', () => {
    const outer = tree(['plan.yaml', 'inner/.git/', 'inner/src/']);
    expect(findPlans('inner/src', outer)).toEqual({ kind: 'none', path: join(outer, 'inner/src') });
  });
});

describe('findPlans from above the plans', () => {
  it('finds every plan under ./plans, in path order', () => {
    const root = tree(['plans/south/plan.yaml', 'plans/north/plan.yaml', 'plans/regions/east/plan.yaml', 'plans/notes/']);
    expect(findPlans('.', root)).toEqual({ kind: 'found', plans: ['plans/north', 'plans/regions/east', 'plans/south'].map((p) => join(root, p)) });
  });

  it('prefers ./plans to plans elsewhere below, such as test fixtures', () => {
    const root = tree(['plans/north/plan.yaml', 'tests/fixtures/valid/plan.yaml']);
    expect(findPlans('.', root)).toEqual({ kind: 'found', plans: [join(root, 'plans/north')] });
  });

  it('finds plans anywhere below when there is no ./plans', () => {
    const root = tree(['systems/north/plan.yaml', 'systems/south/plan.yaml', 'README.md']);
    expect(findPlans('.', root)).toEqual({ kind: 'found', plans: [join(root, 'systems/north'), join(root, 'systems/south')] });
  });

  it('does not look inside a plan for other plans, nor in hidden folders, node_modules or dist', () => {
    const root = tree(['a/plan.yaml', 'a/nested/plan.yaml', '.hidden/plan.yaml', 'node_modules/x/plan.yaml', 'dist/y/plan.yaml']);
    expect(findPlans('.', root)).toEqual({ kind: 'found', plans: [join(root, 'a')] });
  });

  it(`looks at most ${SEARCH_DEPTH} folders down`, () => {
    const shallow = `${'d/'.repeat(SEARCH_DEPTH - 1)}plan.yaml`;
    const deep = `e/${'d/'.repeat(SEARCH_DEPTH)}plan.yaml`;
    const root = tree([shallow, deep]);
    expect(findPlans('.', root)).toEqual({ kind: 'found', plans: [join(root, shallow, '..')] });
  });

  it('follows a link to a folder once, so a loop of links ends', () => {
    const root = tree(['systems/north/plan.yaml']);
    symlinkSync('..', join(root, 'systems', 'up'));
    expect(findPlans('.', root)).toEqual({ kind: 'found', plans: [join(root, 'systems/north')] });
  });

  it(`gives up, saying so, below more than ${SEARCH_FOLDERS} folders`, () => {
    const root = tree([]);
    for (let i = 0; i <= SEARCH_FOLDERS; i++) mkdirSync(join(root, 'many', String(i)), { recursive: true });
    expect(findPlans('.', root)).toEqual({ kind: 'too-many-folders', path: root });
  });
});

describe('findPlans when there is no plan', () => {
  it('says a path does not exist', () => {
    const root = tree([]);
    expect(findPlans('nowhere', root)).toEqual({ kind: 'missing', path: join(root, 'nowhere') });
  });

  it('says a path is a file', () => {
    const root = tree(['notes.txt']);
    expect(findPlans('notes.txt', root)).toEqual({ kind: 'file', path: join(root, 'notes.txt') });
  });

  it('says plan.yaml is not a file', () => {
    const root = tree(['plan.yaml/']);
    expect(findPlans('.', root)).toEqual({ kind: 'manifest-not-a-file', path: root, what: 'a folder' });
  });

  it('says there is none above or below', () => {
    const root = tree(['src/', 'docs/README.md']);
    expect(findPlans('.', root)).toEqual({ kind: 'none', path: root });
  });
});
