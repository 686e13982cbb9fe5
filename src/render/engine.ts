// The template engine set-up: one isolated Handlebars instance per output format, its helpers, and
// template lookup with plan overrides (a plan's own templates/<format>/ file of the same name wins).
// HTML is escaped by Handlebars' double-stash; Markdown output escapes every plan string up front
// (src/render/markdown.ts), and prose through the `markdown` helper keeps its own Markdown, made safe.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { load as loadYaml } from 'js-yaml';
import { capitalise } from '../english.js';
import { oneByte } from '../one-byte.js';
import { escapeForMarkdown, isPlainForMarkdown, markdownCell, markdownInlineToHtml, markdownToHtml, markdownToMarkdown, type ProseOptions } from './markdown.js';
import { precompiledTemplates, type PrecompiledTemplate } from './precompiled-templates.js';
import { joiningEach, ListMarks } from './each-helper.js';

export type OutputFormat = 'html' | 'md';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2024-03-31" -> "31 March 2024", the NHS style for dates. */
export function formatDate(iso: string | undefined | null): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

/** The folder of built-in templates, found from the bundled code in lib/ or the sources in src/. */
export function builtInTemplatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'templates', 'html'))) return join(dir, 'templates');
    dir = dirname(dir);
  }
  throw new Error('the built-in templates folder is missing from this installation of plan');
}

export class TemplateError extends Error {}

/**
 * The words both formats say (templates/words.yaml), with a plan's own words.yaml over the built-in
 * one. Read once per build and shared by the Markdown and HTML renderers.
 */
export function loadWords(dirs: readonly string[], read: (path: string) => string = (path) => readFileSync(path, 'utf8')): Record<string, string> {
  const words: Record<string, string> = {};
  for (const dir of [...dirs].reverse()) {
    const path = join(dir, 'words.yaml');
    if (!existsSync(path)) continue;
    let parsed: unknown;
    try {
      // js-yaml, which the check has already loaded for the plan's own files.
      parsed = loadYaml(read(path));
    } catch (cause) {
      if (cause instanceof TemplateError) throw cause;
      const { reason, mark } = cause as { reason?: string; mark?: { line: number; column: number } };
      const where = mark ? `line ${mark.line + 1}, column ${mark.column + 1}: ` : '';
      throw new TemplateError(`The words file ${path} cannot be read: ${where}${reason ?? (cause as Error).message}.`);
    }
    if (parsed === null || parsed === undefined) continue;
    if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new TemplateError(`The words file ${path} should be a mapping of names to words.`);
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== 'string') throw new TemplateError(`In the words file ${path}, \`${key}\` should be text.`);
      // A word is in page after page: one byte a character, not two for the ✖ elsewhere in the file.
      words[key] = oneByte(value);
    }
  }
  return words;
}

export interface RendererOptions {
  prose?: ProseOptions;
  read?: (path: string) => string;
  words?: Readonly<Record<string, string>>;
  /** Templates compiled ahead of time, by path relative to a templates folder; the bundle's own by default. */
  precompiled?: ReadonlyMap<string, PrecompiledTemplate>;
}

/** The helpers every renderer registers: templates are compiled knowing them, so a call goes straight to its helper. */
export const TEMPLATE_HELPERS = ['markdown', 'markdownInline', 'word', 'code', 'cell', 'date', 'join', 'eq', 'not', 'or', 'and', 'capital', 'plural', 'doc'] as const;

/** How a template is compiled, run time or ahead of time (scripts/precompile-templates.mjs says the same, and a test holds them equal). */
export function templateCompileOptions(format: OutputFormat): NonNullable<Parameters<typeof Handlebars.compile>[1]> {
  return { noEscape: format === 'md', strict: false, preventIndent: true, knownHelpers: Object.fromEntries(TEMPLATE_HELPERS.map((name) => [name, true])), knownHelpersOnly: true };
}

export class DocumentRenderer {
  private readonly hb = Handlebars.create();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();

