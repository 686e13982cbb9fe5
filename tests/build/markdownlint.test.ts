// Every Markdown page a build writes, of every fixture and of the embedded plan, on the team's site and
// the public one (or the gap report alone, for a plan with errors), passes markdownlint with no finding
// under the repository's .markdownlint.json: markdownlint's defaults, without the line-length rule
// (prose is written one paragraph a line), with headings alike only under different parents, and with
// the two HTML elements the documents need (`<a id>` anchors for objectives, `<br>` in table cells).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/cli/report-context.js';
import { compilePlan } from '../../src/pipeline.js';
import { renderGaps, renderSite } from '../../src/render/site.js';
import { repoRoot } from '../helpers/cli.js';

const config = JSON.parse(readFileSync(join(repoRoot, '.markdownlint.json'), 'utf8')) as Record<string, unknown>;
const fixtures = readdirSync(join(repoRoot, 'tests', 'fixtures')).map((name) => ({ name, dir: join(repoRoot, 'tests', 'fixtures', name) }));
const plans = [{ name: 'the embedded plan', dir: join(repoRoot, 'plans', 'staffordshire-stoke-2023-24') }, ...fixtures];

describe.each(plans)('the Markdown of $name', ({ dir }) => {
  it('has no markdownlint finding on any page', async () => {
    const { plan, diagnostics } = await compilePlan(dir, { cache: false });
    const files = plan && !diagnostics.some((d) => d.severity === 'error')
      ? await renderSite(plan, diagnostics, { planDir: dir, catalogue })
      : renderGaps(plan, diagnostics, { planDir: dir, catalogue });
    const strings = Object.fromEntries([...files].filter(([path]) => path.endsWith('.md')).map(([path, content]) => [path, content.toString()]));
    expect(Object.keys(strings).length).toBeGreaterThan(0);
    const results = lint({ strings, config });
    const findings = Object.entries(results).flatMap(([path, issues]) => issues.map((i) => `${path}:${i.lineNumber} ${i.ruleNames.join('/')} ${i.ruleDescription}${i.errorDetail ? `: ${i.errorDetail}` : ''}${i.errorContext ? ` [${i.errorContext}]` : ''}`));
    expect(findings).toEqual([]);
  });
});
