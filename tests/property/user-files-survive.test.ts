// Property: whatever files a user puts in and around a previous build's output folder (beside plan's
// files, inside its folders, in place of them, named like its temporaries), the next build leaves
// every one of them there, byte for byte: where the user put it, or moved aside as the build reports.

import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOutput } from '../../src/emit/write-tree.js';
import { makeTempDir } from '../helpers/cli.js';
import { copyOldBuild, outputOf, readTree, twoBuilds, type TwoBuilds } from '../emit/output-trees.js';

let builds: TwoBuilds;
beforeAll(async () => {
  builds = await twoBuilds();
}, 120_000);

/** Names a user might give: plan's own output names among them, so some files land where plan writes. */
const segment = fc.oneof(
  fc.constantFrom('index.html', 'index.md', 'summary.md', 'assets', 'portfolios', 'images', 'plan.css', 'gaps.json', 'digital.html', 'mental-health.md',
    'CNAME', 'userstuff', 'notes.txt', '.site.plan-tmp-1', '.site.plan-old-2', '.hidden', 'site', 'x.kept'),
  fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,11}$/),
);
const userFile = fc.record({
  /** Inside the output folder, or beside it in its parent folder. */
  inside: fc.boolean(),
  parts: fc.array(segment, { minLength: 1, maxLength: 3 }),
  content: fc.uint8Array({ minLength: 0, maxLength: 64 }),
});

describe('a build among the user\'s files', () => {
  it('keeps every file the user put in or around the previous output, byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(userFile, { minLength: 1, maxLength: 12 }), async (files) => {
        const parent = makeTempDir('plan-property-');
        const out = join(parent, 'site');
        copyOldBuild(builds, out);
        // Write each file as a user would, replacing whatever was at that path (plan's file or folder, or an earlier one of theirs).
        const written = new Map<string, Buffer>();
        for (const file of files) {
          const relative = file.inside ? file.parts.join('/') : file.parts.join('/').replace(/^site(\/|$)/, 'beside$1');
          const path = join(file.inside ? out : parent, relative);
          let ancestor = dirname(path);
          while (ancestor.length > parent.length && !existsSync(ancestor)) ancestor = dirname(ancestor);
          if (ancestor.length > parent.length && !lstatSync(ancestor).isDirectory()) rmSync(ancestor, { force: true });
          rmSync(path, { recursive: true, force: true });
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, file.content);
        }
        // What is still there after all of them were written: the files to keep.
        const tree = readTree(parent);
        for (const [path, bytes] of tree) {
          const ofPlan = path.startsWith('site/') && builds.oldFiles.get(path.slice(5))?.equals(bytes);
          if (!ofPlan && !path.startsWith('site/.plan-build')) written.set(path, bytes);
        }

        const result = await writeOutput(out, builds.newFiles, 'replace');

        const after = readTree(parent);
        for (const [path, bytes] of written) {
          const inOut = path.startsWith('site/') ? path.slice(5) : undefined;
          const moved = inOut === undefined ? undefined : result.kept.find((k) => k.movedTo && (inOut === k.path || inOut.startsWith(`${k.path}/`)));
          const now = moved ? `site/${moved.movedTo}${inOut!.slice(moved.path.length)}` : path;
          expect(after.get(now)?.equals(bytes), `${path}${moved ? ` (moved aside to ${now})` : ''}`).toBe(true);
        }
        // And the build is complete: every new file in place.
        const output = outputOf(readTree(out));
        for (const [path, content] of builds.newFiles) expect(output.get(path)?.equals(Buffer.from(content)), path).toBe(true);
        expect(readFileSync(join(out, '.plan-build'), 'utf8')).toContain('"plan-build/1"');
      }),
      { numRuns: 40 },
    );
  }, 300_000);
});
