// What plan reads: only regular files inside the plan folder (unless told otherwise), each of at most
// 20 MB and valid UTF-8; and inputs that once hung or crashed it: many findings, many aliases, many keys.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, locatedRules, makeTempDir, runPlan, stylishFindings, writePlan } from '../helpers/cli.js';

const MANIFEST = readFileSync(join(fixture('valid'), 'plan.yaml'), 'utf8');
const validFiles = (): Record<string, string> =>
  Object.fromEntries(readdirSync(fixture('valid')).map((name) => [name, readFileSync(join(fixture('valid'), name), 'utf8')]));
const check = (dir: string, ...flags: string[]) => runPlan(['check', dir, ...flags], { cwd: dir, timeoutMs: 20_000 });

/** Every file under a folder, as text. */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => readFileSync(join(e.parentPath, e.name), 'utf8')).join('\n');
}

describe('files outside the plan folder', () => {
  it('a prose file linked to /proc/self/environ is refused, and no secret reaches the output', async () => {
    const plan = writePlan(validFiles());
    mkdirSync(join(plan, 'prose'));
    symlinkSync('/proc/self/environ', join(plan, 'prose', 'introduction.md'));
    const out = join(makeTempDir('plan-leak-'), 'site');
    const result = await runPlan(['build', plan, '--out', out], { env: { MYSECRET: 'hunter2' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('This is a link to /proc');
    expect(result.stderr).toContain('outside the plan folder, so plan does not read it');
    expect(allText(out)).not.toContain('hunter2');
    expect(result.stdout + result.stderr).not.toContain('hunter2');
  });

  it('a source file linked from outside: refused at its path, and read with --allow-outside', async () => {
    const outside = makeTempDir('plan-outside-');
    writeFileSync(join(outside, 'shared-duties.yaml'), 'duties:\n  - id: shared-duty\n    title: A duty kept in another repository\n');
    const plan = writePlan(validFiles());
    symlinkSync(join(outside, 'shared-duties.yaml'), join(plan, 'shared.yaml'));
    const refused = await check(plan, '--format', 'json');
    const diagnostics = (JSON.parse(refused.stdout) as { diagnostics: { file: string; rule: string; message: string }[] }).diagnostics;
    expect(diagnostics.filter((d) => d.rule === 'read-error')).toEqual([expect.objectContaining({ file: 'shared.yaml', message: expect.stringContaining('outside the plan folder') })]);
    const allowed = await runPlan(['export', plan, '--allow-outside']);
    expect(allowed.stdout).toContain('"shared-duty"');
  });

  it('a folder linked from outside is reported once at the link, not followed', async () => {
    const outside = makeTempDir('plan-outside-');
    for (let i = 0; i < 5; i++) writeFileSync(join(outside, `part-${i}.yaml`), 'duties: []\n');
    const plan = writePlan(validFiles());
    symlinkSync(outside, join(plan, 'elsewhere'));
    const result = await check(plan);
    expect(locatedRules(result.stdout)).toEqual(['elsewhere:1:1 error read-error']);
  });
});

describe('the plan\'s own templates', () => {
  it('a template linked to /proc/self/environ is refused: exit 2, and no secret in the message or the output', async () => {
    const plan = writePlan(validFiles());
    mkdirSync(join(plan, 'templates', 'html', 'partials'), { recursive: true });
    symlinkSync('/proc/self/environ', join(plan, 'templates', 'html', 'partials', 'nhs-logo.hbs'));
    const out = join(makeTempDir('plan-leak-'), 'site');
    const result = await runPlan(['build', plan, '--out', out], { env: { MYSECRET: 'hunter2' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The template templates/html/partials/nhs-logo.hbs cannot be used: this is a link to /proc');
    expect(result.stdout + result.stderr).not.toContain('hunter2');
  });

  it('a template that is a FIFO: exit 2 at once, never waiting on it', async () => {
    const plan = writePlan(validFiles());
    mkdirSync(join(plan, 'templates', 'md'), { recursive: true });
    spawnSync('mkfifo', [join(plan, 'templates', 'md', 'duties.hbs')]);
    const result = await runPlan(['build', plan, '--out', join(makeTempDir('plan-fifo-'), 'site')], { timeoutMs: 20_000 });
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The template templates/md/duties.hbs cannot be used: this is a named pipe (FIFO), not a file');
  });
});

describe('things that are not files', () => {
  it('a FIFO named objectives.yaml: exit 1 at once, never waiting on it', async () => {
    const plan = writePlan({ 'plan.yaml': MANIFEST });
    spawnSync('mkfifo', [join(plan, 'objectives.yaml')]);
    const result = await check(plan);
    expect(result.timedOut).toBe(false);
    expect(locatedRules(result.stdout)).toEqual(['objectives.yaml:1:1 error read-error']);
    expect(result.stdout).toContain('This is a named pipe (FIFO), not a file');
  });

  it('/dev/zero linked in as a source, even with --allow-outside: refused as a device, without reading it', async () => {
    const plan = writePlan({ 'plan.yaml': MANIFEST });
    symlinkSync('/dev/zero', join(plan, 'zero.yaml'));
    const result = await check(plan, '--allow-outside');
    expect(result.timedOut).toBe(false);
    expect(locatedRules(result.stdout)).toEqual(['zero.yaml:1:1 error read-error']);
    expect(result.stdout).toContain('This is a device, not a file');
  });

  it('plan.yaml as a FIFO: exit 2, saying it is a named pipe, not a folder', async () => {
    const plan = writePlan({});
    spawnSync('mkfifo', [join(plan, 'plan.yaml')]);
    const given = await runPlan(['check', plan], { timeoutMs: 20_000 });
    expect(given.code).toBe(2);
    expect(given.stderr).toBe(`plan: ${plan}/plan.yaml is a named pipe (FIFO); the manifest must be a file.\n`);
    const here = await runPlan(['check'], { cwd: plan, timeoutMs: 20_000 });
    expect(here.code).toBe(2);
    expect(here.stderr).toContain('plan.yaml is a named pipe (FIFO); the manifest must be a file.');
  });
});

describe('what a file may hold', () => {
  it('a file over 20 MB: exit 1, saying the limit, without parsing it', async () => {
    const plan = writePlan({ 'plan.yaml': MANIFEST, 'big.yaml': `# ${'x'.repeat(21 * 1024 * 1024)}\n` });
    const result = await check(plan);
    expect(locatedRules(result.stdout)).toEqual(['big.yaml:1:1 error read-error']);
    expect(stylishFindings(result.stdout)[0]!.message).toBe('This file is 21.0 MB; plan reads files of up to 20 MB.');
  });

  it('invalid UTF-8: exit 1 at the line and column of the first bad byte, giving its offset', async () => {
    const text = Buffer.concat([Buffer.from('objectives:\n  - id: cafe\n    title: Caf'), Buffer.from([0xe9]), Buffer.from(' opening\n    source: local\n')]);
    const plan = writePlan({ 'plan.yaml': MANIFEST, 'objectives.yaml': text });
    const result = await check(plan);
    expect(locatedRules(result.stdout)).toEqual(['objectives.yaml:3:15 error read-error']);
    expect(stylishFindings(result.stdout)[0]!.message).toBe('This file is not valid UTF-8: the byte at offset 39 (0xe9) does not belong to any character.');
  });

  it('a U+FFFD written in the file is valid UTF-8; the bad byte after it is the one reported', async () => {
    const text = Buffer.concat([Buffer.from('# \uFFFD\n# '), Buffer.from([0xff]), Buffer.from('\n')]);
    const plan = writePlan({ 'plan.yaml': MANIFEST, 'notes.yaml': text });
    const result = await check(plan);
    expect(locatedRules(result.stdout)).toEqual(['notes.yaml:2:3 error read-error']);
    expect(result.stdout).toContain('offset 8 (0xff)');
  });
});

describe('inputs that once crashed or hung plan', () => {
  it('45,000 objectives naming one missing portfolio: every finding listed, no internal error', async () => {
    const objectives = Array.from({ length: 45_000 }, (_, i) => `  - id: o-${i}\n    title: Objective ${i}\n    source: local\n    portfolio: missing\n`).join('');
    const plan = writePlan({ ...validFiles(), 'objectives.yaml': `objectives:\n${objectives}` });
    const result = await runPlan(['check', plan, '--format', 'json'], { timeoutMs: 120_000 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const { diagnostics } = JSON.parse(result.stdout) as { diagnostics: { rule: string }[] };
    expect(diagnostics.filter((d) => d.rule === 'objective-has-owner')).toHaveLength(45_000);
  }, 150_000);

  it('20,000 aliases in one field: stops at the alias limit at once, not after minutes', async () => {
    const text = `portfolios:\n  - id: uec\n    name: &n Urgent care\n    focus: [${Array(20_000).fill('*n').join(', ')}]\n`;
    const result = await check(writePlan({ 'plan.yaml': MANIFEST, 'aliases.yaml': text }));
    expect(result.timedOut).toBe(false);
    expect(result.stdout).toContain('This file expands YAML aliases (*name) more than 10000 times.');
  });

  it('a mapping of 60,000 keys: each duplicate found without comparing every pair', async () => {
    const keys = Array.from({ length: 60_000 }, (_, i) => `      e${i}: [s]`).join('\n');
    const text = `duties:\n  - id: d\n    title: D\n    coverage:\n${keys}\n      e7: [again]\n`;
    const result = await check(writePlan({ 'plan.yaml': MANIFEST, 'duties.yaml': text }));
    expect(result.timedOut).toBe(false);
    expect(locatedRules(result.stdout)).toEqual(['duties.yaml:60005:7 error yaml-syntax']);
    expect(result.stdout).toContain('This key appears twice in the same mapping');
  });
});
