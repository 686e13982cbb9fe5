import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileHolds } from '../../src/emit/output-manifest.js';
import { makeTempDir } from '../helpers/cli.js';

// A rebuild keeps a file in place when it holds exactly the bytes the build made: fileHolds decides it.

describe('fileHolds', () => {
  const dir = makeTempDir('plan-holds-');
  // Larger than the 1 MB buffer files are read through, so the comparison spans several reads.
  const bytes = Buffer.alloc(2_500_001, 'abcdefghij');
  const file = (name: string, content: Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('is true for the same bytes, across reads of the buffer', () => {
    expect(fileHolds(file('same', bytes), bytes)).toBe(true);
    expect(fileHolds(file('empty', Buffer.alloc(0)), Buffer.alloc(0))).toBe(true);
  });

  it('is false for one byte changed anywhere, at the same size', () => {
    for (const at of [0, 1 << 20, (1 << 20) - 1, bytes.length - 1]) {
      const changed = Buffer.from(bytes);
      changed[at] = 0x58;
      expect(fileHolds(file(`changed-${at}`, changed), bytes)).toBe(false);
    }
  });

  it('is false for a file one byte longer or shorter', () => {
    expect(fileHolds(file('longer', Buffer.concat([bytes, Buffer.from('x')])), bytes)).toBe(false);
    expect(fileHolds(file('shorter', bytes.subarray(0, bytes.length - 1)), bytes)).toBe(false);
  });

  it('is false for a link to a file that holds the bytes, and for no file at all', () => {
    const target = file('target', bytes);
    symlinkSync(target, join(dir, 'link'));
    expect(fileHolds(join(dir, 'link'), bytes)).toBe(false);
    expect(fileHolds(join(dir, 'missing'), bytes)).toBe(false);
  });
});
