// How a baseline's entries meet findings: each suppresses up to its count of findings with its rule,
// subject and message, wherever they are; what is left over is new, and an entry left unmatched is stale.

import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostic.js';
import { entriesOf, matchBaseline, shrunk } from '../../src/report/baseline.js';

const finding = (subject: string, line: number, message = `Item ${subject} is off.`): Diagnostic => ({
  rule: 'objective-is-smart', severity: 'warning', file: 'objectives.yaml', line, column: 5, subject, message,
});

describe('a baseline and the findings of a check', () => {
  it('suppresses a finding wherever it now is, by rule, subject and message', () => {
    const entries = entriesOf([finding('no-01', 10)]);
    expect(matchBaseline(entries, [finding('no-01', 250)])).toEqual({ fresh: [], suppressed: 1, stale: [] });
  });

  it('suppresses no more findings than its count: the rest are new', () => {
    const twice = entriesOf([finding('no-01', 10), finding('no-01', 20)]);
    expect(twice).toEqual([{ rule: 'objective-is-smart', subject: 'no-01', message: 'Item no-01 is off.', count: 2 }]);
    const three = [finding('no-01', 10), finding('no-01', 20), finding('no-01', 30)];
    expect(matchBaseline(twice, three)).toEqual({ fresh: [three[2]], suppressed: 2, stale: [] });
  });

  it('counts a finding whose message changed as new, and its entry as stale', () => {
    const entries = entriesOf([finding('no-01', 10)]);
    const reworded = finding('no-01', 10, 'Item no-01 is off by a mile.');
    expect(matchBaseline(entries, [reworded])).toEqual({ fresh: [reworded], suppressed: 0, stale: [{ ...entries[0], count: 1 }] });
  });

  it('shrinks an entry to what it still matches, and never adds one', () => {
    const entries = entriesOf([finding('no-01', 10), finding('no-01', 20), finding('no-02', 30)]);
    expect(shrunk(entries, [finding('no-01', 10), finding('no-03', 40)])).toEqual([{ rule: 'objective-is-smart', subject: 'no-01', message: 'Item no-01 is off.', count: 1 }]);
  });
});
