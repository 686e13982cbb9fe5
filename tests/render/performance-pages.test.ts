// The performance document's shape: a first page with each portfolio's counts, linking to one page per
// portfolio with its targets and charts, and a page for the targets tied to no portfolio; each chart's
// data table in a details element beside it; on the team's site only.

import { describe, expect, it } from 'vitest';
import { BASE_SYSTEM, planFixture, yaml, YEAR_MANIFEST } from '../helpers/plan-fixture.js';
import { renderPlan } from '../helpers/render-plan.js';
import { htmlText } from '../helpers/site-text.js';

const test = yaml`
  portfolios:
    - id: planned-care
      name: Planned care
      priorities: [prevention]
  objectives:
    - id: waits
      title: Reduce long waits
      source: national
      portfolio: planned-care
      target:
        measure: Patients waiting over 65 weeks
        value: 0
        unit: patients
        comparison: at_most
        by: 2024-03-31
  metrics:
    - id: theatre-use
      name: Theatre utilisation
      unit: '%'
      target: 85
      comparison: at_least
  organisations:
    - id: uhnm
      name: University Hospitals of North Midlands
      short_name: UHNM
      type: nhs_trust
`;

const csv = 'target,organisation,period,value\nae-4-hours,uhnm,2024-02,74.1\nae-4-hours,uhnm,2024-03,77.2\ntheatre-use,uhnm,2024-03,81\n';

const site = () => renderPlan(planFixture({ manifest: YEAR_MANIFEST, test, files: { 'actuals/march.csv': csv } }), 'team');

describe('the performance document', () => {
  it('gives each portfolio that reports a tracked target a page, in both formats, and the targets of no portfolio one more', async () => {
    const paths = (await site()).paths.filter((p) => p.startsWith('performance'));
    expect(paths.sort()).toEqual([
      'performance.html', 'performance.md',
      'performance/no-portfolio.html', 'performance/no-portfolio.md',
      'performance/planned-care.html', 'performance/planned-care.md',
      'performance/urgent-care.html', 'performance/urgent-care.md',
    ]);
  });

  it('lists each portfolio on its first page with its targets and positions counted, linking to its page', async () => {
    const md = (await site()).page('performance.md');
    expect(md).toContain('| Portfolio | Targets | Met | Not met | No data | Not judged |');
    expect(md).toContain('| [Urgent and emergency care](performance/urgent-care.md) | 1 | 1 | 0 | 0 | 0 |');
    expect(md).toContain('| [Planned care](performance/planned-care.md) | 1 | 0 | 0 | 1 | 0 |');
    expect(md).toContain('| [Targets not tied to a portfolio](performance/no-portfolio.md) | 1 | 0 | 1 | 0 | 0 |');
    expect(htmlText((await site()).page('performance.html'))).toContain('3 targets tracked through the year.');
  });

  it('shows each target only on its portfolio\'s page, with its positions and a chart for each organisation measured', async () => {
    const s = await site();
    const urgent = s.page('performance/urgent-care.html');
    expect(urgent).toContain('<h2 id="ae-4-hours-heading">National objective: Patients seen within four hours in A&amp;E</h2>');
    expect(urgent.match(/<svg[^>]*class="plan-chart"/g)).toHaveLength(1);
    expect(urgent).toContain('<title id="chart-1-title">National objective: Patients seen within four hours in A&amp;E: UHNM</title>');
    expect(urgent).not.toContain('Reduce long waits');
    expect(s.page('performance/planned-care.html')).toContain('Reduce long waits');
    expect(s.page('performance/no-portfolio.html')).toContain('Metric: Theatre utilisation');
  });

  it('puts each chart\'s data table in a details element after the figure, the summary naming the table', async () => {
    const html = (await site()).page('performance/urgent-care.html');
    const block = /<div class="plan-chart-block">[\s\S]*?<\/details>\n<\/div>/.exec(html)?.[0] ?? '';
    expect(block).toMatch(/<figure class="plan-chart-figure">\s*<svg[\s\S]*<\/svg>\s*<figcaption>UHNM: 0 planned values and 2 measured values from 2024-02 to 2024-03/);
    expect(block).toMatch(/<\/figure>\s*<details class="nhsuk-details plan-chart-data">\s*<summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">UHNM: planned and measured values by period<\/span><\/summary>/);
    expect(block).toContain('<th class="nhsuk-table__header" scope="row">2024-03</th><td class="nhsuk-table__cell">77.2%</td>');
  });

  it('gives the Markdown twin of a page each chart\'s summary and data table, naming the HTML page that has the chart', async () => {
    const md = (await site()).page('performance/urgent-care.md');
    expect(md).toContain('The chart is in urgent-care.html.\n\n| Period | Measured |\n| --- | --- |\n| 2024-02 | 74\\.1% |\n| 2024-03 | 77\\.2% |');
  });

  it('links each page back to the first, and to the portfolio\'s own page, which links to it in turn', async () => {
    const s = await site();
    const page = s.page('performance/planned-care.md');
    expect(page).toContain('- [The performance of every portfolio](../performance.md)');
    expect(page).toContain('- [This portfolio\'s objectives and actions](../portfolios/planned-care.md)');
    expect(s.page('portfolios/planned-care.md')).toContain('[Where this portfolio\'s targets stand, with charts of trajectory against actuals](../performance/planned-care.md)');
    expect(s.page('performance/no-portfolio.md')).not.toContain('objectives and actions');
  });

  it('names the page of targets tied to no portfolio so that no portfolio\'s page has the same name', async () => {
    const clash = test.replace('  - id: planned-care\n', '  - id: No-Portfolio\n').replace('portfolio: planned-care', 'portfolio: No-Portfolio');
    const paths = (await renderPlan(planFixture({ manifest: YEAR_MANIFEST, test: clash, files: { 'actuals/march.csv': csv } }), 'team')).paths;
    expect(paths).toEqual(expect.arrayContaining(['performance/No-Portfolio.html', 'performance/no-portfolio-2.html']));
  });

  it('is on the team\'s site only: the public site has no page of it, and its portfolio pages do not link to one', async () => {
    const pub = await renderPlan(planFixture({ manifest: YEAR_MANIFEST, test, files: { 'actuals/march.csv': csv } }), 'public');
    expect(pub.paths.filter((p) => p.startsWith('performance'))).toEqual([]);
    expect(pub.page('portfolios/planned-care.md')).not.toContain('performance');
  });

  it('says so on its first page when the plan tracks no target through the year', async () => {
    // The base plan's one objective, without its target.
    const untracked = BASE_SYSTEM.replace(/^ {4}target:\n(?: {6}.*\n)+/m, '');
    expect(untracked).not.toContain('target:');
    const s = await renderPlan(planFixture({ manifest: YEAR_MANIFEST, system: untracked }), 'team');
    expect(s.paths.filter((p) => p.startsWith('performance/'))).toEqual([]);
    expect(s.page('performance.md')).toContain('The plan tracks no target through the year.');
  });
});
