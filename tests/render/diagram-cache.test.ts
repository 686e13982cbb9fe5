// The diagram is drawn once for what it shows: an edit that leaves the drawing as it was draws nothing
// again, and an edit to anything the diagram shows draws it afresh.

import { describe, expect, it } from 'vitest';
import { Thread } from '../../src/link/thread.js';
import { DiagramCache } from '../../src/render/diagram/cache.js';
import { threadDiagram } from '../../src/render/diagram/svg.js';
import { BASE_SYSTEM, compileFixture } from '../helpers/plan-fixture.js';

const options = { href: () => undefined, title: 'The golden thread' };
const threadOf = (system: string) => new Thread(compileFixture({ system }).plan!);

describe('DiagramCache', () => {
  it('draws the same SVG as the diagram drawn without it', async () => {
    const thread = threadOf(BASE_SYSTEM);
    expect(await new DiagramCache().diagram(thread, options)).toBe(await threadDiagram(thread, options));
  });

  it('does not draw again after an edit the diagram does not show (a target figure)', async () => {
    const cache = new DiagramCache();
    const first = await cache.diagram(threadOf(BASE_SYSTEM), options);
    const second = await cache.diagram(threadOf(BASE_SYSTEM.replace('value: 76', 'value: 78')), options);
    expect(cache.draws).toBe(1);
    expect(second).toBe(first);
  });

  it('draws again after an edit the diagram shows (an objective\'s title)', async () => {
    const cache = new DiagramCache();
    await cache.diagram(threadOf(BASE_SYSTEM), options);
    const retitled = await cache.diagram(threadOf(BASE_SYSTEM.replace('title: Patients seen within four hours in A&E', 'title: Patients seen within four hours')), options);
    expect(cache.draws).toBe(2);
    expect(retitled).toContain('Patients seen within four hours');
    expect(retitled).not.toContain('four hours in A&amp;E');
  });
});
