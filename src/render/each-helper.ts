// Handlebars' `each` over an array, made by joining its iterations rather than by adding each to the
// last. The built-in helper writes `ret = ret + fn(item)`, so a list of thousands makes a string of
// thousands of pieces, and a page of such lists a string of millions, which V8 must walk and copy
// when the page is first read whole and whose pieces the collector must trace while the page is
// made. A join makes one flat string of each list. Anything else (an object's keys, an iterable, an
// empty list's `{{else}}`, a template compiled to track ids) is left to the built-in helper.

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

/** `each`, as Handlebars has it, with an array's iterations joined: the output is the built-in's, byte for byte. */
export function joiningEach(builtIn: Handlebars.HelperDelegate): Handlebars.HelperDelegate {
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
    const data = Handlebars.createFrame(options.data) as Record<string, unknown>;
    const last = context.length - 1;
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
    return parts.join('');
  };
}
