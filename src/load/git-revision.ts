// Reads a plan folder as it was at a git revision, by asking git itself (never by parsing git's
// objects): the files a plan folder on disk would give, as text, ready for compileTexts.

import { spawnSync } from 'node:child_process';
import type { Diagnostic } from '../diagnostic.js';
import { decodeSource, MANIFEST_FILE, MAX_FILE_BYTES, planFileKind, tooBigToRead, type SourceText } from './plan-folder.js';

/** Why a revision of a plan cannot be read: said to the planner as it is, with how to go on. */
export class RevisionError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** Where a plan folder is in its git repository. */
export interface GitPlace {
  /** The root of the working tree. */
  root: string;
  /** The plan folder's path from the root, with `/` and ending in `/`; empty for the root itself. */
  prefix: string;
  /** Its manifest's path from the root, as a commit would hold it. */
  manifest: string;
}

/** A plan folder at one commit, as text. */
export interface PlanAtRevision {
  /** The full id of the commit the revision names. */
  commit: string;
  files: SourceText[];
  /** Files plan does not read as they are (too big, not UTF-8, a symbolic link), as read-errors. */
  diagnostics: Diagnostic[];
}

// A plan's history can be large; the whole of one plan folder comes back through one pipe.
const MAX_OUTPUT = 1 << 30;

function git(cwd: string, args: readonly string[], input?: string): { status: number | null; stdout: Buffer; stderr: string } {
  // Paths given to git are taken as they are, never as patterns.
  const result = spawnSync('git', ['--literal-pathspecs', ...args], { cwd, input, maxBuffer: MAX_OUTPUT, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RevisionError('git is not installed (or not on the PATH), so a revision cannot be read.', 'Install git, or compare two plan folders instead.');
    throw new RevisionError(`git could not be run (${code ?? result.error.message}).`);
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

/** The repository a folder is in, and the folder's path in it; undefined when it is in none. */
export function gitPlaceOf(dir: string): GitPlace | undefined {
  const result = git(dir, ['rev-parse', '--show-toplevel', '--show-prefix']);
  if (result.status !== 0) return undefined;
  const [root = '', prefix = ''] = result.stdout.toString('utf8').split('\n');
  return { root, prefix, manifest: `${prefix}${MANIFEST_FILE}` };
}

/** The commit a revision names (a branch, a tag, a commit id, `HEAD~2`), or undefined when it names none. */
export function commitOf(place: GitPlace, revision: string): string | undefined {
  // A revision that starts with `-` would be read by git as an option.
  if (revision.startsWith('-') || revision.includes('\0')) return undefined;
  const result = git(place.root, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
  return result.status === 0 ? result.stdout.toString('utf8').trim() : undefined;
}

/** The branch and tag names of the repository, to suggest one for a misspelt revision. */
export function revisionNames(place: GitPlace): string[] {
  const result = git(place.root, ['for-each-ref', '--format=%(refname:short)', 'refs/heads', 'refs/tags', 'refs/remotes']);
  return result.status === 0 ? result.stdout.toString('utf8').split('\n').filter((name) => name !== '') : [];
}

interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  size: number;
  /** The path from the plan folder. */
  file: string;
}

/**
 * The plan folder at `commit`: every source and prose file, read as `plan` reads a folder on disk.
 * Returns undefined when the plan folder, or its plan.yaml, is not there at that commit.
 */
export function readPlanAtRevision(place: GitPlace, commit: string): PlanAtRevision | undefined {
  const listing = git(place.root, ['ls-tree', '-r', '-l', '-z', '--full-tree', commit, '--', place.prefix === '' ? '.' : place.prefix]);
  if (listing.status !== 0) throw new RevisionError(`git could not list the files of ${commit.slice(0, 7)}: ${listing.stderr.trim()}`);
  const entries: TreeEntry[] = [];
  for (const record of listing.stdout.toString('utf8').split('\0')) {
    // `<mode> <type> <object> <size>\t<path>`, the size padded with spaces.
    const match = /^(\d+) (\w+) ([0-9a-f]+) +(\d+|-)\t(.*)$/s.exec(record);
    if (!match || !match[5]!.startsWith(place.prefix)) continue;
    const file = match[5]!.slice(place.prefix.length);
    if (planFileKind(file) === undefined) continue;
    entries.push({ mode: match[1]!, type: match[2]!, object: match[3]!, size: match[4] === '-' ? 0 : Number(match[4]), file });
  }
  if (!entries.some((entry) => entry.file === MANIFEST_FILE)) return undefined;

  const diagnostics: Diagnostic[] = [];
  const toRead: TreeEntry[] = [];
  for (const entry of entries) {
    if (entry.type !== 'blob' || entry.mode === '120000') {
      diagnostics.push({
        rule: 'read-error', severity: 'error', file: entry.file, line: 1, column: 1,
        message: entry.mode === '120000' ? 'At this revision this is a symbolic link, not a file, so plan does not read it.' : 'At this revision this is not a file, so plan does not read it.',
        hint: 'Plan reads only ordinary files: commit the file itself in its place.',
      });
    } else if (entry.size > MAX_FILE_BYTES) {
      diagnostics.push(tooBigToRead(entry.file, entry.size));
    } else {
      toRead.push(entry);
    }
  }
  const files: SourceText[] = [];
  const blobs = readBlobs(place, toRead.map((entry) => entry.object));
  toRead.forEach((entry, index) => {
    const read = decodeSource(blobs[index]!, entry.file);
    if ('text' in read) files.push(read);
    else diagnostics.push(read);
  });
  // The manifest first, then by path, as a folder on disk is read.
  files.sort((a, b) => (a.file === MANIFEST_FILE ? -1 : b.file === MANIFEST_FILE ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { commit, files, diagnostics };
}

/** The contents of blobs, by object id, from one `git cat-file --batch`. */
function readBlobs(place: GitPlace, objects: readonly string[]): Buffer[] {
  if (objects.length === 0) return [];
  const result = git(place.root, ['cat-file', '--batch'], objects.map((object) => `${object}\n`).join(''));
  if (result.status !== 0) throw new RevisionError(`git could not read the files of the revision: ${result.stderr.trim()}`);
  const out = result.stdout;
  const blobs: Buffer[] = [];
  let at = 0;
  for (const object of objects) {
    // Each blob is `<object> blob <size>\n<content>\n`.
    const end = out.indexOf(0x0a, at);
    const header = out.subarray(at, end).toString('utf8').split(' ');
    if (header[0] !== object || header[1] !== 'blob') throw new RevisionError(`git gave something other than the file ${object} asked for.`);
    const size = Number(header[2]);
    blobs.push(out.subarray(end + 1, end + 1 + size));
    at = end + 1 + size + 1;
  }
  return blobs;
}
