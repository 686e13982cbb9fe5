// Writes a build's output into OUT without ever losing a file that is not plan's, and so that a build
// killed at any moment is completed by the next one.
//
// OUT itself is never renamed or replaced: it may be a mount point, a symbolic link (written through,
// into its target) or a folder whose owner, group and mode matter. Instead each build
//   1. takes OUT's lock (.plan-build.lock), so two builds never write at once, and first completes an
//      interrupted build's journal, if there is one;
//   2. writes every new or changed file into a staging folder inside OUT (.plan-build.staging-<id>,
//      with a token file that proves it is plan's), so a kill here leaves the old output whole; a file
//      the old manifest lists with the same content, and that still holds it, is left in place. The
//      files arrive one at a time, as the render makes them, and each is let go once staged (a big new
//      one once encoded: a thread of its own writes and hashes it while the next is made, see
//      background-writes.ts); if making one fails, the staging folder is removed, once nothing is
//      writing into it, and the old output stays as it was;
//   3. commits by renaming its journal into place (.plan-build.journal, one atomic rename): from here
//      on the new output is complete on disk, and the next build finishes these steps if this one dies;
//   4. moves each staged file into place (each rename replaces one file whole, so no file is ever
//      half-written), removes the old files that the new build no longer has, then puts the new
//      `.plan-build` manifest in place, removes the staging folder and the journal, and unlocks.
// A file is replaced or removed only when the old manifest lists it and it still holds exactly what
// plan wrote (same sha256). Anything else in OUT is the user's: it stays where it is, and if it sits
// where a new file must go it is moved aside to `<name>.kept` and reported. Only temporaries that
// carry proof of being plan's (a matching token, a dead owner's lock) are ever removed.

import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, rmdirSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { contentLength, encodeInto, knownHash, utf8Length, type OutputContent, type OutputFile, type OutputStream, type TextParts } from './output-files.js';
import { EmitError, asEmitError } from './emit-error.js';
import { BackgroundWrites, inBackground } from './background-writes.js';
import { afterStep, faultArmed, writeNewFile } from './fault.js';
import { LOCK_FILE, lockOutput, ownerIsGone } from './output-lock.js';
import { MARKER_FILE, RESERVED_PREFIX, fileHolds, hashFile, isOutputPath, manifestText, readManifest, sha256, type FileHashes } from './output-manifest.js';

export { EmitError } from './emit-error.js';
export { MARKER_FILE } from './output-manifest.js';

const JOURNAL_FILE = '.plan-build.journal';
const JOURNAL_FORMAT = 'plan-build-journal/1';
const STAGING_PREFIX = '.plan-build.staging-';
const TOKEN_FILE = '.plan-build.token';
const TOKEN_FORMAT = 'plan-build-staging/1';
const ID_PATTERN = /^[0-9a-f]{16}$/;

/** A user's file that a build kept rather than replace: left in place, or moved aside to `movedTo`. */
export interface KeptFile {
  /** Path relative to OUT, with /. */
  path: string;
  movedTo?: string;
  /** `changed`: plan wrote it, but it has been changed since; `not-plans`: plan never wrote it. */
  reason: 'changed' | 'not-plans';
}

export interface WriteResult {
  kept: KeptFile[];
  /** True when the build first completed an earlier build that had been interrupted. */
  completedInterrupted: boolean;
}

interface Journal {
  format: typeof JOURNAL_FORMAT;
  id: string;
  /** `replace`: the new output is the whole output; `update`: it adds to the old (a failed build's gap report). */
  mode: 'replace' | 'update';
  /** The old manifest: what plan may replace or remove. */
  previous: FileHashes;
  /** The new manifest. */
  next: FileHashes;
  /** The staged files to move into place, in order. */
  place: string[];
}

const isInside = (child: string, parent: string): boolean => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** The real path of `path`, or of its nearest existing ancestor joined with the rest: where it would be. */
function realPathOf(path: string): string {
  const missing: string[] = [];
  let current = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(current), ...missing.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return resolve(path);
      missing.push(current.slice(parent.length).replace(/^[\\/]/, ''));
      current = parent;
    }
  }
}

