// Each reporter turns one list of diagnostics into text in one format. These tests give them a hand-made
// list, so each shows exactly the formatting it is about: escaping, grouping, wording, null subjects.

import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostic.js';
import { compact } from '../../src/report/compact.js';
import { github } from '../../src/report/github.js';
import { formatNames, reporters } from '../../src/report/index.js';
import { json } from '../../src/report/json.js';
import type { PlanFindings, ReportContext } from '../../src/report/reporter.js';
import { sarif } from '../../src/report/sarif.js';
import { stylish } from '../../src/report/stylish.js';
import { builtInChecks } from '../../src/catalogue.js';
import { catalogue } from '../../src/cli/report-context.js';
import { rules } from '../../src/rules/index.js';

/** A context as `plan check plans/tiny` gives it, run from the repository root at /repo. */
function context(overrides: Partial<ReportContext> = {}): ReportContext {
  return { colour: false, catalogue, version: '9.9.9', workingFolderUri: 'file:///repo/', ...overrides };
}

/** The findings of the plan in `dir` (a path from the working folder), all of them shown. */
function plan(diagnostics: Diagnostic[], dir = 'plans/tiny'): PlanFindings {
  return { dir, diagnostics, hiddenWarnings: 0 };
}

function diagnostic(overrides: Partial<Diagnostic> = {}): Diagnostic {
  return {
    rule: 'objective-has-owner',
    severity: 'error',
    file: 'objectives.yaml',
    line: 12,
    column: 5,
    message: 'Objective `uec-01` has no owning portfolio.',
    ...overrides,
  };
}

/** Runs a reporter on one plan, plans/tiny unless `dir` says otherwise. */
function report(reporter: typeof stylish, diagnostics: Diagnostic[], ctx = context(), dir = 'plans/tiny'): string {
  return reporter([plan(diagnostics, dir)], ctx);
}

const ESC = '\u001b[';

describe('the reporter registry', () => {
  it('offers stylish, compact, json, github and sarif', () => {
    expect(formatNames).toEqual(['stylish', 'compact', 'json', 'github', 'sarif']);
    expect(reporters.json).toBe(json);
  });
});

