// A plan of 5,000 priorities once ran V8 out of memory: the band between priorities and portfolios was
// laid out in quadratic time and space. It must build, every priority on its pages, with no stack
// trace. (How long it takes is the benchmark's business, not this test's.)

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasStackTrace, makeTempDir, removeTempDirs, runPlan, writePlan } from '../helpers/cli.js';

afterAll(removeTempDirs);

const PRIORITIES = 5_000;

function manyPriorities(): string {
  const lines = ['priorities:'];
  for (let i = 1; i <= PRIORITIES; i++) lines.push(`  - { id: p${i}, number: ${i}, title: Priority number ${i}, aim: aim }`);
  // Each portfolio serves a thousand priorities: the band is 5 × 5,000 wide.
  lines.push('portfolios:');
  for (let k = 0; k < 5; k++) {
    const served = Array.from({ length: 1_000 }, (_, j) => `p${k * 1_000 + j + 1}`);
    lines.push(`  - { id: unit-${k}, name: Unit ${k}, priorities: [${served.join(', ')}] }`);
  }
  lines.push('objectives:');
  for (let k = 0; k < 5; k++) {
    lines.push(`  - { id: o${k}, number: ${k + 1}, title: Objective of unit ${k}, source: local, portfolio: unit-${k}, target: { value: 1, by: 2025-03-31 } }`);
  }
  lines.push('actions:');
  for (let k = 0; k < 5; k++) lines.push(`  - { id: a${k}, title: Action of unit ${k}, objectives: [o${k}] }`);
  return `${lines.join('\n')}\n`;
}

describe(`a plan of ${PRIORITIES.toLocaleString('en-GB')} priorities`, () => {
  it('builds, with every priority in the plan on a page and the diagram', async () => {
    const plan = writePlan({
      'plan.yaml': 'plan:\n  id: wide\n  title: A wide plan\n  system: Wide ICS\n  period: { start: 2024-04-01, end: 2029-03-31 }\ncollective_aim:\n  id: aim\n  statement: Live well\n',
      'items.yaml': manyPriorities(),
    });
    const out = join(makeTempDir(), 'site');
    const result = await runPlan(['build', plan, '--out', out, '--quiet'], { timeoutMs: 240_000 });
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(0);
    const page = readFileSync(join(out, 'plan-on-a-page.md'), 'utf8');
    expect(page).toContain('Priority number 1');
    expect(page).toContain(`Priority number ${PRIORITIES}`);
    const svg = readFileSync(join(out, 'golden-thread.svg'), 'utf8');
    expect(svg).toContain(`${PRIORITIES.toLocaleString('en-GB')} system priorities, 5 portfolios, 5 objectives.`);
  }, 300_000);
});
