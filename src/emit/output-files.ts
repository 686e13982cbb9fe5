// What the emit phase writes: a build's output, as paths relative to the output folder (with /) and
// their contents. The render phase produces it; emit owns its shape.

/** A build's output held whole in memory: what `plan serve` keeps between builds, and a gap report. */
export type OutputFiles = Map<string, string | Buffer>;

/**
 * What a file of a build holds: text, bytes, or text in parts, which joined are its text (a page as
 * the render made it: the writer encodes the parts one after another, so a page of megabytes is not
 * copied whole once more to be one string).
 */
export type OutputContent = string | Buffer | TextParts;

/** Text in parts, in order. */
export type TextParts = readonly string[];

/** One output file: its path relative to the output folder (with /), and its content. */
export type OutputFile = readonly [path: string, content: OutputContent];

/** The content as one string or its bytes: text in parts joined. */
export function wholeContent(content: OutputContent): string | Buffer {
  return Array.isArray(content) ? content.join('') : (content as string | Buffer);
}

/** How long the content is: UTF-16 units of text, or bytes. */
export function contentLength(content: OutputContent): number {
  if (!Array.isArray(content)) return (content as string | Buffer).length;
  let length = 0;
  for (const part of content as TextParts) length += part.length;
  return length;
}

/** The UTF-8 length of text, whole or in parts. */
export function utf8Length(text: string | TextParts): number {
  if (typeof text === 'string') return Buffer.byteLength(text, 'utf8');
  let length = 0;
  for (const part of text) length += Buffer.byteLength(part, 'utf8');
  return length;
}

/** Encodes text, whole or in parts, into `bytes` from `offset`, which has room for all of it; returns the end. */
export function encodeInto(text: string | TextParts, bytes: Buffer, offset = 0): number {
  if (typeof text === 'string') return offset + bytes.write(text, offset, 'utf8');
  let at = offset;
  for (const part of text) at += bytes.write(part, at, 'utf8');
  return at;
}

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
