// The formats of `plan diff` show plan text as text: on a terminal it cannot move the cursor or start
// a line of its own; in a pull-request comment it cannot become markup.

import { describe, expect, it } from 'vitest';
import { diffPlans, type DiffReport } from '../../src/diff/plan-diff.js';
import { MARKDOWN_LINES_PER_PART, markdown } from '../../src/render/diff/markdown.js';
import { stylish } from '../../src/render/diff/stylish.js';
import { compileFixture, YEAR_MANIFEST } from '../helpers/plan-fixture.js';

/** A diff in which an action with this title was added. */
function reportAdding(title: string): DiffReport {
  const before = compileFixture().plan!;
  const after = compileFixture({ test: `actions:\n  - id: hostile\n    title: ${JSON.stringify(title)}\n    objectives: [ae-4-hours]\n` }).plan!;
  const version = { folder: 'plans/example', revision: undefined, commit: undefined };
  return { old: { ...version, revision: 'main', commit: 'a'.repeat(40) }, new: version, diff: diffPlans(before, after) };
}

describe('plan text in the formats of plan diff', () => {
  it('is shown with visible marks for escape sequences and line breaks in stylish', () => {
    const out = stylish(reportAdding('Red \u001b[31malert\nnext line'), { colour: false });
    expect(out).toContain('  + action `hostile` "Red ␛[31malert⏎next line"\n');
    expect(out).not.toContain('\u001b');
  });

  it('is escaped in markdown, so it shows as written and makes no markup', () => {
    const out = markdown(reportAdding('*Not bold* <img src=x onerror=alert(1)> [link](javascript:x)'), { colour: false });
    expect(out).toContain('- action `hostile` "\\*Not bold\\* &lt;img src=x onerror=alert(1)> \\[link\\](javascript:x)"\n');
  });

  it('cannot move the cursor or recolour a line in markdown either, when the comment is printed on a terminal', () => {
    const out = markdown(reportAdding('Red \u001b[31malert\u001b[2K\u202eright-to-left\nnext'), { colour: false });
    expect(out).toContain('- action `hostile` "Red ␛\\[31malert␛\\[2K&lt;U+202E>right-to-left⏎next"\n');
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  });
});

describe('a long diff in the markdown format', () => {
  it('shows each part\'s first lines and counts the rest, so a pull-request comment stays within GitHub\'s limit', () => {
    const actions = Array.from({ length: MARKDOWN_LINES_PER_PART + 12 }, (_, i) => `  - id: extra-${i}\n    title: Extra action ${i}\n    objectives: [ae-4-hours]\n`).join('');
    const before = compileFixture().plan!;
    const after = compileFixture({ test: `actions:\n${actions}` }).plan!;
    const version = { folder: 'plans/example', revision: undefined, commit: undefined };
    const out = markdown({ old: { ...version, revision: 'main', commit: 'a'.repeat(40) }, new: version, diff: diffPlans(before, after) }, { colour: false });
    const added = out.split('\n').filter((line) => line.startsWith('- action `extra-'));
    expect(added).toHaveLength(MARKDOWN_LINES_PER_PART);
    expect(out).toContain(`- … and 12 more: \`plan diff\` on a terminal, or with \`--format json\`, lists them all.\n`);
    // The counts still say how many there are.
    expect(out).toContain(`${MARKDOWN_LINES_PER_PART + 12} added`);
    // Stylish lists every one.
    expect(stylish({ old: { ...version, revision: 'main', commit: 'a'.repeat(40) }, new: version, diff: diffPlans(before, after) }, { colour: false }).split('\n').filter((line) => line.startsWith('  + action `extra-'))).toHaveLength(MARKDOWN_LINES_PER_PART + 12);
  });
});

describe('the planning year\'s plan text in the formats of plan diff', () => {
  it('is shown as text: a progress update\'s reporter on a terminal and in a pull-request comment', () => {
    const before = compileFixture({ manifest: YEAR_MANIFEST }).plan!;
    const reporter = '*Board* <script>alert(1)</script> \u001b[31mred\nline';
    const after = compileFixture({ manifest: YEAR_MANIFEST, test: `progress:\n  - action: same-day-emergency-care\n    date: 2024-03-28\n    update: Open.\n    reported_by: ${JSON.stringify(reporter)}\n` }).plan!;
    const version = { folder: 'plans/example', revision: undefined, commit: undefined };
    const report: DiffReport = { old: { ...version, revision: 'main', commit: 'a'.repeat(40) }, new: version, diff: diffPlans(before, after) };
    const terminal = stylish(report, { colour: false });
    expect(terminal).toContain('  + progress update on action `same-day-emergency-care` for 2023/24 Q4: reported on 2024-03-28 by *Board* <script>alert(1)</script> ␛[31mred⏎line\n');
    expect(terminal).not.toContain('\u001b');
    const comment = markdown(report, { colour: false });
    expect(comment).toContain('- progress update on action `same-day-emergency-care` for 2023/24 Q4: reported on 2024-03-28 by \\*Board\\* &lt;script>alert(1)&lt;/script> ␛\\[31mred⏎line\n');
    expect(comment).not.toContain('\u001b');
  });
});
