// The formats of `plan diff` show plan text as text: on a terminal it cannot move the cursor or start
// a line of its own; in a pull-request comment it cannot become markup.

import { describe, expect, it } from 'vitest';
import { diffPlans, type DiffReport } from '../../src/diff/plan-diff.js';
import { MARKDOWN_LINES_PER_PART, markdown } from '../../src/render/diff/markdown.js';
import { stylish } from '../../src/render/diff/stylish.js';
import { compileFixture } from '../helpers/plan-fixture.js';

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
