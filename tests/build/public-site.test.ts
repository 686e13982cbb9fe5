// The public site (`plan build --for public`, and public/ in the team's site): what a communications
// team publishes. On every page, HTML and Markdown: no findings, no rule ids, no SMART badges or gap
// figures, no raw item ids, no link to anything internal, and no empty page. It is refused, with
// nothing written, while the plan has errors.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleIds } from '../../src/catalogue.js';
import type { PlanExport } from '../../src/render/plan-export.js';
import { copyPlan, fixture, makeTempDir, repoRoot, runPlan } from '../helpers/cli.js';
import { filesUnder, htmlLinks, htmlText, markdownLinks, markdownText } from '../helpers/site-text.js';

const embedded = join(repoRoot, 'plans', 'staffordshire-stoke-2023-24');
const plans = [
  { name: 'the embedded plan', dir: embedded },
  ...['place-boards', 'tiny', 'hundreds', 'valid'].map((name) => ({ name: `the ${name} fixture`, dir: fixture(name) })),
];

/** Words that only the team's site may say: findings, SMART, the gap report's figures. */
const TEAM_ONLY = [
  /\bSMART\b/, /No action serves it/i, /How to fix/i, /Gap report/i, /gaps\.(md|html|json)/, /plan\.json/,
  /\bfindings?\b/i, /How well the plan hangs together/i, /Objectives (passing|served by|with an owner)/, /Actions traced/i,
  /Statutory duties covered/i, /✖/, /Broken thread/i, /\bwarnings?\b/i, /\bNo owner\b/, /\bNo priority\b/,
];

