// The embedded plan's year, as the seeds give it: seed 002's compliance positions recorded as
// assessments of the draft plan submitted on 23 February 2023, per organisation, in the performance
// document; seed 003's progress updates in the stocktake document; and no invented monthly figure.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanExport } from '../../src/render/plan-export.js';
import { makeTempDir, repoRoot, runPlan } from '../helpers/cli.js';

const PLAN = join(repoRoot, 'plans', 'staffordshire-stoke-2023-24');
let out = '';
let plan: PlanExport;

beforeAll(async () => {
  out = join(makeTempDir('plan-year-'), 'site');
  const result = await runPlan(['build', PLAN, '--out', out, '--quiet'], { timeoutMs: 110_000 });
  expect(result.code, result.stderr).toBe(0);
  plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as PlanExport;
});

const positionOf = (target: string, organisation: string) =>
  plan.year.targets.find((t) => t.target === target)!.positions.find((p) => p.organisation === organisation)!;

describe('the embedded plan\'s year', () => {
  it('records UHNM\'s A&E position as assessed compliant on 23 February 2023, of the planned 76.4% in March 2024', () => {
    expect(positionOf('no-01', 'uhnm').assessed).toEqual([expect.objectContaining({
      position: 'planned', period: '2024-03', value: 76.4, status: 'met', words: 'compliant', assessed_on: '2023-02-23', assessed_by: 'Staffordshire and Stoke-on-Trent ICS',
    })]);
  });

  it('records each of the seven ICB lines and seven UHNM lines of the submission once', () => {
    const assessed = plan.year.targets.flatMap((t) => t.positions.flatMap((p) => p.assessed.map(() => p.organisation)));
    expect(assessed.filter((o) => o === 'ssot-icb')).toHaveLength(7);
    expect(assessed.filter((o) => o === 'uhnm')).toHaveLength(7);
  });

  it('keeps the assessments apart from measurement: no actual is recorded, so every position is no data', () => {
    const positions = plan.year.targets.flatMap((t) => t.positions);
    expect(positions.flatMap((p) => p.measured)).toEqual([]);
    expect(new Set(positions.map((p) => p.compliance.status))).toEqual(new Set(['no_data']));
  });

  it('plans no monthly value beyond the one year-end figure the seeds give', () => {
    const planned = plan.year.targets.flatMap((t) => t.positions.flatMap((p) => p.planned.map((tr) => ({ target: t.target, organisation: p.organisation, values: tr.values }))));
    expect(planned).toEqual([{ target: 'no-01', organisation: 'uhnm', values: { '2024-03': 76.4 } }]);
  });

  it('shows the assessed positions by organisation on the performance document\'s first page, status in words', () => {
    const md = readFileSync(join(out, 'performance.md'), 'utf8');
    expect(md).toContain('### UHNM');
    expect(md).toContain('- **Met (assessed)** [National objective 1: Improve A&E waiting times so that no less than 76% of patients are seen within four hours by March 2024 with further improvement in 2024/25](performance/uec.md): “compliant” (76\\.4% in March 2024)');
    expect(md).toContain('[National objective 6: Eliminate waits of over 65 weeks for elective care by March 2024 (except where patients choose to wait longer or in specific specialties)](performance/planned-care.md): “not compliant” (1,392 patients)');
  });

  it('shows each position on its portfolio\'s page, measured and assessed named apart, with who assessed it and when', () => {
    const md = readFileSync(join(out, 'performance', 'uec.md'), 'utf8');
    expect(md).toContain('## National objective 1: Improve A&E waiting times');
    expect(md).toContain('| UHNM | **No data** (no actual has been recorded) | None measured<br>No actual yet for March 2024 | – | **Met (assessed)** “compliant”: the planned position 76\\.4% in March 2024, assessed by Staffordshire and Stoke-on-Trent ICS on 23 February 2023. |');
  });

  it('puts the submission\'s metrics that match no national objective on the page of targets tied to no portfolio', () => {
    const md = readFileSync(join(out, 'performance', 'no-portfolio.md'), 'utf8');
    expect(md).toContain('# Performance: Targets not tied to a portfolio');
    expect(md).toContain('## Metric: Cost Weighted Activity');
  });

  it('shows seed 003\'s maternity progress updates in the stocktake document, with their date and source', () => {
    const md = readFileSync(join(out, 'stocktake.md'), 'utf8');
    expect(md).toContain('### Implementation of the national delivery plan for maternity and neonatal care');
    expect(md).toContain('**Status not reported** Reported 8 April 2024.');
    expect(md).toContain('UHNM CQC Maternity Survey Summary and Action Plan presented annually to the LMNS QSOF.');
  });

  it('draws the one planned year-end point as a chart on the urgent and emergency care page, with its title, description and data table', () => {
    const html = readFileSync(join(out, 'performance', 'uec.html'), 'utf8');
    expect(html.match(/<svg[^>]*class="plan-chart"/g)).toHaveLength(1);
    expect(html).toContain('<title id="chart-1-title">National objective 1: Improve A&amp;E waiting times');
    expect(html).toContain('<span class="nhsuk-details__summary-text">UHNM: planned and measured values by period</span>');
    expect(readFileSync(join(out, 'performance', 'uec.md'), 'utf8')).toContain('| Period | Planned |\n| --- | --- |\n| 2024-03 | 76\\.4% |');
  });
});
