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
import { joiningEach } from '../../src/render/each-helper.js';
import Handlebars from 'handlebars';
import { compileOptions, precompile, precompiledTemplatesModule, withDirectHelpers, withDirectLookups, withoutLocations } from '../../scripts/precompile-templates.mjs';
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

  it('test {{#if}} and {{#unless}} where they stand, as the helpers do', () => {
    const source = [
      '{{#each values}}[{{#if this}}yes{{else}}no{{/if}} {{#unless this}}not{{else}}is{{/unless}}{{#unless @last}},{{/unless}}]{{/each}}',
      '{{#if missing}}A{{else if list.length}}B{{list.length}}{{else}}C{{/if}}',
      '{{#each rows}}{{#if @root.team}}{{#if ../label}}{{../label}}:{{/if}}{{name}}{{/if}}{{#if @first}}^{{/if}}{{/each}}',
      '{{#with nested}}{{#if inner}}{{inner}}{{/if}}{{/with}}{{#if fn}}called{{/if}}{{#if (eq mode "on")}}on{{/if}}',
      '{{#each rows}}{{#if name}}{{@index}}:{{@root.team}}{{#unless @last}};{{/unless}}{{/if}}{{/each}}',
    ].join('\n');
    const plain = String(Handlebars.precompile(source, compileOptions('html')));
    const inline = precompile(source, compileOptions('html'));
    expect(plain).toContain('lookupProperty(helpers,"if")');
    expect(inline).not.toMatch(/lookupProperty\(helpers,"(if|unless)"\)/);
    const hb = Handlebars.create();
    hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    // eslint-disable-next-line no-new-func
    const spec = (text: string) => new Function(`return ${text}`)() as TemplateSpecification;
    const views = [
      { values: [0, 1, '', 'x', [], [0], {}, null, undefined, false, true, Number.NaN], list: [1, 2], rows: [{ name: 'a' }, { name: '<b>' }], team: true, label: 'L', nested: { inner: 'i' }, fn: () => 'value', mode: 'on' },
      { values: [[]], list: [], rows: [], team: false, label: '', nested: {}, fn: () => '', mode: 'off' },
      { values: [], missing: 'here', rows: [{ name: 'c' }], team: 1 },
    ];
    // A branch of the simple form is called as the template's own program when a renderer gives them, as DocumentRenderer does.
    expect(inline).toContain('container.planPrograms ? container.planPrograms[');
    const programs = spec(inline);
    const main = (programs as unknown as { main: (...args: unknown[]) => string }).main;
    let given = 0;
    const giving = { ...programs, main(this: unknown, container: { planPrograms?: object }, ...rest: unknown[]) { given++; container.planPrograms = programs; return main.call(this, container, ...rest); } } as TemplateSpecification;
    const wrapped = hb.template(spec(inline));
    const direct = hb.template(giving);
    for (const view of views) {
      const expected = hb.compile(source, compileOptions('html'))(view);
      expect(wrapped(view)).toBe(expected);
      expect(direct(view)).toBe(expected);
    }
    expect(given).toBe(views.length);
    expect(hb.compile(source, compileOptions('html'))(views[0])).toContain('[no not,][yes is,]');
    // A hash (includeZero) is the helper's to read: it is refused rather than tested in place.
    expect(() => precompile('{{#if n includeZero=true}}z{{/if}}', compileOptions('html'))).toThrow(/hash/);
  });

  it('call helpers directly when a renderer gives them, and through Handlebars\' wrapper when not', () => {
    const source = '{{#each items}}{{cell name}}{{#unless @last}}|{{/unless}}{{/each}} {{lookup names 1}}';
    const direct = withDirectHelpers(precompile(source, compileOptions('md')));
    expect(direct).toContain('(container.planHelpers || helpers)["cell"]');
    expect(direct).toContain('(container.planHelpers || helpers)["each"]');
    // `lookup` reads the wrapper's lookupProperty, so it keeps the wrapper.
    expect(direct).toContain('lookupProperty(helpers,"lookup")');
    const hb = Handlebars.create();
    const seen: object[] = [];
    hb.registerHelper('cell', (text: unknown, options: object) => {
      seen.push(options);
      return `<${String(text)}>`;
    });
    // eslint-disable-next-line no-new-func
    const spec = new Function(`return ${direct}`)() as TemplateSpecification;
    const view = { items: [{ name: 'a' }, { name: 'b' }], names: ['x', 'y'] };
    const expected = hb.compile(source, compileOptions('md'))(view);
    expect(expected).toBe('<a>|<b> y');
    seen.length = 0;
    expect(hb.template(spec)(view)).toBe(expected);
    expect(seen.every((options) => 'lookupProperty' in options)).toBe(true);
    // As DocumentRenderer gives them: the helper itself is called, with Handlebars' options uncopied.
    const main = (spec as unknown as { main: (...args: unknown[]) => string }).main;
    const given = { ...spec, main(this: unknown, container: { planHelpers?: object }, ...rest: unknown[]) { container.planHelpers = hb.helpers; return main.call(this, container, ...rest); } } as TemplateSpecification;
    seen.length = 0;
    expect(hb.template(given)(view)).toBe(expected);
    expect(seen).toHaveLength(2);
    expect(seen.some((options) => 'lookupProperty' in options)).toBe(false);
  });

  it('give plan\'s `each` its block\'s program, which it calls as Handlebars\' wrapper would', () => {
    const source = '{{#each rows}}{{@index}}{{#if @first}}^{{/if}}{{name}}{{#each tags}}<{{this}}{{#unless @last}},{{/unless}}>{{/each}}{{@root.title}}{{#unless @last}};{{/unless}}{{/each}}|{{#each empty}}x{{else}}none{{/each}}|{{#each named}}{{@key}}={{this}} {{/each}}';
    const compiled = withDirectHelpers(precompile(source, compileOptions('html')));
    expect(compiled).toMatch(/"fn":container\.planPrograms \? undefined : container\.program\(\d+, data, 0\),"planProgram":\d+,"planContainer":container,/);
    const hb = Handlebars.create();
    hb.registerHelper('each', joiningEach(hb.helpers['each']!));
    // eslint-disable-next-line no-new-func
    const programs = new Function(`return ${compiled}`)() as TemplateSpecification;
    const main = (programs as unknown as { main: (...args: unknown[]) => string }).main;
    const giving = { ...programs, main(this: unknown, container: { planHelpers?: object; planPrograms?: object }, ...rest: unknown[]) { container.planHelpers = hb.helpers; container.planPrograms = programs; return main.call(this, container, ...rest); } } as TemplateSpecification;
    const views = [
      { title: 'T', rows: [{ name: 'a', tags: ['x', 'y'] }, { name: '<b>', tags: [] }, { name: 'c', tags: ['z'] }], empty: [], named: { one: 1, two: 2 } },
      { title: '', rows: [], empty: ['e'], named: {} },
    ];
    for (const view of views) expect(hb.template(giving)(view)).toBe(Handlebars.create().compile(source, compileOptions('html'))(view));
    expect(hb.template(giving)(views[0])).toBe('0^a<x,><y>T;1&lt;b&gt;T;2c<z>T|none|one=1 two=2 ');
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

