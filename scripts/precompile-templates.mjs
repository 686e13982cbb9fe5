// Compiles the built-in Handlebars templates ahead of time, for the bundle: compiling them at run time
// was most of a small plan's build. Each keeps its source, so a template edited since is compiled again.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';

/** The options every template is compiled with, per format: those of `templateCompileOptions` in src/render/engine.ts. */
const HELPERS = ['markdown', 'markdownInline', 'word', 'code', 'cell', 'date', 'join', 'eq', 'not', 'or', 'and', 'capital', 'plural', 'doc'];

export function compileOptions(format) {
  return { noEscape: format === 'md', strict: false, preventIndent: true, knownHelpers: Object.fromEntries(HELPERS.map((name) => [name, true])), knownHelpersOnly: true };
}

/**
 * The source of a module exporting `precompiledTemplates`: each built-in template's path relative to the
 * templates folder (`html/index.hbs`, `md/partials/nav.hbs`) -> its source and its precompiled spec.
 */
export function precompiledTemplatesModule(templatesDir) {
  const entries = [];
  for (const format of ['html', 'md']) {
    for (const folder of [format, `${format}/partials`]) {
      for (const file of readdirSync(join(templatesDir, folder)).sort()) {
        if (!file.endsWith('.hbs')) continue;
        const source = readFileSync(join(templatesDir, folder, file), 'utf8');
        const spec = withDirectHelpers(withDirectLookups(withoutLocations(precompile(source, compileOptions(format)))));
        entries.push(`[${JSON.stringify(`${folder}/${file}`)}, { source: ${JSON.stringify(source)}, spec: ${spec} }]`);
      }
    }
  }
  return `export const precompiledTemplates = new Map([\n${entries.join(',\n')}\n]);\n`;
}

/**
 * A block's program as Handlebars' compiler names it when the template has no block parameters and
 * no `../`: then the wrapper `container.program` makes passes only `data` of its own, and the program
 * can be called as it is, with the arguments the wrapper would pass.
 */
const SIMPLE_PROGRAM = String.raw`container\.program\((\d+), data, 0\)`;

/**
 * Handlebars' JavaScript compiler, with `{{#if}}` and `{{#unless}}` blocks tested where they stand
 * rather than by a call of the helper: the call makes an options object and a function for each of its
 * two branches, and Handlebars' wrapper of every helper copies the options again, each time the block
 * runs, which in a list of thousands of rows is most of what a row costs. The test is the helpers'
 * own: a function is called for its value, and the block shows when the value is truthy and not an
 * empty list. A block with a hash (`includeZero=true`) is refused, as no built-in template has one.
 */
class InlineConditionals extends Handlebars.JavaScriptCompiler {
  invokeKnownHelper(paramSize, name) {
    if ((name !== 'if' && name !== 'unless') || paramSize !== 1) return super.invokeKnownHelper(paramSize, name);
    const params = [];
    const options = this.setupParams(name, paramSize, params);
    if (String(options.hash) !== '{}' || !options.fn) throw new Error(`{{#${name}}} with a hash or without a block cannot be compiled ahead of time`);
    const context = () => this.aliasable(`${this.contextName(0)} != null ? ${this.contextName(0)} : (container.nullContext || {})`);
    const [shown, otherwise] = name === 'if' ? [options.fn, options.inverse] : [options.inverse, options.fn];
    // Handlebars' noop makes the empty string. A branch of the simple form (no block parameters, no
    // `../`) is called as it is (`container.planPrograms`, the template's own programs, which
    // `DocumentRenderer` gives it), with the arguments Handlebars' wrapper would pass: the wrapper is
    // a new function each time the branch is taken, to keep `data`, which the call passes here itself.
    const run = (program) => {
      const text = String(program);
      if (text === 'container.noop') return ['""'];
      const simple = new RegExp(`^${SIMPLE_PROGRAM}$`).exec(text);
      if (!simple) return [program, '(', context(), ')'];
      return ['(container.planPrograms ? container.planPrograms[', simple[1], '](container, ', context(), ', container.helpers, container.partials, data) : ', program, '(', context(), '))'];
    };
    this.useRegister('condition');
    this.push(this.source.wrap([
      '((condition = ', params[0], ', typeof condition === "function" && (condition = condition.call(', context(), ')), ',
      '!condition || (Array.isArray(condition) && condition.length === 0)) ? ', ...run(otherwise), ' : ', ...run(shown), ')',
    ]));
  }
}
InlineConditionals.prototype.compiler = InlineConditionals;

