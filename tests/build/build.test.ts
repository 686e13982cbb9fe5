// `plan build` end to end through the built CLI: what it writes, that the output is escaped, atomic
// and byte-for-byte repeatable, and the golden summary of the embedded plan.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyPlan, fixture, planBin, repoRoot, runPlan } from '../helpers/cli.js';

const embedded = join(repoRoot, 'plans', 'staffordshire-stoke-2023-24');
const scratch = mkdtempSync(join(tmpdir(), 'plan-build-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
const freshOut = (): string => join(scratch, `out-${++counter}`);

/** Every file under a folder, as relative path -> bytes. */
function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

describe('plan build on the embedded plan', () => {
  const out = freshOut();
  let result: Awaited<ReturnType<typeof runPlan>>;

  it('exits 0 and prints the path of index.html', async () => {
    result = await runPlan(['build', embedded, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(join(out, 'index.html'));
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });

  it('writes every document in Markdown and HTML, with plan.json, gaps.json, the diagram and the assets', () => {
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as { portfolios: { id: string }[] };
    const expected = ['index', 'summary', 'plan-on-a-page', 'objectives', 'duties', 'gaps', 'portfolios', ...plan.portfolios.map((p) => `portfolios/${p.id}`)];
    for (const name of expected) {
      expect(existsSync(join(out, `${name}.html`)), `${name}.html`).toBe(true);
      expect(existsSync(join(out, `${name}.md`)), `${name}.md`).toBe(true);
    }
    for (const name of ['plan.json', 'gaps.json', 'golden-thread.svg', 'assets/nhsuk-frontend.min.css', 'assets/plan.css', '.plan-build']) {
      expect(existsSync(join(out, name)), name).toBe(true);
    }
  });

  it('writes plan.json exactly as plan export prints it', async () => {
    const exported = await runPlan(['export', embedded]);
    expect(readFileSync(join(out, 'plan.json'), 'utf8')).toBe(exported.stdout);
  });

  it('ships a stylesheet that asks nothing of the network: no web fonts, icons by relative URL', () => {
    const css = readFileSync(join(out, 'assets', 'nhsuk-frontend.min.css'), 'utf8');
    expect(css).not.toMatch(/@font-face/);
    expect(css).not.toMatch(/url\(["']?(https?:)?\/\//);
    expect(css).not.toMatch(/url\(["']?\//);
    for (const match of css.matchAll(/url\(["']?(images\/[^)"']+)/g)) {
      expect(existsSync(join(out, 'assets', match[1]!)), match[1]).toBe(true);
    }
  });

  it('puts the gap report headline figures in gaps.json, each n of N', () => {
    const gaps = JSON.parse(readFileSync(join(out, 'gaps.json'), 'utf8')) as { headlines: { id: string; count: number; total: number; percent: number }[]; summary: { errors: number } };
    expect(gaps.summary.errors).toBe(0);
    expect(gaps.headlines.map((h) => h.id)).toEqual(['objectives-owned', 'actions-traced', 'duties-covered', 'objectives-smart', 'objectives-served', 'targets-current', 'actions-stocktaken']);
    for (const h of gaps.headlines) {
      expect(h.count).toBeLessThanOrEqual(h.total);
      expect(h.percent).toBe(Math.round((h.count / h.total) * 100));
    }
  });

  it('matches the golden summary.md (UPDATE_GOLDEN=1 rewrites it after a deliberate change)', () => {
    const actual = readFileSync(join(out, 'summary.md'), 'utf8');
    const golden = join(repoRoot, 'tests', 'golden', 'summary.md');
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) writeFileSync(golden, actual);
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });

  it('gives byte-identical output when built twice', async () => {
    const again = freshOut();
    const second = await runPlan(['build', embedded, '--out', again]);
    expect(second.code).toBe(0);
    const first = readTree(out);
    const other = readTree(again);
    expect([...other.keys()]).toEqual([...first.keys()]);
    for (const [path, bytes] of first) expect(other.get(path)!.equals(bytes), path).toBe(true);
  });
});

describe('plan build escapes plan text', () => {
  it('shows a <script> title as text in HTML and never as markup', async () => {
    const plan = copyPlan(fixture('valid'));
    const objectives = readFileSync(join(plan, 'objectives.yaml'), 'utf8');
    const hostile = objectives.replace(/title: .*/, "title: '<script>alert(1)</script> & <b>bold</b>'");
    expect(hostile).not.toBe(objectives);
    writeFileSync(join(plan, 'objectives.yaml'), hostile);
    const out = freshOut();
    const result = await runPlan(['build', plan, '--out', out]);
    expect(result.code).toBe(0);
    for (const page of ['objectives.html', 'summary.html', 'plan-on-a-page.html', 'index.html']) {
      const html = readFileSync(join(out, page), 'utf8');
      expect(html, page).not.toContain('<script>alert(1)');
      expect(html, page).not.toContain('<b>bold');
    }
    expect(readFileSync(join(out, 'objectives.html'), 'utf8')).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    const svg = readFileSync(join(out, 'golden-thread.svg'), 'utf8');
    expect(svg).not.toContain('<script>');
    const markdown = readFileSync(join(out, 'objectives.md'), 'utf8');
    expect(markdown).toContain('&lt;script>alert(1)&lt;/script>');
    expect(markdown).not.toContain('<script>');
  });

  it('renders Markdown prose with raw HTML disabled', async () => {
    const plan = copyPlan(fixture('valid'));
    const manifest = readFileSync(join(plan, 'plan.yaml'), 'utf8');
    writeFileSync(join(plan, 'plan.yaml'), `${manifest}prose:\n  introduction: "Hello **world** <img src=x onerror=alert(1)> [link](javascript:alert(1))"\n`);
    const out = freshOut();
    expect((await runPlan(['build', plan, '--out', out])).code).toBe(0);
    const html = readFileSync(join(out, 'summary.html'), 'utf8');
    expect(html).toContain('<strong>world</strong>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('href="javascript:');
  });
});

describe('plan build writes atomically', () => {
  it('with errors, writes only the gap report and leaves the rest of an earlier build as it was', async () => {
    const plan = copyPlan(fixture('valid'));
    const out = freshOut();
    expect((await runPlan(['build', plan, '--out', out])).code).toBe(0);
    const before = readTree(out);
    const objectives = readFileSync(join(plan, 'objectives.yaml'), 'utf8');
    writeFileSync(join(plan, 'objectives.yaml'), objectives.replace(/^(\s*)portfolio: .*$/m, ''));
    const result = await runPlan(['build', plan, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('objective-has-owner');
    expect(result.stderr).toContain('gaps.html');
    const after = readTree(out);
    for (const [path, bytes] of before) {
      // The manifest changes with the gap report: it records what plan wrote.
      if (/^gaps\./.test(path) || path === '.plan-build') continue;
      expect(after.get(path)?.equals(bytes), `${path} unchanged`).toBe(true);
    }
    const gaps = JSON.parse(after.get('gaps.json')!.toString('utf8')) as { summary: { errors: number }; diagnostics: { rule: string }[] };
    expect(gaps.summary.errors).toBeGreaterThan(0);
    expect(gaps.diagnostics.some((d) => d.rule === 'objective-has-owner')).toBe(true);
    expect(after.get('gaps.html')!.toString('utf8')).toContain('the other documents were not rebuilt');
  });

  it('leaves an earlier build as it was when the process dies part-way through writing', async () => {
    const plan = copyPlan(fixture('valid'));
    const out = freshOut();
    expect((await runPlan(['build', plan, '--out', out])).code).toBe(0);
    // The stylesheet, edited by hand since, must be written again (an unchanged file would be left in place).
    const stylesheet = join(out, 'assets', 'nhsuk-frontend.min.css');
    writeFileSync(stylesheet, readFileSync(stylesheet, 'utf8') + '\n/* ours */\n');
    const before = readTree(out);
    // A file-size limit of 64 KiB kills the process (SIGXFSZ) when it writes the stylesheet.
    const killed = spawnSync('bash', ['-c', `ulimit -f 128; exec "${process.execPath}" "${planBin}" build "${plan}" --out "${out}"`], { encoding: 'utf8' });
    expect(killed.status === 0).toBe(false);
    const after = readTree(out);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, bytes] of before) expect(after.get(path)!.equals(bytes), path).toBe(true);
    // The next build clears away the half-written temporary folder and succeeds.
    expect((await runPlan(['build', plan, '--out', out])).code).toBe(0);
    expect(readdirSync(join(out, '..')).filter((n) => n.includes('.plan-tmp-'))).toEqual([]);
  });

  it('builds in full when --rule turns the failing rule into a warning, and the gap report shows it as one', async () => {
    const plan = copyPlan(fixture('valid'));
    const objectives = readFileSync(join(plan, 'objectives.yaml'), 'utf8');
    writeFileSync(join(plan, 'objectives.yaml'), objectives.replace(/^(\s*)portfolio: .*$/m, ''));
    const out = freshOut();
    const result = await runPlan(['build', plan, '--out', out, '--rule', 'objective-has-owner=warning', '--rule', 'objective-serves-priority=warning', '--rule', 'action-traces-to-aim=warning']);
    expect(result.code).toBe(0);
    expect(existsSync(join(out, 'summary.html'))).toBe(true);
    const gaps = JSON.parse(readFileSync(join(out, 'gaps.json'), 'utf8')) as { diagnostics: { rule: string; severity: string }[] };
    expect(gaps.diagnostics.find((d) => d.rule === 'objective-has-owner')?.severity).toBe('warning');
  });

  it('refuses to replace a folder of files it did not write', async () => {
    const out = freshOut();
    mkdirSync(out);
    writeFileSync(join(out, 'precious.txt'), 'keep me');
    const result = await runPlan(['build', fixture('valid'), '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('already holds files that plan did not write');
    expect(readFileSync(join(out, 'precious.txt'), 'utf8')).toBe('keep me');
  });

  it('refuses an output folder that holds the plan itself', async () => {
    const plan = copyPlan(fixture('valid'));
    const result = await runPlan(['build', plan, '--out', join(plan, '..')]);
    expect(result.code).toBe(2);
    expect(existsSync(join(plan, 'plan.yaml'))).toBe(true);
  });
});

/** Writes a file of the plan's own templates/ folder, such as `md/duties.hbs` or `words.yaml`. */
function ownTemplate(plan: string, file: string, text: string): void {
  const path = join(plan, 'templates', ...file.split('/'));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

describe('plan build with a plan of its own templates', () => {
  it('uses a template from the plan\'s templates/ folder in place of the built-in one', async () => {
    const plan = copyPlan(fixture('valid'));
    ownTemplate(plan, 'md/duties.hbs', '# Our duties\n\n{{#each duties}}- {{title}}\n{{/each}}');
    const out = freshOut();
    expect((await runPlan(['build', plan, '--out', out])).code).toBe(0);
    expect(readFileSync(join(out, 'duties.md'), 'utf8')).toMatch(/^# Our duties\n\n- /);
    expect(readFileSync(join(out, 'duties.html'), 'utf8')).toContain('Matrix of statutory duties');
  });

  it('uses a partial from the plan\'s templates/ folder on every page that includes it', async () => {
    const plan = copyPlan(fixture('valid'));
    ownTemplate(plan, 'md/partials/footer.hbs', '\nPublished by the Example ICS communications team.\n');
    const out = freshOut();
    expect((await runPlan(['build', plan, '--out', out])).code).toBe(0);
    for (const page of ['index.md', 'summary.md', 'objectives.md', 'gaps.md']) {
      expect(readFileSync(join(out, page), 'utf8').endsWith('Published by the Example ICS communications team.\n'), page).toBe(true);
    }
  });

  it('reports a broken template override plainly, exit 2, and leaves the earlier build', async () => {
    const plan = copyPlan(fixture('valid'));
    const out = freshOut();
    expect((await runPlan(['build', plan, '--out', out])).code).toBe(0);
    const before = readTree(out);
    ownTemplate(plan, 'html/summary.hbs', '{{#each duties}}never closed');
    const result = await runPlan(['build', plan, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/template/i);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readTree(out).get('summary.html')!.equals(before.get('summary.html')!)).toBe(true);
  });

  it('reports a template that calls a helper plan does not have, with its line, exit 2', async () => {
    const plan = copyPlan(fixture('valid'));
    ownTemplate(plan, 'md/duties.hbs', '# Duties\n\n{{shout title}}\n');
    const result = await runPlan(['build', plan, '--out', freshOut()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The md template duties failed: at line 3, column 1, it calls `shout`, which is not a helper plan has.');
    expect(result.stderr).not.toContain('knownHelpersOnly');
  });

  it('reports a template that fails on a page made late in the build, exit 2, and leaves the earlier build byte for byte', async () => {
    const plan = copyPlan(fixture('valid'));
    const out = freshOut();
    expect((await runPlan(['build', plan, '--out', out])).code).toBe(0);
    const before = readTree(out);
    // The team's portfolio pages come after the whole public site and the team's other documents.
    ownTemplate(plan, 'html/portfolio.hbs', '{{#if site.team}}{{word "no-such-word"}}{{/if}}<p>{{name}}</p>\n');
    const result = await runPlan(['build', plan, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/The html template portfolio failed: there is no word `no-such-word` in words\.yaml/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const after = readTree(out);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, bytes] of before) expect(after.get(path)!.equals(bytes), path).toBe(true);
    expect(readdirSync(out).filter((name) => name.startsWith('.plan-build.'))).toEqual([]);
  });

  it('completes an interrupted build and says so, with the file of the user\'s it kept, even when a template then fails', async () => {
    const plan = copyPlan(fixture('valid'));
    const out = freshOut();
    expect((await runPlan(['build', plan, '--out', out])).code).toBe(0);
    // Edited by hand, so the next build must write it again, and moves the edited copy aside.
    const stylesheet = join(out, 'assets', 'nhsuk-frontend.min.css');
    const original = readFileSync(stylesheet);
    writeFileSync(stylesheet, `${original}\n/* ours */\n`);
    let killedAfterCommit = false;
    for (let step = 1; step <= 30 && !killedAfterCommit; step++) {
      const killed = await runPlan(['build', plan, '--out', out], { env: { PLAN_FAULT: String(step) } });
      expect(killed.code, killed.stderr).toBe(null);
      killedAfterCommit = killed.stderr.includes('after committing the journal');
    }
    expect(killedAfterCommit).toBe(true);
    ownTemplate(plan, 'html/portfolio.hbs', '{{#if site.team}}{{word "no-such-word"}}{{/if}}<p>{{name}}</p>\n');
    const result = await runPlan(['build', plan, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('was interrupted; its output was put in place first');
    expect(result.stderr).toMatch(/nhsuk-frontend\.min\.css was changed after plan wrote it: it is kept as .*nhsuk-frontend\.min\.css\.kept/);
    expect(result.stderr).toMatch(/The html template portfolio failed/);
    expect(readFileSync(stylesheet).equals(original)).toBe(true);
    expect(readFileSync(`${stylesheet}.kept`, 'utf8')).toContain('/* ours */');
    expect(readdirSync(out).filter((name) => name.startsWith('.plan-build.'))).toEqual([]);
  });

  it('uses the plan\'s own words, and reports a words file that is not YAML at its line, exit 2', async () => {
    const plan = copyPlan(fixture('valid'));
    // publicVersion labels the link on every page of the team's site to its public version.
    const key = 'publicVersion';
    expect(readFileSync(join(repoRoot, 'templates', 'words.yaml'), 'utf8')).toMatch(/^publicVersion: /m);
    ownTemplate(plan, 'words.yaml', `${key}: Our own word\n`);
    const out = freshOut();
    expect((await runPlan(['build', plan, '--out', out])).code).toBe(0);
    expect([...readTree(out).values()].some((bytes) => bytes.toString().includes('Our own word'))).toBe(true);
    ownTemplate(plan, 'words.yaml', `${key}: Our own word\n  broken: [\n`);
    const result = await runPlan(['build', plan, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/words file .*words\.yaml cannot be read: line 2, column \d+: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