/** Names in a folder that are not plan's own bookkeeping. */
function userEntries(root: string): string[] {
  return readdirSync(root).filter((name) => !name.startsWith(RESERVED_PREFIX));
}

/**
 * Refuses an output folder that a build must not write to: one that holds the plan or the current
 * folder, one inside the plan (except its dist/ folder, which plan never reads), a file, or a folder
 * of files that plan did not write (without a `.plan-build` manifest).
 */
export function checkOutputFolder(out: string, planDir: string, shownOut = out, cwd = process.cwd()): void {
  try {
    const real = realPathOf(out);
    const plan = realPathOf(planDir);
    if (isInside(plan, real)) {
      throw new EmitError(`The output folder ${shownOut} holds the plan itself; a build would write over it.`, 'Choose a folder outside the plan, such as dist/.');
    }
    if (isInside(real, plan) && !isInside(real, join(plan, 'dist'))) {
      throw new EmitError(`The output folder ${shownOut} is inside the plan folder, so the next check or build would read the output back as part of the plan.`,
        'Choose a folder outside the plan, or the plan\'s own dist/ folder, which plan never reads.');
    }
    if (isInside(realPathOf(cwd), real)) {
      throw new EmitError(`The output folder ${shownOut} is the current folder or holds it.`, 'Choose a sub-folder such as dist/my-plan.');
    }
    const stats = statOrUndefined(out);
    if (!stats) {
      refuseFileAncestor(out, shownOut);
      return;
    }
    if (!stats.isDirectory()) throw new EmitError(`The output path ${shownOut} is a file, not a folder.`, 'Choose another --out, or move the file.');
    refuseForeignFolder(realpathSync(out), shownOut);
  } catch (error) {
    throw asEmitError(error, shownOut);
  }
}

function refuseFileAncestor(out: string, shownOut: string): void {
  for (let dir = dirname(resolve(out)); ; dir = dirname(dir)) {
    const stats = statOrUndefined(dir);
    if (stats) {
      if (!stats.isDirectory()) throw new EmitError(`The output folder ${shownOut} cannot be made: ${dir} is a file, not a folder.`, 'Choose another --out.');
      return;
    }
    if (dirname(dir) === dir) return;
  }
}

function refuseForeignFolder(root: string, shownOut: string): void {
  if (lstatOrUndefined(join(root, MARKER_FILE))) return;
  if (userEntries(root).length > 0 && !lstatOrUndefined(join(root, JOURNAL_FILE))) {
    throw new EmitError(`The output folder ${shownOut} already holds files that plan did not write.`,
      'Choose an empty or new folder; plan writes only into folders it made itself (they hold a .plan-build manifest).');
  }
}

/**
 * Writes `files` into OUT as described at the top of this file. `replace`: they become the whole
 * output, and files of the old output that the new one lacks are removed. `update`: they are added
 * to the old output (a build with errors writes only its gap report). An error thrown by `files`
 * itself (a template that fails on a page) is thrown on as it is, once nothing of this build is left.
 * @param written filled in as the build goes and returned, so that what it did before it failed (an
 *   interrupted build completed, a user's file moved aside) can be said all the same
 */
