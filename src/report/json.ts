// Machine-readable diagnostics: {"plans":[…],"diagnostics":[…],"summary":{"errors":N,"warnings":N}}.
// Every path is from the working folder; the shape is a public contract (docs/cli.md).

import { summarise } from '../diagnostic.js';
import { findingsOf, type Reporter } from './reporter.js';

export const json: Reporter = (plans) => {
  const diagnostics = findingsOf(plans);
  return JSON.stringify(
    {
      plans: plans.map((plan) => plan.dir),
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
      summary: summarise(diagnostics),
    },
    null,
    2,
  ) + '\n';
};
