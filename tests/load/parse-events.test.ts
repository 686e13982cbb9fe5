// The fast parser (js-yaml's events) must give exactly what the `yaml` library gives: the same data,
// the same position for every key and value, the same line starts. Where it cannot, it must step aside
// so that `yaml` reads the file and reports its errors at their exact places.

import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseClean } from '../../src/load/parse-events.js';
import { parseSource, parseWithYaml } from '../../src/load/parse-source.js';

const root = new URL('../..', import.meta.url).pathname;

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const everyFixture = ['plans', 'tests/fixtures', 'reference'].flatMap((dir) => yamlFilesUnder(join(root, dir)));

/** What parseSource would hand on, read by `yaml` alone. */
function byYaml(text: string) {
  const { value, locations, lineStarts, diagnostics } = parseWithYaml(text, 'source.yaml');
  return { value, locations, lineStarts, diagnostics };
}

/** The fast parser agrees with `yaml` whenever it takes a file: same data, positions and lines, and `yaml` finds nothing wrong. */
function agreesWhenItTakes(text: string): boolean {
  const fast = parseClean(text);
  if (fast === undefined) return false;
  const slow = byYaml(text);
  expect(slow.diagnostics, 'the fast parser took a file that yaml reports errors in').toEqual([]);
  expect(fast.value).toStrictEqual(slow.value);
  expect(fast.locations).toStrictEqual(slow.locations);
  expect(fast.lineStarts).toStrictEqual(slow.lineStarts);
  return true;
}