/** Ids a reader could never mistake for words: they hold a digit, `-`, `_` or `.` (`no-07`, `cyp-ltc-programme`). */
function idLike(plan: PlanExport): string[] {
  const ids = [
    ...(plan.collective_aim ? [plan.collective_aim.id] : []),
    ...[plan.priorities, plan.portfolios, plan.objectives, plan.actions, plan.metrics, plan.organisations, plan.duties, plan.projects].flatMap((list) => list.map((item) => item.id)),
    ...plan.plan.editions.map((e) => e.id),
  ];
  return ids.filter((id) => /[-_.\d]/.test(id));
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(plans)('the public site of $name', ({ dir }) => {
  const out = join(makeTempDir('plan-public-'), 'public');
  const team = join(makeTempDir('plan-team-'), 'team');
  let plan: PlanExport;
  let pages: string[] = [];

  it('is built by plan build --for public into its own folder', async () => {
    const result = await runPlan(['build', dir, '--for', 'public', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(join(out, 'index.html'));
    const teamBuild = await runPlan(['build', dir, '--out', team]);
    expect(teamBuild.code, teamBuild.stderr).toBe(0);
    plan = JSON.parse(readFileSync(join(team, 'plan.json'), 'utf8')) as PlanExport;
    pages = filesUnder(out).filter((file) => /\.(md|html)$/.test(file));
    expect(pages).toContain('summary.html');
    expect(pages).toContain('summary.md');
  });

  it('has no gap report, no plan.json and no gaps.json', () => {
    const files = filesUnder(out);
    expect(files.filter((file) => /(^|\/)(gaps\.\w+|plan\.json)$/.test(file))).toEqual([]);
  });

  it('has neither the performance document nor the stocktake, which are the team\'s working documents', () => {
    const files = filesUnder(out);
    expect(files.filter((file) => /(^|\/)(performance|stocktake)(\.\w+$|\/)/.test(file))).toEqual([]);
    expect(filesUnder(team)).toEqual(expect.arrayContaining(['performance.html', 'performance.md', 'stocktake.html', 'stocktake.md']));
  });

  it('says nothing only the team may see: no findings, rule ids, SMART badges or gap figures', () => {
    const problems: string[] = [];
    for (const page of pages) {
      const source = readFileSync(join(out, page), 'utf8');
      const text = page.endsWith('.html') ? htmlText(source) : markdownText(source);
      for (const pattern of TEAM_ONLY) if (pattern.test(text)) problems.push(`${page}: says ${pattern}: …${text.slice(Math.max(0, text.search(pattern) - 60), text.search(pattern) + 60)}…`);
      for (const id of ruleIds) if (text.includes(id)) problems.push(`${page}: names the rule ${id}`);
    }
    expect(problems).toEqual([]);
  });

  it('shows no raw item id where a reader expects a title or a number', () => {
    const problems: string[] = [];
    const ids = idLike(plan);
    for (const page of pages) {
      const source = readFileSync(join(out, page), 'utf8');
      const text = page.endsWith('.html') ? htmlText(source) : markdownText(source);
      for (const id of ids) {
        if (new RegExp(`(^|[^\\w.-])${escapeRegExp(id)}($|[^\\w-])`).test(text)) problems.push(`${page}: shows the id ${id}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('links only to its own pages and files, or to other sites', () => {
    const problems: string[] = [];
    for (const page of pages) {
      const source = readFileSync(join(out, page), 'utf8');
      const links = page.endsWith('.html') ? htmlLinks(source) : markdownLinks(source);
      for (const link of links) {
        if (/^(https?:|mailto:|#)/.test(link)) continue;
        const target = posix.normalize(posix.join(posix.dirname(page), link.split('#')[0]!));
        if (target.startsWith('..')) problems.push(`${page}: links outside the public site: ${link}`);
        else if (!existsSync(join(out, target))) problems.push(`${page}: links to ${link}, which the public site does not have`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has no empty page: every portfolio page says more than which priorities it serves', () => {
    const portfolioPages = pages.filter((page) => page.startsWith('portfolios/') && page.endsWith('.html'));
    expect(portfolioPages.length).toBeGreaterThan(0);
    const empty = portfolioPages.filter((page) => {
      const headings = [...readFileSync(join(out, page), 'utf8').matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]);
      return headings.filter((h) => h !== 'System priorities').length === 0;
    });
    expect(empty).toEqual([]);
  });

  it('is exactly the public/ folder of the team\'s site', () => {
    const publicFiles = filesUnder(out).filter((file) => file !== '.plan-build');
    expect(filesUnder(join(team, 'public'))).toEqual(publicFiles);
    for (const file of publicFiles) expect(readFileSync(join(team, 'public', file)).equals(readFileSync(join(out, file))), file).toBe(true);
  });

  it('is linked from each page of the team\'s site that has a public version', () => {
    const problems: string[] = [];
    for (const page of pages) {
      const teamPage = join(team, page);
      if (!existsSync(teamPage)) {
        problems.push(`${page} is in the public site but not in the team's`);
        continue;
      }
      const source = readFileSync(teamPage, 'utf8');
      const links = page.endsWith('.html') ? htmlLinks(source) : markdownLinks(source);
      const expected = posix.relative(posix.dirname(page), `public/${page}`);
      if (!links.includes(expected)) problems.push(`${page} on the team's site does not link to ${expected}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('plan build --for public with errors', () => {
  it('refuses: exit 1, the errors on stderr, and nothing written', async () => {
    const plan = copyPlan(fixture('valid'));
    const objectives = readFileSync(join(plan, 'objectives.yaml'), 'utf8');
    writeFileSync(join(plan, 'objectives.yaml'), objectives.replace(/^(\s*)portfolio: .*$/m, ''));
    const out = join(makeTempDir('plan-public-errors-'), 'site');
    const result = await runPlan(['build', plan, '--for', 'public', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('objective-has-owner');
    expect(result.stderr).toContain('the public site was not built');
    expect(existsSync(out)).toBe(false);
  });
});

describe('page titles', () => {
  it('never say one part twice, on the team\'s site or the public one', async () => {
    const out = join(makeTempDir('plan-titles-'), 'site');
    expect((await runPlan(['build', embedded, '--out', out])).code).toBe(0);
    const problems: string[] = [];
    for (const page of filesUnder(out).filter((file) => file.endsWith('.html'))) {
      const title = /<title>([^<]*)<\/title>/.exec(readFileSync(join(out, page), 'utf8'))?.[1] ?? '';
      const parts = title.split(' – ').map((p) => p.toLowerCase());
      if (parts.some((part, i) => parts.some((other, j) => i !== j && other.includes(part)))) problems.push(`${page}: ${title}`);
    }
    expect(problems).toEqual([]);
  });
});
