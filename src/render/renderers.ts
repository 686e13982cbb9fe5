// The renderers of a site's pages: the template folders (the plan's own first), the reader of its
// templates (regular files inside the plan, as its sources are read), and one renderer per format. The
// build's main thread and its render workers make them alike, so a page is the same whichever renders it.

import { relative, sep } from 'node:path';
import { readFileSync } from 'node:fs';
import { planFolder, readSource } from '../load/plan-folder.js';
import { DocumentRenderer, TemplateError, builtInTemplatesDir, loadWords, type OutputFormat } from './engine.js';

/** What the renderers depend on besides the templates: the plan folder and how prose and templates are read. */
export interface RendererSettings {
  /** The plan folder: its own templates/ folder overrides the built-in templates. */
  planDir: string;
  /** Keep remote images in prose (`--allow-remote-images`); by default they become links. */
  remoteImages?: boolean;
  /** Read templates that symbolic links lead to outside the plan folder (`--allow-outside`). */
  allowOutside?: boolean;
}

/** The template folders, most important first: the plan's own, so a file of the same name replaces the built-in one. */
export function templateDirs(planDir: string): string[] {
  return [planFolder(planDir).templates, builtInTemplatesDir()];
}

/** Reads a template file; the plan's own are read as its sources are: regular files inside the plan, of bounded size, in UTF-8. */
export function templateReader(options: RendererSettings): (path: string) => string {
  return (path) => {
    if (!path.startsWith(planFolder(options.planDir).templates + sep)) return readFileSync(path, 'utf8');
    const file = relative(options.planDir, path).split(sep).join('/');
    const source = readSource(options.planDir, file, { allowOutside: options.allowOutside ?? false });
    if ('text' in source) return source.text;
    throw new TemplateError(`The template ${file} cannot be used: ${source.line > 1 ? `line ${source.line}: ` : ''}${source.message.charAt(0).toLowerCase()}${source.message.slice(1)}`);
  };
}

/**
 * The renderer of each format, made once and shared by the team's site and the public one, so each
 * template is compiled and each piece of prose rendered once; all share the words both formats say.
 */
export function rendererMaker(options: RendererSettings): (format: OutputFormat) => DocumentRenderer {
  const dirs = templateDirs(options.planDir);
  const read = templateReader(options);
  const words = loadWords(dirs, read);
  const prose = { remoteImages: options.remoteImages ?? false };
  const renderers = new Map<OutputFormat, DocumentRenderer>();
  return (format) => {
    let renderer = renderers.get(format);
    if (!renderer) {
      renderer = new DocumentRenderer(format, dirs, { prose, read, words });
      renderers.set(format, renderer);
    }
    return renderer;
  };
}

