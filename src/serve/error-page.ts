// The page `plan serve` shows while the plan has errors: each error with its place (file:line:col from
// the current folder), what is wrong and how to fix it, so the preview never shows a stale plan as if
// it were the one being edited. Plan text is escaped like every page's.

import Handlebars from 'handlebars';
import type { PreviewBuild } from './preview.js';

const escape = (text: string): string => Handlebars.escapeExpression(text);

const STYLE = `
body { font-family: Arial, sans-serif; color: #212b32; background: #f0f4f5; margin: 0; line-height: 1.5; }
main { max-width: 960px; margin: 0 auto; padding: 24px 16px; }
h1 { font-size: 32px; margin: 0 0 8px; }
ol { padding: 0; list-style: none; }
li { background: #ffffff; border-left: 6px solid #d5281b; margin: 0 0 16px; padding: 12px 16px; }
.where { font-family: monospace; font-size: 16px; margin: 0; }
.rule { color: #4c6272; }
.message { font-size: 19px; margin: 4px 0; }
.context { margin: 0 0 4px 16px; color: #4c6272; }
.hint { margin: 4px 0 0; }
`;

export function errorPage(build: PreviewBuild, describePath: (file: string) => string): string {
  const count = build.errors.length;
  const heading = build.problem !== undefined ? build.problem.heading : `The plan has ${count === 1 ? '1 error' : `${count} errors`}`;
  const items = build.problem !== undefined
    ? [`<li><p class="message">${escape(build.problem.message)}</p>${build.problem.hint ? `<p class="hint">→ ${escape(build.problem.hint)}</p>` : ''}</li>`]
    : build.errors.map((error) => [
      '<li>',
      `<p class="where">${escape(`${describePath(error.file)}:${error.line}:${error.column}`)} <span class="rule">${escape(error.rule)}</span></p>`,
      `<p class="message">${escape(error.message)}</p>`,
      ...(error.context ?? []).map((line) => `<p class="context">↳ ${escape(line)}</p>`),
      ...(error.hint ? [`<p class="hint">→ ${escape(error.hint)}</p>`] : []),
      '</li>',
    ].join(''));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(heading)} – plan serve</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escape(heading)}</h1>
<p>The preview shows the plan again as soon as ${count === 1 || build.problem !== undefined ? 'it is' : 'they are'} fixed: save the file, and this page reloads by itself.</p>
<ol class="errors">
${items.join('\n')}
</ol>
</main>
</body>
</html>
`;
}
