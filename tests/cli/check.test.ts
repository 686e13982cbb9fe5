// `plan check` run as a planner or a CI job runs it: the built bin/plan as a child process, on the
// fixtures under tests/fixtures. Exit codes: 0 no errors, 1 problems found, 2 could not run.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtInChecks } from '../../src/catalogue.js';
import { formatNames } from '../../src/report/index.js';
import { rules } from '../../src/rules/index.js';
import {
  copyPlan,
  fixture,
  hasStackTrace,
  locatedRules,
  makeTempDir,
  removeTempDirs,
  runPlan,
  stylishFindings,
} from '../helpers/cli.js';

afterAll(removeTempDirs);

const fixtures = fixture('.');
const ESC = '\u001b[';

/** The `--format json` document, as docs/cli.md specifies it. */
interface JsonReport {
  plans: string[];
  diagnostics: {
    rule: string;
    severity: 'error' | 'warning';
    message: string;
    hint: string | null;
    context: string[];
    file: string;
    line: number;
    column: number;
    subject: string | null;
  }[];
  summary: { errors: number; warnings: number };
}

/** The errors broken/ is made to show, one of each kind, as `file:line:col severity rule`: one per mistake. */
const BROKEN_FINDINGS = [
  'broken/metrics.yaml:5:16 error unknown-reference', //     `ae-wait`, a misspelling of `ae-waits`
  'broken/metrics.yaml:9:15 error schema', //                `baseline: about sixty` is not a number
  'broken/more-actions.yaml:3:9 error duplicate-id', //      `triage`, already the id of an action in actions.yaml
  'broken/objectives.yaml:12:5 error objective-has-owner', // `no-owner` names no portfolio (so it is not Specific either)
];