describe('stylish', () => {
  it('says there are no problems, naming the plan folder', () => {
    expect(report(stylish, [])).toBe('✔ No problems found in plans/tiny.\n');
  });

  it('prints a finding under its file: position, severity, message, rule, then the fix', () => {
    const text = report(stylish, [diagnostic({ hint: 'Add `portfolio: uec`.', subject: 'uec-01' })]);
    expect(text).toBe([
      'plans/tiny/objectives.yaml',
      '  12:5    error    Objective `uec-01` has no owning portfolio.  objective-has-owner',
      '                   → Add `portfolio: uec`.',
      '',
      '✖ 1 problem (1 error, 0 warnings)',
      '',
    ].join('\n'));
  });

  it('prints what follows from a finding under it, before the fix', () => {
    const text = report(stylish, [diagnostic({ hint: 'Add `portfolio: uec`.', context: ['So it serves no system priority.'] })]);
    expect(text.split('\n').slice(1, 4)).toEqual([
      '  12:5    error    Objective `uec-01` has no owning portfolio.  objective-has-owner',
      '                   ↳ So it serves no system priority.',
      '                   → Add `portfolio: uec`.',
    ]);
  });

  it('groups findings by file, with a blank line between files', () => {
    const text = report(stylish, [
      diagnostic({ file: 'actions.yaml', line: 2, column: 5, rule: 'action-traces-to-aim', message: 'First.' }),
      diagnostic({ file: 'actions.yaml', line: 9, column: 5, rule: 'action-traces-to-aim', message: 'Second.' }),
      diagnostic({ file: 'objectives.yaml', line: 3, column: 5, message: 'Third.' }),
    ]);
    expect(text.split('\n').slice(0, 6)).toEqual([
      'plans/tiny/actions.yaml',
      '  2:5     error    First.  action-traces-to-aim',
      '  9:5     error    Second.  action-traces-to-aim',
      '',
      'plans/tiny/objectives.yaml',
      '  3:5     error    Third.  objective-has-owner',
    ]);
  });

  it('keeps a space between a long position and the severity', () => {
    const text = report(stylish, [diagnostic({ line: 1234, column: 5678 })]);
    expect(text).toMatch(/^ {2}1234:5678 +error {2}/m);
  });

  it('counts one warning in the singular, with a warning sign', () => {
    const text = report(stylish, [diagnostic({ severity: 'warning' })]);
    expect(text.endsWith('\n⚠ 1 problem (0 errors, 1 warning)\n')).toBe(true);
  });

  it('counts several in the plural, with a cross when any is an error', () => {
    const text = report(stylish, [diagnostic(), diagnostic({ line: 20 }), diagnostic({ line: 30, severity: 'warning' })]);
    expect(text.endsWith('\n✖ 3 problems (2 errors, 1 warning)\n')).toBe(true);
  });

  it('counts two warnings and no errors in the plural', () => {
    const text = report(stylish, [diagnostic({ severity: 'warning' }), diagnostic({ line: 20, severity: 'warning' })]);
    expect(text.endsWith('\n⚠ 2 problems (0 errors, 2 warnings)\n')).toBe(true);
  });

  it('with several plans, follows each plan\'s findings with its counts, and ends with one summary of all', () => {
    const text = stylish([
      plan([diagnostic()], 'plans/north'),
      plan([], 'plans/south'),
    ], context());
    expect(text).toBe([
      'plans/north/objectives.yaml',
      '  12:5    error    Objective `uec-01` has no owning portfolio.  objective-has-owner',
      '',
      '✖ 1 problem in plans/north (1 error, 0 warnings)',
      '',
      '✔ No problems found in plans/south.',
      '',
      '✖ 1 problem in 2 plans (1 error, 0 warnings)',
      '',
    ].join('\n'));
  });

  it('with several plans and nothing to report, says so for each and for all', () => {
    const text = stylish([plan([], 'plans/north'), plan([], 'plans/south')], context());
    expect(text).toBe('✔ No problems found in plans/north.\n\n✔ No problems found in plans/south.\n\n✔ No problems found in 2 plans.\n');
  });

  it('has no escape codes without colour, and colours severity and file with it', () => {
    expect(report(stylish, [diagnostic()])).not.toContain(ESC);
    const coloured = report(stylish, [diagnostic()], context({ colour: true }));
    expect(coloured).toContain(`${ESC}31merror  ${ESC}39m`);
    expect(coloured).toContain(`${ESC}4mplans/tiny/objectives.yaml${ESC}24m`);
  });
});

describe('compact', () => {
  it('prints a finding on one line: file:line:col: severity message hint [rule]', () => {
    const text = report(compact, [diagnostic({ hint: 'Add `portfolio: uec`.' })]);
    expect(text.split('\n')[0]).toBe('plans/tiny/objectives.yaml:12:5: error Objective `uec-01` has no owning portfolio. Add `portfolio: uec`. [objective-has-owner]');
  });

  it('prints a warning as `warning`, and a finding without a hint without one', () => {
    const text = report(compact, [diagnostic({ severity: 'warning' })]);
    expect(text.split('\n')[0]).toBe('plans/tiny/objectives.yaml:12:5: warning Objective `uec-01` has no owning portfolio. [objective-has-owner]');
  });

  it('ends with a summary line, in the singular or plural', () => {
    expect(report(compact, [diagnostic(), diagnostic({ line: 20, severity: 'warning' })]).endsWith('\n2 problems (1 error, 1 warning)\n')).toBe(true);
    expect(report(compact, [])).toBe('0 problems (0 errors, 0 warnings)\n');
  });

  it('prints the findings of several plans, each from the working folder, and one summary', () => {
    const text = compact([plan([diagnostic()], 'plans/north'), plan([diagnostic()], '/elsewhere/south')], context());
    expect(text.split('\n').map((line) => line.split(':')[0])).toEqual(['plans/north/objectives.yaml', '/elsewhere/south/objectives.yaml', '2 problems (2 errors, 0 warnings)', '']);
  });

  it('has no colour, even when the context allows it', () => {
    expect(report(compact, [diagnostic()], context({ colour: true }))).not.toContain(ESC);
  });
});

