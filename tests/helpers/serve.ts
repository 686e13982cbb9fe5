// Runs `plan serve` as a child process, the way a planner runs it: waits for the address it prints, and
// stops it as Ctrl-C would (SIGINT).

import { spawn, type ChildProcess } from 'node:child_process';
import { planBin } from './cli.js';

export interface RunningServe {
  url: string;
  child: ChildProcess;
  /** Everything it has written to stderr so far. */
  stderr(): string;
  /** Waits until stderr has said `text` `times` times in all (each build says "built again"). */
  waitForStderr(text: string, times?: number): Promise<void>;
  /** Sends SIGINT and waits for it to end; its exit code. */
  stop(): Promise<number | null>;
}

export function startServe(args: readonly string[], env: Record<string, string> = {}): Promise<RunningServe> {
  const child = spawn(process.execPath, [planBin, 'serve', ...args], { env: { ...process.env, NO_COLOR: '1', PLAN_CACHE: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const waiter of waiters.splice(0)) waiter();
  });
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const count = (text: string) => stderr.split(text).length - 1;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`plan serve printed no address within 60 s: ${stderr}`)), 60_000);
    child.on('close', (code) => reject(new Error(`plan serve ended (exit ${code}) before it printed an address: ${stderr}`)));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /^(http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(stdout)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url,
        child,
        stderr: () => stderr,
        waitForStderr: (text, times = 1) => new Promise((done, fail) => {
          const give = setTimeout(() => fail(new Error(`plan serve did not say "${text}" ${times} time(s) within 60 s:\n${stderr}`)), 60_000);
          const check = () => {
            if (count(text) >= times) {
              clearTimeout(give);
              done();
            } else waiters.push(check);
          };
          check();
        }),
        stop: () => {
          child.kill('SIGINT');
          return closed;
        },
      });
    });
  });
}
