// The Markdown documents a build writes, read as a permissive Markdown viewer would (markdown-it with
// raw HTML allowed and every link address trusted): plan text is only text, prose links go only to http(s), mailto and relative
// addresses, remote images are links unless --allow-remote-images, and code in prose is left alone.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { copyPlan, fixture, makeTempDir, runPlan } from '../helpers/cli.js';

const viewer = new MarkdownIt({ html: true, linkify: true });
// A viewer that trusts every link address, as some Markdown renderers do: what the file itself allows.
viewer.validateLink = () => true;

/** Builds the valid fixture with `title` as the first objective's title and `prose` as prose.introduction. */
async function buildWith(options: { title?: string; prose?: string }, ...flags: string[]): Promise<string> {
  const plan = copyPlan(fixture('valid'));
  if (options.title !== undefined) {
    const objectives = readFileSync(join(plan, 'objectives.yaml'), 'utf8');
    const changed = objectives.replace(/title: .*/, `title: ${JSON.stringify(options.title)}`);
    expect(changed).not.toBe(objectives);
    writeFileSync(join(plan, 'objectives.yaml'), changed);
  }
  if (options.prose !== undefined) writeFileSync(join(plan, 'plan.yaml'), `${readFileSync(join(plan, 'plan.yaml'), 'utf8')}prose:\n  introduction: ${JSON.stringify(options.prose)}\n`);
  const out = join(makeTempDir('plan-md-'), 'site');
  const result = await runPlan(['build', plan, '--out', out, ...flags]);
  expect(result.code, result.stderr).toBe(0);
  return out;
}

const rendered = (out: string, page: string) => viewer.render(readFileSync(join(out, page), 'utf8'));
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);

describe('plain-text fields in Markdown output', () => {
  it('a title written as a javascript: link is shown as text, never as a link', async () => {
    const out = await buildWith({ title: '[x](javascript:alert(1))' });
    const html = rendered(out, 'objectives.md');
    expect(hrefs(html).filter((h) => /^javascript:/i.test(h))).toEqual([]);
    expect(html).toContain('[x](javascript:alert(1))');
  });

  it('a line break in a title cannot inject a heading', async () => {
    const out = await buildWith({ title: 'Faster care\n# Injected heading\n<script>alert(1)</script>' });
    const html = rendered(out, 'objectives.md');
    expect(html).not.toMatch(/<h\d>Injected heading/);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Faster care # Injected heading &lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('prose in Markdown and HTML output', () => {
  const links = 'Read [the strategy](https://x.example/strategy), [write to us](mailto:icb@nhs.example), [see the objectives](objectives.md); '
    + 'not [this](javascript:alert(1)), <javascript:alert(2)>, [that][bad] or [data](data:text/html,x).\n\n[bad]: javascript:alert(3)\n';

  it('keeps links to http(s), mailto and relative addresses only', async () => {
    const out = await buildWith({ prose: links });
    for (const html of [rendered(out, 'summary.md'), readFileSync(join(out, 'summary.html'), 'utf8')]) {
      const found = hrefs(html);
      expect(found).toEqual(expect.arrayContaining(['https://x.example/strategy', 'mailto:icb@nhs.example', 'objectives.md']));
      expect(found.filter((h) => /^(javascript|data):/i.test(h))).toEqual([]);
    }
  });

  it('turns a remote image into a link to it, and keeps an image of the site\'s own', async () => {
    const prose = 'Our chart: ![waiting times](https://evil.example/track.png) and ![ours](images/chart.png)\n';
    const out = await buildWith({ prose });
    for (const html of [rendered(out, 'summary.md'), readFileSync(join(out, 'summary.html'), 'utf8')]) {
      expect(html).not.toMatch(/<img[^>]*src="https:\/\/evil/);
      expect(html).toContain('<a href="https://evil.example/track.png">waiting times</a>');
      expect(html).toMatch(/<img src="images\/chart.png" alt="ours"/);
    }
  });

  it('keeps a remote image with --allow-remote-images', async () => {
    const out = await buildWith({ prose: '![waiting times](https://x.example/chart.png)\n' }, '--allow-remote-images');
    expect(readFileSync(join(out, 'summary.html'), 'utf8')).toMatch(/<img src="https:\/\/x.example\/chart.png"/);
    expect(rendered(out, 'summary.md')).toMatch(/<img src="https:\/\/x.example\/chart.png"/);
  });

  it('leaves `<` in fenced code as it is, and shows raw HTML as text', async () => {
    const out = await buildWith({ prose: 'Compare:\n\n```\nif waits < 4 hours && beds > 0\n```\n\n<img src=x onerror=alert(1)>\n' });
    const markdown = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(markdown).toContain('```\nif waits < 4 hours && beds > 0\n```');
    const html = rendered(out, 'summary.md');
    expect(html).toContain('<code>if waits &lt; 4 hours &amp;&amp; beds &gt; 0\n</code>');
    expect(html).not.toContain('&amp;lt;');
    expect(html).not.toMatch(/<img src="x"/);
  });
});
