// The latency of `plan serve`: from saving a file to the page being there again. For the embedded plan
// and a synthetic plan of 5,000 actions it starts `plan serve`, listens to its server-sent events as an
// open page does, then saves a one-file edit again and again and times each from the write until the
// page, fetched after each build's event, shows it. Run by bench/run.ts (`npm run bench`, or
// `npx tsx bench/run.ts --only serve` for this case alone).

import { spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const SERVE_TARGETS = { embeddedMs: 300, fiveThousandMs: 1_000 } as const;

export interface ServeCase {
  label: string;
  /** The target for this plan, in ms from save to page. */
  targetMs: number;
  /** Save -> the new build's event -> the page fetched, per edit, ms. */
  runs: number[];
  /** What the server said each build took, ms. */
  buildRuns: number[];
  /** An edit that changes the diagram (an objective's title), which draws it again: one run, ms. */
  reshapeMs: number | undefined;
  firstBuildMs: number;
}

interface Started {
  url: string;
  stop(): Promise<void>;
  stderr(): string;
  /** Resolves with the build number of the next build event after `after`. */
  nextBuild(after: number): Promise<number>;
}

function startServe(node: string, bin: string, dir: string, env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(node, [bin, 'serve', dir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const limit = setTimeout(() => reject(new Error(`plan serve printed no address within 120 s: ${stderr}`)), 120_000);
    child.on('close', (code) => reject(new Error(`plan serve ended (exit ${code}): ${stderr}`)));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /^(http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(stdout)?.[1];
      if (!url) return;
      clearTimeout(limit);
      // One page's events, as the reload script listens to them.
      let latest = 0;
      const waiting: { after: number; resolve: (n: number) => void }[] = [];
      get(`${url}__plan/events`, (response) => {
        let buffer = '';
        response.setEncoding('utf8').on('data', (data: string) => {
          buffer += data;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const number = Number(/^data: (\d+)$/m.exec(buffer.slice(0, end))?.[1]);
            buffer = buffer.slice(end + 2);
            if (number) latest = number;
            for (const w of waiting.splice(0)) {
              if (latest > w.after) w.resolve(latest);
              else waiting.push(w);
            }
          }
        });
      });
      resolve({
        url,
        stderr: () => stderr,
        nextBuild: (after) => new Promise((done, fail) => {
          if (latest > after) return done(latest);
          const give = setTimeout(() => fail(new Error(`no build after ${after} within 60 s: ${stderr.slice(-500)}`)), 60_000);
          waiting.push({ after, resolve: (n) => { clearTimeout(give); done(n); } });
        }),
        stop: () => new Promise((done) => {
          child.removeAllListeners('close');
          child.on('close', () => done());
          child.kill('SIGINT');
        }),
      });
    });
  });
}

function fetchPage(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => (response.statusCode === 200 ? resolve(body) : reject(new Error(`${url} answered ${response.statusCode}`))));
    }).on('error', reject);
  });
}

