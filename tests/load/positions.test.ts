// The loader keeps a line and column for every key and value, so a diagnostic can send a planner to the
// exact place in the file. These tests parse small YAML texts and check the positions an editor would show.
// Malformed and hostile YAML must come back as a located `yaml-syntax` diagnostic, never a crash or a hang.

import { afterAll, describe, expect, it } from 'vitest';
import type { Position } from '../../src/diagnostic.js';
import { offsetToPosition, startOf, type ParsedSource } from '../../src/load/located.js';
import { parseSource } from '../../src/load/parse-source.js';
import { childAt } from '../../src/model/locate.js';
import { readSource } from '../../src/load/plan-folder.js';
import { compileTexts } from '../../src/compile-texts.js';
import { removeTempDirs, writePlan } from '../helpers/cli.js';

/** Joins lines into a file's text; write one line per argument so the line numbers can be read off. */
function lines(...text: string[]): string {
  return text.join('\n') + '\n';
}

/** The position of the value reached by following mapping keys and sequence indexes from the root. */
function valueAt(parsed: ParsedSource, ...path: (string | number)[]): Position {
  const node = childAt(parsed.locations, path);
  if (node === undefined) throw new Error(`no location at ${path.join('.')}`);
  return offsetToPosition(parsed.lineStarts, startOf(node));
}

/** The position of the key `key` in the mapping reached by `path`. */
function keyAt(parsed: ParsedSource, path: (string | number)[], key: string): Position {
  const node = childAt(parsed.locations, path);
  const entry = node !== undefined && typeof node !== 'number' ? node.entries?.[key] : undefined;
  if (!entry) throw new Error(`no key ${key} at ${path.join('.')}`);
  return offsetToPosition(parsed.lineStarts, entry[0]);
}

const at = (line: number, column: number): Position => ({ line, column });

afterAll(removeTempDirs);

describe('positions of keys and values', () => {
  const text = lines(
    'objectives:', //                 line 1
    '  - id: uec-01', //              line 2
    '    title: Faster A&E', //       line 3
    '    portfolio: uec', //          line 4
  );
  const locations = parseSource(text, 'objectives.yaml');
  const { diagnostics } = locations;

  it('parses without diagnostics', () => {
    expect(diagnostics).toEqual([]);
  });

  it('places a top-level key at line 1, column 1', () => {
    expect(keyAt(locations, [], 'objectives')).toEqual(at(1, 1));
  });

  it('places a key inside a sequence item at its own column', () => {
    expect(keyAt(locations, ['objectives', 0], 'portfolio')).toEqual(at(4, 5));
  });

  it('places a value at its first character, after the colon and space', () => {
    expect(valueAt(locations, 'objectives', 0, 'portfolio')).toEqual(at(4, 16));
  });
});

describe('positions of sequence items', () => {
  const text = lines(
    'actions:', //                         line 1
    '  - id: first', //                    line 2
    '    objectives:', //                  line 3
    '      - uec-01', //                   line 4
    '      - uec-02', //                   line 5
    '  - id: second', //                   line 6
  );
  const locations = parseSource(text, 'actions.yaml');

  it('places an item of a list of mappings at its first key, after the dash', () => {
    expect(valueAt(locations, 'actions', 1)).toEqual(at(6, 5));
  });

  it('places a scalar item of a nested list after its dash', () => {
    expect(valueAt(locations, 'actions', 0, 'objectives', 1)).toEqual(at(5, 9));
  });
});

describe('positions inside flow collections', () => {
  //             1234567890123456789012345678901234567890
  const text = 'objectives: [{id: a, title: A}, {id: b, portfolio: uec}]\n';
  const locations = parseSource(text, 'objectives.yaml');

  it('places each flow mapping at its opening brace', () => {
    expect(valueAt(locations, 'objectives', 0)).toEqual(at(1, 14));
    expect(valueAt(locations, 'objectives', 1)).toEqual(at(1, 33));
  });

  it('places a key and value inside a flow mapping at their own columns', () => {
    expect(keyAt(locations, ['objectives', 1], 'portfolio')).toEqual(at(1, 41));
    expect(valueAt(locations, 'objectives', 1, 'portfolio')).toEqual(at(1, 52));
  });
});

describe('positions of nested targets', () => {
  const text = lines(
    'objectives:', //                                    line 1
    '  - id: uec-01', //                                 line 2
    '    target:', //                                    line 3
    '      measure: Patients seen within 4 hours', //    line 4
    '      value: 78', //                                line 5
    '      by: 2025-03-31', //                           line 6
  );
  const locations = parseSource(text, 'objectives.yaml');

  it('places a field of a target mapping at its own line', () => {
    expect(keyAt(locations, ['objectives', 0, 'target'], 'by')).toEqual(at(6, 7));
    expect(valueAt(locations, 'objectives', 0, 'target', 'by')).toEqual(at(6, 11));
  });

  it('places the target mapping itself at its first key, on the line below `target:`', () => {
    expect(valueAt(locations, 'objectives', 0, 'target')).toEqual(at(4, 7));
  });
});

