// What `plan serve` builds after a save: only the saved file is parsed again, an edit the diagram does
// not show does not draw it again, and while the plan has errors there is no site, only the errors.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/cli/report-context.js';
import { previousEditionReader } from '../../src/cli/serve.js';
import { errorPage } from '../../src/serve/error-page.js';
import { Preview } from '../../src/serve/preview.js';
import { copyPlan, makeTempDir, repoRoot } from '../helpers/cli.js';
import { makeGitRepo, type GitRepo } from '../helpers/git-repo.js';

const EMBEDDED = join(repoRoot, 'plans', 'staffordshire-stoke-2023-24');

function previewOfCopy(): { plan: string; out: string; preview: Preview } {
  const plan = copyPlan(EMBEDDED);
  const out = makeTempDir('plan-serve-out-');
  return { plan, out, preview: new Preview(plan, out, catalogue, { cache: false }) };
}

function replaceIn(file: string, from: string, to: string): void {
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
}

describe('Preview', () => {
  it('parses again only the file that was saved', async () => {
    const { plan, preview } = previewOfCopy();
    const first = await preview.build();
    expect(first.parsed).toBe(12);
    replaceIn(join(plan, 'objectives.yaml'), 'value: 76\n', 'value: 77\n');
    const second = await preview.build();
    expect(second.parsed).toBe(1);
    expect(String(second.files.get('objectives.html'))).toContain('77');
  });

  it('after a save, renders again only the pages that show what changed, and they are the pages a fresh build makes', async () => {
    const { plan, preview } = previewOfCopy();
    const first = await preview.build();
    replaceIn(join(plan, 'objectives.yaml'), 'value: 76\n', 'value: 77\n');
    const second = await preview.build();
    expect(second.rendered).toBeGreaterThan(0);
    expect(second.rendered).toBeLessThan(first.rendered);
    const fresh = await new Preview(plan, makeTempDir('plan-serve-out-'), catalogue, { cache: false }).build();
    expect(new Map([...second.files].map(([path, content]) => [path, String(content)]))).toEqual(new Map([...fresh.files].map(([path, content]) => [path, String(content)])));
  });

  it('renders every page again when a template of the plan changes', async () => {
    const { plan, preview } = previewOfCopy();
    const first = await preview.build();
    const copied = join(plan, 'templates', 'words.yaml');
    mkdirSync(join(plan, 'templates'), { recursive: true });
    writeFileSync(copied, readFileSync(join(repoRoot, 'templates', 'words.yaml'), 'utf8'));
    const second = await preview.build();
    expect(second.rendered).toBe(first.rendered);
  });

  it('writes the site into its folder, and the files that a build changes', async () => {
    const { plan, out, preview } = previewOfCopy();
    await preview.build();
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Staffordshire and Stoke-on-Trent');
    replaceIn(join(plan, 'objectives.yaml'), 'value: 76\n', 'value: 77\n');
    await preview.build();
    expect(readFileSync(join(out, 'objectives.html'), 'utf8')).toContain('77');
  });

  it('while the plan has errors, builds no site and gives the errors', async () => {
    const { plan, preview } = previewOfCopy();
    await preview.build();
    replaceIn(join(plan, 'objectives.yaml'), '    portfolio: uec\n', '    portfolio: uec-typo\n');
    const broken = await preview.build();
    expect(broken.errors.length).toBeGreaterThan(0);
    expect(broken.errors[0]).toMatchObject({ rule: 'objective-has-owner', file: 'objectives.yaml' });
    expect(broken.files.size).toBe(0);
  });
});

describe('Preview of a plan whose previous edition records its revision', () => {
  const tinyPlan = readFileSync(join(repoRoot, 'tests', 'fixtures', 'tiny', 'plan.yaml'), 'utf8');
  const tinySystem = readFileSync(join(repoRoot, 'tests', 'fixtures', 'tiny', 'system.yaml'), 'utf8');

  function repoWithEditions(revision: string): GitRepo {
    const repo = makeGitRepo();
    repo.commit({ 'plans/hillside/plan.yaml': tinyPlan, 'plans/hillside/system.yaml': tinySystem }, 'The 2024 plan');
    repo.git('tag', 'jfp-2024-published');
    repo.commit({
      'plans/hillside/plan.yaml': tinyPlan.replace('      title: Joint Forward Plan 2024\n', `      title: Joint Forward Plan 2024\n      revision: ${revision}\n`),
      'plans/hillside/system.yaml': tinySystem.replace('objectives:\n', 'objectives:\n  - id: cancer-screening\n    title: Raise bowel cancer screening uptake to 70%\n    source: local\n    portfolio: community-care\n'),
    }, 'The 2025 refresh');
    return repo;
  }

  it('shows "What\'s new since" on the summary, as plan build does', async () => {
    const repo = repoWithEditions('jfp-2024-published');
    const plan = join(repo.root, 'plans', 'hillside');
    const build = await new Preview(plan, makeTempDir('plan-serve-out-'), catalogue, { cache: false, previousEdition: previousEditionReader(plan) }).build();
    expect(build.problem).toBeUndefined();
    const summary = String(build.files.get('summary.html'));
    expect(summary).toContain('What&#x27;s new since Joint Forward Plan 2024');
    expect(summary).toContain('Raise bowel cancer screening uptake to 70%');
  });

  it('shows why on the page when the revision cannot be read, and builds no site', async () => {
    const repo = repoWithEditions('jfp-2024-publishd');
    const plan = join(repo.root, 'plans', 'hillside');
    const build = await new Preview(plan, makeTempDir('plan-serve-out-'), catalogue, { cache: false, previousEdition: previousEditionReader(plan) }).build();
    expect(build.problem?.heading).toBe('The plan\'s previous edition cannot be read');
    expect(build.problem?.message).toContain('jfp-2024-publishd');
    expect(build.problem?.message).toContain('jfp-2024-published');
    expect(build.files.size).toBe(0);
    const page = errorPage(build, (file) => file);
    expect(page).toContain('<h1>The plan&#x27;s previous edition cannot be read</h1>');
  });
});
