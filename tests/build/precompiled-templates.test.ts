// The bundle carries the built-in templates compiled ahead of time; from the sources they are compiled
// at run time. Both must make the same pages, byte for byte, and a template edited since the bundle was
// built must be compiled again rather than answered by its stale precompiled form.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/cli/report-context.js';
import { compilePlan } from '../../src/pipeline.js';
import { DocumentRenderer, TEMPLATE_HELPERS, builtInTemplatesDir, templateCompileOptions } from '../../src/render/engine.js';
import { renderSite } from '../../src/render/site.js';
import Handlebars from 'handlebars';
import { compileOptions, precompiledTemplatesModule, withDirectLookups, withoutLocations } from '../../scripts/precompile-templates.mjs';
import { copyPlan, makeTempDir, repoRoot, runPlan } from '../helpers/cli.js';

const PLAN = join(repoRoot, 'plans', 'staffordshire-stoke-2023-24');

describe('templates compiled ahead of time', () => {
  it('make every file of the embedded plan\'s build as templates compiled at run time do', async () => {
    const out = join(makeTempDir(), 'site');
    const built = await runPlan(['build', PLAN, '--out', out, '--quiet', '--no-cache']);
    expect(built.code, built.stderr).toBe(0);
    const { plan, diagnostics } = await compilePlan(PLAN, { cache: false });
    const files = await renderSite(plan!, diagnostics, { planDir: PLAN, catalogue });
    expect(files.size).toBeGreaterThan(100);
    for (const [path, content] of files) expect(readFileSync(join(out, path), 'utf8'), path).toBe(content.toString());
  });

  it('are compiled with the options of run time, knowing every helper a renderer registers', () => {
    for (const format of ['md', 'html'] as const) expect(compileOptions(format)).toEqual(templateCompileOptions(format));
    const registered = Object.keys((new DocumentRenderer('md', [builtInTemplatesDir()]) as unknown as { hb: { helpers: object } }).hb.helpers);
    const builtIn = ['blockHelperMissing', 'each', 'helperMissing', 'if', 'unless', 'log', 'lookup', 'with'];
    expect(registered.filter((name) => !builtIn.includes(name)).sort()).toEqual([...TEMPLATE_HELPERS].sort());
  });

  it('make no place in the template for each helper call and block, which nothing they run reads', () => {
    const spec = String(Handlebars.precompile('{{#each items}}{{#if done}}{{word "done"}}{{/if}}{{/each}}', compileOptions('html')));
    expect(spec).toContain('"loc":');
    expect(withoutLocations(spec)).not.toContain('"loc"');
    expect(precompiledTemplatesModule(builtInTemplatesDir())).not.toContain('"loc"');
  });

  it('read the view\'s fields directly, except names some value inherits, and make what Handlebars\' lookups make', () => {
    const source = '{{title}} {{a.b.c}} {{#each items}}[{{name}} {{toString}} {{constructor}} {{length}} {{@root.site.team}} {{../title}}]{{/each}}{{#with a}}{{b.c}}{{/with}}';
    const plain = String(Handlebars.precompile(source, compileOptions('html')));
    const direct = withDirectLookups(plain);
    expect(direct).not.toBe(plain);
    const looked = (text: string) => new Set([...text.matchAll(/lookupProperty\([^,()]+,"(\w+)"\)/g)].map((match) => match[1]));
    expect([...looked(plain)]).toEqual(expect.arrayContaining(['title', 'a', 'b', 'c', 'items', 'name', 'root', 'site', 'team', 'toString', 'constructor', 'length']));
    // Inherited names keep the check, and so do the template's helpers and partials, which are not the view.
    expect([...looked(direct)].sort()).toEqual(['constructor', 'each', 'length', 'toString', 'with']);
    const hb = Handlebars.create();
    // eslint-disable-next-line no-new-func
    const spec = (text: string) => new Function(`return ${text}`)() as TemplateSpecification;
    const view = {
      title: '<T>', a: { b: { c: 3 } }, site: { team: true },
      items: [{ name: 'one', toString: 'own', length: 2 }, { name: 'two' }, 'three', 4, { constructor: 'own' }, []] as unknown[],
    };
    const expected = hb.compile(source, compileOptions('html'))(view);
    expect(hb.template(spec(direct))(view)).toBe(expected);
    expect(hb.template(spec(plain))(view)).toBe(expected);
    expect(expected).toContain('[one own  2 true &lt;T&gt;]');
  });

  it('are not used for a template whose text is not what they were compiled from', async () => {
    const module = await import(`data:text/javascript,${encodeURIComponent(precompiledTemplatesModule(builtInTemplatesDir()))}`);
    const precompiled = new Map(module.precompiledTemplates as Map<string, { source: string; spec: unknown }>);
    const plan = copyPlan(PLAN);
    const mine = join(plan, 'templates', 'md');
    const source = readFileSync(join(builtInTemplatesDir(), 'md', 'index.hbs'), 'utf8');
    mkdirSync(mine, { recursive: true });
    writeFileSync(join(mine, 'index.hbs'), `Our own front page.\n${source}`);
    const renderer = new DocumentRenderer('md', [join(plan, 'templates'), builtInTemplatesDir()], { precompiled });
    const page = renderer.render('index', { site: { nav: [], terms: {} }, documents: [] });
    expect(page.startsWith('Our own front page.\n')).toBe(true);
  });
});

