// Finds and reads the source files of a plan folder: `plan.yaml` and every other *.yaml / *.yml below it,
// in a fixed order so that every run reports the same things in the same order.

import { closeSync, constants, fstatSync, openSync, readSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Diagnostic } from '../diagnostic.js';

/** The largest source or prose file plan reads (a public limit, docs/cli.md). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The manifest of a plan folder: the file that makes a folder a plan. */
export const MANIFEST_FILE = 'plan.yaml';

/** The folder of a plan whose Markdown files are prose for the documents: prose/introduction.md is `prose.introduction`. */
export const PROSE_FOLDER = 'prose';

/** The folder of a plan whose Handlebars templates and words replace the built-in ones of the same name. */
export const TEMPLATES_FOLDER = 'templates';

/** Folders inside a plan that never hold plan sources. */
const SKIPPED_FOLDERS = new Set([TEMPLATES_FOLDER, 'node_modules', 'dist']);

/**
 * A plan folder, as load hands it to the commands once it has found it: the folder and the paths of
 * its parts. Only `searchPlans` (find-plans.ts) makes one, after `manifestOf` has said the folder is a plan.
 */
export interface PlanFolder {
  /** The folder, absolute. */
  dir: string;
  /** Its plan.yaml. */
  manifest: string;
  /** Its prose/ folder (which may not exist). */
  prose: string;
  /** Its templates/ folder (which may not exist). */
  templates: string;
}

export function planFolder(dir: string): PlanFolder {
  return { dir, manifest: join(dir, MANIFEST_FILE), prose: join(dir, PROSE_FOLDER), templates: join(dir, TEMPLATES_FOLDER) };
}

/**
 * What a folder's plan.yaml is: the one test of whether a folder is a plan. `not-a-file` carries what
 * it is instead, in words ("a folder", "a named pipe (FIFO)").
 */
export function manifestOf(dir: string): { state: 'file' } | { state: 'missing' } | { state: 'not-a-file'; kind: string } {
  let stats: Stats;
  try {
    stats = statSync(join(dir, MANIFEST_FILE));
  } catch {
    return { state: 'missing' };
  }
  return stats.isFile() ? { state: 'file' } : { state: 'not-a-file', kind: kindOf(stats) };
}

/** How many folders deep below the plan folder sources are looked for. */
const MAX_FOLDER_DEPTH = 20;

export interface SourceText {
  /** Path relative to the plan folder, with forward slashes. */
  file: string;
  text: string;
}

export interface ReadOptions {
  /** Read files whose real path is outside the plan folder (reached through symbolic links). Default false. */
  allowOutside?: boolean;
}

const isInside = (child: string, parent: string): boolean => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Lists the source files of the plan in `dir`, manifest first, then by path. Whether `dir` is a plan
 * was settled when it was found (find-plans.ts); a plan.yaml that is missing after all is reported by
 * the model phase, as for a plan read from memory.
 */
export function listSourceFiles(dir: string, { allowOutside = false }: ReadOptions = {}): string[] {
  const found: string[] = [];
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    return found;
  }
  walk(dir, dir, found, 0, new Set([root]), allowOutside ? undefined : root);
  found.sort((a, b) => (a === MANIFEST_FILE ? -1 : b === MANIFEST_FILE ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return found;
}

/** `inside`: the real path of the plan folder, when links out of it are not followed. */
function walk(root: string, dir: string, found: string[], depth: number, visited: Set<string>, inside: string | undefined): void {
  if (depth > MAX_FOLDER_DEPTH) return;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // an unreadable sub-folder is reported when its files cannot be read; here we cannot see them at all
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    // A symbolic link to a folder is followed once; `visited` stops a link loop.
    const isFolder = entry.isDirectory() || (entry.isSymbolicLink() && isFolderLink(path));
    if (isFolder) {
      if (depth === 0 && SKIPPED_FOLDERS.has(entry.name)) continue;
      const real = realpathSync(path);
      if (inside !== undefined && !isInside(real, inside)) {
        // Listed, not followed: reading it reports, once, that it leads out of the plan folder.
        found.push(relative(root, path).split(sep).join('/'));
        continue;
      }
      if (visited.has(real)) continue;
      visited.add(real);
      walk(root, path, found, depth + 1, visited, inside);
    } else if (!entry.isDirectory() && /\.ya?ml$/i.test(entry.name)) {
      // Anything else by that name (a FIFO, a device) is listed too, so reading it says why it is refused.
      found.push(relative(root, path).split(sep).join('/'));
    }
  }
}

function isFolderLink(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // a dangling link is no folder; if its name ends in .yaml, reading it reports the problem
  }
}


/** The Markdown files in the plan's prose/ folder, by path relative to the plan folder, sorted. */
export function listProseFiles(dir: string): string[] {
  try {
    return readdirSync(join(dir, PROSE_FOLDER), { withFileTypes: true })
      .filter((e) => !e.isDirectory() && /\.md$/i.test(e.name) && !e.name.startsWith('.'))
      .map((e) => `${PROSE_FOLDER}/${e.name}`)
      .sort();
  } catch {
    return [];
  }
}

/**
 * What a file at `path` (relative to the plan folder, with `/`) is to the plan, by the same rules as
 * listSourceFiles, listProseFiles and listActualsFiles: a YAML source, a prose file, an actuals CSV
 * file, or nothing plan reads. For a plan
 * that is not on disk, such as a plan folder at a git revision.
 */
