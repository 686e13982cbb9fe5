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
        const spec = withoutLocations(Handlebars.precompile(source, compileOptions(format)));
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
