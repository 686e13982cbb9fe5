// Plan text printed for a person or a CI log cannot act on the terminal or the log: an escape sequence
// in a title cannot erase or recolour the line that reports an error, and a line break in a title cannot
// start a GitHub Actions workflow command. Checked on the built CLI, in every human-readable output.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyPlan, fixture, runPlan, stylishFindings } from '../helpers/cli.js';

/** Erases the line, returns to its start and prints a green tick: on a terminal, the error would vanish. */
const HIDING_TITLE = 'Fake\u001b[2K\r\u001b[32m✔ No problems found…';
/** A line break, then workflow commands that a CI runner would obey if they started a line. (The plan language trims the first line break.) */
const INJECTING_TITLE = '\n::error file=plan.yaml,line=1::INJECTED\n::add-mask::x';

/** The valid plan with one statutory duty, titled `title`, that no edition covers: a duty-covered error quoting the title. */
function planWithDutyTitled(title: string): string {
  const dir = copyPlan(fixture('valid'));
  writeFileSync(join(dir, 'more-duties.yaml'), `duties:\n  - id: hostile-duty\n    title: ${JSON.stringify(title)}\n`);
  return dir;
}

/** No ESC, CR or other C0 control other than the line feeds that end the output's own lines. */
function expectNoControls(text: string): void {
  expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
}

/** Lines a GitHub Actions runner would read as workflow commands: `::` after any leading spaces. */
const commandLines = (text: string) => text.split('\n').filter((line) => line.trimStart().startsWith('::'));

describe('a title made to hide an error on a terminal', () => {
  it('cannot hide it in stylish: no escape code or carriage return, and the error line is there', async () => {
    const result = await runPlan(['check', '.'], { cwd: planWithDutyTitled(HIDING_TITLE), env: { NO_COLOR: undefined, FORCE_COLOR: '0' } });
    expect(result.code).toBe(1);
    expectNoControls(result.stdout);
    expect(stylishFindings(result.stdout)).toEqual([expect.objectContaining({ severity: 'error', rule: 'duty-covered', message: expect.stringContaining('Statutory duty "Fake␛[2K ␛[32m✔ No problems found…" (`hostile-duty`)') })]);
    expect(result.stdout.endsWith('✖ 1 problem (1 error, 0 warnings)\n')).toBe(true);
  });

  it('cannot hide it in colour either: the only escape codes are plan\'s own colours', async () => {
    const result = await runPlan(['check', '.'], { cwd: planWithDutyTitled(HIDING_TITLE), env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(result.stdout).toContain('Fake␛[2K ␛[32m✔');
    expect(result.stdout).not.toMatch(/\u001b\[(2K|32m)/);
    expect(result.stdout).not.toContain('\r');
  });

  it('cannot hide it in compact: one line for the error, with no controls', async () => {
    const result = await runPlan(['check', '.', '--format', 'compact'], { cwd: planWithDutyTitled(HIDING_TITLE) });
    expectNoControls(result.stdout);
    expect(result.stdout.split('\n').filter((line) => line.includes(': error '))).toEqual([
      expect.stringMatching(/^more-duties\.yaml:2:5: error Statutory duty "Fake␛\[2K ␛\[32m✔ No problems found…" \(`hostile-duty`\) .*\[duty-covered\]$/),
    ]);
  });

  it('cannot act on the terminal through plan trace', async () => {
    const result = await runPlan(['trace', 'hostile-duty'], { cwd: planWithDutyTitled(HIDING_TITLE) });
    expectNoControls(result.stdout);
    expect(result.stdout.split('\n')[0]).toBe('Statutory duty "Fake␛[2K ␛[32m✔ No problems found…" (`hostile-duty`)  more-duties.yaml:2:5');
  });
});

describe('a title made to write workflow commands into a CI log', () => {
  it('writes none in stylish', async () => {
    const result = await runPlan(['check', '.'], { cwd: planWithDutyTitled(INJECTING_TITLE) });
    expect(result.code).toBe(1);
    expect(commandLines(result.stdout)).toEqual([]);
    expect(result.stdout).toContain('Statutory duty "::error file=plan.yaml,line=1::INJECTED ::add-mask::x" (`hostile-duty`)');
  });

  it('writes none in compact', async () => {
    const result = await runPlan(['check', '.', '--format', 'compact'], { cwd: planWithDutyTitled(INJECTING_TITLE) });
    expect(commandLines(result.stdout)).toEqual([]);
  });

  it('writes only plan\'s own annotation in github, the title\'s line breaks encoded', async () => {
    const result = await runPlan(['check', '.', '--format', 'github'], { cwd: planWithDutyTitled(INJECTING_TITLE) });
    expect(commandLines(result.stdout)).toEqual([
      '::error file=more-duties.yaml,line=2,col=5,title=duty-covered::Statutory duty "::error file=plan.yaml,line=1::INJECTED ::add-mask::x" (`hostile-duty`) '
      + 'is covered by no edition of the plan. Under `coverage:`, list the sections that meet it for an edition (jfp, summary).',
    ]);
  });

  it('brings no escape code into the github log either', async () => {
    const result = await runPlan(['check', '.', '--format', 'github'], { cwd: planWithDutyTitled(HIDING_TITLE) });
    expectNoControls(result.stdout);
    expect(result.stdout).toContain('"Fake␛[2K ␛[32m✔ No problems found…" (`hostile-duty`)');
  });

  it('writes none through plan trace, which keeps one tree line per item', async () => {
    const result = await runPlan(['trace', 'hostile-duty'], { cwd: planWithDutyTitled(INJECTING_TITLE) });
    expect(commandLines(result.stdout)).toEqual([]);
    expect(result.stdout.split('\n')).toHaveLength(5);
  });

  it('writes none when the errors are listed on stderr by plan export', async () => {
    const result = await runPlan(['export'], { cwd: planWithDutyTitled(INJECTING_TITLE) });
    expect(result.code).toBe(1);
    expect(commandLines(result.stderr)).toEqual([]);
    expectNoControls(result.stderr);
  });
});

describe('messages on stderr that quote what was typed', () => {
  it('show control characters in a path as visible marks', async () => {
    const result = await runPlan(['check', 'no-such\u001b[2K\rplan']);
    expect(result.code).toBe(2);
    expectNoControls(result.stderr);
    expect(result.stderr.split('\n')[0]).toBe('plan: There is no folder no-such␛[2K⏎plan.');
  });
});
