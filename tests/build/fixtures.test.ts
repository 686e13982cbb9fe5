// Differently shaped plans build to the documents a reader expects: a place's plan with boards, only
// local objectives, no numbered priorities and no duties (place-boards); a tiny plan with three
// objectives, priorities numbered 1 and 3 and one not, and a duty matrix (tiny); and a plan with
// hundreds of objectives (hundreds). Each public site's Markdown is compared with its golden copy
// in tests/golden/<fixture>/, which UPDATE_GOLDEN=1 rewrites after a deliberate change.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/cli/report-context.js';
import { compilePlan } from '../../src/pipeline.js';
import { renderSite } from '../../src/render/site.js';
import { fixture, repoRoot } from '../helpers/cli.js';
import { filesUnder } from '../helpers/site-text.js';

export const SHAPED_FIXTURES = ['place-boards', 'tiny', 'hundreds'];

async function publicMarkdown(name: string): Promise<Map<string, string>> {
  const dir = fixture(name);
  const { plan, diagnostics } = await compilePlan(dir, { cache: false });
  expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), `${name} has errors`).toEqual([]);
  const files = await renderSite(plan!, diagnostics, { planDir: dir, catalogue, audience: 'public' });
  return new Map([...files].filter(([path]) => path.endsWith('.md')).map(([path, content]) => [path, content.toString()]));
}

describe.each(SHAPED_FIXTURES)('the public Markdown of the %s fixture', (name) => {
  it('matches its golden copy, page by page (UPDATE_GOLDEN=1 rewrites it after a deliberate change)', async () => {
    const pages = await publicMarkdown(name);
    const golden = join(repoRoot, 'tests', 'golden', name);
    if (process.env.UPDATE_GOLDEN === '1') {
      rmSync(golden, { recursive: true, force: true });
      for (const [path, content] of pages) {
        mkdirSync(dirname(join(golden, path)), { recursive: true });
        writeFileSync(join(golden, path), content);
      }
    }
    expect(existsSync(golden), `no golden copy in ${golden}: run the tests with UPDATE_GOLDEN=1 and read what it writes`).toBe(true);
    expect([...pages.keys()].sort()).toEqual(filesUnder(golden).sort());
    for (const [path, content] of pages) expect(content, path).toBe(readFileSync(join(golden, path), 'utf8'));
  });
});

describe('the shapes of plan each fixture stands for', () => {
  it('place-boards: a place\'s plan says "board", has no duty page and no national objectives column', async () => {
    const pages = await publicMarkdown('place-boards');
    expect(pages.has('duties.md')).toBe(false);
    expect(pages.get('summary.md')).toContain('## Summary of what our boards will focus on');
    expect(pages.get('summary.md')).not.toContain('National objectives');
    expect(pages.get('summary.md')).not.toContain('Joint Forward Plan\'s');
    expect([...pages.values()].join('\n')).not.toMatch(/^-\. /m);
  });

  it('tiny: keeps its priorities\' own numbers and shows its duty matrix', async () => {
    const pages = await publicMarkdown('tiny');
    expect(pages.get('summary.md')).toContain('- 1\\. **Prevent ill health**\n- 3\\. **Improve access to care**\n- **A workforce for the future**\n');
    expect(pages.get('duties.md')).toContain('**New in this edition**: Digital Hillside');
  });

  it('hundreds: counts each portfolio\'s objectives on the plan on a page, and lists every one on the objectives page', async () => {
    const pages = await publicMarkdown('hundreds');
    expect(pages.get('plan-on-a-page.md')).toContain('26 objectives: [see its page](portfolios/uec.md)');
    expect(pages.get('objectives.md')!.match(/^### /gm)).toHaveLength(320);
  });
});
