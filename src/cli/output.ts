// Where a command's text goes: stdout and stderr, colour or not, and what happens when the reader goes
// away (`plan export | head -1` closes the pipe): plan stops writing and ends with its own exit code.

import { EXIT_CANNOT_RUN } from './shared.js';

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