describe('positions after block scalars', () => {
  it('counts the lines of a literal block scalar, blank lines included, before the next key', () => {
    const text = lines(
      'objectives:', //              line 1
      '  - id: uec-01', //           line 2
      '    description: |', //       line 3
      '      First line.', //        line 4
      '      Second line.', //       line 5
      '', //                         line 6
      '    portfolio: uec', //       line 7
    );
    const locations = parseSource(text, 'objectives.yaml');
    const { value } = locations;
    expect(keyAt(locations, ['objectives', 0], 'portfolio')).toEqual(at(7, 5));
    expect(value).toEqual({ objectives: [{ id: 'uec-01', description: 'First line.\nSecond line.\n', portfolio: 'uec' }] });
  });

  it('counts the lines of a folded block scalar before the next key', () => {
    const text = lines(
      'vision: >-', //      line 1
      '  One system,', //   line 2
      '  one aim.', //      line 3
      'period: 5', //       line 4
    );
    const locations = parseSource(text, 'plan.yaml');
    expect(keyAt(locations, [], 'period')).toEqual(at(4, 1));
  });
});

describe('line endings and byte order marks', () => {
  it('counts lines the same with CRLF line endings, and keeps the CR out of values', () => {
    const text = 'plan:\r\n  id: tiny\r\n  title: Tiny plan\r\n';
    const locations = parseSource(text, 'plan.yaml');
    const { value } = locations;
    expect(keyAt(locations, ['plan'], 'title')).toEqual(at(3, 3));
    expect(valueAt(locations, 'plan', 'title')).toEqual(at(3, 10));
    expect(value).toEqual({ plan: { id: 'tiny', title: 'Tiny plan' } });
  });

  it('reads a file that starts with a byte order mark with its first key at column 1', () => {
    const dir = writePlan({ 'plan.yaml': '\uFEFFplan:\n  id: tiny\n' });
    const read = readSource(dir, 'plan.yaml');
    if (!('text' in read)) throw new Error(read.message);
    const locations = parseSource(read.text, read.file);
    const { value, diagnostics } = locations;
    expect(diagnostics).toEqual([]);
    expect(keyAt(locations, [], 'plan')).toEqual(at(1, 1));
    expect(value).toEqual({ plan: { id: 'tiny' } });
  });

  // parseSource is also the entry for plans held in memory (compileTexts), which do not go through
  // readSource; a BOM left in the text must not shift the columns of line 1.
  it('counts columns as an editor does when text given to parseSource still begins with a BOM', () => {
    const locations = parseSource('\uFEFFplan:\n  id: tiny\n', 'plan.yaml');
    expect(keyAt(locations, [], 'plan')).toEqual(at(1, 1));
  });
});

describe('malformed YAML becomes a located yaml-syntax diagnostic', () => {
  it('reports a duplicate key at the second occurrence', () => {
    const text = lines(
      'plan:', //            line 1
      '  id: tiny', //       line 2
      '  id: other', //      line 3
    );
    const { diagnostics, value } = parseSource(text, 'plan.yaml');
    expect(value).toBeNull();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        rule: 'yaml-syntax', severity: 'error', file: 'plan.yaml', line: 3, column: 3,
        message: 'This key appears twice in the same mapping; the second would silently replace the first.',
      }),
    ]);
  });

  it('reports a tab used for indentation at the start of its line', () => {
    const { diagnostics } = parseSource('plan:\n\tid: tiny\n', 'plan.yaml');
    expect(diagnostics).toEqual([
      expect.objectContaining({ rule: 'yaml-syntax', line: 2, column: 1, message: 'A tab is used for indentation; YAML allows only spaces.' }),
    ]);
  });

  it('reports an unclosed bracket where the parser finds the list unfinished', () => {
    const text = lines(
      'objectives:', //                          line 1
      '  - id: uec-01', //                       line 2
      '    priorities: [urgent, planned', //     line 3
      '  - id: uec-02', //                       line 4
    );
    const { diagnostics } = parseSource(text, 'objectives.yaml');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ rule: 'yaml-syntax', file: 'objectives.yaml', line: 4, column: 3 });
    expect(diagnostics[0]?.message).toMatch(/^The YAML here cannot be read: .*end with a \]\.$/);
  });

  it('reports a second document at its `---` line', () => {
    const text = lines(
      'plan:', //            line 1
      '  id: tiny', //       line 2
      '---', //              line 3
      'plan:', //            line 4
      '  id: other', //      line 5
    );
    const { diagnostics } = parseSource(text, 'plan.yaml');
    expect(diagnostics).toEqual([
      expect.objectContaining({ rule: 'yaml-syntax', line: 3, column: 1, message: 'This file holds more than one YAML document (a second `---`); a plan source file holds one.' }),
    ]);
  });

  it('reports an alias to an anchor that does not exist at the alias', () => {
    const { diagnostics } = parseSource('plan: *missing\n', 'plan.yaml');
    expect(diagnostics).toEqual([
      expect.objectContaining({ rule: 'yaml-syntax', line: 1, column: 7, message: 'The alias *missing refers to no anchor.' }),
    ]);
  });

  it('reports a key that is itself a list', () => {
    const { diagnostics } = parseSource('? [a, b]\n: value\n', 'plan.yaml');
    expect(diagnostics).toEqual([
      expect.objectContaining({ rule: 'yaml-syntax', line: 1, column: 3, message: 'A key here is a list or mapping; keys must be plain words.' }),
    ]);
  });
});

