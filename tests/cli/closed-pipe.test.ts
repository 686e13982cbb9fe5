// A reader that stops reading (`plan export | head -1`) closes the pipe under plan's feet. plan then
// stops writing and ends quietly with the exit code of the run: never an EPIPE stack trace.

import { describe, expect, it } from 'vitest';
import { fixture, hasStackTrace, runPlan } from '../helpers/cli.js';

describe('output into a pipe that the reader closes', () => {
  it('plan export | head -1 prints the first line and exits 0, with nothing on stderr', async () => {
    const result = await runPlan(['export'], { stdoutReader: 'head -1' });
    expect(result).toMatchObject({ code: 0, stdout: '{\n', stderr: '' });
  });

  it('plan --help | head -1 prints the usage line and exits 0, with nothing on stderr', async () => {
    const result = await runPlan(['--help'], { stdoutReader: 'head -1' });
    expect(result).toMatchObject({ code: 0, stdout: 'Usage: plan [options] [command]\n', stderr: '' });
  });

  it('plan check | head -1 prints the first line and exits with the code of the run', async () => {
    const result = await runPlan(['check', fixture('broken')], { stdoutReader: 'head -1' });
    expect(result.stdout.split('\n')).toHaveLength(2);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
  });

  it('plan export into a pipe closed before it writes: exit 0, no stack trace', async () => {
    const result = await runPlan(['export'], { stdoutReader: 'closed' });
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('plan --help into a closed pipe: exit 0, no stack trace', async () => {
    const result = await runPlan(['--help'], { stdoutReader: 'closed' });
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('plan check of a valid plan into a closed pipe: exit 0', async () => {
    const result = await runPlan(['check', fixture('valid')], { stdoutReader: 'closed' });
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('plan check of a broken plan into a closed pipe: exit 1, the code of the run, and no stack trace', async () => {
    const result = await runPlan(['check', fixture('broken')], { stdoutReader: 'closed' });
    expect(result.code).toBe(1);
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(result.stderr).toBe('');
  });

  it('still says on stderr why a run failed --max-warnings', async () => {
    const result = await runPlan(['check', fixture('warnings-only'), '--max-warnings', '0'], { stdoutReader: 'closed' });
    expect(result).toMatchObject({ code: 1, stderr: 'plan: 2 warnings is more than --max-warnings 0.\n' });
  });

  // plan ends as soon as its output has reached the OS, without waiting for the event loop to empty:
  // a reader slower than plan must still get every byte.
  it('a slow reader gets the whole of a big output, and the exit code of the run', async () => {
    const whole = await runPlan(['export']);
    expect(whole.code).toBe(0);
    expect(whole.stdout.length).toBeGreaterThan(100_000);
    const slow = await runPlan(['export'], { stdoutReader: 'while IFS= read -r line; do printf "%s\\n" "$line"; done | (sleep 1; cat)' });
    expect(slow).toMatchObject({ code: 0, stderr: '' });
    expect(slow.stdout).toBe(whole.stdout);
    const broken = await runPlan(['check', fixture('broken'), '--format', 'json'], { stdoutReader: '(sleep 1; cat)' });
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout).diagnostics.length).toBeGreaterThan(0);
  });
});
