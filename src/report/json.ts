// Machine-readable diagnostics: {"plans":[…],"diagnostics":[…],"summary":{"errors":N,"warnings":N}}.
// Every path is from the working folder; the shape is a public contract (docs/cli.md).

import { diagnosticJson, summarise } from '../diagnostic.js';
import { findingsOf, type Reporter } from './reporter.js';

export const json: Reporter = (plans) => {
  const diagnostics = findingsOf(plans);
  return JSON.stringify(
    {
      plans: plans.map((plan) => plan.dir),
      diagnostics: diagnostics.map((d) => diagnosticJson(d)),
      summary: summarise(diagnostics),
    },
    null,
    2,
  ) + '\n';
};