describe('plan check on a valid plan', () => {
  it('exits 0 and says there are no problems', async () => {
    const result = await runPlan(['check', 'tests/fixtures/valid']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe('✔ No problems found in tests/fixtures/valid.\n');
  });

  it('gives a JSON report with no diagnostics and a zero summary', async () => {
    const result = await runPlan(['check', 'tests/fixtures/valid', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ plans: ['tests/fixtures/valid'], diagnostics: [], summary: { errors: 0, warnings: 0 } });
  });
});

describe('plan check on a broken plan (stylish, the default format)', () => {
  it('exits 1 and locates every break at file:line:col with its rule', async () => {
    const result = await runPlan(['check', 'broken'], { cwd: fixtures });
    expect(result.code).toBe(1);
    expect(locatedRules(result.stdout)).toEqual(BROKEN_FINDINGS);
  });

  it('prints a finding as line:col, severity, message and rule, with the fix on the line below', async () => {
    const result = await runPlan(['check', 'broken'], { cwd: fixtures });
    expect(result.stdout).toContain([
      'broken/metrics.yaml',
      '  5:16    error    There is no objective with the id `ae-wait`. Did you mean `ae-waits`?  unknown-reference',
      '                   → Use the id of an existing objective (ae-waits).',
    ].join('\n'));
  });

  it('tells what follows from a mistake under its finding, not as findings of their own', async () => {
    const result = await runPlan(['check', 'broken'], { cwd: fixtures });
    expect(result.stdout).toContain([
      '  12:5    error    Local objective "Fewer falls at home" (`no-owner`) has no owning portfolio.  objective-has-owner',
      '                   ↳ So action "A falls response team" (`falls-response`) does not reach the collective aim.',
      '                   ↳ So it fails S of SMART (S: no owning portfolio).',
      '                   → Add `portfolio:` with the id of the portfolio or enabling workstream that owns it: urgent-care.',
    ].join('\n'));
  });

  it('reports a duplicate id once, at the later place, naming the first', async () => {
    const result = await runPlan(['check', 'broken'], { cwd: fixtures });
    const duplicates = stylishFindings(result.stdout).filter((f) => f.rule === 'duplicate-id').map((f) => f.message);
    expect(duplicates).toEqual(['The id `triage` is used twice: action `triage` here, and action `triage` at actions.yaml:2:9.']);
  });

  it('ends with a summary line counting errors and warnings', async () => {
    const result = await runPlan(['check', 'broken'], { cwd: fixtures });
    expect(result.stdout.endsWith('\n✖ 4 problems (4 errors, 0 warnings)\n')).toBe(true);
  });

  it('prints file paths as typed from the working directory', async () => {
    const result = await runPlan(['check', 'tests/fixtures/broken']);
    expect(stylishFindings(result.stdout)[0]?.file).toBe('tests/fixtures/broken/metrics.yaml');
  });

  it('reports a YAML syntax error at its line, and exits 1', async () => {
    const result = await runPlan(['check', 'syntax-error'], { cwd: fixtures });
    expect(result.code).toBe(1);
    expect(locatedRules(result.stdout)).toEqual(['syntax-error/objectives.yaml:5:1 error yaml-syntax']);
    expect(result.stdout).toContain('The YAML here cannot be read: flow sequence in block collection must be sufficiently indented and end with a ].');
  });
});

describe('plan check --format json', () => {
  it('prints the documented shape: the plan folder, then the diagnostics with files from the working folder, then the summary', async () => {
    const result = await runPlan(['check', 'broken', '--format', 'json'], { cwd: fixtures });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(Object.keys(report)).toEqual(['plans', 'diagnostics', 'summary']);
    expect(report.plans).toEqual(['broken']);
    expect(report.summary).toEqual({ errors: 4, warnings: 0 });
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual(BROKEN_FINDINGS);
  });

  it('gives files relative to the plan folder when run inside it', async () => {
    const result = await runPlan(['check', '--format', 'json'], { cwd: fixture('broken') });
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.plans).toEqual(['.']);
    expect(report.diagnostics[0]?.file).toBe('metrics.yaml');
  });

  it('gives each diagnostic rule, severity, message, hint, context, file, line, column and subject', async () => {
    const result = await runPlan(['check', 'tests/fixtures/broken', '--format', 'json']);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.diagnostics.find((d) => d.rule === 'objective-has-owner')).toEqual({
      rule: 'objective-has-owner',
      severity: 'error',
      message: 'Local objective "Fewer falls at home" (`no-owner`) has no owning portfolio.',
      hint: 'Add `portfolio:` with the id of the portfolio or enabling workstream that owns it: urgent-care.',
      context: [
        'So action "A falls response team" (`falls-response`) does not reach the collective aim.',
        'So it fails S of SMART (S: no owning portfolio).',
      ],
      file: 'tests/fixtures/broken/objectives.yaml',
      line: 12,
      column: 5,
      subject: 'no-owner',
    });
  });

  it('gives subject null for a finding about no one item', async () => {
    const result = await runPlan(['check', 'syntax-error', '--format', 'json'], { cwd: fixtures });
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.diagnostics).toHaveLength(1);
    expect(report.diagnostics[0]).toMatchObject({ rule: 'yaml-syntax', file: 'syntax-error/objectives.yaml', line: 5, column: 1, subject: null });
  });
});

describe('plan check --format compact', () => {
  it('prints one line per finding, file:line:col: severity message [rule], then the counts', async () => {
    const result = await runPlan(['check', 'broken', '--format', 'compact'], { cwd: fixtures });
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1).map((line) => {
      const [, location, severity, rule] = /^(\S+:\d+:\d+): (error|warning) .* \[([a-z-]+)\]$/.exec(line) ?? [];
      return `${location} ${severity} ${rule}`;
    })).toEqual(BROKEN_FINDINGS);
    expect(lines.at(-1)).toBe('4 problems (4 errors, 0 warnings)');
  });

  it('gives the message and its fix on the finding\'s line', async () => {
    const result = await runPlan(['check', 'broken', '--format', 'compact'], { cwd: fixtures });
    expect(result.stdout).toContain('broken/metrics.yaml:5:16: error There is no objective with the id `ae-wait`. Did you mean `ae-waits`? '
      + 'Use the id of an existing objective (ae-waits). [unknown-reference]\n');
  });
});

