// "What's new since <edition>": the duty matrix tells what the latest edition changed in the duties,
// from the plan's own columns; the summary tells what changed in the plan, from a diff against the
// revision that published the previous edition (`plan.editions[].revision`).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, makeTempDir, removeTempDirs, repoRoot, runPlan } from '../helpers/cli.js';
import { makeGitRepo, type GitRepo } from '../helpers/git-repo.js';

afterAll(removeTempDirs);

const tinyPlan = readFileSync(join(fixture('tiny'), 'plan.yaml'), 'utf8');
const tinySystem = readFileSync(join(fixture('tiny'), 'system.yaml'), 'utf8');

/** The section of a Markdown page from its `## heading` to the next `## `. */
function section(page: string, heading: string): string {
  const start = page.indexOf(`## ${heading}`);
  if (start === -1) return '';
  const next = page.indexOf('\n## ', start + 3);
  return page.slice(start, next === -1 ? undefined : next);
}

describe('the embedded plan\'s duty matrix', () => {
  let out: string;
  beforeAll(async () => {
    out = join(makeTempDir(), 'site');
    const result = await runPlan(['build', join(repoRoot, 'plans', 'staffordshire-stoke-2023-24'), '--out', out, '--quiet']);
    expect(result.code).toBe(0);
  });

  it('says what the April 2024 update changed since the first JFP, from seed 003\'s matrix', () => {
    const news = section(readFileSync(join(out, 'duties.md'), 'utf8'), "What's new since First full JFP (published June 2023)");
    expect(news).toContain('What changed in the plan from First full JFP (published June 2023) to JFP update (published April 2024).');
    expect(news).toContain('- **New duties in this edition:** Workforce; Digital and data\n');
    // 003's one empty cell: the update gives no section for it, which is all that can be said.
    expect(news).toContain('- **No section given in this edition:** Duty to promote involvement of each patient\n');
    expect(news).toContain('- **Covered by new or changed sections in this edition:** Duty to improve quality of services; Duty to reduce inequalities; Duty to promote education and training; Addressing the particular needs of children and young persons\n');
    // The update writes these cells out again, word for word as the first edition: not a change.
    expect(news).toContain('- **Listed again with the same sections:** Duty in respect of research; Duty as to climate change; Financial duties\n');
    expect(news).toContain('- **Unchanged from the last edition:** 9 duties\n');
  });

  it('is on the public site too, and in HTML as a list under its own heading', () => {
    const html = readFileSync(join(out, 'public', 'duties.html'), 'utf8');
    expect(html).toContain('<h2 id="whats-new">What&#x27;s new since First full JFP (published June 2023)</h2>');
    expect(html).toMatch(/<dt class="nhsuk-summary-list__key">New duties in this edition<\/dt><dd class="nhsuk-summary-list__value"><ul class="nhsuk-list"><li>Workforce<\/li><li>Digital and data<\/li><\/ul>/);
  });

  it('leaves the summary without the section, since no edition records the revision that published it', () => {
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).not.toContain("What's new since");
  });
});

describe('a plan whose previous edition records its revision', () => {
  let repo: GitRepo;
  let out: string;
  let summary: string;
  beforeAll(async () => {
    repo = makeGitRepo();
    repo.commit({ 'plans/hillside/plan.yaml': tinyPlan, 'plans/hillside/system.yaml': tinySystem }, 'The 2024 plan');
    repo.git('tag', 'jfp-2024-published');
    const refreshed = tinySystem
      .replace('      value: 77\n', '      value: 80\n')
      .replace(/(id: hypertension[\s\S]*?by: )2025-03-31/, '$12026-03-31')
      .replace('objectives:\n', 'objectives:\n  - id: cancer-screening\n    title: Raise bowel cancer screening uptake to 70%\n    source: local\n    portfolio: community-care\n');
    repo.commit({
      'plans/hillside/plan.yaml': tinyPlan.replace('      title: Joint Forward Plan 2024\n', '      title: Joint Forward Plan 2024\n      revision: jfp-2024-published\n'),
      'plans/hillside/system.yaml': refreshed,
    }, 'The 2025 refresh');
    out = join(makeTempDir(), 'site');
    const result = await runPlan(['build', 'plans/hillside', '--out', out, '--quiet'], { cwd: repo.root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    summary = readFileSync(join(out, 'public', 'summary.md'), 'utf8');
  });

  it('says in the summary what changed in the plan since that edition, by titles and figures', () => {
    const news = section(summary, "What's new since Joint Forward Plan 2024");
    expect(news).toContain('### New objectives\n\n- Raise bowel cancer screening uptake to 70%\n');
    expect(news).toContain('### Objectives that changed\n\n- 27\\. Increase the percentage of patients with hypertension treated to NICE guidance to 77%: its target is now at least 80% (it was at least 77%); its deadline is now 31 March 2026 (it was 31 March 2025).\n');
  });

  it('tells the duties in the summary too, and never an id', () => {
    const news = section(summary, "What's new since Joint Forward Plan 2024");
    expect(news).toContain('### Statutory duties\n\n- **New duties in this edition:** Digital and data\n- **No section given in this edition:** Duty in respect of research\n- **Unchanged from the last edition:** 1 duty\n');
    expect(news).not.toMatch(/hypertension\b(?! treated)|cancer-screening|duty-research/);
  });

  it('lists the section in the HTML summary\'s contents', () => {
    const html = readFileSync(join(out, 'summary.html'), 'utf8');
    expect(html).toContain('<a class="nhsuk-contents-list__link" href="#whats-new">What&#x27;s new since Joint Forward Plan 2024</a>');
  });

  it('refuses to build, writing nothing, when the revision is not in the repository', async () => {
    repo.commit({ 'plans/hillside/plan.yaml': tinyPlan.replace('      title: Joint Forward Plan 2024\n', '      title: Joint Forward Plan 2024\n      revision: jfp-2024-publishd\n') }, 'A slip');
    const elsewhere = join(makeTempDir(), 'site');
    const result = await runPlan(['build', 'plans/hillside', '--out', elsewhere], { cwd: repo.root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("plan: The plan's edition `jfp-2024`'s revision `jfp-2024-publishd` (in plan.yaml) is not a revision of this git repository. Did you mean `jfp-2024-published`?");
    expect(result.stderr).toContain('fetch-depth: 0');
    expect(() => readFileSync(join(elsewhere, 'index.html'))).toThrow();
  });
});
