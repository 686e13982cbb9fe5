// A build's files come from the render one at a time, each made when the writer asks for the next:
// the pages before one whose template fails are handed over before the failure, and no path comes twice.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/cli/report-context.js';
import { compilePlan } from '../../src/pipeline.js';
import { TemplateError } from '../../src/render/engine.js';
import { siteFiles } from '../../src/render/site.js';
import { copyPlan, fixture, repoRoot } from '../helpers/cli.js';

describe('siteFiles', () => {
  it('hands over every page made before one whose template fails, then throws that template\'s error', async () => {
    const plan = copyPlan(fixture('valid'));
    mkdirSync(join(plan, 'templates', 'html'), { recursive: true });
    writeFileSync(join(plan, 'templates', 'html', 'portfolio.hbs'), '{{#if site.team}}{{word "no-such-word"}}{{/if}}<p>{{name}}</p>\n');
    const { plan: linked, diagnostics } = await compilePlan(plan, { cache: false });
    const handedOver: string[] = [];
    let failure: unknown;
    try {
      for (const [path] of siteFiles(linked!, diagnostics, { planDir: plan, catalogue })) handedOver.push(path);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(TemplateError);
    expect((failure as Error).message).toMatch(/html template portfolio failed/);
    // The compiled plan and the gap report's data first, then the whole public site, then the team's documents up to its first portfolio page.
    expect(handedOver.slice(0, 2)).toEqual(['plan.json', 'gaps.json']);
    expect(handedOver).toContain('public/portfolios/primary-care.html');
    expect(handedOver).toContain('summary.html');
    expect(handedOver.at(-1)).toMatch(/^portfolios\/[^/]+\.md$/);
  });

  it.each([['the embedded plan', join(repoRoot, 'plans', 'staffordshire-stoke-2023-24')], ['a plan that reports its year', fixture('planning-year')]])('gives each path once, as the writer requires, for %s', async (_name, dir) => {
    const { plan, diagnostics } = await compilePlan(dir, { cache: false });
    const paths = [...siteFiles(plan!, diagnostics, { planDir: dir, catalogue })].map(([path]) => path);
    expect(paths).toContain('public/index.html');
    expect(paths).toContain('plan.json');
    expect(paths.filter((path, i) => paths.indexOf(path) !== i)).toEqual([]);
  });
});