  /** Each escaped string of the view being rendered, with the text it came from: prose is Markdown to keep, not text to escape. */
  private originals = new Map<string, string>();
  /** Every string escaped for Markdown so far, with its escape: views repeat names and titles on page after page. */
  private readonly escapes = new Map<string, string>();
  /** The big lists of the page being rendered, kept whole (each-helper.ts). */
  private lists: ListMarks | undefined;
  private readonly prose: ProseOptions;
  private readonly read: (path: string) => string;
  private readonly words: Readonly<Record<string, string>>;
  private readonly precompiled: ReadonlyMap<string, PrecompiledTemplate>;

  /**
   * @param dirs template folders, most important first (the plan's own, then the built-in ones)
   * @param options.read reads one template file; the plan's own are read as its sources are (regular files inside the plan only)
   * @param options.words the words both formats say, from `loadWords`, when several renderers share them
   */
  constructor(readonly format: OutputFormat, private readonly dirs: readonly string[], options: RendererOptions = {}) {
    this.prose = options.prose ?? {};
    this.read = options.read ?? ((path) => readFileSync(path, 'utf8'));
    this.words = options.words ?? loadWords(dirs, this.read);
    this.precompiled = options.precompiled ?? precompiledTemplates;
    this.registerHelpers();
    // Built-in partials first, so a plan's partial of the same name replaces them.
    for (const dir of [...dirs].reverse()) {
      const partials = join(dir, format, 'partials');
      if (!existsSync(partials)) continue;
      for (const file of readdirSync(partials).sort()) {
        if (!file.endsWith('.hbs')) continue;
        this.hb.registerPartial(file.slice(0, -4), this.compile(join(partials, file), `${format}/partials/${file}`));
      }
    }
  }

  render(name: string, context: object): string {
    return this.renderParts(name, context).join('');
  }

  /**
   * The page `render` makes, as the parts it is made of (in order, joined it is the page): the writer
   * encodes them one after another, so a page of megabytes is never copied whole once more to be one
   * string. Each line of the page lies in one part.
   */
  renderParts(name: string, context: object): string[] {
    let template = this.compiled.get(name);
    if (!template) {
      const path = this.dirs.map((d) => join(d, this.format, `${name}.hbs`)).find((p) => existsSync(p));
      if (!path) throw new TemplateError(`There is no ${this.format} template called ${name}.`);
      template = this.compile(path, `${this.format}/${name}.hbs`);
      this.compiled.set(name, template);
    }
    this.originals = new Map();
    const data = this.format === 'md' ? escapeDeep(context, this.originals, this.escapes) : context;
    const lists = new ListMarks();
    this.lists = lists;
    try {
      const page = template(data);
      const parts = tidyParts(lists.count === 0 ? page : lists.pieces(page));
      if (this.format === 'md') for (let i = 0; i < parts.length; i++) parts[i] = tidyTables(parts[i]!);
      return parts;
    } catch (cause) {
      throw new TemplateError(`The ${this.format} template ${name} failed: ${templateProblem((cause as Error).message)}`);
    } finally {
      this.lists = undefined;
    }
  }

  /** @param name the template's path inside its templates folder, as the precompiled ones are named */
  private compile(path: string, name: string): Handlebars.TemplateDelegate {
    const source = this.read(path); // throws a TemplateError of its own for a file it refuses
    // A template that says what a precompiled one was compiled from is that template, whichever folder it is in.
    const precompiled = this.precompiled.get(name);
    if (precompiled?.source === source) return this.hb.template(givingHelpers(precompiled.spec as TemplateSpecification, this.hb.helpers));
    try {
      return this.hb.compile(source, templateCompileOptions(this.format));
    } catch (cause) {
      throw new TemplateError(`The template ${path} cannot be read: ${(cause as Error).message}`);
    }
  }

