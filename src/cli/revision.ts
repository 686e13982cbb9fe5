// A plan folder as it was at a git revision, compiled in memory: what `plan diff` compares, and what a
// build tells "What's new since" an edition against. Nothing is checked out; git itself reads the files.

import { commitOf, gitPlaceOf, readPlanAtRevision, revisionNames, RevisionError } from '../load/git-revision.js';
import { compileTexts } from '../compile-texts.js';
import type { Compilation } from '../pipeline.js';
import { didYouMean } from '../suggest.js';
import { CannotRun, displayPath } from './shared.js';

export interface CompiledRevision {
  /** The full id of the commit the revision names. */
  commit: string;
  compilation: Compilation;
}

/** What to say when a revision cannot be read, for the command that asked for it. */
export interface RevisionWords {
  /** How the revision was asked for, to begin a sentence: "`main`", "Edition `jfp-2023`'s revision `v1`". */
  asked: string;
  /** The message when it names no commit, given the repository in words: "… is not a revision of this git repository." */
  notARevision: (repository: string) => string;
  notInGitHint: string;
  notARevisionHint: string;
  notThereHint: string;
}

/**
 * Reads and compiles the plan folder `planDir` at `revision`. Refuses, saying how to mend it, when the
 * folder is not in a git repository, the revision names no commit, or the plan is not there at it.
 * Given `compiled`, a commit compiled before is taken from it (a commit's files never change).
 */
export function compileRevision(planDir: string, revision: string, words: RevisionWords, compiled?: Map<string, CompiledRevision>): CompiledRevision {
  const folder = displayPath(planDir);
  try {
    const place = gitPlaceOf(planDir);
    if (!place) throw new CannotRun(`${folder} is not in a git repository, so ${words.asked} cannot be read as a revision of it.`, words.notInGitHint);
    const commit = commitOf(place, revision);
    if (!commit) {
      const repository = displayPath(place.root) === '.' ? 'this git repository' : `the git repository at ${displayPath(place.root)}`;
      throw new CannotRun(`${words.notARevision(repository)}${didYouMean(revision, ['HEAD', ...revisionNames(place)])}`, words.notARevisionHint);
    }
    const known = compiled?.get(commit);
    if (known) return known;
    const read = readPlanAtRevision(place, commit);
    if (!read) throw new CannotRun(`The plan folder ${folder} is not there at ${words.asked} (${commit.slice(0, 7)}): that commit has no ${place.manifest}.`, words.notThereHint);
    const result = { commit, compilation: compileTexts(read.files, {}, read.diagnostics) };
    compiled?.set(commit, result);
    return result;
  } catch (error) {
    if (error instanceof RevisionError) throw new CannotRun(error.message, error.hint);
    throw error;
  }
}