describe('plan check --format github', () => {
  it('prints one workflow command per finding, with the path from the working directory', async () => {
    const result = await runPlan(['check', 'broken', '--format', 'github'], { cwd: fixtures });
    expect(result.code).toBe(1);
    const commands = result.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(commands.map((line) => line.slice(0, line.indexOf('::', 2)))).toEqual([
      '::error file=broken/metrics.yaml,line=5,col=16,title=unknown-reference',
      '::error file=broken/metrics.yaml,line=9,col=15,title=schema',
      '::error file=broken/more-actions.yaml,line=3,col=9,title=duplicate-id',
      '::error file=broken/objectives.yaml,line=12,col=5,title=objective-has-owner',
    ]);
  });

  it('puts the message, what follows from it and its fix after the properties', async () => {
    const result = await runPlan(['check', 'broken', '--format', 'github'], { cwd: fixtures });
    expect(result.stdout).toContain(
      '::error file=broken/objectives.yaml,line=12,col=5,title=objective-has-owner::Local objective "Fewer falls at home" (`no-owner`) has no owning portfolio. '
      + 'So action "A falls response team" (`falls-response`) does not reach the collective aim. So it fails S of SMART (S: no owning portfolio). '
      + 'Add `portfolio:` with the id of the portfolio or enabling workstream that owns it: urgent-care.\n',
    );
  });

  it('ends with a plain summary line', async () => {
    const result = await runPlan(['check', 'broken', '--format', 'github'], { cwd: fixtures });
    expect(result.stdout.endsWith('\nplan check: 4 error(s), 0 warning(s)\n')).toBe(true);
  });
});

describe('plan check --format sarif', () => {
  interface SarifLog {
    version: string;
    runs: {
      tool: { driver: { name: string; version: string; rules: { id: string; help: { text: string } }[] } };
      originalUriBaseIds: Record<string, { uri: string }>;
      results: {
        ruleId: string;
        ruleIndex?: number;
        level: string;
        message: { text: string };
        partialFingerprints: Record<string, string>;
        locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
      }[];
    }[];
  }

  const sarifOf = async (): Promise<SarifLog> => {
    const result = await runPlan(['check', 'broken', '--format', 'sarif'], { cwd: fixtures });
    expect(result.code).toBe(1);
    return JSON.parse(result.stdout) as SarifLog;
  };

  it('is SARIF 2.1.0 with one run by the tool `plan`', async () => {
    const log = await sarifOf();
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]?.tool.driver.name).toBe('plan');
  });

  it('describes every rule and built-in check once, each with help text', async () => {
    const log = await sarifOf();
    const described = log.runs[0]!.tool.driver.rules;
    expect(described.map((r) => r.id)).toEqual([...rules.map((r) => r.id), ...builtInChecks.map((c) => c.id)]);
    for (const rule of described) expect(rule.help.text.length, rule.id).toBeGreaterThan(20);
  });

  it('bases relative paths on the working folder, %SRCROOT%, as a file: URI', async () => {
    const log = await sarifOf();
    expect(log.runs[0]?.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(fixtures).href.replace(/\/?$/, '/')}` } });
  });

  it('gives every result a fingerprint that stays when the lines above it change', async () => {
    const dir = copyPlan(fixture('broken'));
    const before = await runPlan(['check', '--format', 'sarif'], { cwd: dir });
    for (const file of ['actions.yaml', 'metrics.yaml', 'more-actions.yaml', 'objectives.yaml']) {
      writeFileSync(join(dir, file), `# a comment added at the top\n\n${readFileSync(join(dir, file), 'utf8')}`);
    }
    const after = await runPlan(['check', '--format', 'sarif'], { cwd: dir });
    const fingerprints = (stdout: string) => (JSON.parse(stdout) as SarifLog).runs[0]!.results.map((r) => r.partialFingerprints['planFinding/v1']);
    const lines = (stdout: string) => (JSON.parse(stdout) as SarifLog).runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.region.startLine);
    expect(lines(after.stdout)).toEqual(lines(before.stdout).map((line) => line + 2));
    expect(fingerprints(before.stdout).every((f) => /^[0-9a-f]{32}:\d+$/.test(f ?? ''))).toBe(true);
    expect(new Set(fingerprints(before.stdout)).size).toBe(4);
    expect(fingerprints(after.stdout)).toEqual(fingerprints(before.stdout));
  });

  it('gives each finding a result at its file and line, pointing at its rule entry', async () => {
    const log = await sarifOf();
    const run = log.runs[0]!;
    const located = run.results.map((r) => {
      const { artifactLocation, region } = r.locations[0]!.physicalLocation;
      return `${artifactLocation.uri}:${region.startLine}:${region.startColumn} ${r.level} ${r.ruleId}`;
    });
    expect(located).toEqual(BROKEN_FINDINGS);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex!]?.id).toBe(result.ruleId);
  });
});