export async function writeOutput(out: string, files: OutputStream, mode: 'replace' | 'update', shownOut = out, written: WriteResult = { kept: [], completedInterrupted: false }): Promise<WriteResult> {
  const id = randomBytes(8).toString('hex');
  let root: string | undefined;
  let created: string | undefined;
  let release: (() => void) | undefined;
  let staging: string | undefined;
  let committed = false;
  try {
    ({ root, created } = openRoot(out, shownOut));
    const lock = await lockOutput(root, id, shownOut);
    release = lock.release;
    const kept = written.kept;
    written.completedInterrupted = recover(root, lock.deadBuilds, kept);
    refuseForeignFolder(root, shownOut);
    const previous = readManifest(root);
    staging = join(root, `${STAGING_PREFIX}${id}`);
    const journal = await stage(root, staging, id, files, mode, previous);
    writeNewFile(join(staging, JOURNAL_FILE), JSON.stringify(journal) + '\n', 'the journal');
    renameSync(join(staging, JOURNAL_FILE), join(root, JOURNAL_FILE));
    committed = true;
    afterStep('committing the journal');
    apply(root, journal, kept);
    return written;
  } catch (error) {
    if (committed) {
      const reason = asEmitError(error, shownOut);
      throw new EmitError(`${reason.message.replace(/\.$/, '')}, part-way through putting the new files in place.`,
        `The new output is complete in ${shownOut}/${JOURNAL_FILE} and its staging folder; the next plan build finishes putting it in place.`);
    }
    // Clean-up never hides the real error: each step is tried, and its own failure ignored.
    if (staging) quietly(() => rmSync(staging!, { recursive: true, force: true }));
    if (error instanceof SourceFailure) throw error.cause;
    const reason = asEmitError(error, shownOut);
    throw new EmitError(`${reason.message.replace(/\.$/, '')}. Any earlier output there is unchanged.`, reason.hint);
  } finally {
    if (release) quietly(release);
    if (created && root && !committed) quietly(() => removeEmptyFolders(root!, dirname(created!)));
  }
}

/** What the output's own source threw while making a file: not the file system's failure, so not worded as one. */
class SourceFailure {
  constructor(readonly cause: unknown) {}
}

