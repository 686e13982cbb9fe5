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
        const spec = withDirectLookups(withoutLocations(Handlebars.precompile(source, compileOptions(format))));
        entries.push(`[${JSON.stringify(`${folder}/${file}`)}, { source: ${JSON.stringify(source)}, spec: ${spec} }]`);
      }
    }
  }
  return `export const precompiledTemplates = new Map([\n${entries.join(',\n')}\n]);\n`;
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