describe('plan check options', () => {
  it('--max-warnings passes when the warnings are at most the limit', async () => {
    const result = await runPlan(['check', 'warnings-only', '--max-warnings', '2'], { cwd: fixtures });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('⚠ 2 problems (0 errors, 2 warnings)');
  });

  it('--max-warnings fails with exit 1 and says why when there are more warnings', async () => {
    const result = await runPlan(['check', 'warnings-only', '--max-warnings', '1'], { cwd: fixtures });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('plan: 2 warnings is more than --max-warnings 1.\n');
  });

  for (const format of formatNames) {
    it(`--max-warnings says why it failed on stderr with --format ${format} too, and exits 1`, async () => {
      const result = await runPlan(['check', 'warnings-only', '--format', format, '--max-warnings', '1'], { cwd: fixtures });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('plan: 2 warnings is more than --max-warnings 1.\n');
    });
  }

  it('without --max-warnings, warnings alone exit 0', async () => {
    const result = await runPlan(['check', 'warnings-only'], { cwd: fixtures });
    expect(result.code).toBe(0);
  });

  it('--rule objective-is-smart=off leaves that rule out', async () => {
    const result = await runPlan(['check', 'warnings-only', '--rule', 'objective-is-smart=off'], { cwd: fixtures });
    expect(result.code).toBe(0);
    expect(locatedRules(result.stdout)).toEqual(['warnings-only/objectives.yaml:2:5 warning objective-has-action']);
  });

  it('--rule raises a warning to an error, which exits 1', async () => {
    const result = await runPlan(['check', 'warnings-only', '--rule', 'objective-has-action=error'], { cwd: fixtures });
    expect(result.code).toBe(1);
    expect(locatedRules(result.stdout)).toEqual([
      'warnings-only/objectives.yaml:2:5 error objective-has-action',
      'warnings-only/objectives.yaml:2:5 warning objective-is-smart',
    ]);
  });

  it('--rule takes ESLint\'s spellings: warn, and 0, 1, 2 for off, warning, error', async () => {
    const result = await runPlan(
      ['check', 'warnings-only', '--rule', 'objective-is-smart=0', '--rule', 'objective-has-action=2'],
      { cwd: fixtures },
    );
    expect(result.code).toBe(1);
    expect(locatedRules(result.stdout)).toEqual(['warnings-only/objectives.yaml:2:5 error objective-has-action']);
    const warned = await runPlan(['check', 'warnings-only', '--rule', 'objective-has-action=warn', '--rule', 'objective-is-smart=1'], { cwd: fixtures });
    expect(locatedRules(warned.stdout)).toEqual([
      'warnings-only/objectives.yaml:2:5 warning objective-has-action',
      'warnings-only/objectives.yaml:2:5 warning objective-is-smart',
    ]);
  });

  it('--rule can be given more than once', async () => {
    const result = await runPlan(
      ['check', 'warnings-only', '--rule', 'objective-is-smart=off', '--rule', 'objective-has-action=off'],
      { cwd: fixtures },
    );
    expect(result.stdout).toBe('✔ No problems found in warnings-only.\n');
  });

  it('--quiet prints errors only', async () => {
    const result = await runPlan(['check', 'broken', '--quiet'], { cwd: fixtures });
    expect(result.code).toBe(1);
    expect(locatedRules(result.stdout)).toEqual(BROKEN_FINDINGS.filter((f) => f.includes(' error ')));
    expect(result.stdout).toContain('✖ 4 problems (4 errors, 0 warnings)');
  });
});

