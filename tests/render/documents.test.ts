// What the documents say, in both formats, for the parts of the language that shape their words:
// target figures with their direction and unit, the plan's own terms, stated counts, principles, the
// duty matrix, numbered and unnumbered priorities, and the summary's sections.

import { describe, expect, it } from 'vitest';
import { BASE_SYSTEM, MANIFEST, planFixture, yaml } from '../helpers/plan-fixture.js';
import { renderPlan } from '../helpers/render-plan.js';
import { htmlText, markdownText } from '../helpers/site-text.js';

const withTest = (test: string, manifest = MANIFEST) => planFixture({ manifest, test });

/** The target line an objective's portfolio page shows. */
async function targetOf(target: string): Promise<string> {
  const site = await renderPlan(withTest(yaml`
    objectives:
      - id: measured
        title: A measured objective
        source: local
        portfolio: urgent-care
        target:
${target.replace(/^/gm, '          ')}
  `));
  return /### A measured objective\n\n- Target: (.*)/.exec(site.page('portfolios/urgent-care.md'))?.[1] ?? '';
}

describe('target figures', () => {
  it('say which way they point, as written', async () => {
    expect(await targetOf('measure: Patients seen within four hours\nvalue: 76\nunit: "%"\ncomparison: at_least')).toBe('Patients seen within four hours: at least 76%');
    expect(await targetOf('measure: Average response time\nvalue: 30\nunit: minutes\ncomparison: at_most')).toBe('Average response time: at most 30 minutes');
    expect(await targetOf('measure: Patients waiting over 65 weeks\nvalue: 0\nunit: patients\ncomparison: at_most')).toBe('Patients waiting over 65 weeks: none (0 patients)');
  });

  it('point the documented way when `comparison` is left out: down from a higher baseline, else up', async () => {
    expect(await targetOf('measure: Bed occupancy\nbaseline: 95\nvalue: 92\nunit: "%"')).toBe('Bed occupancy: at most 92%');
    expect(await targetOf('measure: Health checks\nbaseline: 60\nvalue: 75\nunit: "%"')).toBe('Health checks: at least 75%');
    expect(await targetOf('measure: Health checks\nvalue: 75\nunit: "%"')).toBe('Health checks: at least 75%');
  });

  it('print their unit as a reader writes it: 1,700 adults, 34 minutes, 3.9 per 1,000 births, 76%', async () => {
    expect(await targetOf('value: 1700\nunit: adults')).toBe('at least 1,700 adults');
    expect(await targetOf('value: 34\nunit: minutes\ncomparison: at_most')).toBe('at most 34 minutes');
    expect(await targetOf('value: 3.9\nunit: per 1000 births\ncomparison: at_most')).toBe('at most 3.9 per 1,000 births');
    expect(await targetOf('value: 76\nunit: "%"')).toBe('at least 76%');
  });

  it('print a metric\'s baseline and target with their units and direction', async () => {
    const site = await renderPlan(withTest(yaml`
      metrics:
        - { id: waits, name: Adults waiting, unit: adults, baseline: 1700, target: 1200, objective: ae-4-hours }
    `));
    expect(site.page('portfolios/urgent-care.md')).toContain('| Adults waiting | 1,700 adults | at most 1,200 adults |');
    expect(htmlText(site.page('portfolios/urgent-care.html'))).toContain('Adults waiting 1,700 adults at most 1,200 adults');
  });
});

