// The template engine set-up: one isolated Handlebars instance per output format, its helpers, and
// template lookup with plan overrides (a plan's own templates/<format>/ file of the same name wins).
// HTML is escaped by Handlebars' double-stash; Markdown output escapes every plan string up front
// (src/render/markdown.ts), and prose through the `markdown` helper keeps its own Markdown, made safe.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { parse as parseYaml } from 'yaml';
import { capitalise } from '../english.js';
import { escapeForMarkdown, markdownCell, markdownInlineToHtml, markdownToHtml, markdownToMarkdown, type ProseOptions } from './markdown.js';

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
      parsed = parseYaml(read(path));
    } catch (cause) {
      throw new TemplateError(`The words file ${path} cannot be read: ${(cause as Error).message}`);
    }
    if (parsed === null || parsed === undefined) continue;
    if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new TemplateError(`The words file ${path} should be a mapping of names to words.`);
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== 'string') throw new TemplateError(`In the words file ${path}, \`${key}\` should be text.`);
      words[key] = value;
    }
  }
  return words;
}

export interface RendererOptions {
  prose?: ProseOptions;
  read?: (path: string) => string;
  words?: Readonly<Record<string, string>>;
}

export class DocumentRenderer {
  private readonly hb = Handlebars.create();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();

  /** Each escaped string of the view being rendered, with the text it came from: prose is Markdown to keep, not text to escape. */
  private originals = new Map<string, string>();
  private readonly prose: ProseOptions;
  private readonly read: (path: string) => string;
  private readonly words: Readonly<Record<string, string>>;

  /**
   * @param dirs template folders, most important first (the plan's own, then the built-in ones)
   * @param options.read reads one template file; the plan's own are read as its sources are (regular files inside the plan only)
   * @param options.words the words both formats say, from `loadWords`, when several renderers share them
   */
  constructor(readonly format: OutputFormat, private readonly dirs: readonly string[], options: RendererOptions = {}) {
    this.prose = options.prose ?? {};
    this.read = options.read ?? ((path) => readFileSync(path, 'utf8'));
    this.words = options.words ?? loadWords(dirs, this.read);
    this.registerHelpers();
    // Built-in partials first, so a plan's partial of the same name replaces them.
    for (const dir of [...dirs].reverse()) {
      const partials = join(dir, format, 'partials');
      if (!existsSync(partials)) continue;
      for (const file of readdirSync(partials).sort()) {
        if (!file.endsWith('.hbs')) continue;
        this.hb.registerPartial(file.slice(0, -4), this.compile(join(partials, file)));
      }
    }
  }

  render(name: string, context: object): string {
    let template = this.compiled.get(name);
    if (!template) {
      const path = this.dirs.map((d) => join(d, this.format, `${name}.hbs`)).find((p) => existsSync(p));
      if (!path) throw new TemplateError(`There is no ${this.format} template called ${name}.`);
      template = this.compile(path);
      this.compiled.set(name, template);
    }
    this.originals = new Map();
    const data = this.format === 'md' ? escapeDeep(context, this.originals) : context;
    try {
      const text = tidy(template(data));
      return this.format === 'md' ? tidyTables(text) : text;
    } catch (cause) {
      throw new TemplateError(`The ${this.format} template ${name} failed: ${(cause as Error).message}`);
    }
  }

  private compile(path: string): Handlebars.TemplateDelegate {
    const source = this.read(path); // throws a TemplateError of its own for a file it refuses
    try {
      return this.hb.compile(source, { noEscape: this.format === 'md', strict: false, preventIndent: true });
    } catch (cause) {
      throw new TemplateError(`The template ${path} cannot be read: ${(cause as Error).message}`);
    }
  }

  private registerHelpers(): void {
    const hb = this.hb;
    const html = this.format === 'html';
    // In Markdown, the view's strings arrive escaped as plain text; prose is the planner's own Markdown.
    const source = (text: string) => this.originals.get(text) ?? text;
    hb.registerHelper('markdown', (text: unknown) => {
      if (typeof text !== 'string' || text === '') return '';
      return html ? new hb.SafeString(markdownToHtml(text, this.prose)) : markdownToMarkdown(source(text), this.prose);
    });
    hb.registerHelper('markdownInline', (text: unknown) => {
      if (typeof text !== 'string') return '';
      return html ? new hb.SafeString(markdownInlineToHtml(text, this.prose)) : markdownToMarkdown(source(text), this.prose).replace(/\s*\n\s*/g, ' ');
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

/** An id, or a page path made of ids: the plan language allows them only letters, digits, `.`, `_`, `-` (and `/` between). */
const ID_OR_PATH = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/**
 * Escapes every string in a view for Markdown output, noting each escaped string's original in
 * `originals`. SafeStrings (trusted output such as SVG) pass as they are, and so do `id` and `path`
 * fields that hold an id or page path: they are used in link targets and anchors, where an escape
 * would change them, and cannot hold markup.
 */
function escapeDeep(value: unknown, originals: Map<string, string>, key?: string): unknown {
  if (typeof value === 'string') {
    if ((key === 'id' || key === 'path') && ID_OR_PATH.test(value)) return value;
    const escaped = escapeForMarkdown(value);
    if (escaped !== value) originals.set(escaped, value);
    return escaped;
  }
  if (Array.isArray(value)) return value.map((item) => escapeDeep(item, originals));
  if (value && typeof value === 'object') {
    if (value instanceof Handlebars.SafeString) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = escapeDeep(v, originals, k);
    return out;
  }
  return value;
}

/** An empty cell of a Markdown table is written `| |`, as markdownlint's compact table style has it. */
function tidyTables(text: string): string {
  return text.replace(/^\|.*\|$/gm, (row) => row.replace(/\|[ \t]{2,}(?=\|)/g, '| '));
}

/** Collapses the blank lines that template control blocks leave behind; ends with one newline. */
function tidy(text: string): string {
  return text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
