// `plan serve [DIR]`: a live preview of the plan's site on 127.0.0.1. It builds the site into a
// temporary folder outside the plan, serves it, watches the plan folder (its templates too) and builds
// again on every save; open pages reload by themselves. Ctrl-C stops it and removes the folder.

import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { watch } from 'chokidar';
import type { Plan } from '../link/plan-graph.js';
import { Preview, PreviewProblem, type PreviewBuild } from '../serve/preview.js';
import type { CompiledRevision } from './revision.js';
import { previousEditionOf } from './previous-edition.js';
import { startServer } from '../serve/server.js';
import { write } from './output.js';
import { catalogue } from './report-context.js';
import { CannotRun, EXIT_OK, displayPath, findPlanFolder } from './shared.js';

export interface ServeOptions {
  port?: number;
  cache?: boolean;
}

/** Saves that come this close together are built once. */
const SETTLE_MS = 15;

/** Folders of a plan that never hold what the site is built from. */
const NOT_WATCHED = new Set(['dist', 'node_modules']);

export async function runServe(dir: string | undefined, options: ServeOptions): Promise<number> {
  const planDir = realpathSync(findPlanFolder(dir, 'plan serve').dir);
  const shownPlan = displayPath(planDir);
  // The site goes in a folder of its own inside a private temporary folder, so no path can lead from it to anything else.
  const temporary = mkdtempSync(join(tmpdir(), 'plan-serve-'));
  const removeTemporary = () => rmSync(temporary, { recursive: true, force: true });
  process.on('exit', removeTemporary);
  // Until the preview is up, Ctrl-C ends it at once; 'exit' handlers do not run when a signal ends a process.
  let stopping: (() => void) | undefined;
  const stop = () => {
    if (stopping) return stopping();
    removeTemporary();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const outDir = join(temporary, 'site');
  mkdirSync(outDir);

  const preview = new Preview(planDir, outDir, catalogue, { cache: options.cache ?? true, previousEdition: previousEditionReader(planDir) });
  let build = await preview.build();
  let server;
  try {
    server = await startServer(outDir, build, { port: options.port ?? 0, describePath: (file) => displayPath(join(planDir, file)) });
  } catch (error) {
    removeTemporary();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CannotRun(`Port ${options.port} is in use.`, 'Give another --port, or leave it out for a free one.');
    if (code === 'EACCES') throw new CannotRun(`Port ${options.port} cannot be used without special permission.`, 'Give a port above 1023, or leave out --port for a free one.');
    throw error;
  }

  let building = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const rebuild = async (): Promise<void> => {
    if (building) {
      again = true;
      return;
    }
    building = true;
    try {
      do {
        again = false;
        build = await preview.build();
        server.show(build);
        await write(process.stderr, `plan: built again in ${Math.round(build.ms)} ms (${summary(build)}).\n`);
      } while (again);
    } finally {
      building = false;
    }
  };
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild().catch(reportFailure), SETTLE_MS);
  };
  const ignored = (path: string): boolean => {
    const parts = relative(planDir, path).split(sep);
    return parts.some((part) => part.startsWith('.')) || NOT_WATCHED.has(parts[0] ?? '');
  };
  const watcher = watch(planDir, { ignoreInitial: true, ignored });
  watcher.on('all', changed);
  // chokidar passes on the first change of a file in 50 ms and drops the rest, so a save made just after
  // another (a formatter's on save, or two saves in a row) would never be built: every event the file
  // system gives counts as well. A file's own watch names the file; a folder's names what is in it.
  watcher.on('raw', (_event, name, details) => {
    const watched = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
    if (typeof watched !== 'string') return;
    const path = !name || watched.endsWith(`${sep}${name}`) ? watched : join(watched, name);
    if (!ignored(path)) changed();
  });
  // The address is printed once the watcher sees the plan, so a save made as soon as it is printed is seen.
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  await write(process.stdout, `${server.url}\n`);
  await write(process.stderr, `plan: serving ${shownPlan} at ${server.url} (${summary(build)}); watching it for changes. Ctrl-C stops.\n`);

  await new Promise<void>((resolve) => (stopping = resolve));
  clearTimeout(timer);
  await watcher.close();
  await server.close();
  removeTemporary();
  await write(process.stderr, 'plan: stopped.\n');
  return EXIT_OK;
}

function summary(build: PreviewBuild): string {
  if (build.problem !== undefined) return `${build.problem.heading.charAt(0).toLowerCase()}${build.problem.heading.slice(1)}: the page says why`;
  if (build.errors.length > 0) return `${build.errors.length === 1 ? '1 error' : `${build.errors.length} errors`}: the page lists them`;
  return build.warnings === 1 ? '1 warning' : `${build.warnings} warnings`;
}

/**
 * The previous edition as `plan build` reads it, each commit read from git once for as long as the
 * preview runs; one that cannot be read is shown on the page, as an error is, until it is mended.
 */
export function previousEditionReader(planDir: string): (plan: Plan) => ReturnType<typeof previousEditionOf> {
  const compiled = new Map<string, CompiledRevision>();
  return async (plan) => {
    try {
      return await previousEditionOf(planDir, plan, compiled);
    } catch (error) {
      if (error instanceof CannotRun) throw new PreviewProblem('The plan\'s previous edition cannot be read', error.message, error.hint ?? '');
      throw error;
    }
  };
}

/** A build that fails with an error of plan's own is reported and the preview goes on: the next save may mend it. */
function reportFailure(error: unknown): void {
  process.stderr.write(`plan: internal error while building: ${error instanceof Error ? error.message : String(error)}\n`);
}
