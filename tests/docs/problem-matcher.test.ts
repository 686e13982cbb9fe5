// The VS Code problem matcher that docs/cli.md gives for `--format compact` captures every finding, read
// from the page itself and run the way VS Code runs it (its pattern, one line at a time) on the real
// output for the embedded plan, and each capture says what `--format json` says of that finding.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runPlan } from '../helpers/cli.js';

interface ProblemPattern {
  regexp: string;
  file: number;
  line: number;
  column: number;
  severity: number;
  message: number;
  code: number;
}

interface Task {
  command: string;
  problemMatcher: { fileLocation: [string, string]; pattern: ProblemPattern };
}

/** The tasks.json of docs/cli.md's "In VS Code" section. */
function documentedTask(): Task {
  const page = readFileSync(join(repoRoot, 'docs', 'cli.md'), 'utf8');
  const section = page.slice(page.indexOf('#### In VS Code'));
  const block = /```json\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('docs/cli.md has no tasks.json under "In VS Code"');
  return (JSON.parse(block[1]!) as { tasks: Task[] }).tasks[0]!;
}

const PLAN = 'plans/staffordshire-stoke-2023-24';

describe('the problem matcher of docs/cli.md', () => {
  it('runs plan check in the compact format', () => {
    expect(documentedTask().command).toBe('plan check --format compact');
  });

  it('captures every finding of the embedded plan, each as --format json gives it', async () => {
    const { pattern } = documentedTask().problemMatcher;
    const regexp = new RegExp(pattern.regexp);
    const compact = await runPlan(['check', PLAN, '--format', 'compact']);
    const json = await runPlan(['check', PLAN, '--format', 'json']);
    const expected = (JSON.parse(json.stdout) as { diagnostics: { file: string; line: number; column: number; severity: string; rule: string; message: string }[] }).diagnostics;
    const captured = compact.stdout.split('\n').flatMap((line) => {
      const match = regexp.exec(line);
      return match ? [{ file: match[pattern.file], line: Number(match[pattern.line]), column: Number(match[pattern.column]), severity: match[pattern.severity], rule: match[pattern.code], message: match[pattern.message] }] : [];
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(captured.map(({ message: _message, ...rest }) => rest)).toEqual(expected.map((d) => ({ file: d.file, line: d.line, column: d.column, severity: d.severity, rule: d.rule })));
    for (const [index, capture] of captured.entries()) expect(capture.message?.startsWith(expected[index]!.message)).toBe(true);
    // As many as the README says the embedded plan has, and as the compact summary line counts.
    const readmeCount = /`plan check` passes it \(no errors\) and lists (\d+) warnings/.exec(readFileSync(join(repoRoot, 'README.md'), 'utf8'))?.[1];
    expect(captured).toHaveLength(Number(readmeCount));
    expect(compact.stdout.trimEnd().split('\n').at(-1)).toBe(`${captured.length} problems (0 errors, ${captured.length} warnings)`);
  });

  it('gives files that exist, from the working folder it names', async () => {
    const { pattern, fileLocation } = documentedTask().problemMatcher;
    expect(fileLocation).toEqual(['autoDetect', '${workspaceFolder}']);
    const compact = await runPlan(['check', PLAN, '--format', 'compact']);
    for (const line of compact.stdout.split('\n')) {
      const file = new RegExp(pattern.regexp).exec(line)?.[pattern.file];
      if (file) expect(existsSync(join(repoRoot, file)), file).toBe(true);
    }
  });
});