const environment = Handlebars.create();
environment.JavaScriptCompiler = InlineConditionals;

/** A template's spec, as `Handlebars.precompile` makes it but with its conditional blocks tested in place. */
export function precompile(source, options) {
  return String(environment.precompile(source, options));
}

/**
 * The spec without the place in the template of each helper call and block (`"loc":{…}`), which the
 * compiled code would otherwise make as three objects at every call, for error messages that plan's
 * helpers and non-strict lookups never give.
 */
export function withoutLocations(spec) {
  return spec.replace(/,"loc":\{"start":\{"line":\d+,"column":\d+\},"end":\{"line":\d+,"column":\d+\}\}/g, '');
}

/** Names that some value a view can hold inherits (a view holds no functions: it is written as JSON for the page cache): their lookups keep Handlebars' check of own properties. */
const INHERITED = new Set(['__proto__', 'prototype', 'toHTML', ...[Object, Array, String, Number, Boolean, Map, Set, Date, RegExp].flatMap((type) => Object.getOwnPropertyNames(type.prototype))]);

/**
 * The spec with each lookup of a field of the view (`lookupProperty(depth0,"title")`) made a plain
 * property read (`depth0["title"]`), where the name is one that no object a view holds inherits, so
 * the read finds an own property or nothing, as Handlebars' check would. Handlebars' one function for
 * every lookup sees every shape of view; a read of its own at each place in the template sees only
 * the few shapes found there, which V8 makes fast. Every such read is already guarded against a
 * missing parent, as the call was.
 */
export function withDirectLookups(spec) {
  return spec.replace(/lookupProperty\((depth0|alias\d+|stack\d+|data|depths\[\d+\]|blockParams\[\d+\]\[\d+\]),"([A-Za-z_$][\w$]*)"\)/g,
    (call, parent, name) => (INHERITED.has(name) ? call : `${parent}[${JSON.stringify(name)}]`));
}

/** Helpers that never read the `lookupProperty` Handlebars' wrapper adds to their options: plan's own, and Handlebars' but `lookup` and `log`. */
const UNWRAPPED = new Set([...HELPERS, 'each', 'with', 'if', 'unless']);

/**
 * The spec with each call of a helper that needs nothing of Handlebars' wrapper made to the helper
 * itself, as the renderer gives it (`container.planHelpers`, set by `DocumentRenderer`; the wrapped one
 * where no renderer set it). The wrapper copies the options of every call, to add a `lookupProperty`
 * that only Handlebars' `lookup` reads.
 */
export function withDirectHelpers(spec) {
  return spec.replace(/lookupProperty\(helpers,"([A-Za-z_$][\w$]*)"\)/g, (call, name) => (UNWRAPPED.has(name) ? `(container.planHelpers || helpers)[${JSON.stringify(name)}]` : call))
    // An `{{#each}}` block of the simple form (no block parameters, no `../`) gives plan's `each`
    // (src/render/each-helper.ts) the number of its program and the template's container, to call the
    // program for each item with the arguments Handlebars' wrapper would pass, without an options
    // object for each. Where the template has its programs, the wrapper is not made for every call of
    // the block: `each` makes it only for what it leaves to Handlebars' own (an object's keys, `{{else}}`).
    .replace(new RegExp(String.raw`\{"name":"each","hash":\{\},"fn":(${SIMPLE_PROGRAM}),`, 'g'),
      (whole, wrapper, index) => `{"name":"each","hash":{},"fn":container.planPrograms ? undefined : ${wrapper},"planProgram":${index},"planContainer":container,`);
}
