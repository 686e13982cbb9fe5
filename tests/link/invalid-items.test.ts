// An item left out of the plan for breaking the language is reported once, where it is broken: the
// references to it, and the rules that would follow them, do not report it again as missing.

import { describe, expect, it } from 'vitest';
import { compileFixture, yaml } from '../helpers/plan-fixture.js';

describe('references to an item with a schema error', () => {
  it('are not reported as references to nothing, nor as broken threads', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
            portfolio: urgent-care
            target: { measure: Bed occupancy, value: 92%, unit: '%' }
        actions:
          - id: discharge-hub
            title: Open an integrated discharge hub
            objectives: [bed-occupancy]
        metrics:
          - id: occupancy
            name: Bed occupancy
            objective: bed-occupancy
      `,
    });
    expect(compilation.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.rule} ${d.subject ?? ''}`)).toEqual(['schema bed-occupancy']);
  });

  it('still reports a reference to an id that exists nowhere', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: discharge-hub
            title: Open an integrated discharge hub
            objectives: [bed-ocupancy]
      `,
    });
    expect(compilation.diagnostics.filter((d) => d.rule === 'unknown-reference')).toHaveLength(1);
    expect(compilation.diagnostics.filter((d) => d.rule === 'action-traces-to-aim')).toHaveLength(1);
  });

  it('does not make its owner\'s objectives look missing', () => {
    const compilation = compileFixture({
      test: yaml`
        portfolios:
          - id: mental-health
            name: Mental health
            priorities: [prevention]
        objectives:
          - id: talking-therapies
            title: More people complete talking therapies
            source: nationally
            portfolio: mental-health
      `,
    });
    expect(compilation.diagnostics.map((d) => d.rule)).not.toContain('portfolio-has-objectives');
    expect(compilation.diagnostics.filter((d) => d.rule === 'schema')).toHaveLength(1);
  });
});
