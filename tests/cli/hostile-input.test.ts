// Malformed and hostile plan folders, through the built CLI. Whatever is in the folder, `plan check` ends
// with exit 1 (problems, each located at file:line:col) or 2 (cannot run, one plain line): never a
// stack trace, never a hang.

import { chmodSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyInstallation, copyPlanForAnyone, fixture, hasStackTrace, locatedRules, removeTempDirs, runPlan, stylishFindings, writePlan, type CliResult } from '../helpers/cli.js';

afterAll(removeTempDirs);

/** A manifest that is valid on its own, so each test's other file is the only thing wrong. */
const MANIFEST = readFileSync(join(fixture('valid'), 'plan.yaml'), 'utf8');

/** Runs `plan check` on the folder with a time limit that turns a hang into a failure. */
function check(dir: string, ...flags: string[]): Promise<CliResult> {
  return runPlan(['check', dir, ...flags], { cwd: dir, timeoutMs: 20_000 });
}

/** Exit 1 with exactly these findings (`file:line:col severity rule`, paths from the plan folder), and no crash. */
function expectFindings(result: CliResult, expected: string[]): void {
  expect(result.timedOut).toBe(false);
  expect(hasStackTrace(result.stdout + result.stderr)).toBe(false);
  expect(result.stderr).toBe('');
  expect(locatedRules(result.stdout)).toEqual(expected);
  expect(result.code).toBe(1);
}

