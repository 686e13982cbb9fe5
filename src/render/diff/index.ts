// The formats of `plan diff --format`, each loaded only when asked for (markdown brings the Markdown
// escaping, and with it a Markdown parser, that the others do without).

import type { DiffFormatter } from './formatter.js';

export const diffFormatNames = ['stylish', 'json', 'markdown'] as const;
export type DiffFormatName = (typeof diffFormatNames)[number];

export async function loadDiffFormatter(name: DiffFormatName): Promise<DiffFormatter> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).stylish;
    case 'json':
      return (await import('./json.js')).json;
    case 'markdown':
      return (await import('./markdown.js')).markdown;
  }
}
