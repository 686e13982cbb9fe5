// golden-thread.svg on the team's site and on its public version in public/: drawn once when every
// node links to the same page on both, and drawn for each when a page exists on one site only.

import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/cli/report-context.js';
import { compileTexts } from '../../src/compile-texts.js';
import { renderSite } from '../../src/render/site.js';
import { planFixture, yaml } from '../helpers/plan-fixture.js';

async function diagrams(test?: string): Promise<{ team: string; inPublicFolder: string; publicAlone: string }> {
  const { plan, diagnostics } = compileTexts(planFixture(test === undefined ? {} : { test }));
  const options = { planDir: '/nonexistent-plan-folder', catalogue };
  const team = await renderSite(plan!, diagnostics, options);
  const alone = await renderSite(plan!, diagnostics, { ...options, audience: 'public' });
  return { team: String(team.get('golden-thread.svg')), inPublicFolder: String(team.get('public/golden-thread.svg')), publicAlone: String(alone.get('golden-thread.svg')) };
}

describe('the diagram of the team\'s site and of its public version', () => {
  it('is the same drawing when every node links to a page both sites have', async () => {
    const drawn = await diagrams();
    expect(drawn.team).toContain('href="portfolios/urgent-care.html"');
    expect(drawn.inPublicFolder).toBe(drawn.team);
    expect(drawn.publicAlone).toBe(drawn.team);
  });

  it('links a workstream with nothing to say only on the team\'s site, which alone has its page', async () => {
    const drawn = await diagrams(yaml`
      portfolios:
        - id: estates
          name: Estates
          kind: enabler
    `);
    expect(drawn.team).toContain('href="portfolios/estates.html"');
    expect(drawn.inPublicFolder).not.toContain('portfolios/estates.html');
    expect(drawn.inPublicFolder).toBe(drawn.publicAlone);
  });
});
