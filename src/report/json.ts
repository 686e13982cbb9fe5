// Machine-readable diagnostics: {"diagnostics":[…],"summary":{"errors":N,"warnings":N}}.
// `file` is relative to the plan folder; the shape is a public contract (docs/cli.md).

import { diagnosticJson } from '../diagnostic.js';
import type { Reporter } from './reporter.js';

export const json: Reporter = (diagnostics, summary) =>
  JSON.stringify({ diagnostics: diagnostics.map((d) => diagnosticJson(d)), summary }, null, 2) + '\n';
