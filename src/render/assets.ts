// The static files every HTML build ships so the site works offline and from file://: the NHS.UK
// design system's stylesheet (with its root-relative icon URLs made relative and its web-font
// requests removed, so text falls back to Arial) and the icons it uses, plus plan's own stylesheet.

import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OutputFiles } from '../emit/output-files.js';


function nhsukDist(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css'));
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