describe('json', () => {
  type JsonReport = { plans: string[]; diagnostics: Record<string, unknown>[]; summary: { errors: number; warnings: number } };
  const parse = (text: string) => JSON.parse(text) as JsonReport;

  it('gives every field in the documented order, with the file as a path from the working folder', () => {
    const out = parse(report(json, [diagnostic({ hint: 'Add `portfolio: uec`.', subject: 'uec-01' })]));
    expect(out.diagnostics).toEqual([
      {
        rule: 'objective-has-owner',
        severity: 'error',
        message: 'Objective `uec-01` has no owning portfolio.',
        hint: 'Add `portfolio: uec`.',
        context: [],
        file: 'plans/tiny/objectives.yaml',
        line: 12,
        column: 5,
        subject: 'uec-01',
      },
    ]);
    expect(Object.keys(out.diagnostics[0]!)).toEqual(['rule', 'severity', 'message', 'hint', 'context', 'file', 'line', 'column', 'subject']);
  });

  it('gives what follows from a finding as its context, in order', () => {
    const out = parse(report(json, [diagnostic({ context: ['So it serves no system priority.', 'So action `a` does not reach the collective aim.'] })]));
    expect(out.diagnostics[0]?.context).toEqual(['So it serves no system priority.', 'So action `a` does not reach the collective aim.']);
  });

  it('lists the plan folders checked first, then the diagnostics and the summary', () => {
    const out = parse(report(json, [diagnostic()]));
    expect(Object.keys(out)).toEqual(['plans', 'diagnostics', 'summary']);
    expect(out.plans).toEqual(['plans/tiny']);
  });

  it('gives a file of the plan in the working folder as it is, and one outside it as an absolute path', () => {
    expect(parse(report(json, [diagnostic()], context(), '.')).diagnostics[0]?.file).toBe('objectives.yaml');
    expect(parse(report(json, [diagnostic()], context(), '/elsewhere/plan')).diagnostics[0]?.file).toBe('/elsewhere/plan/objectives.yaml');
  });

  it('puts the findings of several plans in one document, counted together', () => {
    const out = parse(json([plan([diagnostic()], 'plans/north'), plan([diagnostic({ severity: 'warning' })], 'plans/south')], context()));
    expect(out.plans).toEqual(['plans/north', 'plans/south']);
    expect(out.diagnostics.map((d) => d.file)).toEqual(['plans/north/objectives.yaml', 'plans/south/objectives.yaml']);
    expect(out.summary).toEqual({ errors: 1, warnings: 1 });
  });

  it('gives subject null when a finding is about no one item', () => {
    const out = parse(report(json, [diagnostic({ rule: 'yaml-syntax', subject: undefined })]));
    expect(out.diagnostics[0]?.subject).toBeNull();
  });

  it('gives hint null when there is none, as subject is', () => {
    const out = parse(report(json, [diagnostic()]));
    expect(out.diagnostics[0]?.hint).toBeNull();
  });

  it('counts errors and warnings in the summary', () => {
    const out = parse(report(json, [diagnostic(), diagnostic({ severity: 'warning' })]));
    expect(out.summary).toEqual({ errors: 1, warnings: 1 });
  });

  it('prints an empty list and a zero summary when there is nothing to report', () => {
    expect(parse(report(json, []))).toEqual({ plans: ['plans/tiny'], diagnostics: [], summary: { errors: 0, warnings: 0 } });
  });
});

