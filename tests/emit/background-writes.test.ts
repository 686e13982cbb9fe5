// Big new files are written and hashed on a thread of their own while the render makes the next page:
// each file holds exactly its text's UTF-8 and is listed with the sha256 of it, however often the
// shared memory goes round and whatever sizes come in; a write that fails is said, and nothing is
// still writing once the writer has settled.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_AFTER_LENGTH, BackgroundWrites, BACKGROUND_MIN_LENGTH } from '../../src/emit/background-writes.js';
import type { OutputFile } from '../../src/emit/output-files.js';
import { writeOutput } from '../../src/emit/write-tree.js';
import { makeTempDir } from '../helpers/cli.js';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A page of `length` UTF-16 units, different for each `seed`, with text that is not ASCII (two and three bytes in UTF-8, and a pair of surrogates). */
function page(seed: number, length: number): string {
  const line = `${seed}: Café – “golden thread” ● 🧵 naïve\n`;
  const whole = line.repeat(Math.floor((length - 1) / line.length));
  return whole + 'x'.repeat(length - 1 - whole.length) + '\n';
}

describe('BackgroundWrites', () => {
  it('writes each file whole and gives its sha256, going round a small ring many times', async () => {
    const dir = makeTempDir('plan-background-');
    const ring = 1 << 20;
    const writes = new BackgroundWrites(ring);
    // Sizes below, near and above the ring's, in an order that makes the ring wrap at odd places.
    const sizes = [300_000, 200_000, 450_000, 100_000, 380_000, 2_500_000, 250_000, 333_333, 123_456, 400_000, 1_000, 360_000];
    const hashes = new Map<string, string>();
    const texts = new Map<string, string>();
    for (const [i, size] of sizes.entries()) {
      const name = `page-${i}.md`;
      const text = page(i, size);
      texts.set(name, text);
      await writes.write(join(dir, name), text, (hash) => hashes.set(name, hash));
    }
    await writes.finish();
    expect(readdirSync(dir).sort()).toEqual([...texts.keys()].sort());
    for (const [name, text] of texts) {
      expect(readFileSync(join(dir, name), 'utf8')).toBe(text);
      expect(hashes.get(name)).toBe(sha256(text));
    }
  });

  it('says why a write failed, refuses more, and leaves nothing writing once settled', async () => {
    const dir = makeTempDir('plan-background-');
    const writes = new BackgroundWrites(1 << 20);
    const hashes: string[] = [];
    await writes.write(join(dir, 'missing-folder', 'page.md'), page(1, 1000), (hash) => hashes.push(hash));
    await expect(writes.finish()).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(writes.write(join(dir, 'next.md'), page(2, 1000), (hash) => hashes.push(hash))).rejects.toMatchObject({ code: 'ENOENT' });
    await writes.settle();
    expect(hashes).toEqual([]);
    expect(existsSync(join(dir, 'next.md'))).toBe(false);
  });

  it('never writes over a file that is there already', async () => {
    const dir = makeTempDir('plan-background-');
    const writes = new BackgroundWrites(1 << 20);
    await writes.write(join(dir, 'page.md'), page(1, 1000), () => undefined);
    await writes.finish();
    const again = new BackgroundWrites(1 << 20);
    await again.write(join(dir, 'page.md'), page(2, 1000), () => undefined);
    await expect(again.finish()).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(join(dir, 'page.md'), 'utf8')).toBe(page(1, 1000));
  });
});

/** A first file as big as a build makes before it writes in the background. */
const filler = (): OutputFile => ['filler.md', page(0, BACKGROUND_AFTER_LENGTH)];

describe('writeOutput with big pages', () => {
  it('writes big and small files alike, with the manifest listing the sha256 of each', async () => {
    const out = join(makeTempDir('plan-background-'), 'site');
    const files: OutputFile[] = [
      filler(),
      ['big.html', page(1, BACKGROUND_MIN_LENGTH + 10)],
      ['small.md', page(2, 500)],
      ['portfolios/big.md', page(3, 3 * BACKGROUND_MIN_LENGTH)],
      ['buffer.bin', Buffer.from(page(4, BACKGROUND_MIN_LENGTH * 2))],
      ['portfolios/also-big.md', page(5, BACKGROUND_MIN_LENGTH)],
    ];
    await writeOutput(out, files, 'replace');
    const manifest = JSON.parse(readFileSync(join(out, '.plan-build'), 'utf8')) as { files: Record<string, string> };
    for (const [path, content] of files) {
      const text = typeof content === 'string' ? content : content.toString('utf8');
      expect(readFileSync(join(out, path), 'utf8')).toBe(text);
      expect(manifest.files[path]).toBe(sha256(text));
    }
    expect(Object.keys(manifest.files)).toEqual(files.map(([path]) => path).sort());
    // Nothing of the build's own is left beside the output.
    expect(readdirSync(out).filter((name) => name.startsWith('.plan-build')).sort()).toEqual(['.plan-build', '.plan-build.lock'].filter((name) => existsSync(join(out, name))));
  });

  it('rebuilds the same big pages in place, without staging them again', async () => {
    const out = join(makeTempDir('plan-background-'), 'site');
    const files: OutputFile[] = [filler(), ['big.md', page(1, BACKGROUND_MIN_LENGTH * 2)], ['other.md', page(2, BACKGROUND_MIN_LENGTH * 2)]];
    await writeOutput(out, files, 'replace');
    const before = readFileSync(join(out, '.plan-build'), 'utf8');
    const changed: OutputFile[] = [files[0]!, files[1]!, ['other.md', page(3, BACKGROUND_MIN_LENGTH * 2)]];
    await writeOutput(out, changed, 'replace');
    const manifest = JSON.parse(readFileSync(join(out, '.plan-build'), 'utf8')) as { files: Record<string, string> };
    expect(manifest.files['big.md']).toBe((JSON.parse(before) as { files: Record<string, string> }).files['big.md']);
    expect(readFileSync(join(out, 'other.md'), 'utf8')).toBe(page(3, BACKGROUND_MIN_LENGTH * 2));
    expect(manifest.files['other.md']).toBe(sha256(page(3, BACKGROUND_MIN_LENGTH * 2)));
  });

  it('leaves the earlier output as it was when a page after a big one fails to render', async () => {
    const out = join(makeTempDir('plan-background-'), 'site');
    await writeOutput(out, [['index.md', 'old\n']], 'replace');
    function* files(): Generator<OutputFile> {
      yield filler();
      yield ['big.md', page(1, BACKGROUND_MIN_LENGTH * 4)];
      throw new Error('the template failed');
    }
    await expect(writeOutput(out, files(), 'replace')).rejects.toThrow('the template failed');
    expect(readdirSync(out).filter((name) => !name.startsWith('.plan-build.lock')).sort()).toEqual(['.plan-build', 'index.md']);
    expect(readFileSync(join(out, 'index.md'), 'utf8')).toBe('old\n');
  });
});
