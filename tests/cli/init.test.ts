// `plan init`: a new plan that checks with no errors and builds, whose every file follows the editor
// schema it points to, with what is left to do as warnings with hints; asked for in a terminal, taken
// from flags elsewhere, and never written into a folder that is not empty.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../src/model/json-schema.js';
import { makeTempDir, planBin, repoRoot, runPlan } from '../helpers/cli.js';
import { validatorOf } from '../helpers/json-schema.js';

const ANSWERS = ['--name', 'Riverside Integrated Care System', '--period', '2025-26', '--aim', 'Increase healthy life expectancy'];

async function initPlan(extra: string[] = ANSWERS): Promise<string> {
  const dir = join(makeTempDir(), 'riverside');
  const result = await runPlan(['init', dir, ...extra]);
  expect(result.code, result.stderr).toBe(0);
  return dir;
}

const yamlFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort();

interface Finding { rule: string; severity: string; hint: string | null }

describe('plan init', () => {
  it('makes a plan that plan check passes with no errors and plan build builds', async () => {
    const dir = await initPlan();
    const check = await runPlan(['check', dir, '--format', 'json']);
    expect(check.code, check.stdout).toBe(0);
    expect((JSON.parse(check.stdout) as { summary: { errors: number } }).summary.errors).toBe(0);
    const out = join(makeTempDir(), 'site');
    const build = await runPlan(['build', dir, '--out', out]);
    expect(build.code, build.stderr).toBe(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Riverside Integrated Care System');
  });

  it('leaves its gaps as warnings, each with a hint: actions to add, SMART targets, duty coverage', async () => {
    const dir = await initPlan();
    const { diagnostics } = JSON.parse((await runPlan(['check', dir, '--format', 'json'])).stdout) as { diagnostics: Finding[] };
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.filter((d) => d.severity !== 'warning')).toEqual([]);
    expect(diagnostics.filter((d) => !d.hint)).toEqual([]);
    expect(new Set(diagnostics.map((d) => d.rule))).toEqual(new Set(['objective-has-action', 'objective-is-smart', 'duty-covered']));
    expect(diagnostics.filter((d) => d.rule === 'duty-covered')).toHaveLength(17);
    expect(diagnostics.filter((d) => d.rule === 'objective-has-action')).toHaveLength(31);
  });

  it('starts every file with the modeline of the schema it writes, and every file follows that schema', async () => {
    const dir = await initPlan();
    const schema = JSON.parse(readFileSync(join(dir, '.plan', 'schema.json'), 'utf8')) as JsonSchema;
    const validate = validatorOf(schema);
    const files = yamlFiles(dir);
    expect(files).toEqual(['actions.yaml', 'duties.yaml', 'metrics.yaml', 'objectives.yaml', 'organisations.yaml', 'plan.yaml', 'portfolios.yaml', 'priorities.yaml', 'projects.yaml']);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text.split('\n')[0], file).toBe('# yaml-language-server: $schema=.plan/schema.json');
      expect(validate(parse(text)), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('writes the schema of the new plan: an objective\'s portfolio offers the stand-in owner', async () => {
    const dir = await initPlan();
    expect(readFileSync(join(dir, '.plan', 'schema.json'), 'utf8')).toBe((await runPlan(['schema', dir])).stdout);
  });

  it('holds the 31 national objectives of the reference data word for word, and the 17 statutory duties with their requirements', async () => {
    const dir = await initPlan();
    const exported = JSON.parse((await runPlan(['export', dir])).stdout) as { objectives: { id: string; title: string; source: string; portfolio: string }[]; duties: { title: string; requirement: string | null }[] };
    const reference = parse(readFileSync(join(repoRoot, 'reference', 'national-objectives-2023-24.yaml'), 'utf8')) as { objectives: { id: string; title: string }[] };
    expect(exported.objectives.map((o) => [o.id, o.title])).toEqual(reference.objectives.map((o) => [o.id, o.title]));
    expect(new Set(exported.objectives.map((o) => `${o.source} ${o.portfolio}`))).toEqual(new Set(['national unassigned']));
    expect(exported.duties).toHaveLength(17);
    expect(exported.duties.filter((d) => !d.requirement)).toEqual([]);
  });

  it('writes the same bytes for the same answers', async () => {
    const [first, second] = [await initPlan(), await initPlan()];
    for (const file of [...yamlFiles(first), '.plan/schema.json']) expect(readFileSync(join(second, file), 'utf8'), file).toBe(readFileSync(join(first, file), 'utf8'));
  });

  it('writes a name and an aim that YAML would misread exactly as they were typed', async () => {
    const dir = await initPlan(['--name', 'Riverside: North # and South', '--period', '2025-26', '--aim', '- yes: 100%']);
    const manifest = parse(readFileSync(join(dir, 'plan.yaml'), 'utf8')) as { plan: { system: string }; collective_aim: { statement: string } };
    expect(manifest.plan.system).toBe('Riverside: North # and South');
    expect(manifest.collective_aim.statement).toBe('- yes: 100%');
  });

  it('reads --period 2025-30 as five financial years, and takes --start and --end instead', async () => {
    const five = parse(readFileSync(join(await initPlan(['--name', 'R', '--period', '2025-30', '--aim', 'A']), 'plan.yaml'), 'utf8')) as { plan: { title: string; period: unknown } };
    expect(five.plan.period).toEqual({ start: '2025-04-01', end: '2030-03-31' });
    expect(five.plan.title).toBe('Joint Forward Plan 2025 to 2030');
    const dates = parse(readFileSync(join(await initPlan(['--name', 'R', '--start', '2025-01-01', '--end', '2025-12-31', '--aim', 'A']), 'plan.yaml'), 'utf8')) as { plan: { period: unknown } };
    expect(dates.plan.period).toEqual({ start: '2025-01-01', end: '2025-12-31' });
  });

  it('refuses a folder that is not empty (exit 2), leaving it as it was', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const result = await runPlan(['init', dir, ...ANSWERS]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not empty (it holds notes.txt), so plan init will not write into it');
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('refuses a folder inside another plan (exit 2), which would read the new plan as its own', async () => {
    const outer = await initPlan();
    const result = await runPlan(['init', join(outer, 'inner'), ...ANSWERS]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('which would read the new plan\'s files as its own');
    expect(existsSync(join(outer, 'inner'))).toBe(false);
  });

  it('writes into a folder that holds only a new git repository', async () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, '.git'));
    expect((await runPlan(['init', dir, ...ANSWERS])).code).toBe(0);
    expect(existsSync(join(dir, 'plan.yaml'))).toBe(true);
  });

  it('without a terminal, refuses a missing flag by name (exit 2) and writes nothing', async () => {
    const dir = join(makeTempDir(), 'riverside');
    for (const [given, needed] of [[['--name', 'R', '--period', '2025-26'], '--aim'], [['--aim', 'A', '--yes'], '--name'], [['--name', 'R'], '--period and --aim']] as const) {
      const result = await runPlan(['init', dir, ...given]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`plan init cannot ask here, so it needs ${needed}`);
    }
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a period that is not one (exit 2), saying how to write it', async () => {
    const result = await runPlan(['init', join(makeTempDir(), 'p'), '--name', 'R', '--aim', 'A', '--period', 'next year']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('write the first and last years as 2025-26');
  });

  it('in a terminal, asks for the name, the period and the aim', async () => {
    const dir = join(makeTempDir(), 'asked');
    const { code, screen } = await inTerminal(['init', dir], [
      ['integrated care system:', 'Riverside ICS'],
      ['years the plan covers', '2025-30'],
      ['collective aim', 'Everyone lives longer'],
    ]);
    expect(code, screen).toBe(0);
    const manifest = parse(readFileSync(join(dir, 'plan.yaml'), 'utf8')) as { plan: { system: string; period: unknown }; collective_aim: { statement: string } };
    expect(manifest.plan.system).toBe('Riverside ICS');
    expect(manifest.plan.period).toEqual({ start: '2025-04-01', end: '2030-03-31' });
    expect(manifest.collective_aim.statement).toBe('Everyone lives longer');
  });

  it('in a terminal, stopped at a question, writes nothing (exit 2)', async () => {
    const dir = join(makeTempDir(), 'stopped');
    const { code, screen } = await inTerminal(['init', dir], [['integrated care system:', '\u0003']]);
    expect(code).toBe(2);
    expect(screen).toContain('plan init was stopped before it wrote anything');
    expect(existsSync(dir)).toBe(false);
  });
});

/**
 * Runs plan in a pseudo-terminal (util-linux `script`), answering each question when its words appear;
 * an answer is typed and followed by Enter, except a control character, which is sent alone.
 */
function inTerminal(args: string[], answers: [prompt: string, answer: string][]): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, planBin, ...args].map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let next = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    screen += chunk;
    const answer = answers[next];
    if (answer && screen.includes(answer[0])) {
      next++;
      child.stdin.write(/^[\u0000-\u001f]$/.test(answer[1]) ? answer[1] : `${answer[1]}\r`);
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) => child.on('close', (code) => {
    clearTimeout(timer);
    resolve({ code, screen });
  }));
}
