// What the bundles of lib/ must be for bin/plan to run them from their code cache: plain ASCII, so it
// reads them as Latin-1 (esbuild escapes every string, template and name, and scripts/ascii-regexps.mjs
// the regular expression literals esbuild leaves as they were written), and free of import().

import { tokenizer } from 'acorn';
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeRegExpLiterals } from '../../scripts/ascii-regexps.mjs';
import { repoRoot } from '../helpers/cli.js';

const BUNDLES = ['plan.cjs', 'check.cjs', 'build.cjs'];

/** The regular expression a literal written in JavaScript makes. */
const regExpOf = (literal: string): RegExp => new Function(`return ${literal}`)() as RegExp;

describe('escaping the regular expressions of a bundle', () => {
  it('writes a non-ASCII character of a regular expression as its \\u escape, and nothing else', () => {
    expect(escapeRegExpLiterals('x=/a…b/g.test(y)/2;z="…"')).toBe('x=/a\\u2026b/g.test(y)/2;z="…"');
  });

  it('keeps what each regular expression matches: in a character class, with the u flag, after a backslash, beyond the BMP', () => {
    const cases: [string, string[], string[]][] = [
      ['/[\\s,;:.–—-]+$/u', ['end –', 'end —'], ['end']],
      ['/([?!])…/g', ['?…'], ['?.', '?']],
      ['/\\…/', ['…'], ['\\…', 'u2026']],
      ['/^😀$/u', ['😀'], ['\uD83D']],
      ['/^[😀]$/u', ['😀'], ['\uD83D', '\uDE00']],
      ['/^😀{2}$/', ['\uD83D\uDE00\uDE00'], ['😀😀']],
    ];
    for (const [literal, matching, other] of cases) {
      const escaped = escapeRegExpLiterals(`x=${literal}`).slice(2);
      expect(isAscii(Buffer.from(escaped)), escaped).toBe(true);
      for (const text of matching) expect(regExpOf(escaped).test(text), `${escaped} on ${text}`).toBe(true);
      for (const text of other) expect(regExpOf(escaped).test(text), `${escaped} on ${text}`).toBe(regExpOf(literal).test(text));
    }
  });

  it('leaves the built bundles with no byte outside ASCII', () => {
    for (const name of BUNDLES) expect(isAscii(readFileSync(join(repoRoot, 'lib', name))), name).toBe(true);
  });
});

/** Where a source calls import(), by the tokens that say so, not by its text. */
function dynamicImports(source: string): string[] {
  const found: string[] = [];
  let previous = '';
  for (const token of tokenizer(source, { ecmaVersion: 'latest' })) {
    if (previous === 'import' && token.type.label === '(') found.push(source.slice(token.start, token.start + 40));
    previous = token.type.label;
  }
  return found;
}

describe('the bundles', () => {
  it('hold no import(), which Node 20 cannot run in a script given a code cache', () => {
    expect(dynamicImports('const s = "import(x)"; const m = await import("playwright-core");')).toEqual(['("playwright-core");']);
    for (const name of BUNDLES) expect(dynamicImports(readFileSync(join(repoRoot, 'lib', name), 'latin1')), name).toEqual([]);
  });
});