describe('plan.yaml that is not a manifest', () => {
  it('empty: exit 1, saying plan.yaml has no `plan:` section', async () => {
    const result = await check(writePlan({ 'plan.yaml': '' }));
    expectFindings(result, ['plan.yaml:1:1 error schema']);
    expect(result.stdout).toContain('plan.yaml has no `plan:` section.');
  });

  it('empty: export refuses, saying why, rather than printing an empty plan', async () => {
    const dir = writePlan({ 'plan.yaml': '' });
    const result = await runPlan(['export', dir]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('plan.yaml has no `plan:` section.');
    expect(result.stderr.endsWith('plan: The plan cannot be read well enough to export it.\n')).toBe(true);
  });

  it('a list: exit 1, not a mapping of collections', async () => {
    const result = await check(writePlan({ 'plan.yaml': '- id: tiny\n- title: Tiny\n' }));
    expectFindings(result, ['plan.yaml:1:1 error yaml-structure']);
    expect(stylishFindings(result.stdout)[0]?.message).toBe('This file is not a mapping of collections.');
  });

  it('a mapping without `plan:`: exit 1, saying what to add', async () => {
    const result = await check(writePlan({ 'plan.yaml': 'collective_aim:\n  id: aim\n  statement: An aim.\n' }));
    expectFindings(result, ['plan.yaml:1:1 error schema']);
    expect(result.stdout).toContain('plan.yaml has no `plan:` section.');
  });

  it('a folder named plan.yaml: exit 2, the manifest must be a file', async () => {
    const dir = writePlan({});
    mkdirSync(join(dir, 'plan.yaml'));
    const result = await check(dir);
    expect(result.code).toBe(2);
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(result.stderr).toBe(`plan: ${dir}/plan.yaml is a folder; the manifest must be a file.\n`);
  });
});

describe('source files of the wrong shape', () => {
  it('a file that is a single scalar: exit 1, not a mapping of collections', async () => {
    const result = await check(writePlan({ 'plan.yaml': MANIFEST, 'objectives.yaml': 'Reduce waiting times\n' }));
    expectFindings(result, ['objectives.yaml:1:1 error yaml-structure']);
  });

  it('a collection that is a mapping, not a list: exit 1 at the mapping', async () => {
    const result = await check(writePlan({ 'plan.yaml': MANIFEST, 'objectives.yaml': 'objectives:\n  id: uec-01\n  title: Faster A&E\n' }));
    expectFindings(result, ['objectives.yaml:2:3 error schema']);
    expect(result.stdout).toContain('`objectives` should be a list of objective items, but it is not a list.');
  });

  it('an item that is a string: exit 1 at the item', async () => {
    const result = await check(writePlan({ 'plan.yaml': MANIFEST, 'objectives.yaml': 'objectives:\n  - Faster A&E\n' }));
    expectFindings(result, ['objectives.yaml:2:5 error schema']);
    expect(result.stdout).toContain('Objective number 1 in `objectives` should be a mapping of fields, but it is the text "Faster A&E".');
  });

  it('an id that is a number: exit 1 at the id, suggesting quotes', async () => {
    const result = await check(writePlan({ 'plan.yaml': MANIFEST, 'priorities.yaml': 'priorities:\n  - id: 12\n    title: Twelve\n' }));
    expectFindings(result, ['priorities.yaml:2:9 error schema']);
    expect(result.stdout).toContain('Put the value in quotes, such as `id: "12"`.');
  });

  it('a top-level key that is not a collection: exit 1, with the nearest collection name', async () => {
    const result = await check(writePlan({ 'plan.yaml': MANIFEST, 'objectives.yaml': 'objectivs: []\n' }));
    expectFindings(result, ['objectives.yaml:1:1 error unknown-key']);
    expect(result.stdout).toContain('`objectivs` is not a collection of the plan language. Did you mean `objectives`?');
  });
});

describe('very large and strange content', () => {
  const FIVE_MB = 5 * 1024 * 1024;

  it('a 5 MB single-line value: exit 1, quoting only the start of it', async () => {
    const text = `objectives:\n  - id: a\n    title: t\n    portfolio: p\n    source: ${'x'.repeat(FIVE_MB)}\n`;
    const result = await check(writePlan({ 'plan.yaml': MANIFEST, 'objectives.yaml': text }));
    expectFindings(result, ['objectives.yaml:5:13 error schema']);
    expect(result.stdout).toContain(`\`source\` of objective \`a\` is the text "${'x'.repeat(57)}…", which is not one of: national, local.`);
    expect(result.stdout.length).toBeLessThan(2_000);
  });

  it('a 5 MB id: exit 1, without echoing the whole id back', async () => {
    const text = `objectives:\n  - id: ${'x'.repeat(FIVE_MB)}\n    title: t\n    source: local\n`;
    const result = await check(writePlan({ 'plan.yaml': MANIFEST, 'objectives.yaml': text }));
    expect(result.code).toBe(1);
    expect(result.stdout.length).toBeLessThan(10_000);
  });

  it('binary garbage: exit 1, at its first byte that is not UTF-8', async () => {
    // Every byte value, in a fixed scrambled order, so each run reads the same garbage; the fifth is 0x9f.
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256);
    const result = await check(writePlan({ 'plan.yaml': MANIFEST, 'objectives.yaml': garbage }));
    expectFindings(result, ['objectives.yaml:1:5 error read-error']);
  });

  it('binary garbage with NUL bytes and broken UTF-8 in plan.yaml: exit 1, located in plan.yaml', async () => {
    const garbage = Uint8Array.from([0xff, 0xfe, 0x00, 0x3a, 0x0a, 0xc3, 0x28, 0x5b, 0x7b, 0x0a, 0x09, 0x00, 0x2d, 0x2d, 0x2d, 0x0a]);
    const result = await check(writePlan({ 'plan.yaml': garbage }));
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(1);
    expect(hasStackTrace(result.stdout + result.stderr)).toBe(false);
    const findings = stylishFindings(result.stdout);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) expect(finding.file).toBe('plan.yaml');
  });

  it('a "billion laughs" of aliases: exit 1 quickly, at the alias that goes over the limit', async () => {
    const level = (name: string, previous: string) => `${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`;
    const text = ['objectives: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', level('b', 'a'), level('c', 'b'), level('d', 'c'),
      level('e', 'd'), level('f', 'e'), level('g', 'f'), level('h', 'g'), level('i', 'h')].join('\n') + '\n';
    const result = await check(writePlan({ 'plan.yaml': MANIFEST, 'laughs.yaml': text }));
    expect(result.code).toBe(1);
    expect(stylishFindings(result.stdout).filter((f) => f.rule === 'yaml-syntax')).toEqual([
      expect.objectContaining({ file: 'laughs.yaml', line: 2, column: 40, message: 'This file expands YAML aliases (*name) more than 10000 times.' }),
    ]);
  });

  it('200 nested lists: exit 1 at the first list too deep', async () => {
    const text = `objectives: ${'['.repeat(200)}${']'.repeat(200)}\n`;
    const result = await check(writePlan({ 'plan.yaml': MANIFEST, 'objectives.yaml': text }));
    expect(result.code).toBe(1);
    expect(stylishFindings(result.stdout).filter((f) => f.rule === 'yaml-syntax')).toEqual([
      expect.objectContaining({ file: 'objectives.yaml', line: 1, column: 77, message: 'This value is nested more than 64 levels deep.' }),
    ]);
  });
});

