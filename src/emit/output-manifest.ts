// The `.plan-build` manifest at the top of an output folder: every file plan wrote there, with the
// sha256 of what it wrote. It is plan's only claim to a file: a build replaces or removes a file only
// when the manifest lists it and it still holds exactly what plan wrote.

import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';

export const MARKER_FILE = '.plan-build';
export const MANIFEST_FORMAT = 'plan-build/1';

/** Output path (relative, with /) -> sha256 of its content, in hex. */
export type FileHashes = Record<string, string>;

export interface OutputManifest {
  format: typeof MANIFEST_FORMAT;
  files: FileHashes;
}

/** Every name inside an output folder that begins like this is plan's own bookkeeping, never output. */
export const RESERVED_PREFIX = '.plan-build';

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** One buffer, reused, that files are read through for their hash: a rebuild reads back every unchanged page. */
let readChunk: Buffer | undefined;

export function hashFile(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    readChunk ??= Buffer.allocUnsafe(1 << 20);
    for (let read = readSync(fd, readChunk); read > 0; read = readSync(fd, readChunk)) hash.update(readChunk.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * Whether the file at `path` holds exactly `bytes`: its size, then its content, read through the same
 * buffer. A link put in its place since it was looked at is not followed (where the system can tell).
 */
export function fileHolds(path: string, bytes: Uint8Array): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return false;
  }
  try {
    if (fstatSync(fd).size !== bytes.length) return false;
    readChunk ??= Buffer.allocUnsafe(1 << 20);
    let offset = 0;
    for (let read = readSync(fd, readChunk); read > 0; read = readSync(fd, readChunk)) {
      if (offset + read > bytes.length || !readChunk.subarray(0, read).equals(bytes.subarray(offset, offset + read))) return false;
      offset += read;
    }
    return offset === bytes.length;
  } finally {
    closeSync(fd);
  }
}

/** A path plan could have written: relative, forward slashes, no `.` or `..` parts, not one of its own names. */
export function isOutputPath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  const parts = path.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..')) return false;
  return !parts[0]!.startsWith(RESERVED_PREFIX);
}

export function manifestText(files: FileHashes): string {
  const sorted: FileHashes = Object.create(null);
  for (const path of Object.keys(files).sort()) sorted[path] = files[path]!;
  const manifest: OutputManifest = { format: MANIFEST_FORMAT, files: sorted };
  return JSON.stringify(manifest, null, 2) + '\n';
}

/**
 * The files the manifest in `root` lists. Anything that is not a manifest of this format (an older
 * plan's text marker, a damaged file) lists nothing, so it gives no right to touch any file.
 */
export function readManifest(root: string): FileHashes {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(root, MARKER_FILE), 'utf8'));
  } catch {
    return Object.create(null);
  }
  // No prototype, so a listed path such as `__proto__` is a path like any other.
  const files: FileHashes = Object.create(null);
  const listed = (parsed as Partial<OutputManifest> | null)?.files;
  if ((parsed as Partial<OutputManifest> | null)?.format !== MANIFEST_FORMAT || typeof listed !== 'object' || listed === null) return files;
  for (const [path, hash] of Object.entries(listed)) {
    if (isOutputPath(path) && typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)) files[path] = hash;
  }
  return files;
}
