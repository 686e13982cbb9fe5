// The built-in templates compiled ahead of time. The bundle (scripts/build.mjs) replaces this file with
// every template's source and precompiled spec; run from the sources, it is empty and each template is
// compiled when first used.

export interface PrecompiledTemplate {
  /** The text the spec was compiled from: a template whose file now says otherwise is compiled again. */
  source: string;
  /** What `Handlebars.precompile` made of it. */
  spec: unknown;
}

/** Path relative to the templates folder, with `/` (`html/index.hbs`) -> its precompiled form. */
export const precompiledTemplates: ReadonlyMap<string, PrecompiledTemplate> = new Map();