/** The files of `files` one at a time; whatever making one throws comes out as a SourceFailure. */
async function* eachFile(files: OutputStream): AsyncGenerator<OutputFile> {
  const iterator = Symbol.asyncIterator in files ? files[Symbol.asyncIterator]() : files[Symbol.iterator]();
  let done = false;
  try {
    for (;;) {
      let next: IteratorResult<OutputFile>;
      try {
        next = await iterator.next();
      } catch (cause) {
        done = true; // a generator that threw is finished: there is nothing to close
        throw new SourceFailure(cause);
      }
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // The writer stopped early (a write failed): let the source close what it holds, such as a print folder.
    if (!done) await iterator.return?.();
  }
}

function quietly(step: () => void): void {
  try {
    step();
  } catch {
    // a clean-up that fails leaves a temporary that the next build recognises as its own and removes
  }
}

/** OUT as a real folder to write into: made if missing, followed if it is a symbolic link to a folder. */
function openRoot(out: string, shownOut: string): { root: string; created: string | undefined } {
  const full = resolve(out);
  const link = lstatOrUndefined(full);
  if (link?.isSymbolicLink()) {
    const target = statOrUndefined(full);
    if (!target) throw new EmitError(`The output folder ${shownOut} is a symbolic link to something that does not exist.`, 'Make the folder it points to, or choose another --out.');
    if (!target.isDirectory()) throw new EmitError(`The output path ${shownOut} is a symbolic link to a file, not a folder.`, 'Choose another --out.');
    return { root: realpathSync(full), created: undefined };
  }
  if (link) {
    if (!link.isDirectory()) throw new EmitError(`The output path ${shownOut} is a file, not a folder.`, 'Choose another --out, or move the file.');
    return { root: full, created: undefined };
  }
  refuseFileAncestor(full, shownOut);
  const created = mkdirSync(full, { recursive: true });
  return { root: full, created };
}

/** Removes `folder` and its parents up to `stop` while they are empty: only ever an empty folder. */
function removeEmptyFolders(folder: string, stop: string): void {
  for (let dir = folder; isInside(dir, stop) && dir !== stop; dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
  }
}

/**
 * Stages every file that differs from what is in place, as each arrives. A file whose new content is
 * what the old manifest lists, and which still holds exactly that, is left where it is (its
 * modification time too): most of a rebuild's files are unchanged, and a write and a rename each cost
 * more than reading the old file to prove it. The journal lists the files in order of path, whatever
 * order they came in.
 */
async function stage(root: string, staging: string, id: string, files: OutputStream, mode: Journal['mode'], previous: FileHashes): Promise<Journal> {
  mkdirSync(staging);
  writeNewFile(join(staging, TOKEN_FILE), JSON.stringify({ format: TOKEN_FORMAT, id, pid: process.pid }) + '\n', 'the staging token');
  const hashes = new Map<string, string>();
  const place: string[] = [];
  const state: StagingState = { made: new Set(), real: new Map(), encoder: new Encoder() };
  const background = new BackgroundWrites();
  // How much the build has made so far, in UTF-16 units or bytes: a big build writes in the background.
  let sofar = 0;
  try {
    for await (const [path, content] of eachFile(files)) {
      if (!isOutputPath(path)) throw new Error(`plan tried to write an output file with the unsafe name ${path}`);
      if (hashes.has(path)) throw new Error(`plan tried to write the output file ${path} twice`);
      const before = sofar;
      const length = contentLength(content);
      sofar += length;
      // A big new file is written while the next is made; one the old output may hold already is compared first, here.
      if (!Buffer.isBuffer(content) && inBackground(length, before) && previous[path] === undefined && !faultArmed) {
        hashes.set(path, '');
        place.push(path);
        await background.write(stagingTarget(staging, path, state), content, (hash) => hashes.set(path, hash));
        continue;
      }
      const { hash, staged } = stageFile(root, staging, path, content, previous, state);
      hashes.set(path, hash);
      if (staged) place.push(path);
    }
    await background.finish();
  } catch (error) {
    // Nothing may still be writing into the staging folder when it is removed.
    await background.settle();
    throw error;
  }
  const next: FileHashes = Object.create(null);
  if (mode === 'update') Object.assign(next, previous);
  for (const path of [...hashes.keys()].sort()) next[path] = hashes.get(path)!;
  writeNewFile(join(staging, MARKER_FILE), manifestText(next), 'the new manifest');
  return { format: JOURNAL_FORMAT, id, mode, previous, next, place: place.sort() };
}

/** What staging keeps from file to file: the folders made in the staging folder, whether each output folder read through is a real one, and the buffer files are encoded into. */
interface StagingState {
  made: Set<string>;
  real: Map<string, boolean>;
  encoder: Encoder;
}

/**
 * Encodes each text into one buffer that every file reuses, grown to the largest: a big build writes a
 * hundred megabytes, which would otherwise be as many megabytes of buffers waiting to be collected.
 */
class Encoder {
  private buffer = Buffer.alloc(0);

  /** The bytes of `content`, valid until the next call. */
  bytes(content: OutputContent): Buffer {
    if (Buffer.isBuffer(content)) return content;
    const text = content as string | TextParts;
    const length = utf8Length(text);
    if (length > this.buffer.length) this.buffer = Buffer.allocUnsafe(Math.max(length, 1 << 20));
    encodeInto(text, this.buffer);
    return this.buffer.subarray(0, length);
  }
}

/** Stages one file unless it is already in place; its content is let go when this returns. */
function stageFile(root: string, staging: string, path: string, content: OutputContent, previous: FileHashes, state: StagingState): { hash: string; staged: boolean } {
  // Encoded once, for both the write and the hash; bytes whose hash the render checked are not hashed again.
  const bytes = state.encoder.bytes(content);
  const hash = (Buffer.isBuffer(content) ? knownHash(content) : undefined) ?? sha256(bytes);
  if (previous[path] === hash && holdsInPlace(root, path, bytes, state.real)) return { hash, staged: false };
  writeNewFile(stagingTarget(staging, path, state), bytes, path);
  return { hash, staged: true };
}

/** Where `path` is staged, its folder made if it is not yet. */
function stagingTarget(staging: string, path: string, state: StagingState): string {
  const target = join(staging, ...path.split('/'));
  const folder = dirname(target);
  if (!state.made.has(folder)) {
    mkdirSync(folder, { recursive: true });
    state.made.add(folder);
  }
  return target;
}

/**
 * True when the output file at `path` is a regular file holding exactly these bytes, reached through
 * real folders only (a folder the user has replaced by a link is never read through). `realFolders`
 * remembers each folder's answer for the rest of the build. Asked only when the bytes' hash is the one
 * the manifest recorded, so a file that holds them still holds what plan wrote: comparing the bytes
 * proves it without hashing the file as well.
 */
function holdsInPlace(root: string, path: string, bytes: Uint8Array, realFolders: Map<string, boolean>): boolean {
  const parts = path.split('/');
  let dir = root;
  for (const part of parts.slice(0, -1)) {
    dir = join(dir, part);
    let real = realFolders.get(dir);
    if (real === undefined) {
      real = lstatOrUndefined(dir)?.isDirectory() ?? false;
      realFolders.set(dir, real);
    }
    if (!real) return false;
  }
  const target = join(dir, parts[parts.length - 1]!);
  return lstatOrUndefined(target)?.isFile() === true && fileHolds(target, bytes);
}

/** Moves a committed build's staged files into place. Every step can be done again, so a build killed here is finished by the next. */
function apply(root: string, journal: Journal, kept: KeptFile[]): void {
  const staging = join(root, `${STAGING_PREFIX}${journal.id}`);
  for (const path of journal.place) {
    const source = join(staging, ...path.split('/'));
    if (!lstatOrUndefined(source)) continue; // moved in before an interruption
    const target = makeParents(root, path, kept);
    const existing = lstatOrUndefined(target);
    if (existing) {
      const ours = existing.isFile() && [journal.previous[path], journal.next[path]].includes(hashFile(target));
      if (!ours) moveAside(root, target, existing.isFile() && journal.previous[path] !== undefined ? 'changed' : 'not-plans', kept);
    }
    renameSync(source, target);
    afterStep(`putting ${path} in place`);
  }
  if (journal.mode === 'replace') {
    for (const path of Object.keys(journal.previous).sort()) {
      if (journal.next[path] === undefined) removeIfUnchanged(root, path, journal.previous[path]!, kept);
    }
  }
  const manifest = join(staging, MARKER_FILE);
  if (lstatOrUndefined(manifest)) {
    const inPlace = lstatOrUndefined(join(root, MARKER_FILE));
    if (inPlace && !inPlace.isFile()) moveAside(root, join(root, MARKER_FILE), 'not-plans', kept);
    renameSync(manifest, join(root, MARKER_FILE));
    afterStep('putting the new manifest in place');
  }
  rmSync(staging, { recursive: true, force: true });
  afterStep('removing the staging folder');
  unlinkSync(join(root, JOURNAL_FILE));
  afterStep('removing the journal');
}

/** Makes the folders above an output path; a file or link of the user's in the way is moved aside. Returns the path's full name. */
function makeParents(root: string, path: string, kept: KeptFile[]): string {
  const parts = path.split('/');
  let dir = root;
  for (const part of parts.slice(0, -1)) {
    dir = join(dir, part);
    const stats = lstatOrUndefined(dir);
    if (stats?.isDirectory()) continue;
    if (stats) moveAside(root, dir, 'not-plans', kept);
    mkdirSync(dir);
  }
  return join(dir, parts[parts.length - 1]!);
}

/** Renames a user's item out of the way, to the first free `<name>.kept`, `<name>.kept-2`, … */
function moveAside(root: string, path: string, reason: KeptFile['reason'], kept: KeptFile[]): void {
  let aside = `${path}.kept`;
  for (let n = 2; lstatOrUndefined(aside); n++) aside = `${path}.kept-${n}`;
  renameSync(path, aside);
  afterStep(`moving ${relative(root, path)} aside`);
  kept.push({ path: toOutputPath(root, path), movedTo: toOutputPath(root, aside), reason });
}

/** Removes an old output file that the new build no longer has, if it still holds what plan wrote. */
function removeIfUnchanged(root: string, path: string, hash: string, kept: KeptFile[]): void {
  let dir = root;
  const parts = path.split('/');
  for (const part of parts.slice(0, -1)) {
    dir = join(dir, part);
    if (!lstatOrUndefined(dir)?.isDirectory()) return; // gone, or now a file or link: not where plan put it
  }
  const target = join(dir, parts[parts.length - 1]!);
  const stats = lstatOrUndefined(target);
  if (!stats) return;
  if (!stats.isFile() || hashFile(target) !== hash) {
    kept.push({ path, reason: 'changed' });
    return;
  }
  unlinkSync(target);
  afterStep(`removing ${path}`);
  removeEmptyFolders(dir, root);
}

function toOutputPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/**
 * Completes a build that was interrupted after it committed (its journal is in place), and removes
 * what interrupted builds left before committing: staging folders proven theirs (by a matching token,
 * or by the id in the lock of a build that died), and lock files of builds whose process is gone.
 * Runs under the lock, so none of these is a live build's.
 */
function recover(root: string, deadBuilds: readonly string[], kept: KeptFile[]): boolean {
  let completed = false;
  const journal = readJournal(root);
  if (journal) {
    apply(root, journal, kept);
    completed = true;
  }
  for (const name of readdirSync(root)) {
    if (name.startsWith(STAGING_PREFIX)) {
      const id = name.slice(STAGING_PREFIX.length);
      const path = join(root, name);
      const proven = deadBuilds.includes(id) || readToken(path) === id;
      if (ID_PATTERN.test(id) && lstatOrUndefined(path)?.isDirectory() && proven) rmSync(path, { recursive: true, force: true });
    } else if (name.startsWith(`${LOCK_FILE}-`)) {
      const path = join(root, name);
      const owner = readJson(path) as { id?: unknown; pid?: unknown; host?: unknown } | undefined;
      if (owner && owner.id === name.slice(LOCK_FILE.length + 1) && typeof owner.pid === 'number' && typeof owner.host === 'string' && ownerIsGone({ pid: owner.pid, host: owner.host })) {
        quietly(() => unlinkSync(path));
      }
    }
  }
  return completed;
}

function readJson(path: string): unknown {
  try {
    if (!lstatSync(path).isFile()) return undefined;
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function readToken(staging: string): string | undefined {
  const token = readJson(join(staging, TOKEN_FILE)) as { format?: unknown; id?: unknown } | undefined;
  return token?.format === TOKEN_FORMAT && typeof token.id === 'string' ? token.id : undefined;
}

/** The journal of a committed, unfinished build, or undefined. Its staging folder must carry the same id. */
function readJournal(root: string): Journal | undefined {
  const journal = readJson(join(root, JOURNAL_FILE)) as Partial<Journal> | undefined;
  if (!journal || journal.format !== JOURNAL_FORMAT || typeof journal.id !== 'string' || !ID_PATTERN.test(journal.id)) return undefined;
  if (journal.mode !== 'replace' && journal.mode !== 'update') return undefined;
  const hashes = (value: unknown): FileHashes | undefined => {
    if (typeof value !== 'object' || value === null) return undefined;
    const out: FileHashes = Object.create(null);
    for (const [path, hash] of Object.entries(value)) {
      if (!isOutputPath(path) || typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) return undefined;
      out[path] = hash;
    }
    return out;
  };
  const previous = hashes(journal.previous);
  const next = hashes(journal.next);
  if (!previous || !next || !Array.isArray(journal.place) || !journal.place.every((p) => typeof p === 'string' && isOutputPath(p) && next[p] !== undefined)) return undefined;
  const staging = join(root, `${STAGING_PREFIX}${journal.id}`);
  if (lstatOrUndefined(staging) && readToken(staging) !== journal.id) return undefined;
  return { format: JOURNAL_FORMAT, id: journal.id, mode: journal.mode, previous, next, place: journal.place as string[] };
}
