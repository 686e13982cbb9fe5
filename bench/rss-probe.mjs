// Preloaded into a command by bench/run.ts (`node --import ./bench/rss-probe.mjs bin/plan check …`) to
// measure it without /usr/bin/time: when the process exits, it writes one line of JSON to the file named
// by PLAN_BENCH_PROBE_FILE with the peak resident set size (`maxRSS`, kilobytes; worker threads share
// the process, so they are counted) and the CPU time used (`user`, `system`, microseconds, all threads).
// It changes nothing else about the run.

import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const out = process.env.PLAN_BENCH_PROBE_FILE;
if (out && isMainThread) {
  process.on('exit', () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ maxRSS, user: userCPUTime, system: systemCPUTime }) + '\n');
  });
}
