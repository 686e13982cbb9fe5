// Builds the documents of an in-memory plan without the CLI: compile the texts, render the site for an
// audience, and read its pages by name.

import { expect } from 'vitest';
import { builtInChecks } from '../../src/catalogue.js';
import { catalogue } from '../../src/cli/report-context.js';
import type { SourceText } from '../../src/load/plan-folder.js';
import { compileTexts } from '../../src/compile-texts.js';
import { renderSite } from '../../src/render/site.js';
import type { Audience } from '../../src/render/views/site.js';

const builtIn = new Set<string>(builtInChecks.map((c) => c.id));

export interface RenderedSite {
  /** A page of the site by its path, such as `summary.md` or `portfolios/uec.html`; fails when it is missing. */
  page(path: string): string;
  has(path: string): boolean;
  paths: string[];
}

/** The site of a plan given as files; fails when the plan itself has load, schema or link errors. */
export async function renderPlan(files: readonly SourceText[], audience: Audience = 'public'): Promise<RenderedSite> {
  const { plan, diagnostics } = compileTexts(files);
  expect(diagnostics.filter((d) => builtIn.has(d.rule)).map((d) => `${d.file}:${d.line} ${d.message}`), 'the fixture itself is broken').toEqual([]);
  if (!plan) throw new Error('the fixture did not link');
  const output = await renderSite(plan, diagnostics, { planDir: '/nonexistent-plan-folder', catalogue, audience });
  return {
    page(path: string): string {
      const content = output.get(path);
      if (content === undefined) throw new Error(`the site has no ${path}; it has ${[...output.keys()].filter((p) => !p.startsWith('assets/')).join(', ')}`);
      return content.toString();
    },
    has: (path) => output.has(path),
    paths: [...output.keys()],
  };
}