/** A file of the plan with an objective's target measure to change: the objectives page shows it, the diagram does not. */
function editableMeasure(dir: string): { file: string; text: string; line: RegExp } {
  // The value, then any comment after it, which the marker must not fall into.
  const line = /^(\s+measure: )([^#\n]*[^#\s])(\s+#.*)?$/m;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    if (!name.endsWith('.yaml')) continue;
    const file = join(dir, name);
    const text = readFileSync(file, 'utf8');
    if (/^objectives:/m.test(text) && line.test(text)) return { file, text, line };
  }
  throw new Error(`no objective with a target measure in ${dir}`);
}

export async function benchServeCase(options: { node: string; bin: string; source: string; work: string; label: string; targetMs: number; reps: number; env: NodeJS.ProcessEnv }): Promise<ServeCase> {
  cpSync(options.source, options.work, { recursive: true });
  const begun = performance.now();
  const serve = await startServe(options.node, options.bin, options.work, options.env);
  const firstBuildMs = performance.now() - begun;
  const edit = editableMeasure(options.work);
  const page = `${serve.url}objectives.html`;
  const runs: number[] = [];
  let build = 1;
  /** Saves the text and waits, build by build, until the page shows `marker`: a build begun before the save does not count. */
  const save = async (next: string, marker: string): Promise<number> => {
    const saved = performance.now();
    writeFileSync(edit.file, next);
    for (;;) {
      build = await serve.nextBuild(build);
      if ((await fetchPage(page)).includes(marker)) return performance.now() - saved;
    }
  };
  try {
    await fetchPage(page);
    // One edit to warm up, not counted; then the timed ones, each giving the measure a new ending.
    for (let i = 0; i <= options.reps; i++) {
      const marker = `(edit ${i + 1})`;
      const ms = await save(edit.text.replace(edit.line, (_all, key: string, measure: string, comment: string | undefined) => `${key}${measure} ${marker}${comment ?? ''}`), marker);
      if (i > 0) runs.push(ms);
    }
    // An edit that changes what the diagram draws: an objective's title.
    const retitled = edit.text.replace(/^(\s+title: )([^#\n]*[^#\s])/m, (_all, key: string, title: string) => `${key}${title} (retitled)`);
    const reshapeMs = retitled !== edit.text ? await save(retitled, '(retitled)') : undefined;
    const buildRuns = [...serve.stderr().matchAll(/built again in (\d+) ms/g)].map((m) => Number(m[1])).slice(1);
    return { label: options.label, targetMs: options.targetMs, runs, buildRuns, reshapeMs, firstBuildMs };
  } finally {
    await serve.stop();
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const ms = (value: number | undefined): string => (value === undefined || Number.isNaN(value) ? '–' : Math.round(value).toLocaleString('en-GB'));

/** Whether a case meets its target: the median save-to-page time under it. */
export function servePasses(result: ServeCase): boolean {
  return median(result.runs) <= result.targetMs;
}

/** The `plan serve` section of docs/PERFORMANCE.md, between its markers so `--only serve` can replace it alone. */
export function serveSection(results: readonly ServeCase[], context: { load: string; busy: boolean }): string {
  const lines = [
    SERVE_START,
    '## `plan serve`: from a save to the page',
    '',
    `From writing a one-file edit to the plan (a new ending for an objective's target measure) to the page showing it: after each build's server-sent event the objectives page is fetched, as an open page reloads, until it has the new words. \`plan serve\` parses again only the file that changed (a parse cache in memory), draws the diagram again only when what it shows changes (the diagram's SVG is kept by a hash of what it draws), makes only the HTML pages (a browser shows no others), renders again only the pages whose view changed, and writes only the output files that changed. Measured by \`bench/serve.ts\`, on the machine described below (load average before this case: ${context.load}).`,
    '',
    ...(context.busy ? ['> **The machine was busy during this case** (a load average above its number of CPUs): other work competed for the CPUs, so these times are longer than on an idle machine.', ''] : []),
    '| plan | target | save to page, median (ms) | slowest (ms) | all runs (ms) | build alone, median (ms) | an edit that redraws the diagram (ms) | first build, start-up included (ms) | result |',
    '| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |',
    ...results.map((r) => `| ${r.label} | under ${ms(r.targetMs)} | ${ms(median(r.runs))} | ${ms(Math.max(...r.runs))} | ${r.runs.map(ms).join(', ')} | ${ms(median(r.buildRuns))} | ${ms(r.reshapeMs)} | ${ms(r.firstBuildMs)} | ${servePasses(r) ? 'pass' : '**FAIL**'} |`),
    '',
    '- **save to page**: `writeFileSync` of the edited file, the file watcher (chokidar) noticing it, the build, the server-sent event reaching the listening page, and a GET of `objectives.html` answered with the new words.',
    '- **build alone**: what `plan serve` itself reports for each build (parse, check, render, write).',
    "- **an edit that redraws the diagram**: an objective's title changed, which the diagram shows, so it is laid out again.",
    '',
    SERVE_END,
  ];
  return lines.join('\n');
}

export const SERVE_START = '<!-- plan serve: written by bench/serve.ts -->';
export const SERVE_END = '<!-- end of plan serve -->';

/** The document with its serve section replaced, or added before "How it is measured". */
export function withServeSection(doc: string, section: string): string {
  const start = doc.indexOf(SERVE_START);
  const end = doc.indexOf(SERVE_END);
  if (start >= 0 && end > start) return doc.slice(0, start) + section + doc.slice(end + SERVE_END.length);
  const at = doc.indexOf('## How it is measured');
  return at >= 0 ? `${doc.slice(0, at)}${section}\n\n${doc.slice(at)}` : `${doc.trimEnd()}\n\n${section}\n`;
}
