// The static files every HTML build ships so the site works offline and from file://: the NHS.UK
// design system's stylesheet (with its root-relative icon URLs made relative and its web-font
// requests removed, so text falls back to Arial) and the icons it uses, plus plan's own stylesheet.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OutputFiles } from '../emit/output-files.js';


/**
 * The design system's dist/nhsuk folder, found as Node finds a package: in the nearest node_modules
 * folder up from here that has it. Node's own resolver, reading the package's exports, took 5 to 8 ms
 * of every build; it is still asked when no folder up from here has the package.
 */
function nhsukDist(): string {
  const stylesheet = join('node_modules', 'nhsuk-frontend', 'dist', 'nhsuk', 'nhsuk-frontend.min.css');
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, stylesheet))) return dirname(join(dir, stylesheet));
    if (dirname(dir) === dir) break;
  }
  return dirname(createRequire(import.meta.url).resolve('nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css'));
}

/** Makes the design system's stylesheet self-contained. Exported for tests. */
export function rewriteNhsukCss(css: string): string {
  return css
    // The fonts are served only from an NHS host; without them the font stack falls back to Arial.
    .replace(/@font-face\s*\{[^}]*\}/g, '')
    // Icons are asked for at /assets/images/…; the stylesheet sits in assets/, beside images/.
    .replace(/url\((["']?)\/assets\/images\//g, 'url($1images/')
    .replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '');
}

export function assetFiles(templatesDir: string): OutputFiles {
  const files: OutputFiles = new Map();
  const dist = nhsukDist();
  files.set('assets/nhsuk-frontend.min.css', rewriteNhsukCss(readFileSync(join(dist, 'nhsuk-frontend.min.css'), 'utf8')));
  const images = join(dist, 'assets', 'images');
  for (const name of readdirSync(images).sort()) {
    if (/\.(svg|ico)$/.test(name)) files.set(`assets/images/${name}`, readFileSync(join(images, name)));
  }
  files.set('assets/plan.css', readFileSync(join(templatesDir, 'assets', 'plan.css'), 'utf8'));
  return files;
}
