// `plan diff --format json`: the diff as data (`"format": "plan-diff/1"`, a public shape: docs/cli.md).

import type { FieldChange } from '../../diff/field-changes.js';
import { diffCounts, type ItemRef, type PlanVersion } from '../../diff/plan-diff.js';
import { recordInWords } from '../../diff/year-diff.js';
import type { DiffFormatter } from './formatter.js';

export const DIFF_FORMAT = 'plan-diff/1';

const version = (v: PlanVersion) => ({ folder: v.folder, revision: v.revision ?? null, commit: v.commit ?? null });
const ref = (item: ItemRef) => ({ kind: item.kind, id: item.id, title: item.title ?? null });
/** A value as JSON says it: absent is null. */
const value = (v: unknown) => (v === undefined ? null : v);
const change = (c: FieldChange) => ({ field: c.field, from: value(c.from), to: value(c.to), text: c.words });

export const json: DiffFormatter = ({ old, new: now, diff }) =>
  JSON.stringify(
    {
      format: DIFF_FORMAT,
      old: version(old),
      new: version(now),
      summary: diffCounts(diff),
      added: diff.added.map((item) => ({ ...ref(item), reaches_aim: item.reachesAim ?? null })),
      removed: diff.removed.map(ref),
      renamed: diff.renamed.map((item) => ({ kind: item.kind, from: item.from, to: item.to, title: item.title ?? null })),
      changed: diff.changed.map((item) => ({ ...ref(item), changes: item.changes.map(change) })),
      threads: diff.threads.map((t) => ({ change: t.change, items: t.items.map(ref), because: t.because })),
      duty_coverage: diff.coverage.map((c) => ({ duty: c.duty.id, title: c.duty.title ?? null, edition: c.edition, from: c.from, to: c.to, text: c.words })),
      year: {
        settings: diff.year.settings.map(change),
        records: diff.year.records.map((r) => ({ change: r.change, kind: r.kind, about: r.about, text: recordInWords(r), changes: r.changes.map(change) })),
        actuals: {
          added: diff.year.actuals.added,
          changed: diff.year.actuals.changed.map(({ words, ...rest }) => ({ ...rest, text: words })),
          removed: diff.year.actuals.removed,
        },
        positions: diff.year.compliance.map(({ words, ...rest }) => ({ ...rest, text: words })),
      },
    },
    null,
    2,
  ) + '\n';