  private registerHelpers(): void {
    const hb = this.hb;
    const html = this.format === 'html';
    // In Markdown, the view's strings arrive escaped as plain text; prose is the planner's own Markdown.
    const source = (text: string) => this.originals.get(text) ?? text;
    // Prose is parsed once per text: the same description shows on several pages, and on both sites.
    const block = remembered((text: string) => (html ? markdownToHtml(text, this.prose) : markdownToMarkdown(text, this.prose)));
    const inline = remembered((text: string) => (html ? markdownInlineToHtml(text, this.prose) : markdownToMarkdown(text, this.prose).replace(/\s*\n\s*/g, ' ')));
    hb.registerHelper('markdown', (text: unknown) => {
      if (typeof text !== 'string' || text === '') return '';
      return html ? new hb.SafeString(block(text)) : block(source(text));
    });
    hb.registerHelper('markdownInline', (text: unknown) => {
      if (typeof text !== 'string') return '';
      return html ? new hb.SafeString(inline(text)) : inline(source(text));
    });
    // {name} is filled from the helper's arguments, or else from the plan's terms ({portfolio}, {Enablers}).
    hb.registerHelper('word', (name: unknown, options: Handlebars.HelperOptions) => {
      const text = typeof name === 'string' && Object.hasOwn(this.words, name) ? this.words[name]! : undefined;
      if (text === undefined) throw new Error(`there is no word \`${String(name)}\` in words.yaml`);
      const values = (options?.hash ?? {}) as Record<string, unknown>;
      const terms = ((options?.data?.root as { site?: { terms?: Record<string, string> } } | undefined)?.site?.terms ?? {});
      return text.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.hasOwn(values, key) ? String(values[key]) : Object.hasOwn(terms, key) ? terms[key]! : whole));
    });
    /** Text with `code` marks, such as a finding's hint: in HTML the marks become <code>, the rest is escaped. */
    hb.registerHelper('code', (text: unknown) => {
      if (typeof text !== 'string') return '';
      if (!html) return text;
      const parts = text.split(/`([^`]+)`/);
      return new hb.SafeString(parts.map((part, i) => (i % 2 === 1 ? `<code>${Handlebars.escapeExpression(part)}</code>` : Handlebars.escapeExpression(part))).join(''));
    });
    // Lists of thousands of items make one flat string each rather than thousands of pieces.
    hb.registerHelper('each', joiningEach(hb.helpers['each']!, () => this.lists));
    hb.registerHelper('cell', (text: unknown) => (text === undefined || text === null ? '' : markdownCell(String(text))));
    hb.registerHelper('date', (iso: unknown) => formatDate(typeof iso === 'string' ? iso : undefined));
    hb.registerHelper('join', (list: unknown, separator: unknown) => (Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ', ') : ''));
    hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    hb.registerHelper('not', (a: unknown) => !a);
    hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
    hb.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
    hb.registerHelper('capital', (text: unknown) => (typeof text === 'string' ? capitalise(text) : ''));
    hb.registerHelper('plural', (count: unknown, singular: unknown, pluralForm: unknown) => {
      const n = Number(count);
      const one = String(singular);
      return `${n} ${n === 1 ? one : typeof pluralForm === 'string' ? pluralForm : `${one}s`}`;
    });
    /** A link to another document of the same format, relative to the current page: {{doc "portfolios/uec"}}. */
    hb.registerHelper('doc', function (this: unknown, path: unknown, options: Handlebars.HelperOptions) {
      const root = (options.data?.root as { root?: string } | undefined)?.root ?? '';
      const [file, anchor] = String(path).split('#');
      return `${root}${file}.${html ? 'html' : 'md'}${anchor ? `#${anchor}` : ''}`;
    });
  }
}

interface PlanContainer {
  planHelpers?: object;
  planPrograms?: object;
}
type TemplateMain = (this: unknown, container: PlanContainer, ...rest: unknown[]) => string;

/**
 * A precompiled spec whose main program first gives the template's code the renderer's helpers as
 * they were registered, and the template's own programs: the built-in templates call the helpers
 * directly (`withDirectHelpers` in scripts/precompile-templates.mjs), not through the wrapper
 * Handlebars puts round each for every render, and the branch an `{{#if}}` takes likewise (the
 * `InlineConditionals` compiler there), not through a wrapper made each time. Every program of a
 * template shares the container its main program is given.
 */
function givingHelpers(spec: TemplateSpecification, helpers: object): TemplateSpecification {
  const main = (spec as unknown as { main: TemplateMain }).main;
  return {
    ...spec,
    main(this: unknown, container: PlanContainer, depth0: unknown, wrapped: unknown, partials: unknown, data: unknown, blockParams: unknown, depths: unknown) {
      container.planHelpers = helpers;
      container.planPrograms = spec;
      return main.call(this, container, depth0, wrapped, partials, data, blockParams, depths);
    },
  } as TemplateSpecification;
}

/** Handlebars' message in plain words, for the one a planner's own template is most likely to meet. */
function templateProblem(message: string): string {
  // Handlebars compiles a template when it is first used, so a call of an unknown helper is found here.
  const unknown = /^You specified knownHelpersOnly, but used the unknown helper (\S+) - (\d+):(\d+)/.exec(message);
  if (!unknown) return message;
  const [, helper, line, column] = unknown;
  return `at line ${line}, column ${Number(column) + 1}, it calls \`${helper}\`, which is not a helper plan has. The helpers are ${TEMPLATE_HELPERS.join(', ')}, and Handlebars' own (if, unless, each, with, lookup).`;
}

/**
 * A pure function, computed once for each argument and kept in `results` (a WeakMap keeps a result
 * only as long as its argument lives).
 */
export function remembered<K, V>(compute: (key: K) => V, results: { get(key: K): V | undefined; set(key: K, value: V): unknown } = new Map<K, V>()): (key: K) => V {
  return (key) => {
    let result = results.get(key);
    if (result === undefined) {
      result = compute(key);
      results.set(key, result);
    }
    return result;
  };
}

/** An id, or a page path made of ids: the plan language allows them only letters, digits, `.`, `_`, `-` (and `/` between). */
const ID_OR_PATH = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/**
 * Escapes every string in a view for Markdown output, noting each escaped string's original in
 * `originals` and remembering each escape in `escapes`. SafeStrings (trusted output such as SVG) pass as they are, and so do `id` and `path`
 * fields that hold an id or page path: they are used in link targets and anchors, where an escape
 * would change them, and cannot hold markup. A plain object or list with nothing to escape is the view's
 * own, not a copy: most of a big view's names need no escape, and a copy of them would be garbage
 * that lives as long as the page is being made. Any other object is copied as a plain object.
 */
export function escapeDeep(value: unknown, originals: Map<string, string>, escapes: Map<string, string>, key?: string): unknown {
  if (typeof value === 'string') return escapeString(value, originals, escapes, key);
  if (typeof value !== 'object' || value === null) return value;
  // Plain loops, and strings escaped without a call of this function: a view of a thousand charts has
  // hundreds of thousands of values to walk, most of them strings.
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const escaped = typeof item === 'string' ? escapeString(item, originals, escapes) : typeof item !== 'object' || item === null ? item : escapeDeep(item, originals, escapes);
      // A hole is copied as undefined, as a copy of the whole list would have it.
      if (out === undefined && (escaped !== item || !(i in value))) out = value.slice(0, i);
      if (out !== undefined) out[i] = escaped;
    }
    return out ?? value;
  }
  if (value instanceof Handlebars.SafeString) return value;
  const plain = Object.getPrototypeOf(value) === Object.prototype;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(value);
  let out: Record<string, unknown> | undefined = plain ? undefined : {};
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const item = record[k];
    const escaped = typeof item === 'string' ? escapeString(item, originals, escapes, k) : typeof item !== 'object' || item === null ? item : escapeDeep(item, originals, escapes, k);
    if (out === undefined && escaped !== item) {
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]!] = record[keys[j]!];
    }
    if (out !== undefined) out[k] = escaped;
  }
  return out ?? value;
}

