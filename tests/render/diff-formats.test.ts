// The formats of `plan diff` show plan text as text: on a terminal it cannot move the cursor or start
// a line of its own; in a pull-request comment it cannot become markup.

import { describe, expect, it } from 'vitest';
import { diffPlans, type DiffReport } from '../../src/diff/plan-diff.js';
import { markdown } from '../../src/render/diff/markdown.js';
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
