// An item written with a schema error is reported once, where it is broken. Link keeps a stand-in for
// it, so the references to it resolve, and the rules drop every finding that touches it: nothing that
// only follows from the broken item is reported a second time.

import { describe, expect, it } from 'vitest';
import { compileFixture, onlyFindingOf, yaml } from '../helpers/plan-fixture.js';

describe('an item with a schema error', () => {
  it('becomes a stand-in in the plan, under its own id', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: nationwide
            portfolio: urgent-care
      `,
    });
    const standIn = compilation.plan?.byId.get('bed-occupancy');
    expect(standIn).toMatchObject({ kind: 'objective', standIn: true });
    // What is valid in it is kept, so the stand-in links like the item it stands for.
    expect(compilation.plan?.portfolios.find((p) => p.id === 'urgent-care')?.objectives.map((o) => o.id)).toEqual(['ae-4-hours', 'bed-occupancy']);
  });

  it('is not reported again by the rules about it: only its schema error is', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: nationwide
      `,
    });
    // No owner, no target, no action: each would be a finding of a sound objective.
    expect(compilation.diagnostics.map((d) => [d.rule, d.subject])).toEqual([['schema', 'bed-occupancy']]);
  });
});

describe('references to an item with a schema error', () => {
  it('resolve, so they are reported neither as references to nothing nor as broken threads', () => {
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
    expect(compilation.diagnostics.map((d) => [d.rule, d.subject])).toEqual([['schema', 'bed-occupancy']]);
    expect(compilation.plan?.actions.find((a) => a.id === 'discharge-hub')?.objectives.map((o) => o.id)).toEqual(['bed-occupancy']);
  });

  it('do not report the thread of everything beneath a broken priority as stopping there', () => {
    const compilation = compileFixture({
      test: yaml`
        priorities:
          - id: tackle-inequalities
            title: Tackle inequalities in outcomes and access
            aim: 42
        portfolios:
          - id: community-services
            name: Community services
            priorities: [tackle-inequalities]
        objectives:
          - id: community-response
            title: Respond to urgent community referrals within two hours
            source: local
            portfolio: community-services
            target: { measure: Referrals answered within two hours, value: 70, unit: '%', by: 2025-03-31 }
        actions:
          - id: two-hour-response
            title: Staff a two-hour community response team
            objectives: [community-response]
      `,
    });
    expect(compilation.diagnostics.map((d) => [d.rule, d.subject])).toEqual([['schema', 'tackle-inequalities']]);
  });

  it('do not report an objective as owned by nothing when its portfolio has a schema error', () => {
    const compilation = compileFixture({
      test: yaml`
        portfolios:
          - id: community-services
            name: Community services
            priorities: prevention
        objectives:
          - id: community-response
            title: Respond to urgent community referrals within two hours
            source: local
            portfolio: community-services
            target: { measure: Referrals answered within two hours, value: 70, unit: '%', by: 2025-03-31 }
        actions:
          - id: two-hour-response
            title: Staff a two-hour community response team
            objectives: [community-response]
      `,
    });
    expect(compilation.diagnostics.map((d) => [d.rule, d.subject])).toEqual([['schema', 'community-services']]);
  });

  it('count for the item that makes them: an objective served only by a broken action is still served', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - id: bed-occupancy
            title: Reduce general and acute bed occupancy
            source: national
            portfolio: urgent-care
            target: { measure: Bed occupancy, value: 92, unit: '%', by: 2025-03-31 }
        actions:
          - id: discharge-hub
            title: Open an integrated discharge hub
            objectives: [bed-occupancy]
            status: begun
      `,
    });
    expect(compilation.diagnostics.map((d) => [d.rule, d.subject])).toEqual([['schema', 'discharge-hub']]);
  });

  it('do not make its owner\'s objectives look missing', () => {
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
    expect(compilation.diagnostics.map((d) => [d.rule, d.subject])).toEqual([['schema', 'talking-therapies']]);
  });

  it('still report a reference to an id that exists nowhere, once, with the broken thread as its context', () => {
    const compilation = compileFixture({
      test: yaml`
        actions:
          - id: discharge-hub
            title: Open an integrated discharge hub
            objectives: [bed-ocupancy]
      `,
    });
    expect(compilation.diagnostics.map((d) => d.rule)).toEqual(['unknown-reference']);
    expect(onlyFindingOf(compilation, 'unknown-reference')).toMatchObject({
      line: 4,
      column: 18,
      message: 'There is no objective with the id `bed-ocupancy`.',
      context: ['So it does not reach the collective aim.'],
    });
  });

  it('cannot resolve to an item with no readable id: such a reference names nothing', () => {
    const compilation = compileFixture({
      test: yaml`
        objectives:
          - title: Reduce general and acute bed occupancy
            source: national
            portfolio: urgent-care
        actions:
          - id: discharge-hub
            title: Open an integrated discharge hub
            objectives: [bed-occupancy]
      `,
    });
    expect(compilation.diagnostics.map((d) => d.rule)).toEqual(['schema', 'unknown-reference']);
  });
});