describe('github', () => {
  it('prints an error as ::error with file, line, col and title, then the message and the fix', () => {
    const text = report(github, [diagnostic({ hint: 'Add `portfolio: uec`.' })]);
    expect(text.split('\n')[0]).toBe(
      '::error file=plans/tiny/objectives.yaml,line=12,col=5,title=objective-has-owner::Objective `uec-01` has no owning portfolio. Add `portfolio: uec`.',
    );
  });

  it('puts what follows from a finding between its message and its fix', () => {
    const text = report(github, [diagnostic({ hint: 'Add `portfolio: uec`.', context: ['So it serves no system priority.'] })]);
    expect(text.split('\n')[0]).toMatch(/::Objective `uec-01` has no owning portfolio\. So it serves no system priority\. Add `portfolio: uec`\.$/);
  });

  it('prints a warning as ::warning', () => {
    expect(report(github, [diagnostic({ severity: 'warning' })])).toMatch(/^::warning file=/);
  });

  it('escapes %, carriage returns and line feeds in the message', () => {
    const text = report(github, [diagnostic({ message: 'Target 95% by March.\nSecond line.\r\nThird.' })]);
    expect(text.split('\n')[0]).toMatch(/::Target 95%25 by March\.%0ASecond line\.%0D%0AThird\.$/);
  });

  it('leaves colons and commas in the message as they are', () => {
    const text = report(github, [diagnostic({ message: 'Add `portfolio: uec`, then check: again.' })]);
    expect(text.split('\n')[0]).toMatch(/::Add `portfolio: uec`, then check: again\.$/);
  });

  it('escapes %, colons and commas in the file property', () => {
    const text = report(github, [diagnostic({ file: 'a,b:c%d.yaml' })], context(), '.');
    expect(text.split('\n')[0]).toMatch(/^::error file=a%2Cb%3Ac%25d\.yaml,line=12,col=5,title=objective-has-owner::/);
  });

  it('escapes a line feed in a property, so it cannot start a new command', () => {
    const text = report(github, [diagnostic({ file: 'x\n::error::injected.yaml' })], context(), '.');
    expect(text.split('\n').filter((line) => line.startsWith('::'))).toHaveLength(1);
    expect(text).toContain('file=x%0A%3A%3Aerror%3A%3Ainjected.yaml,');
  });

  it('ends with a plain summary line', () => {
    const text = report(github, [diagnostic(), diagnostic({ severity: 'warning' })]);
    expect(text.endsWith('\nplan check: 1 error(s), 1 warning(s)\n')).toBe(true);
  });
});

