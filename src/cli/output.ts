// Where a command's text goes: stdout and stderr, colour or not, and what happens when the reader goes
// away (`plan export | head -1` closes the pipe): plan stops writing and ends with its own exit code;
// or a report file, written whole.

import { randomBytes } from 'node:crypto';
import { mkdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CannotRun, displayPath, EXIT_CANNOT_RUN } from './shared.js';

/** Streams whose reader has gone: nothing more is written to them. */
const closed = new Set<NodeJS.WritableStream>();
let failedToWrite = false;

/**
 * Watches stdout and stderr for a closed pipe (EPIPE), the one place that handles it: without a
 * listener, Node ends the run with an unhandled 'error' event and a stack trace. Any other failure to
 * write (a full disk behind `> report.txt`) is said on stderr and makes the run exit 2.
 */
export function endQuietlyWhenTheReaderGoes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      closed.add(stream);
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
      failedToWrite = true;
      if (stream === process.stdout) void write(process.stderr, `plan: the output cannot be written (${error.code ?? error.message}).\n`);
    });
  }
  // The failure may come after the command has set its exit code, so it is applied last.
  process.on('exit', () => {
    if (failedToWrite) process.exitCode = EXIT_CANNOT_RUN;
  });
}

/** Writes text and resolves once it has been handed to the OS, so a piped big output is not cut by exit. */
export function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  if (closed.has(stream) || stream.destroyed) return Promise.resolve();
  // The callback runs once the text is written, or with an error when it cannot be (the 'error' listener handles that).
  return new Promise((resolveWrite) => {
    stream.write(text, () => resolveWrite());
  });
}

export function useColour(stream: NodeJS.WriteStream): boolean {
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/** Report files with these endings would be read back as part of a plan if written inside its folder. */
const READ_AS_PLAN = /\.(ya?ml|md)$/i;

/**
 * Writes a report to `file` (`--output-file`) whole: into a temporary file beside it, then renamed over
 * it, so a reader never finds half a report and a failed write leaves an earlier report as it was.
 * Creates the folders above it. Writes through a symbolic link into its target, keeping the mode of a
 * file it replaces. Refuses a folder, and a file a plan would read back as one of its own sources.
 */
export function writeReportFile(file: string, text: string, planDirs: readonly string[]): void {
  const given = resolve(file);
  const existing = statOf(given);
  if (existing?.isDirectory()) throw new CannotRun(`${file} is a folder; give the name of a file to write the report to.`, 'For example: --output-file findings.json');
  const target = existing ? realpathSync(given) : given;
  const plan = planDirs.find((dir) => [given, target].some((path) => isInside(path, dir) && READ_AS_PLAN.test(path)));
  if (plan) {
    const folder = displayPath(plan) === '.' ? 'this plan folder' : `the plan folder ${displayPath(plan)}`;
    throw new CannotRun(`${file} is inside ${folder}, which would read it back as part of the plan.`,
      'Write the report outside the plan folder, or give it another ending, such as .json, .sarif or .txt.');
  }
  const temporary = join(dirname(target), `.${basename(target)}.plan-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(temporary, text, { flag: 'wx', mode: existing ? existing.mode & 0o7777 : 0o666 });
    renameSync(temporary, target);
  } catch (error) {
    removeQuietly(temporary);
    const code = (error as NodeJS.ErrnoException).code;
    throw new CannotRun(`The report cannot be written to ${file}${code ? ` (${code})` : ''}.`, 'Check that the folders on the way to it exist as folders and can be written to.');
  }
}

/** Clean-up after a failed write must not hide why it failed (it fails too when the folder is not there). */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // nothing was written there
  }
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
