// The embedded plan's public documents say what the published documents say: the Operational Plan
// 2023/24 Summary (the summary) and the plan on a page slide (the plan on a page), with the counts
// they state, their "5 Ps", collective effort and enablers, the direction of every target, and the
// duty matrix of the JFP update with "unchanged" and "not covered" kept apart.

import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../src/cli/report-context.js';
import { compilePlan } from '../../src/pipeline.js';
import { renderSite } from '../../src/render/site.js';
import { repoRoot } from '../helpers/cli.js';
import { htmlText } from '../helpers/site-text.js';

const PLAN = join(repoRoot, 'plans', 'staffordshire-stoke-2023-24');
let pages: Map<string, string>;
const page = (path: string): string => {
  const content = pages.get(path);
  if (content === undefined) throw new Error(`the public site has no ${path}`);
  return content;
};

beforeAll(async () => {
  const { plan, diagnostics } = await compilePlan(PLAN, { cache: false });
  const files = await renderSite(plan!, diagnostics, { planDir: PLAN, catalogue, audience: 'public' });
  pages = new Map([...files].map(([path, content]) => [path, content.toString()]));
});

/** How often a sentence appears in a text. */
const occurrences = (text: string, sentence: string): number => text.split(sentence).length - 1;

describe('the summary of the embedded plan', () => {
  it('follows the sections of the published summary, by their names', () => {
    const headings = [...page('summary.md').matchAll(/^## (.*)$/gm)].map((m) => m[1]);
    expect(headings).toEqual([
      'Introduction',
      'Our system explained',
      'The purpose of the Operational Plan 2023/24',
      'System priorities',
      'Our system-wide approach for pathway redesign',
      'Summary of what our portfolios will focus on',
      'Summary and next steps',
      'Appendix one: national objectives',
    ]);
  });

  it('says each sentence of the pathway redesign no more often than the published summary does', () => {
    const summary = page('summary.md');
    expect(summary).not.toContain('Transformation projects');
    // Once in "Our approach", as in the published summary; the projects do not repeat it.
    expect(occurrences(summary, 'Working together on admissions and discharges as two joined-up projects')).toBe(1);
    expect(occurrences(summary, 'We know from evidence that patients degenerate if their discharge process is inadequate')).toBe(1);
  });

  it('introduces its portfolio table in the words of the summary, and gives the 5 Ps beneath it', () => {
    const summary = page('summary.md');
    expect(summary).toContain('The diagram below demonstrates, at high level the key things');
    expect(summary).toMatch(/\| \[End of Life, LTCS and Frailty\][^\n]*\n\n5 Ps: People & Communities · Personalised Care · Personal Responsibilities · Prevention & Inequalities · Productivity\n/);
  });

  it('signs the introduction on two lines, as the published summary does', () => {
    expect(page('summary.html')).toContain('Peter Axon<br>\nICB Chief Executive Officer');
  });
});

describe('the plan on a page of the embedded plan', () => {
  it('counts what the slide counts: 31 national objectives and 50 national actions', () => {
    expect(page('plan-on-a-page.md')).toContain('## 31 national objectives and 50 national actions\n');
    expect(page('plan-on-a-page.md')).not.toContain('31 actions');
  });

  it('opens as the slide does, and says why this aim', () => {
    const text = page('plan-on-a-page.md');
    expect(text).toContain('As a system we serve the 1.2 million people who live in Staffordshire and Stoke-on-Trent. We have a collective aim to improve health outcomes');
    expect(text).toContain('Why avoiding patient harm in the community is the right aim to focus on, and why Category Two ambulance waits is suggested as the key metric');
    expect(text).toContain('- Providing alternative pathways means that Category 2 patients can stay at home or return there quickly\n');
    expect(text).toContain('We provide a wide range of important services to our population. In 2023/24 we will bring these together to address four priorities:');
  });

  it('has the slide\'s collective effort: the partners, the enablers and the 5 Ps', () => {
    const text = htmlText(page('plan-on-a-page.html'));
    expect(text).toContain('Collective effort');
    expect(text).toContain('7 portfolios, 3 in-system Trusts, 2 partner Trusts, 2 Local Authorities, 2 Places, 1 Provider Collaborative and VCSE Alliance, underpinned by PHM, engaging the People’s Assembly');
    for (const enabler of [
      'Clinical and Professional Leadership: Clinical leadership by Health and Care Senate',
      'Workforce: A people plan to recruit, retain and empower staff',
      'Digital: Digital solutions driving transformation',
      'Finance: Collective ownership of the Staffordshire and Stoke-on-Trent pound',
    ]) expect(text).toContain(enabler);
    expect(text).toMatch(/5 Ps Using the ‘5 Ps’ explained in the Integrated Care Strategy, underpinned by Population Health Management to drive evidence based decision making\. People & Communities Personalised Care Personal Responsibilities Prevention & Inequalities Productivity/);
  });
});

describe('the targets of the embedded plan', () => {
  it.each([
    ['2', 'Average Category 2 ambulance response time: at most 30 minutes'],
    ['6', 'Patients waiting over 65 weeks for elective care: none (0 patients)'],
    ['8', 'Patients that receive a diagnostic test within six weeks: at least 95%'],
    ['16', 'More appointments in general practice: at least 50,000,000 appointments (the national figure)'],
    ['23', 'Dementia diagnosis rate: at least 66.7%'],
    ['26', 'Adults with a learning disability and/or who are autistic cared for in an inpatient unit: at most 30 per million adults; Under-18s with a learning disability and/or who are autistic cared for in an inpatient unit: at most 12–15 per million under-18s'],
  ])('gives national objective %s its direction: %s', (number, target) => {
    const section = page('objectives.md').split(/^### /m).find((s) => s.startsWith(`${number}. `));
    expect(section).toContain(`- Target: ${target}\n`);
  });
});

describe('the duty matrix of the embedded plan', () => {
  it('keeps the update\'s "-" (unchanged) apart from its one empty cell (not covered)', () => {
    // The table alone, below "What's new since", which names these words too.
    const matrix = page('duties.md').split('## The duties, edition by edition')[1]!;
    expect(occurrences(matrix, 'Unchanged from the last edition')).toBe(9);
    expect(matrix).toContain('| **Duty to promote involvement of each patient** | Personalised care | Not covered in this edition |');
    expect(occurrences(matrix, 'Not covered in this edition')).toBe(1);
  });

  it('shows Workforce and Digital and data as new in the April 2024 update, and is dated by it', () => {
    const matrix = page('duties.md');
    expect(matrix).toContain('| **Workforce** | Not yet a duty in this edition | **New in this edition**: Workforce and education |');
    expect(matrix).toContain('| **Digital and data** | Not yet a duty in this edition | **New in this edition**: Digital |');
    expect(matrix).toContain('Published 8 April 2024.');
  });
});