describe('the fast YAML path', () => {
  it('reads every YAML file of the embedded plan, the fixtures and the reference data exactly as yaml does', () => {
    expect(everyFixture.length).toBeGreaterThan(20);
    const taken = everyFixture.filter((file) => agreesWhenItTakes(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')));
    // Every file that is clean goes the fast way; only the deliberately broken ones go to yaml.
    const clean = everyFixture.filter((file) => byYaml(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')).diagnostics.length === 0);
    expect(taken).toEqual(clean);
  });

  const key = fc.oneof(
    fc.constantFrom('id', 'title', 'by', '1', 'true', 'null', '~', '__proto__', 'a b', 'x:y', '#c', '-', '"q"', "it's", '', ' lead', '2024-03-31', '0x1F', '1e3', '.5'),
    fc.string({ maxLength: 8 }),
  );
  const scalar = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 10 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('2024-03-31', 'yes', 'No', '0o17', '0x1f', '+12', '-0', '.inf', '.NaN', '1_000', '76%', 'A&E', '*x', '&y', '!z', 'a: b', 'a #b', '- x', '? q', '|', '>', "'", '"', 'line\nline', 'trail\n', '\n\nlead', ' sp ', '---', '...', '%YAML'),
    fc.constantFrom('1.', '.5', '1e3', '1E+3', '-1.5e-3', '0o8', '0xG', '0X1F', '+.inf', '-.Inf', '.nan', '0.0', '00', '012', '1,000', '1_0', 'Null', 'NULL', 'nULL', 'TRUE', 'True', 'tRUE', 'y', 'on', '~', '0b101', '+0x1', '1:30', '2024-3-1', '12e', 'e3'),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 5 })),
  })).node;
  const style = fc.record({
    collectionStyle: fc.constantFrom('any', 'block', 'flow'),
    defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
    defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
    lineWidth: fc.constantFrom(0, 20, 80),
    indent: fc.constantFrom(2, 4),
    indentSeq: fc.boolean(),
  });
  const edits = (pieces: string[]) => fc.array(fc.tuple(fc.nat(), fc.constantFrom(...pieces)), { maxLength: 4 });
  const applyEdits = (text: string, list: [number, string][], each: (edited: string) => void): void => {
    let edited = text;
    for (const [at, piece] of list) {
      const p = at % (edited.length + 1);
      edited = piece === 'DELETE' ? edited.slice(0, p) + edited.slice(p + 1) : edited.slice(0, p) + piece + edited.slice(p);
      each(edited);
    }
  };

  it('agrees with yaml on any data, written in any of yaml\'s styles, and on that text after random edits', () => {
    let taken = 0;
    const pieces = [' ', '\n', ':', '-', '#', '"', "'", '\t', '  ', '|', '>', '[', ']', '{', '}', ',', '?', '&a ', '*a', '!t ', 'x', '\r\n', '\r', '\\', '%', '---\n', '  ---', '\u00a0', '\ufeff', 'DELETE'];
    fc.assert(fc.property(value, style, edits(pieces), (data, options, list) => {
      let text: string;
      try {
        text = stringify(data, options as never);
      } catch {
        return;
      }
      if (agreesWhenItTakes(text)) taken++;
      applyEdits(text, list, (edited) => void agreesWhenItTakes(edited));
    }), { numRuns: 1500, seed: 20261201 });
    // Most of what yaml writes is clean, so the fast path must take most of it, or it gains nothing.
    expect(taken).toBeGreaterThan(1000);
  });

  it('agrees with yaml on the embedded plan\'s files after random edits, comments and all', () => {
    const texts = everyFixture.map((file) => readFileSync(file, 'utf8').replace(/^\uFEFF/, '')).filter((text) => text.length < 40_000);
    const pieces = [' ', '\n', ':', '- ', '#', '"', "'", '  ', '|', '>-', '[', ']', '{', '}', ',', '? ', 'x', '\r\n', '\\', ': ', ' #', '\n  ', '\n- ', 'DELETE', 'DELETE'];
    fc.assert(fc.property(fc.nat(texts.length - 1), edits(pieces), (n, list) => {
      applyEdits(texts[n]!, list, (edited) => void agreesWhenItTakes(edited));
    }), { numRuns: 600, seed: 20261201 });
  });

  it.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a key that is a mapping', '{a: 1}: 2\n'],
    ['an empty key', ': 2\n'],
    ['a null key', '~: 2\n'],
    ['a tab', 'a:\t1\n'],
    ['an indented document marker', 'a:\n  ---\n'],
    ['a syntax error', 'a: [1, 2\n'],
    ['nesting deeper than a plan file has', `${'['.repeat(70)}${']'.repeat(70)}\n`],
  ])('leaves a file with %s to yaml', (_what, text) => {
    expect(parseClean(text)).toBeUndefined();
  });

  it('reports a syntax error as yaml does, at yaml\'s place', () => {
    const text = 'title: ok\nowner: "ICB\nnext: 3\n';
    const parsed = parseSource(text, 'source.yaml');
    expect(parsed.value).toBeNull();
    expect(parsed.diagnostics.length).toBeGreaterThan(0);
    expect(parsed.diagnostics).toEqual(parseWithYaml(text, 'source.yaml').diagnostics);
    expect(parsed.diagnostics[0]).toMatchObject({ rule: 'yaml-syntax', file: 'source.yaml' });
  });

  it('gives each string of a file with a character beyond Latin-1 as it is written, in both parsers', () => {
    // Such a file's strings are copied to be held one byte a character where they can be (src/one-byte.ts).
    const text = 'title: Reduce waits for frail people\nnote: It’s done – now\nitems:\n  - café au lait, ½ price\n  - "plain words, quoted"\n';
    const expected = { title: 'Reduce waits for frail people', note: 'It’s done – now', items: ['café au lait, ½ price', 'plain words, quoted'] };
    expect(parseClean(text)!.value).toEqual(expected);
    expect(byYaml(text).value).toEqual(expected);
  });

  it('keeps a key named __proto__ as plain data', () => {
    const parsed = parseClean('__proto__:\n  polluted: true\n');
    expect(parsed).toBeDefined();
    expect(Object.keys(parsed!.value as object)).toEqual(['__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
