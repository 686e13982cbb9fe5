// What the emit phase writes: a build's output, as paths relative to the output folder (with /) and
// their contents. The render phase produces it; emit owns its shape.

/** A build's output held whole in memory: what `plan serve` keeps between builds, and a gap report. */
export type OutputFiles = Map<string, string | Buffer>;

/** One output file: its path relative to the output folder (with /), and its content. */
export type OutputFile = readonly [path: string, content: string | Buffer];

/**
 * A build's output made one file at a time, in any order, each path once: the writer stages each file
 * as it arrives and lets it go, so a big build never holds all its pages at once. A map of
 * OutputFiles is one; so is a generator, which may throw part-way (a template that fails on a later
 * page), and then nothing of the build is written.
 */
export type OutputStream = Iterable<OutputFile> | AsyncIterable<OutputFile>;

/** The SHA-256 of bytes a render already knows (a page found in the page cache and checked by it), by the bytes. */
const knownHashes = new WeakMap<Uint8Array, string>();

/**
 * Tells the writer the SHA-256 (hex) of `bytes`, which it records for each file it writes, so it does
 * not hash them again. Only for bytes whose hash was just worked out or checked, and that nothing
 * changes afterwards.
 */
export function withKnownHash<T extends Uint8Array>(bytes: T, sha256: string): T {
  knownHashes.set(bytes, sha256);
  return bytes;
}

/** The SHA-256 `withKnownHash` gave for these bytes, if any. */
export function knownHash(bytes: Uint8Array): string | undefined {
  return knownHashes.get(bytes);
}
