// Handlebars' `each` over an array, made by joining its iterations rather than by adding each to the
// last. The built-in helper writes `ret = ret + fn(item)`, so a list of thousands makes a string of
// thousands of pieces, and a page of such lists a string of millions, which V8 must walk and copy
// when the page is first read whole and whose pieces the collector must trace while the page is
// made. A join makes one flat string of each list, and a big one is kept as it is, with a mark for it
// in the page (`ListMarks`), so that the page is never made one string. Anything else (an object's
// keys, an iterable, an empty list's `{{else}}`, a template compiled to track ids) is left to the
// built-in helper.

import { randomBytes } from 'node:crypto';
import Handlebars from 'handlebars';

type PlanProgram = (container: PlanProgramContainer, context: unknown, helpers: unknown, partials: unknown, data: unknown) => string;
interface PlanProgramContainer {
  helpers: unknown;
  partials: unknown;
  /** The template's programs, by number, as `DocumentRenderer` gives them to a precompiled template. */
  planPrograms?: Record<number, PlanProgram>;
  /** Handlebars' wrapper of a program, as the block's `fn` would have been. */
  program(index: number, data: unknown, declaredBlockParams: number): Handlebars.TemplateDelegate;
}

/** A list joined to at least this many UTF-16 units is kept by the page's `ListMarks`, where it is given them. */
export const BIG_LIST_LENGTH = 64 * 1024;

/**
 * The big lists of the page being rendered, each joined once and kept as it is, with a mark standing
 * for it in the page: the template puts each list into the page by adding strings, which V8 makes
 * into one string of the whole page (of two bytes a character where a single character of the page
 * needs them) when the page is first read. The page is read instead in pieces (`pieces`), the lists
 * themselves among them, so a page of megabytes is not copied once more.
 */
export class ListMarks {
  private readonly texts: string[] = [];
  /** For each list, whether marks of others are inside it. */
  private readonly nested: boolean[] = [];
  /** Begins every mark: a NUL, and a name made at random for the page (when its first list is kept), which no plan text can know. */
  private prefix = '';

  /** How many lists are kept so far. */
  get count(): number {
    return this.texts.length;
  }

  /** Keeps a list's text, and gives the mark that stands for it. `nested`: marks of lists kept before it are inside it. */
  mark(text: string, nested: boolean): string {
    if (this.prefix === '') this.prefix = `\u0000plan-list-${randomBytes(8).toString('hex')}-`;
    this.texts.push(text);
    this.nested.push(nested);
    return `${this.prefix}${this.texts.length - 1}\u0000`;
  }

  /** The text of `page`, each mark in it (and in the lists it stands for) replaced by its list: pieces which joined are the page. */
  pieces(page: string): string[] {
    const out: string[] = [];
    const walk = (text: string, marked: boolean): void => {
      let at = 0;
      if (marked) {
        for (let mark = text.indexOf(this.prefix); mark !== -1; mark = text.indexOf(this.prefix, at)) {
          const end = text.indexOf('\u0000', mark + this.prefix.length);
          const index = Number(text.slice(mark + this.prefix.length, end));
          if (mark > at) out.push(text.slice(at, mark));
          walk(this.texts[index]!, this.nested[index]!);
          at = end + 1;
        }
      }
      if (at < text.length) out.push(at === 0 ? text : text.slice(at));
    };
    walk(page, true);
    return out;
  }
}

/**
 * `each`, as Handlebars has it, with an array's iterations joined: the output is the built-in's, byte
 * for byte, once the page's marks are replaced by their lists. `lists` gives the marks of the page
 * being rendered, if it is rendered in pieces: a big list is kept by them, and its mark given instead.
 */
export function joiningEach(builtIn: Handlebars.HelperDelegate, lists: () => ListMarks | undefined = () => undefined): Handlebars.HelperDelegate {
  return function each(this: unknown, context: unknown, options: Handlebars.HelperOptions & { ids?: unknown; planProgram?: number; planContainer?: PlanProgramContainer }) {
    // The number of the block's program and the template's container, where the template gives them
    // (scripts/precompile-templates.mjs): then the program itself is called as Handlebars' wrapper of
    // it would call it for a block without block parameters or `../`, and the wrapper may be missing.
    const index = options?.planProgram;
    const container = options?.planContainer;
    if (!Array.isArray(context) || context.length === 0 || !options || !options.data || options.ids) {
      if (options && options.fn === undefined && typeof index === 'number' && container !== undefined) options.fn = container.program(index, options.data, 0);
      return builtIn.call(this, context, options);
    }
    const fn = options.fn;
    const program = typeof index === 'number' && container !== undefined ? container.planPrograms?.[index] : undefined;
    const direct = program !== undefined;
    // One frame for the whole list, updated at each item, as the built-in helper has it.
    // Handlebars.createFrame's frame (a copy of the data with `_parent`), made by a copy V8 does in one step.
    const data: Record<string, unknown> = Object.assign({}, options.data);
    data._parent = options.data;
    const last = context.length - 1;
    const marks = lists();
    const marked = marks?.count ?? 0;
    const parts = new Array<string>(context.length);
    for (let i = 0; i <= last; i++) {
      // A hole in a sparse list is skipped, as the built-in helper skips it.
      if (!(i in context)) {
        parts[i] = '';
        continue;
      }
      data.key = i;
      data.index = i;
      data.first = i === 0;
      data.last = i === last;
      const value: unknown = context[i];
      parts[i] = direct ? program(container!, value, container!.helpers, container!.partials, data) : fn(value, { data, blockParams: [value, i] });
    }
    const joined = parts.join('');
    return marks !== undefined && joined.length >= BIG_LIST_LENGTH ? marks.mark(joined, marks.count > marked) : joined;
  };
}
