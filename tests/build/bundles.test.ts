// What the bundles of lib/ must be for bin/plan to run them from their code cache: plain ASCII, so it
// reads them as Latin-1 (esbuild escapes every string, template and name, and scripts/ascii-regexps.mjs
// the regular expression literals esbuild leaves as they were written), and free of import(); and which
// of Node's own modules a run of them loads: only those it uses.

import { tokenizer } from 'acorn';
import { isAscii } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeRegExpLiterals } from '../../scripts/ascii-regexps.mjs';
import { fixture, makeTempDir, repoRoot } from '../helpers/cli.js';
import { makeGitRepo } from '../helpers/git-repo.js';
import { generatePlan } from '../../bench/generate.js';

const BUNDLES = ['plan.cjs', 'check.cjs', 'build.cjs'];

/** The regular expression a literal written in JavaScript makes. */
const regExpOf = (literal: string): RegExp => new Function(`return ${literal}`)() as RegExp;

describe('escaping the regular expressions of a bundle', () => {
  it('writes a non-ASCII character of a regular expression as its \\u escape, and nothing else', () => {
    expect(escapeRegExpLiterals('x=/a…b/g.test(y)/2;z="…"')).toBe('x=/a\\u2026b/g.test(y)/2;z="…"');
  });

  it('keeps what each regular expression matches: in a character class, with the u flag, after a backslash, beyond the BMP', () => {
    const cases: [string, string[], string[]][] = [
      ['/[\\s,;:.–—-]+$/u', ['end –', 'end —'], ['end']],
      ['/([?!])…/g', ['?…'], ['?.', '?']],
      ['/\\…/', ['…'], ['\\…', 'u2026']],
      ['/^😀$/u', ['😀'], ['\uD83D']],
      ['/^[😀]$/u', ['😀'], ['\uD83D', '\uDE00']],
      ['/^😀{2}$/', ['\uD83D\uDE00\uDE00'], ['😀😀']],
    ];
    for (const [literal, matching, other] of cases) {
      const escaped = escapeRegExpLiterals(`x=${literal}`).slice(2);
      expect(isAscii(Buffer.from(escaped)), escaped).toBe(true);
      for (const text of matching) expect(regExpOf(escaped).test(text), `${escaped} on ${text}`).toBe(true);
      for (const text of other) expect(regExpOf(escaped).test(text), `${escaped} on ${text}`).toBe(regExpOf(literal).test(text));
    }
  });

  it('leaves the built bundles with no byte outside ASCII', () => {
    for (const name of BUNDLES) expect(isAscii(readFileSync(join(repoRoot, 'lib', name))), name).toBe(true);
  });
});

/** Where a source calls import(), by the tokens that say so, not by its text. */
function dynamicImports(source: string): string[] {
  const found: string[] = [];
  let previous = '';
  for (const token of tokenizer(source, { ecmaVersion: 'latest' })) {
    if (previous === 'import' && token.type.label === '(') found.push(source.slice(token.start, token.start + 40));
    previous = token.type.label;
  }
  return found;
}

describe('the bundles', () => {
  it('hold no import(), which Node 20 cannot run in a script given a code cache', () => {
    expect(dynamicImports('const s = "import(x)"; const m = await import("playwright-core");')).toEqual(['("playwright-core");']);
    for (const name of BUNDLES) expect(dynamicImports(readFileSync(join(repoRoot, 'lib', name), 'latin1')), name).toEqual([]);
  });
});

describe('what a run loads', () => {
  /** Node's own modules a run of bin/plan loaded, as it reports them at exit. */
  function builtinsLoadedBy(args: readonly string[], cwd = repoRoot, env: Record<string, string> = {}): string[] {
    const dir = makeTempDir('plan-loaded-');
    const probe = join(dir, 'probe.cjs');
    writeFileSync(probe, "process.on('exit', () => require('node:fs').writeSync(2, '\\nLOADED ' + JSON.stringify(process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13))) + '\\n'));\n");
    const run = spawnSync(process.execPath, ['-r', probe, join(repoRoot, 'bin', 'plan'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, PLAN_CACHE: '0', NO_COLOR: '1', ...env } });
    expect(run.status, run.stderr).toBe(0);
    const line = run.stderr.split('\n').find((l) => l.startsWith('LOADED '));
    expect(line, run.stderr).toBeDefined();
    return JSON.parse(line!.slice('LOADED '.length)) as string[];
  }

  it('loads neither child_process nor worker_threads for a check or a build of a small plan, which use neither', () => {
    const embedded = join(repoRoot, 'plans', 'staffordshire-stoke-2023-24');
    for (const args of [['check', embedded], ['build', embedded, '--out', join(makeTempDir(), 'site'), '--quiet']]) {
      const loaded = builtinsLoadedBy(args);
      expect(loaded, args[0]).toContain('fs');
      expect(loaded, args[0]).not.toContain('child_process');
      expect(loaded, args[0]).not.toContain('worker_threads');
    }
  });

  it('starts a thread to write a big build in the background, and only then', () => {
    const dir = makeTempDir('plan-big-');
    generatePlan(join(dir, 'plan'), { actions: 5_000, breaks: false });
    // With the parse on the main thread, worker_threads is loaded only for the thread that writes.
    const env = { PLAN_WORKERS: '0' };
    expect(builtinsLoadedBy(['build', join(dir, 'plan'), '--out', join(dir, 'site'), '--quiet'], repoRoot, env)).toContain('worker_threads');
    expect(builtinsLoadedBy(['check', join(dir, 'plan')], repoRoot, env)).not.toContain('worker_threads');
  }, 60_000);

  it('still loads child_process when a command runs git', () => {
    expect(builtinsLoadedBy(['diff', '--help'])).not.toContain('child_process');
    const repo = makeGitRepo();
    repo.commit({ 'plans/p/plan.yaml': readFileSync(join(fixture('tiny'), 'plan.yaml'), 'utf8'), 'plans/p/system.yaml': readFileSync(join(fixture('tiny'), 'system.yaml'), 'utf8') }, 'A plan');
    expect(builtinsLoadedBy(['diff', 'HEAD'], join(repo.root, 'plans', 'p'))).toContain('child_process');
  });
});