describe('hostile YAML is refused quickly, with a located diagnostic', () => {
  it('stops 200 nested lists at the depth limit, pointing at the first list too deep', () => {
    const text = `plan: ${'['.repeat(200)}${']'.repeat(200)}\n`;
    const { diagnostics } = parseSource(text, 'plan.yaml');
    // The mapping is depth 0 and the first `[`, at column 7, depth 1; so the 65th `[`, at column 71, is too deep.
    expect(diagnostics).toEqual([
      expect.objectContaining({ rule: 'yaml-syntax', line: 1, column: 71, message: 'This value is nested more than 64 levels deep.' }),
    ]);
  });

  it('stops 200 nested block lists at the depth limit', () => {
    const text = `plan:\n${Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i + 1)}-`).join('\n')}\n`;
    const { diagnostics } = parseSource(text, 'plan.yaml');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ rule: 'yaml-syntax', message: 'This value is nested more than 64 levels deep.' });
    expect(diagnostics[0]?.line).toBeGreaterThan(60);
  });

  it('stops a "billion laughs" document after 10,000 alias expansions, without hanging', () => {
    const level = (name: string, previous: string) => `${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`;
    const text = lines(
      'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      level('b', 'a'), level('c', 'b'), level('d', 'c'), level('e', 'd'),
      level('f', 'e'), level('g', 'f'), level('h', 'g'), level('i', 'h'),
    );
    const started = performance.now();
    const { diagnostics } = parseSource(text, 'plan.yaml');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      rule: 'yaml-syntax', file: 'plan.yaml',
      message: 'This file expands YAML aliases (*name) more than 10000 times.',
      hint: 'Write the values out instead of repeating aliases.',
    });
    expect(diagnostics[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('allows a few aliases, each read as a copy of its anchor', () => {
    const text = lines(
      'portfolios:',
      '  - id: uec',
      '    priorities: &both [urgent, planned]',
      '  - id: planned-care',
      '    priorities: *both',
    );
    const locations = parseSource(text, 'portfolios.yaml');
    const { value, diagnostics } = locations;
    expect(diagnostics).toEqual([]);
    expect(value).toEqual({ portfolios: [{ id: 'uec', priorities: ['urgent', 'planned'] }, { id: 'planned-care', priorities: ['urgent', 'planned'] }] });
    // Positions inside an alias point at the anchored original, where a planner would edit.
    expect(valueAt(locations, 'portfolios', 1, 'priorities', 1)).toEqual(at(3, 32));
  });
});

describe('a `__proto__` key', () => {
  const text = lines(
    'objectives:', //                  line 1
    '  - id: uec-01', //               line 2
    '    title: Faster A&E', //        line 3
    '    source: national', //         line 4
    '    __proto__:', //               line 5
    '      polluted: true', //         line 6
  );

  it('stays plain data: an own key of the item, not its prototype', () => {
    const { value } = parseSource(text, 'objectives.yaml');
    const item = (value as { objectives: Record<string, unknown>[] }).objectives[0]!;
    expect(Object.keys(item)).toEqual(['id', 'title', 'source', '__proto__']);
    expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
    expect((item as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('is reported by the model as an unknown field, at the key', () => {
    const manifest = lines(
      'plan:',
      '  id: tiny',
      '  title: Tiny plan',
      '  system: Tiny ICS',
      '  period: {start: 2024-04-01, end: 2025-03-31}',
    );
    const { diagnostics } = compileTexts([{ file: 'plan.yaml', text: manifest }, { file: 'objectives.yaml', text }]);
    expect(diagnostics.filter((d) => d.rule === 'unknown-key')).toEqual([
      expect.objectContaining({ file: 'objectives.yaml', line: 5, column: 5, subject: 'uec-01', message: 'Objective `uec-01` has an unknown field `__proto__`.' }),
    ]);
  });

  it('at the top of a source file is reported as not a collection', () => {
    const manifest = 'plan:\n  id: tiny\n  title: Tiny plan\n  system: Tiny ICS\n  period: {start: 2024-04-01, end: 2025-03-31}\n';
    const { diagnostics } = compileTexts([{ file: 'plan.yaml', text: manifest }, { file: 'extra.yaml', text: '__proto__:\n  - id: a\n' }]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ rule: 'unknown-key', file: 'extra.yaml', line: 1, column: 1, message: '`__proto__` is not a collection of the plan language.' }),
    ]);
  });
});