describe('a plan\'s own terms', () => {
  const boards = MANIFEST.replace('plan:\n', 'plan:\n  terms:\n    portfolio: board\n    enabler: enabling group\n');

  it('name its units in headings, running text and navigation, in sentence case', async () => {
    const site = await renderPlan(planFixture({ manifest: boards, test: 'portfolios:\n  - { id: data, name: Data, kind: enabler }\n' }), 'team');
    const summary = site.page('summary.md');
    expect(summary).toContain('## Summary of what our boards will focus on');
    expect(summary).toContain('| Board | Focus |');
    expect(site.page('portfolios.md')).toContain('# Boards and enabling groups');
    expect(site.page('index.html')).toContain('>Boards</a>');
    const page = site.page('portfolios/urgent-care.md');
    expect(page).toMatch(/^# Urgent and emergency care\n\nBoard\n/);
    const text = markdownText(site.page('objectives.md'));
    expect(text).toContain('with the board that owns each');
    expect(text).toContain('(through its board)');
    expect(`${markdownText(summary)}${text}`).not.toMatch(/[Pp]ortfolio/);
  });
});

describe('stated counts', () => {
  const stated = MANIFEST.replace('plan:\n', 'plan:\n  stated_counts:\n    national_objectives: 31\n    national_actions: 50\n');

  it('are what the plan on a page counts, on either site', async () => {
    for (const audience of ['public', 'team'] as const) {
      const site = await renderPlan(planFixture({ manifest: stated }), audience);
      expect(site.page('plan-on-a-page.md')).toContain('## 31 national objectives and 50 national actions');
      expect(site.page('plan-on-a-page.html')).toContain('>31 national objectives and 50 national actions</h2>');
    }
  });

  it('stand beside what the plan lists on the team\'s site only', async () => {
    const team = await renderPlan(planFixture({ manifest: stated }), 'team');
    expect(team.page('plan-on-a-page.md')).toContain('this plan lists 1 national objective and 1 action.');
    const published = await renderPlan(planFixture({ manifest: stated }), 'public');
    expect(published.page('plan-on-a-page.md')).not.toContain('this plan lists');
  });

  it('are the listed counts when the documents state none', async () => {
    const site = await renderPlan(planFixture());
    expect(site.page('plan-on-a-page.md')).toContain('## 1 national objective and 1 action');
  });
});

describe('principles', () => {
  const principles = `${MANIFEST}principles:\n  title: 5 Ps\n  description: From the Integrated Care Strategy.\n  items: [People & Communities, Productivity]\n`;

  it('stand beneath the summary\'s portfolio table and in the plan on a page\'s collective effort', async () => {
    const site = await renderPlan(planFixture({ manifest: principles }));
    expect(site.page('summary.md')).toContain('5 Ps: People & Communities · Productivity');
    const onAPage = site.page('plan-on-a-page.md');
    expect(onAPage).toMatch(/## Collective effort\n[\s\S]*### 5 Ps\n\nFrom the Integrated Care Strategy\.\n\n- People & Communities\n- Productivity\n/);
    expect(htmlText(site.page('summary.html'))).toMatch(/5 Ps\s+People & Communities\s+Productivity/);
  });
});

describe('the duty matrix', () => {
  const duties = yaml`
    duties:
      - id: choice
        title: Duty as to patient choice
        coverage:
          jfp-2023: [Personalised care]
          jfp-2024: unchanged
      - id: involve
        title: Duty to promote involvement of each patient
        coverage:
          jfp-2023: [Personalised care]
          jfp-2024: []
      - id: digital
        title: Digital and data
        since: jfp-2024
        coverage:
          jfp-2024: [Digital]
  `;
  const dated = MANIFEST.replace('      title: Joint Forward Plan 2024 refresh\n', '      title: Joint Forward Plan 2024 refresh\n      published: 2024-04-08\n').replace('plan:\n', 'plan:\n  published: 2023-07-13\n');

  it('tells unchanged, not covered, not yet a duty and new apart, in words', async () => {
    const site = await renderPlan(withTest(duties, dated));
    const markdown = site.page('duties.md');
    expect(markdown).toContain('| **Duty as to patient choice** | Personalised care | Unchanged from the last edition |');
    expect(markdown).toContain('| **Duty to promote involvement of each patient** | Personalised care | Not covered in this edition |');
    expect(markdown).toContain('| **Digital and data** | Not yet a duty in this edition | **New in this edition**: Digital |');
    const text = htmlText(site.page('duties.html'));
    expect(text).toMatch(/Duty as to patient choice\s+Personalised care\s+Unchanged from the last edition/);
    expect(text).toMatch(/Digital and data\s+Not yet a duty in this edition\s+New in this edition\s+Digital/);
  });

  it('is dated by its latest edition, not by the plan', async () => {
    const site = await renderPlan(withTest(duties, dated));
    expect(site.page('duties.md')).toContain('Published 8 April 2024.');
    expect(site.page('duties.md')).not.toContain('13 July 2023');
    expect(site.page('summary.md')).toContain('Published 13 July 2023.');
  });

  it('is a page of the public site only when the plan has duties, and says so on the team\'s', async () => {
    const published = await renderPlan(planFixture());
    expect(published.has('duties.html')).toBe(false);
    expect(published.page('index.md')).not.toContain('duties');
    const team = await renderPlan(planFixture(), 'team');
    expect(team.page('duties.md')).toContain('This plan lists no statutory duties.');
    expect(team.page('duties.md')).not.toContain('Joint Forward Plan');
  });
});

describe('numbered priorities', () => {
  const priorities = (list: string) => planFixture({ system: BASE_SYSTEM.replace(/priorities:\n {2}- id: prevention\n {4}title: Prevent ill health\n {4}aim: healthier-lives\n/, `priorities:\n${list}`) });

  it('are an ordered list when numbered 1, 2, 3', async () => {
    const site = await renderPlan(priorities('  - { id: prevention, number: 1, title: Prevent ill health, aim: healthier-lives }\n  - { id: access, number: 2, title: Improve access, aim: healthier-lives }\n'));
    expect(site.page('summary.md')).toContain('1. **Prevent ill health**\n2. **Improve access**\n');
    expect(site.page('summary.html')).toMatch(/<ol class="plan-priorities">\s*<li id="priority-prevention"><strong>Prevent ill health/);
  });

  it('keep their own numbers, never renumbered, when some have none or they skip', async () => {
    const site = await renderPlan(priorities('  - { id: prevention, number: 3, title: Prevent ill health, aim: healthier-lives }\n  - { id: access, title: Improve access, aim: healthier-lives }\n'));
    const markdown = site.page('summary.md');
    expect(markdown).toContain('- 3\\. **Prevent ill health**\n- **Improve access**\n');
    expect(markdown).not.toMatch(/^-\. /m);
    const html = site.page('summary.html');
    expect(html).not.toContain('<ol class="plan-priorities">');
    expect(htmlText(html)).toContain('3. Prevent ill health');
  });
});

describe('the summary', () => {
  const projects = yaml`
    projects:
      - { id: admissions, title: Admissions, description: Fewer people admitted. }
  `;

  it('lists the projects where the plan has no pathway-redesign prose, and only the prose where it has', async () => {
    const listed = await renderPlan(withTest(projects));
    expect(listed.page('summary.md')).toContain('## Our system-wide approach for pathway redesign\n\n- **Admissions**: Fewer people admitted.');
    const prose = await renderPlan(withTest(projects, `${MANIFEST}prose:\n  pathway_redesign: Two joined-up projects, admissions and discharges.\n`));
    const markdown = prose.page('summary.md');
    expect(markdown).toContain('Two joined-up projects, admissions and discharges.');
    expect(markdown).not.toContain('Fewer people admitted.');
    expect(markdown).not.toContain('Transformation projects');
  });

  it('names its purpose section after the plan, and leaves out an appendix of national objectives it has none of', async () => {
    const site = await renderPlan(planFixture({ manifest: `${MANIFEST}prose:\n  purpose: Why we plan.\n`, system: BASE_SYSTEM.replace('source: national', 'source: local') }));
    const markdown = site.page('summary.md');
    expect(markdown).toContain('## The purpose of the Example ICS Joint Forward Plan\n');
    expect(markdown).not.toContain('Appendix one');
  });

  it('shows the local objectives a portfolio owns, not "None"', async () => {
    const site = await renderPlan(planFixture({ system: BASE_SYSTEM.replace('source: national', 'source: local') }));
    expect(site.page('summary.md')).toContain('| [Urgent and emergency care](portfolios/urgent-care.md) | None | Patients seen within four hours in A&E | Prevent ill health | Open same day emergency care at every acute site |');
    expect(site.page('summary.md')).not.toContain('National objectives');
  });
});

describe('findings on the team\'s site', () => {
  it('render `code` marks as code in HTML, and put "How to fix" on a line of its own in Markdown', async () => {
    const system = BASE_SYSTEM.replace(/^ +portfolio: urgent-care\n/m, '');
    expect(system).not.toBe(BASE_SYSTEM);
    const site = await renderPlan(planFixture({ system }), 'team');
    const html = site.page('gaps.html');
    expect(html).toContain('<code>portfolio:</code>');
    expect(htmlText(html)).not.toMatch(/`portfolio:`/);
    expect(site.page('gaps.md')).toMatch(/\)\n\n {2}How to fix: /);
  });
});
