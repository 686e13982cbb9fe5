// The previous edition of a plan, as git holds it at the revision the plan records for it: what the
// summary's "What's new since" compares the plan with, in `plan build` and in `plan serve` alike.

import type { Plan } from '../link/plan-graph.js';
import type { PreviousEdition } from '../render/views/whats-new.js';
import type { CompiledRevision } from './revision.js';
import { CannotRun } from './shared.js';

/**
 * The plan as its previous edition published it, read from git at that edition's `revision`, for the
 * summary's "What's new since": undefined when the plan has fewer than two editions or the previous one
 * records no revision. A revision that cannot be read stops the build, so the same sources never give
 * a summary with the section on one machine and without it on another. `plan serve` passes `compiled`,
 * so that a revision is read from git once while it names the same commit.
 */
export async function previousEditionOf(planDir: string, plan: Plan, compiled?: Map<string, CompiledRevision>): Promise<PreviousEdition | undefined> {
  const previous = plan.manifest.plan.editions.at(-2);
  if (previous?.revision === undefined) return undefined;
  // Loaded only here: reading a revision parses in memory, with the `yaml` library a clean plan folder never needs.
  const { compileRevision } = await import('./revision.js');
  const revision = previous.revision;
  const asked = `edition \`${previous.id}\`'s revision \`${revision}\``;
  const hint = 'Give `revision:` a tag, branch or commit of this repository at which the plan published that edition, or remove it to build without "What\'s new since".';
  const { commit, compilation } = compileRevision(planDir, revision, {
    asked,
    notARevision: (repository) => `The plan's ${asked} (in plan.yaml) is not a revision of ${repository}.`,
    notInGitHint: hint,
    notARevisionHint: `${hint} In CI, fetch the history and tags (actions/checkout with fetch-depth: 0).`,
    notThereHint: hint,
  }, compiled);
  if (!compilation.plan) {
    throw new CannotRun(`The plan at ${asked} (${commit.slice(0, 7)}) cannot be read well enough to say what is new since it.`, `Run plan check on that revision (git worktree add) to see what is wrong, or ${hint.charAt(0).toLowerCase()}${hint.slice(1)}`);
  }
  return { plan: compilation.plan };
}