export function planFileKind(path: string): 'source' | 'prose' | 'actuals' | undefined {
  const steps = path.split('/');
  if (steps.some((step) => step.startsWith('.'))) return undefined;
  if (/^prose\/[^/]+\.md$/i.test(path)) return 'prose';
  if (/^actuals\/.+\.csv$/i.test(path)) return 'actuals';
  if (steps.length > MAX_FOLDER_DEPTH + 1 || (steps.length > 1 && SKIPPED_FOLDERS.has(steps[0]!))) return undefined;
  return /\.ya?ml$/i.test(steps[steps.length - 1]!) ? 'source' : undefined;
}

/** Reads one source file; a file that cannot be read becomes a diagnostic, not a crash. */
export function readSource(dir: string, file: string, { allowOutside = false }: ReadOptions = {}): SourceText | Diagnostic {
  const path = join(dir, file);
  const refuse = (message: string, hint: string, at = { line: 1, column: 1 }): Diagnostic => ({ rule: 'read-error', severity: 'error', file, ...at, message, hint });
  try {
    if (!allowOutside) {
      const real = realpathSync(path);
      if (!isInside(real, realpathSync(dir))) {
        return refuse(`This is a link to ${real}, outside the plan folder, so plan does not read it.`,
          'Copy the file into the plan folder; or, if you trust where the link leads, run plan with --allow-outside.');
      }
    }
    const stats = statSync(path);
    if (stats.isDirectory()) return refuse('This is a folder whose name ends in .yaml.', 'Rename the folder, or move its files up.');
    if (!stats.isFile()) return refuse(`This is ${kindOf(stats)}, not a file, so plan does not read it.`, 'Plan reads only ordinary files: replace it with one.');
    if (stats.size > MAX_FILE_BYTES) return tooBig(refuse, stats.size);
    // Opened without blocking and checked again, in case it was swapped for a FIFO or a device since.
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    let bytes: Buffer;
    try {
      const opened = fstatSync(fd);
      if (!opened.isFile()) return refuse(`This is ${kindOf(opened)}, not a file, so plan does not read it.`, 'Plan reads only ordinary files: replace it with one.');
      bytes = readAtMost(fd, MAX_FILE_BYTES + 1);
    } finally {
      closeSync(fd);
    }
    if (bytes.length > MAX_FILE_BYTES) return tooBig(refuse, bytes.length);
    return decodeUtf8(bytes, file, refuse);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    return refuse(
      code === 'EACCES' ? 'This file cannot be read: permission denied.' : code === 'ENOENT' ? 'This file cannot be read: it is a link to something that does not exist, or it has gone.' : `This file cannot be read (${code ?? 'unknown error'}).`,
      'Check that the file exists and that you may read it.',
    );
  }
}

/** A file is not read when it is bigger than MAX_FILE_BYTES: the read-error that says so. */
export function tooBigToRead(file: string, size: number): Diagnostic {
  return tooBig((message, hint) => ({ rule: 'read-error', severity: 'error', file, line: 1, column: 1, message, hint }), size);
}

/** The text of a file's bytes, or the read-error at its first byte that is not UTF-8. */
export function decodeSource(bytes: Buffer, file: string): SourceText | Diagnostic {
  return decodeUtf8(bytes, file, (message, hint, at = { line: 1, column: 1 }) => ({ rule: 'read-error', severity: 'error', file, ...at, message, hint }));
}

function tooBig(refuse: (message: string, hint: string) => Diagnostic, size: number): Diagnostic {
  return refuse(`This file is ${(size / 1024 / 1024).toFixed(1)} MB; plan reads files of up to ${MAX_FILE_BYTES / 1024 / 1024} MB.`,
    'Split it into several files: any .yaml file in the plan folder is read as part of the plan.');
}

function readAtMost(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit - total));
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    chunks.push(chunk.subarray(0, read));
    total += read;
    if (total >= limit) break;
  }
  return Buffer.concat(chunks, total);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a UTF-8 file, or where it stops being UTF-8 (a file saved in another encoding would otherwise be read wrong, silently). */
function decodeUtf8(bytes: Buffer, file: string, refuse: (message: string, hint: string, at?: { line: number; column: number }) => Diagnostic): SourceText | Diagnostic {
  // Excel's "Unicode Text" and some editors save UTF-16, which starts with its own byte-order mark.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return refuse('This file is saved as UTF-16 (it starts with a UTF-16 byte-order mark); plan reads files in UTF-8.',
      /\.csv$/i.test(file) ? 'Save it again as "CSV UTF-8 (Comma delimited)".' : 'Save it again with the encoding UTF-8 (most editors offer it under "Save with encoding").');
  }
  try {
    const text = utf8.decode(bytes); // drops a byte-order mark
    return { file, text };
  } catch {
    const { offset, line, column } = firstInvalidUtf8(bytes);
    return refuse(`This file is not valid UTF-8: the byte at offset ${offset} (0x${bytes[offset]!.toString(16).padStart(2, '0')}) does not belong to any character.`,
      'Save the file as UTF-8 (most editors offer it under "Save with encoding"); a file saved as Windows-1252 or Latin-1 breaks on characters such as £, é or curly quotes.',
      { line, column });
  }
}

/** The first byte that is not part of valid UTF-8, with its line and column: the text before it decodes exactly, so its UTF-8 length is that byte's offset. */
function firstInvalidUtf8(bytes: Buffer): { offset: number; line: number; column: number } {
  const lenient = new TextDecoder('utf-8').decode(bytes);
  let index = lenient.indexOf('\uFFFD');
  let offset = 0;
  while (index !== -1) {
    offset = Buffer.byteLength(lenient.slice(0, index), 'utf8') + (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
    // A U+FFFD written in the file itself (EF BF BD) is valid; look on.
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) break;
    index = lenient.indexOf('\uFFFD', index + 1);
  }
  const before = lenient.slice(0, Math.max(index, 0));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { offset, line: before.split('\n').length, column: before.length - lineStart + 1 };
}

/** What a non-file is, in words. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not an ordinary file';
}
