// Machine-readable diagnostics: {"diagnostics":[…],"summary":{"errors":N,"warnings":N}}.
// `file` is relative to the plan folder; the shape is a public contract (docs/cli.md).

import type { Reporter } from './reporter.js';

export const json: Reporter = (diagnostics, summary) =>
  JSON.stringify(
    {
      diagnostics: diagnostics.map((d) => ({
        rule: d.rule,
        severity: d.severity,
        message: d.message,
        ...(d.hint !== undefined ? { hint: d.hint } : {}),
        file: d.file,
        line: d.line,
        column: d.column,
        subject: d.subject ?? null,
      })),
      summary,
    },
    null,
    2,
  ) + '\n';
