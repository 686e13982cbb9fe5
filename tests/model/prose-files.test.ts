// Prose for the documents may live in Markdown files under prose/: prose/introduction.md is
// `prose.introduction`, exactly as if it were written under `prose:` in plan.yaml.

import { describe, expect, it } from 'vitest';
import { compileTexts } from '../../src/compile-texts.js';
import { MANIFEST } from '../helpers/plan-fixture.js';

describe('prose files', () => {
  it('become the prose of the same name', () => {
    const { plan, diagnostics } = compileTexts([
      { file: 'plan.yaml', text: MANIFEST },
      { file: 'prose/introduction.md', text: '# Hello\n\nOur plan for **the year**.\n' },
    ]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(plan?.manifest.prose.introduction).toBe('# Hello\n\nOur plan for **the year**.\n');
  });

  it('may not repeat prose written in plan.yaml', () => {
    const { diagnostics } = compileTexts([
      { file: 'plan.yaml', text: `${MANIFEST}prose:\n  introduction: Hello\n` },
      { file: 'prose/introduction.md', text: 'Hello again\n' },
    ]);
    expect(diagnostics.find((d) => d.rule === 'duplicate-id')).toMatchObject({
      file: 'prose/introduction.md', line: 1, column: 1,
      message: 'The prose `introduction` is written twice: in this file and under `prose:` in plan.yaml.',
    });
  });

  it('need a name a template can use', () => {
    const { diagnostics } = compileTexts([
      { file: 'plan.yaml', text: MANIFEST },
      { file: 'prose/next steps.md', text: 'Soon\n' },
    ]);
    expect(diagnostics.find((d) => d.file === 'prose/next steps.md')?.message).toBe('The prose file name `next steps` is not a name a template can use.');
  });
});
