// The one function that makes plan text safe for a terminal or a CI log: every control character is
// made visible, and every ordinary character of any script is kept.

import { describe, expect, it } from 'vitest';
import { terminalFinding, terminalPath, terminalText } from '../../src/report/terminal-text.js';

describe('terminalText', () => {
  it('keeps ordinary text of any script as it is', () => {
    const text = 'Café “quoted” — 漢字 العربية עברית ✔ ✖ ⚠ → 76% £5m 😀';
    expect(terminalText(text)).toBe(text);
  });

  it('shows ESC as ␛, so an escape sequence prints as text and does nothing', () => {
    expect(terminalText('Fake\u001b[2K\u001b[32mgreen')).toBe('Fake␛[2K␛[32mgreen');
  });

  it('shows an OSC sequence (a terminal title, a hyperlink) as text', () => {
    expect(terminalText('\u001b]0;owned\u0007\u001b]8;;https://evil.example\u001b\\x')).toBe('␛]0;owned␇␛]8;;https://evil.example␛\\x');
  });

  it('shows every line break as ⏎, so the text stays on its line', () => {
    expect(terminalText('one\ntwo\r\nthree\rfour\u0085five\u2028six\u2029seven')).toBe('one⏎two⏎three⏎four⏎five⏎six⏎seven');
  });

  it('shows the other C0 controls as their control pictures, and DEL as ␡', () => {
    expect(terminalText('\u0000\u0007\u0008\u001f\u007f')).toBe('␀␇␈␟␡');
  });

  it('turns a tab into a space', () => {
    expect(terminalText('a\tb')).toBe('a b');
  });

  it('shows a C1 control, such as the 8-bit CSI, by its code point', () => {
    expect(terminalText('\u009b31mred')).toBe('<U+009B>31mred');
  });

  it('shows bidirectional embeddings, overrides and isolates by their code points', () => {
    expect(terminalText('abc\u202edcba\u202c \u2066x\u2069')).toBe('abc<U+202E>dcba<U+202C> <U+2066>x<U+2069>');
  });
});

describe('terminalPath', () => {
  it('makes a path safe as plan text', () => {
    expect(terminalPath('plans/a\u001b[31m.yaml')).toBe('plans/a␛[31m.yaml');
  });

  it('starts a path that would start with a colon or a space with ./, so no line begins ::', () => {
    expect(terminalPath('::error file=x::y.yaml')).toBe('./::error file=x::y.yaml');
    expect(terminalPath(' ::warning::y.yaml')).toBe('./ ::warning::y.yaml');
    expect(terminalPath('plans/ok.yaml')).toBe('plans/ok.yaml');
  });
});

describe('terminalFinding', () => {
  it('makes the message, the hint and the file safe, and leaves the rest as it is', () => {
    const finding = { rule: 'duty-covered' as const, severity: 'error' as const, file: 'a\rb.yaml', line: 2, column: 5, message: 'M\u001b[2K', hint: 'H\n::x', subject: 'd' };
    expect(terminalFinding(finding)).toEqual({ ...finding, file: 'a⏎b.yaml', message: 'M␛[2K', hint: 'H⏎::x' });
  });
});