describe('strange things in the folder', () => {
  it('a folder named x.yaml is searched like any folder, its files checked at their paths', async () => {
    const result = await check(writePlan({ 'plan.yaml': MANIFEST, 'x.yaml/objectives.yaml': 'objectives: {}\n' }));
    expectFindings(result, ['x.yaml/objectives.yaml:1:13 error schema']);
  });

  it('a symlink named x.yaml that points at a folder is searched as that folder', async () => {
    const dir = writePlan({ 'plan.yaml': MANIFEST, 'real/objectives.yaml': 'objectives: {}\n' });
    symlinkSync('real', join(dir, 'x.yaml'));
    const result = await check(dir);
    // The folder is read once, under its real name; the link to it is not searched a second time.
    expectFindings(result, ['real/objectives.yaml:1:13 error schema']);
  });

  it('a loop of file symlinks: exit 1, each link reported as unreadable', async () => {
    const dir = writePlan({ 'plan.yaml': MANIFEST });
    symlinkSync('b.yaml', join(dir, 'a.yaml'));
    symlinkSync('a.yaml', join(dir, 'b.yaml'));
    const result = await check(dir);
    expectFindings(result, ['a.yaml:1:1 error read-error', 'b.yaml:1:1 error read-error']);
    expect(result.stdout).toContain('This file cannot be read (ELOOP).');
  });

  it('a symlink back to the folder above or to itself is followed at most once, so the search ends', async () => {
    const dir = writePlan({ 'plan.yaml': MANIFEST, 'sub/README.md': '' });
    symlinkSync('..', join(dir, 'sub', 'up'));
    symlinkSync('.', join(dir, 'self'));
    const result = await check(dir);
    expect(result.timedOut).toBe(false);
    expect(result).toMatchObject({ code: 0, stdout: '✔ No problems found in this plan.\n' });
  });

  it('an unreadable file: exit 1, permission denied', async () => {
    // chmod 000 does not stop root from reading a file, and tests may run as root (in a container,
    // say): root's run is made as the user nobody, from a copy of plan and of the plan it can read.
    const user = process.getuid?.() === 0 ? 65534 : undefined;
    const installation = copyInstallation();
    chmodSync(join(installation.lib, '..'), 0o755);
    const dir = copyPlanForAnyone(writePlan({ 'plan.yaml': MANIFEST, 'secret.yaml': 'objectives: []\n' }));
    chmodSync(join(dir, 'secret.yaml'), 0o000);
    const result = await runPlan(['check', dir, '--no-cache'], { cwd: dir, timeoutMs: 20_000, user, launcher: installation.launcher });
    chmodSync(join(dir, 'secret.yaml'), 0o644);
    expectFindings(result, ['secret.yaml:1:1 error read-error']);
    expect(result.stdout).toContain('This file cannot be read: permission denied.');
  });
});

describe('every hostile plan in other formats', () => {
  it('gives parseable JSON for a file of binary garbage', async () => {
    const garbage = Uint8Array.from({ length: 512 }, (_, i) => (i * 101 + 7) % 256);
    const result = await check(writePlan({ 'plan.yaml': MANIFEST, 'objectives.yaml': garbage }), '--format', 'json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: { file: string; line: number }[] };
    expect(report.diagnostics.map((d) => d.file)).toEqual(['objectives.yaml']);
  });
});

describe('YAML nested beyond what a parser can follow', () => {
  it('is a located, plain message, not a crash', async () => {
    const deep = `objectives: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    const result = await check(writePlan({ 'plan.yaml': MANIFEST, 'deep.yaml': deep }));
    expect(result.code).toBe(1);
    expect(hasStackTrace(result.stdout + result.stderr)).toBe(false);
    expect(result.stdout).toContain('nested far too deeply');
    expect(result.stdout).toMatch(/deep\.yaml\n\s+1:\d+\s+error/);
  });
});
