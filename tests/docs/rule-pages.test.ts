// The examples on the rule pages are real: each page's YAML, added to the example plan of
// docs/rules/README.md, gives exactly the output the page shows when checked with the built CLI.
// After a deliberate change of wording, UPDATE_DOCS=1 rewrites the pages' outputs.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs, repoRoot, runPlan } from '../helpers/cli.js';

afterAll(removeTempDirs);

const rulesDir = join(repoRoot, 'docs', 'rules');

interface Example {
  /** Files added to (or replacing files of) the example plan. */
  files: Map<string, string>;
  /** The output the page shows, and where in the page it is, to rewrite it. */
  expected: string;
  start: number;
  end: number;
}

/** Pairs each "prints:" output block of a page with the YAML file blocks written before it. */
function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split('\n');
  let files = new Map<string, string>();
  let pendingFile: string | undefined;
  let expectOutput = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fileName = /^`([\w./-]+\.(?:ya?ml|csv))`:$/.exec(line.trim());
    if (fileName) pendingFile = fileName[1];
    if (/(prints|reports no problems):$/.test(line.trim())) expectOutput = true;
    if (line.startsWith('```')) {
      const end = lines.indexOf('```', i + 1);
      const body = lines.slice(i + 1, end).join('\n') + '\n';
      if ((line === '```yaml' || line === '```csv') && pendingFile) {
        files.set(pendingFile, body);
        pendingFile = undefined;
      } else if (line === '```text' && expectOutput) {
        if (files.size > 0) examples.push({ files, expected: body, start: i + 1, end });
        files = new Map();
        expectOutput = false;
      }
      i = end;
    }
  }
  return examples;
}

/** The example plan's own files, from docs/rules/README.md. */
function basePlan(): Map<string, string> {
  const readme = readFileSync(join(rulesDir, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The example plan'));
  const base = new Map<string, string>();
  for (const match of section.matchAll(/^`([\w.-]+\.yaml)`:\n\n```yaml\n([\s\S]*?)```/gm)) base.set(match[1]!, match[2]!);
  return base;
}

const pages = readdirSync(rulesDir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();

describe('the examples on the rule pages', () => {
  it('has an example plan with plan.yaml and system.yaml', () => {
    expect([...basePlan().keys()].sort()).toEqual(['plan.yaml', 'system.yaml']);
  });

  for (const page of pages) {
    it(`${page}: every example prints what the page says`, async () => {
      const path = join(rulesDir, page);
      const markdown = readFileSync(path, 'utf8');
      const examples = examplesOf(markdown);
      expect(examples.length, 'the page has no runnable example').toBeGreaterThan(0);
      const lines = markdown.split('\n');
      let changed = false;
      // Rewrite from the last example up, so earlier line numbers stay right.
      for (const example of [...examples].reverse()) {
        const root = makeTempDir('plan-docs-');
        const plan = join(root, 'plans', 'example');
        for (const [file, text] of new Map([...basePlan(), ...example.files])) {
          mkdirSync(dirname(join(plan, file)), { recursive: true });
          writeFileSync(join(plan, file), text);
        }
        const result = await runPlan(['check', 'plans/example'], { cwd: root });
        if (process.env.UPDATE_DOCS === '1' && result.stdout !== example.expected) {
          lines.splice(example.start, example.end - example.start, ...result.stdout.replace(/\n$/, '').split('\n'));
          changed = true;
        } else {
          expect(result.stdout, `example ending at line ${example.end + 1}`).toBe(example.expected);
        }
      }
      if (changed) writeFileSync(path, lines.join('\n'));
    });
  }
});

describe('the complete example of docs/language.md', () => {
  const languagePath = join(repoRoot, 'docs', 'language.md');

  /** Writes the page's complete example into a fresh folder; returns the folder holding plans/riverside. */
  function writeExample(language: string): string {
    const section = language.slice(language.indexOf('## A complete example'));
    const root = makeTempDir('plan-docs-');
    let count = 0;
    for (const match of section.matchAll(/^`(plans\/riverside\/[\w./-]+\.yaml)`:\n\n```yaml\n([\s\S]*?)```/gm)) {
      mkdirSync(dirname(join(root, match[1]!)), { recursive: true });
      writeFileSync(join(root, match[1]!), match[2]!);
      count++;
    }
    expect(count).toBeGreaterThanOrEqual(4);
    return root;
  }

  it('passes plan check with no problems, as the page says', async () => {
    const root = writeExample(readFileSync(languagePath, 'utf8'));
    const result = await runPlan(['check', 'plans/riverside'], { cwd: root });
    expect(result.stdout).toBe('✔ No problems found in plans/riverside.\n');
    expect(result.code).toBe(0);
  });

  it('with `value: 78%` written in, prints what "How mistakes are reported" shows', async () => {
    const language = readFileSync(languagePath, 'utf8');
    const root = writeExample(language);
    const file = join(root, 'plans', 'riverside', 'objectives', 'urgent-care.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text.split('value: 78\n')).toHaveLength(2);
    writeFileSync(file, text.replace('value: 78\n', 'value: 78%\n'));
    const result = await runPlan(['check', 'plans/riverside'], { cwd: root });
    const shown = `$ plan check plans/riverside\n${result.stdout}`;
    const section = language.indexOf('## How mistakes are reported');
    const start = language.indexOf('```text\n', section) + '```text\n'.length;
    const end = language.indexOf('```\n', start);
    if (process.env.UPDATE_DOCS === '1') writeFileSync(languagePath, language.slice(0, start) + shown + language.slice(end));
    else expect(shown).toBe(language.slice(start, end));
  });
});