/** One string of a view, escaped for Markdown (an id or page path in an `id` or `path` field kept as it is). */
function escapeString(value: string, originals: Map<string, string>, escapes: Map<string, string>, key?: string): string {
  if ((key === 'id' || key === 'path') && ID_OR_PATH.test(value)) return value;
  // Most strings of a view hold nothing Markdown reads: they are their own escape, and are not looked up.
  if (isPlainForMarkdown(value)) return value;
  let escaped = escapes.get(value);
  if (escaped === undefined) {
    escaped = escapeForMarkdown(value);
    escapes.set(value, escaped);
  }
  if (escaped !== value) originals.set(escaped, value);
  return escaped;
}

/** An empty cell of a Markdown table is written `| |`, as markdownlint's compact table style has it; `text` is whole lines. */
function tidyTables(text: string): string {
  // Most pages have no such cell: a scan that finds none spares a copy of the page.
  if (!/\|[ \t]{2,}\|/.test(text)) return text;
  return text.replace(/^\|.*\|$/gm, (row) => row.replace(/\|[ \t]{2,}(?=\|)/g, '| '));
}

/**
 * Collapses the blank lines that template control blocks leave behind: spaces and tabs at the end of
 * a line go, a run of blank lines becomes one, and the text ends with one newline. One pass over the
 * lines, as a big page is megabytes: the lines kept as they are stay in runs, and the page is copied
 * once, from those runs, so a big page makes little garbage.
 */
