// The emit phase takes a build's files one at a time, as the render makes them: each is staged as it
// arrives and let go, the manifest lists them in order of path whatever order they came in, and a
// source that fails part-way leaves the earlier output exactly as it was, with nothing of its own left.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { wholeContent, withKnownHash, type OutputFile } from '../../src/emit/output-files.js';
import { EmitError, writeOutput } from '../../src/emit/write-tree.js';
import { makeTempDir } from '../helpers/cli.js';
import { copyOldBuild, onlyManifestLeft, outputOf, readTree, sameFiles, twoBuilds, type TwoBuilds } from './output-trees.js';

let builds: TwoBuilds;
beforeAll(async () => {
  builds = await twoBuilds();
}, 120_000);

function oldOutput(): string {
  const out = join(makeTempDir('plan-streamed-'), 'site');
  copyOldBuild(builds, out);
  return out;
}

/** The new build's files, last path first: not the order the writer lists them in. */
const newFilesBackwards = (): OutputFile[] => [...builds.newFiles].reverse();

/** The files in the build's staging folder so far, by path. */
function stagedFiles(out: string): Set<string> {
  const staging = readdirSync(out).filter((name) => name.startsWith('.plan-build.staging-'));
  if (staging.length !== 1) return new Set();
  return new Set(outputOf(readTree(join(out, staging[0]!))).keys());
}

describe('writeOutput, given the files one at a time', () => {
  it('stages each new or changed file before the next one is made', async () => {
    const out = oldOutput();
    const changed = newFilesBackwards().filter(([path, content]) => !builds.oldFiles.get(path)?.equals(Buffer.from(wholeContent(content))));
    expect(changed.length).toBeGreaterThan(1);
    const stagedBeforeNext: string[] = [];
    function* files(): Generator<OutputFile> {
      let previous: string | undefined;
      for (const file of newFilesBackwards()) {
        if (previous !== undefined && stagedFiles(out).has(previous)) stagedBeforeNext.push(previous);
        yield file;
        previous = file[0];
      }
    }
    await writeOutput(out, files(), 'replace');
    // The last file has no next one to be made before; every other changed file was on disk by then.
    expect(stagedBeforeNext).toEqual(changed.map(([path]) => path).filter((path) => path !== newFilesBackwards().at(-1)![0]));
    expect(sameFiles(outputOf(readTree(out)), new Map([...builds.newFiles].map(([path, content]) => [path, Buffer.from(content)])))).toBe(true);
  });

  it('lists the files in the manifest in order of path, whatever order they came in', async () => {
    const out = oldOutput();
    await writeOutput(out, newFilesBackwards(), 'replace');
    const manifest = JSON.parse(readFileSync(join(out, '.plan-build'), 'utf8')) as { files: Record<string, string> };
    const paths = [...builds.newFiles.keys()];
    expect(Object.keys(manifest.files)).toEqual([...paths].sort());
    expect(Object.keys(manifest.files)).not.toEqual(newFilesBackwards().map(([path]) => path));
    expect(onlyManifestLeft(out)).toBe(true);
  });

  it('throws what the source threw part-way, and leaves the earlier output exactly as it was, with no staging folder', async () => {
    const out = oldOutput();
    const before = readTree(out);
    const failure = new Error('the template of the last portfolio failed');
    let stagedWhenItFailed = 0;
    function* files(): Generator<OutputFile> {
      const all = newFilesBackwards();
      yield* all.slice(0, all.length - 2);
      stagedWhenItFailed = stagedFiles(out).size;
      throw failure;
    }
    await expect(writeOutput(out, files(), 'replace')).rejects.toBe(failure);
    expect(stagedWhenItFailed, 'files were already staged when the source failed').toBeGreaterThan(0);
    const after = readTree(out);
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect(sameFiles(after, before)).toBe(true);
    expect(readdirSync(out).filter((name) => name.startsWith('.plan-build') && name !== '.plan-build')).toEqual([]);
  });

  it('leaves no output folder behind when it made the folder and the source failed', async () => {
    const out = join(makeTempDir('plan-streamed-'), 'new', 'site');
    function* files(): Generator<OutputFile> {
      yield ['index.md', '# Home\n'];
      throw new Error('the summary template failed');
    }
    await expect(writeOutput(out, files(), 'replace')).rejects.toThrow('the summary template failed');
    expect(existsSync(join(out, '..'))).toBe(false);
  });

  it('lets the source close what it holds when a write fails part-way', async () => {
    const out = oldOutput();
    const before = readTree(out);
    let closed = false;
    function* files(): Generator<OutputFile> {
      try {
        yield ['index.md', '# Home\n'];
        yield ['../outside.md', 'a path no build makes'];
        yield ['summary.md', '# Summary\n'];
      } finally {
        closed = true;
      }
    }
    const failure = writeOutput(out, files(), 'replace');
    await expect(failure).rejects.toBeInstanceOf(EmitError);
    await expect(failure).rejects.toThrow(/unsafe name \.\.\/outside\.md.*Any earlier output there is unchanged/);
    expect(closed).toBe(true);
    expect(sameFiles(readTree(out), before)).toBe(true);
  });

  it('refuses a file made twice, and writes nothing', async () => {
    const out = oldOutput();
    const before = readTree(out);
    await expect(writeOutput(out, [['index.md', '# Home\n'], ['index.md', '# Home again\n']], 'replace')).rejects.toThrow(/index\.md twice/);
    expect(sameFiles(readTree(out), before)).toBe(true);
  });
});

describe('writeOutput, given bytes whose hash the render knows', () => {
  it('records that hash in the manifest rather than hashing the bytes again, and hashes the rest', async () => {
    const out = join(makeTempDir('plan-known-hash-'), 'site');
    const page = Buffer.from('<p>A page found in the page cache</p>\n');
    const stated = 'a'.repeat(64); // not its hash: only a hash the writer was given could be this
    await writeOutput(out, [['found.html', withKnownHash(page, stated)], ['made.html', '<p>Made now</p>\n'], ['plain.html', Buffer.from('<p>A buffer</p>\n')]], 'replace');
    const manifest = JSON.parse(readFileSync(join(out, '.plan-build'), 'utf8')) as { files: Record<string, string> };
    expect(manifest.files['found.html']).toBe(stated);
    expect(manifest.files['made.html']).toBe(createHash('sha256').update('<p>Made now</p>\n').digest('hex'));
    expect(manifest.files['plain.html']).toBe(createHash('sha256').update('<p>A buffer</p>\n').digest('hex'));
    expect(readFileSync(join(out, 'found.html'))).toEqual(page);
  });
});