describe('sarif', () => {
  interface SarifResult {
    ruleId: string;
    ruleIndex?: number;
    level: string;
    message: { text: string };
    locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[];
    partialFingerprints: Record<string, string>;
    properties?: { subject: string };
  }
  interface SarifRule { id: string; name: string; help: { text: string }; helpUri?: string; defaultConfiguration: { level: string } }
  interface SarifLog {
    $schema: string;
    version: string;
    runs: {
      tool: { driver: { name: string; version: string; informationUri?: string; rules: SarifRule[] } };
      originalUriBaseIds: Record<string, { uri: string }>;
      results: SarifResult[];
    }[];
  }
  const parse = (text: string) => JSON.parse(text) as SarifLog;

  it('is a SARIF 2.1.0 log with one run by plan at the given version', () => {
    const log = parse(report(sarif, []));
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]?.tool.driver).toMatchObject({ name: 'plan', version: '9.9.9' });
    expect(log.runs[0]?.results).toEqual([]);
  });

  it('describes each rule and then each built-in check once, with help text and default level', () => {
    const described = parse(report(sarif, [])).runs[0]!.tool.driver.rules;
    expect(described.map((r) => r.id)).toEqual([...rules.map((r) => r.id), ...builtInChecks.map((c) => c.id)]);
    expect(described.find((r) => r.id === 'objective-has-owner')).toMatchObject({ name: 'ObjectiveHasOwner', defaultConfiguration: { level: 'error' } });
    expect(described.find((r) => r.id === 'objective-is-smart')?.defaultConfiguration.level).toBe('warning');
    for (const rule of described) expect(rule.help.text, rule.id).not.toBe('');
  });

  it('gives a result its rule, level, message with the fix, location and subject', () => {
    const log = parse(report(sarif, [diagnostic({ hint: 'Add `portfolio: uec`.', subject: 'uec-01', severity: 'warning' })]));
    const run = log.runs[0]!;
    expect(run.results).toEqual([
      {
        ruleId: 'objective-has-owner',
        ruleIndex: run.tool.driver.rules.findIndex((r) => r.id === 'objective-has-owner'),
        level: 'warning',
        message: { text: 'Objective `uec-01` has no owning portfolio. Add `portfolio: uec`.' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'plans/tiny/objectives.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 5 } } }],
        partialFingerprints: { 'planFinding/v1': expect.stringMatching(/^[0-9a-f]{32}:1$/) },
        properties: { subject: 'uec-01' },
      },
    ]);
  });

  it('points a built-in check\'s result at its entry after the rules', () => {
    const run = parse(report(sarif, [diagnostic({ rule: 'yaml-syntax' })])).runs[0]!;
    expect(run.results[0]?.ruleIndex).toBe(rules.length + builtInChecks.findIndex((c) => c.id === 'yaml-syntax'));
  });

  it('encodes a path with spaces as a URI', () => {
    const log = parse(report(sarif, [diagnostic()], context(), 'my plans'));
    expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('my%20plans/objectives.yaml');
  });

  it('leaves out properties when there is no subject', () => {
    const log = parse(report(sarif, [diagnostic()]));
    expect(log.runs[0]?.results[0]).not.toHaveProperty('properties');
  });

  it('says that relative paths are from the working folder, %SRCROOT%', () => {
    expect(parse(report(sarif, [])).runs[0]?.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
  });

  it('gives a file outside the working folder as an absolute file: URI', () => {
    const location = parse(report(sarif, [diagnostic()], context(), '/elsewhere/plan')).runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation;
    expect(location).toEqual({ uri: 'file:///elsewhere/plan/objectives.yaml' });
  });

  it('claims no web page: no informationUri, and no helpUri on any rule', () => {
    const driver = parse(report(sarif, [])).runs[0]!.tool.driver;
    expect(driver).not.toHaveProperty('informationUri');
    for (const rule of driver.rules) expect(rule, rule.id).not.toHaveProperty('helpUri');
  });

  describe('partialFingerprints', () => {
    const fingerprintOf = (d: Diagnostic, dir = 'plans/tiny') => parse(report(sarif, [d], context(), dir)).runs[0]!.results[0]!.partialFingerprints['planFinding/v1'];

    it('stay the same when the finding moves to another line or column', () => {
      expect(fingerprintOf(diagnostic({ subject: 'uec-01', line: 40, column: 7 }))).toBe(fingerprintOf(diagnostic({ subject: 'uec-01' })));
    });

    it('stay the same when a place quoted in the message moves', () => {
      const at = (place: string) => diagnostic({ rule: 'duplicate-id', subject: 'triage', message: `The id \`triage\` is used twice: here and at ${place}.` });
      expect(fingerprintOf(at('more-actions.yaml:3:9'))).toBe(fingerprintOf(at('more-actions.yaml:30:9')));
    });

    it('differ for another rule, subject, message or plan', () => {
      const base = fingerprintOf(diagnostic({ subject: 'uec-01' }));
      expect(fingerprintOf(diagnostic({ subject: 'uec-01', rule: 'objective-is-smart' }))).not.toBe(base);
      expect(fingerprintOf(diagnostic({ subject: 'uec-02' }))).not.toBe(base);
      expect(fingerprintOf(diagnostic({ subject: 'uec-01', message: 'Another message.' }))).not.toBe(base);
      expect(fingerprintOf(diagnostic({ subject: 'uec-01' }), 'plans/other')).not.toBe(base);
    });

    it('tell apart findings alike in everything but their place, by their order', () => {
      const log = parse(report(sarif, [diagnostic({ rule: 'schema', line: 3 }), diagnostic({ rule: 'schema', line: 9 })]));
      const [first, second] = log.runs[0]!.results.map((r) => r.partialFingerprints['planFinding/v1']!);
      expect(first).toMatch(/:1$/);
      expect(second).toBe(first!.replace(/:1$/, ':2'));
    });
  });
});