export function tidy(text: string): string {
  return tidyParts(text).join('');
}

/**
 * `tidy`, as the runs of text it keeps, which joined are the tidied text: slices of `text` (with the
 * line breaks between lines), or of its pieces when it is given in pieces, which joined are the text
 * to tidy. A page given in pieces is never made one string: its big lists stay the strings they were
 * joined into. Every part but the first begins with a line break, so a line is never split between
 * parts; a line that runs across pieces is copied whole into one.
 */
export function tidyParts(text: string | readonly string[]): string[] {
  const runs: string[] = [];
  // The run being kept: runText.slice(from, to), kept lines with the line breaks between them.
  let runText = '';
  let from = 0;
  let to = 0;
  let kept = 0;
  // Blank lines in a row so far; the text may start with two (two line breaks), elsewhere one is kept.
  let blanks = 0;
  /** Keeps `line.slice(start, end)`, with the line break before it unless it is the first kept: at `start - 1` when `breakBefore`. */
  const keep = (line: string, start: number, end: number, breakBefore: boolean): void => {
    if (kept > 0) {
      if (breakBefore) {
        start--;
      } else {
        // The break is the last character of the piece before: the line is copied, with it.
        line = `\n${line.slice(start, end)}`;
        start = 0;
        end = line.length;
      }
    }
    if (line !== runText || start !== to) {
      if (to > from) runs.push(runText.slice(from, to));
      runText = line;
      from = start;
    }
    to = end;
  };
  /** The line `line.slice(start, end)`, which a line break ends. */
  const endedLine = (line: string, start: number, end: number, breakBefore: boolean): void => {
    let last = end;
    while (last > start && (line.charCodeAt(last - 1) === 32 || line.charCodeAt(last - 1) === 9)) last--;
    if (last > start) {
      keep(line, start, last, breakBefore);
      kept++;
      blanks = 0;
    } else if (blanks < (kept === blanks ? 2 : 1)) {
      keep(line, start, start, breakBefore);
      kept++;
      blanks++;
    }
  };
  // A line that runs on from earlier pieces: its text in them.
  let pending: string[] = [];
  // The piece being read, and where its line being read starts.
  let piece = '';
  let start = 0;
  for (const next of typeof text === 'string' ? [text] : text) {
    // The line the piece before left open runs on into this one.
    if (start < piece.length) pending.push(start === 0 ? piece : piece.slice(start));
    piece = next;
    start = 0;
    for (let end = piece.indexOf('\n'); end !== -1; end = piece.indexOf('\n', start)) {
      if (pending.length > 0) {
        pending.push(piece.slice(0, end));
        const line = pending.join('');
        pending = [];
        endedLine(line, 0, line.length, false);
      } else {
        endedLine(piece, start, end, start > 0);
      }
      start = end + 1;
    }
  }
  // The last line, which no line break ends, is kept as it is: the trim below takes what it leaves.
  if (pending.length > 0) {
    if (start < piece.length) pending.push(piece.slice(start));
    const line = pending.join('');
    keep(line, 0, line.length, false);
  } else {
    keep(piece, start, piece.length, start > 0);
  }
  if (to > from) runs.push(runText.slice(from, to));
  // White space at the very end goes, across runs if need be.
  while (runs.length > 0) {
    const last = runs[runs.length - 1]!.trimEnd();
    if (last !== '') {
      runs[runs.length - 1] = last;
      break;
    }
    runs.pop();
  }
  runs.push('\n');
  return runs;
}