describe('plan check when it cannot run: exit 2 and one plain line', () => {
  /** stderr holds `plan: ` and a plain sentence, maybe a hint line, and nothing of a crash. */
  const expectPlainRefusal = (stderr: string, message: string | RegExp) => {
    expect(hasStackTrace(stderr)).toBe(false);
    const [first] = stderr.split('\n');
    expect(first).toMatch(message);
  };

  it('for a folder that does not exist', async () => {
    const result = await runPlan(['check', 'no-such-plan']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expectPlainRefusal(result.stderr, 'plan: There is no folder no-such-plan.');
  });

  it('for a folder with no plan in it, above it or below it', async () => {
    const empty = makeTempDir();
    const result = await runPlan(['check', empty]);
    expect(result.code).toBe(2);
    expectPlainRefusal(result.stderr, `plan: ${empty} is not a plan folder: it has no plan.yaml, and there is no plan above or below it.`);
  });

  it('for a file given instead of a folder', async () => {
    const result = await runPlan(['check', 'tests/fixtures/valid/objectives.yaml']);
    expect(result.code).toBe(2);
    expectPlainRefusal(result.stderr, 'plan: tests/fixtures/valid/objectives.yaml is a file; give the folder that holds plan.yaml.');
  });

  it('takes plan.yaml given as a path for its folder', async () => {
    const result = await runPlan(['check', 'tests/fixtures/valid/plan.yaml']);
    expect(result).toMatchObject({ code: 0, stdout: '✔ No problems found in tests/fixtures/valid.\n' });
  });

  it('for an unknown command', async () => {
    const result = await runPlan(['chekc']);
    expect(result.code).toBe(2);
    expectPlainRefusal(result.stderr, /^plan: unknown command 'chekc'/);
  });

  it('explains an unknown --format in one plain line naming the formats', async () => {
    const result = await runPlan(['check', 'tests/fixtures/valid', '--format', 'xml']);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expectPlainRefusal(result.stderr, /argument 'xml' is invalid\. Allowed choices are stylish, compact, json, github, sarif\.$/);
  });

  // Commander copies exitOverride() and configureOutput() to a subcommand only when the subcommand is
  // made; set later, a subcommand's bad option ended through commander's own process.exit(1), unprefixed.
  it('exits 2 for an unknown --format', async () => {
    const result = await runPlan(['check', 'tests/fixtures/valid', '--format', 'xml']);
    expect(result.code).toBe(2);
  });

  it('explains an unknown flag in one plain line', async () => {
    const result = await runPlan(['check', 'tests/fixtures/valid', '--colour']);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expectPlainRefusal(result.stderr, /unknown option '--colour'/);
  });

  it('exits 2 for an unknown flag', async () => {
    const result = await runPlan(['check', 'tests/fixtures/valid', '--colour']);
    expect(result.code).toBe(2);
  });

  it('explains an unknown rule in --rule with the nearest rule id, listing the rules', async () => {
    const result = await runPlan(['check', 'tests/fixtures/valid', '--rule', 'objective-is-smrt=off']);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expectPlainRefusal(result.stderr, /there is no rule `objective-is-smrt`\. Did you mean `objective-is-smart`\? The rules are objective-has-owner, .*duty-covered, link-is-reviewed, trajectory-ends-at-target, .*stocktake-up-to-date\.$/);
  });

  it('exits 2 for an unknown rule in --rule', async () => {
    const result = await runPlan(['check', 'tests/fixtures/valid', '--rule', 'objective-is-smrt=off']);
    expect(result.code).toBe(2);
  });

  it('refuses a built-in check in --rule: it is always an error', async () => {
    const result = await runPlan(['check', 'tests/fixtures/valid', '--rule', 'schema=off']);
    expect(result.code).toBe(2);
    expectPlainRefusal(result.stderr, /`schema` is a built-in check and is always an error; it cannot be configured\.$/);
  });

  it('refuses a severity that is not one, with the nearest', async () => {
    const result = await runPlan(['check', 'tests/fixtures/valid', '--rule', 'objective-is-smart=warnin']);
    expect(result.code).toBe(2);
    expectPlainRefusal(result.stderr, /`warnin` is not a severity: write off, warning or error \(or warn, 0, 1, 2\)\. Did you mean `warning`\?$/);
  });

  it('exits 2 for --max-warnings that is not a number', async () => {
    const result = await runPlan(['check', 'tests/fixtures/valid', '--max-warnings', 'some']);
    expect(result.code).toBe(2);
  });

  it('starts a bad option\'s message with `plan: `, like every other refusal', async () => {
    const result = await runPlan(['check', 'tests/fixtures/valid', '--colour']);
    expect(result.stderr).toMatch(/^plan: /);
  });
});

describe('plan check without DIR finds the plan', () => {
  it('in the working directory when it holds plan.yaml', async () => {
    const result = await runPlan(['check'], { cwd: fixture('valid') });
    expect(result.code).toBe(0);
    // The plan folder is the working directory, so it is named in words rather than as `.`.
    expect(result.stdout).toBe('✔ No problems found in this plan.\n');
  });

  it('under ./plans when there is exactly one plan there', async () => {
    const root = makeTempDir();
    copyPlan(fixture('broken'), join(root, 'plans', 'only-plan'));
    const result = await runPlan(['check'], { cwd: root });
    expect(result.code).toBe(1);
    expect(stylishFindings(result.stdout)[0]?.file).toBe('plans/only-plan/metrics.yaml');
  });

  it('checks every plan under ./plans when there are several', async () => {
    const root = makeTempDir();
    copyPlan(fixture('valid'), join(root, 'plans', 'north'));
    copyPlan(fixture('broken'), join(root, 'plans', 'south'));
    const result = await runPlan(['check'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✔ No problems found in plans/north.\n');
    expect(stylishFindings(result.stdout)[0]?.file).toBe('plans/south/metrics.yaml');
  });

  it('refuses with exit 2 when there is no plan here, above or below', async () => {
    const result = await runPlan(['check'], { cwd: makeTempDir() });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('plan: No plan folder found: plan.yaml is not in this folder or a folder above it, and there is no plan below it.');
  });
});

describe('plan check output', () => {
  it('has no colour when NO_COLOR is set, even with FORCE_COLOR', async () => {
    const result = await runPlan(['check', 'tests/fixtures/broken'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(result.stdout).not.toContain(ESC);
  });

  it('is coloured with FORCE_COLOR=1', async () => {
    const result = await runPlan(['check', 'tests/fixtures/broken'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(result.stdout).toContain(`${ESC}31merror`);
    expect(result.stdout).toContain(`${ESC}4mtests/fixtures/broken/metrics.yaml${ESC}24m`);
  });

  it('has no colour when piped and neither variable is set', async () => {
    const result = await runPlan(['check', 'tests/fixtures/broken'], { env: { NO_COLOR: undefined } });
    expect(result.stdout).not.toContain(ESC);
  });

  it('is the same on every run', async () => {
    for (const format of formatNames) {
      const first = await runPlan(['check', 'broken', '--format', format], { cwd: fixtures });
      const second = await runPlan(['check', 'broken', '--format', format], { cwd: fixtures });
      expect(second.stdout, format).toBe(first.stdout);
    }
  });

  it('is the same wherever the plan was copied to, apart from the path', async () => {
    const copy = copyPlan(fixture('broken'));
    const original = await runPlan(['check', '.', '--format', 'json'], { cwd: fixture('broken') });
    const copied = await runPlan(['check', '.', '--format', 'json'], { cwd: copy });
    expect(copied.stdout).toBe(original.stdout);
  });
});
