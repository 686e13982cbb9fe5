// `plan diff OLD [NEW] [DIR]`: what changed between two versions of a plan, each a plan folder or a git
// revision of one. Exit 0 when nothing changed, 1 when something did, 2 when it could not compare.

import { summarise } from '../diagnostic.js';
import { diffPlans, hasChanges, type PlanVersion } from '../diff/plan-diff.js';
import { commitOf, gitPlaceOf, readPlanAtRevision, revisionNames, RevisionError } from '../load/git-revision.js';
import type { Plan } from '../link/plan-graph.js';
import { compilePlan, compileTexts, type Compilation } from '../pipeline.js';
import { loadDiffFormatter, type DiffFormatName } from '../render/diff/index.js';
import { terminalText } from '../report/terminal-text.js';
import { didYouMean } from '../suggest.js';
import { useColour, write } from './output.js';
import { CannotRun, EXIT_OK, EXIT_PROBLEMS, displayPath, findPlanFolder, isPlanPath } from './shared.js';

export interface DiffOptions {
  format: DiffFormatName;
  cache?: boolean;
  allowOutside?: boolean;
}

/** One side of the comparison, once read: the version and its linked plan. */
interface Side {
  version: PlanVersion;
  plan: Plan;
}

export async function runDiff(oldArg: string, newArg: string | undefined, dirArg: string | undefined, options: DiffOptions): Promise<number> {
  const usage = 'plan diff OLD NEW';
  if (newArg === undefined && isPlanPath(oldArg)) {
    throw new CannotRun(`${oldArg} is a plan folder, and there is nothing to compare it with.`, 'Give two versions: plan diff OLD NEW, each a plan folder or a git revision (plan diff REV compares REV with the working tree).');
  }
  const folderSides = [oldArg, newArg].filter((arg): arg is string => arg !== undefined && isPlanPath(arg));
  // Revisions are read at the path of this plan folder in its repository; two folders need none.
  const planDir = () => (dirArg !== undefined ? findPlanFolder(dirArg, usage).dir : findPlanFolder(folderSides.length === 1 ? folderSides[0] : undefined, usage).dir);
  const side = async (arg: string | undefined): Promise<Side> => {
    if (arg === undefined) return folderSide(planDir(), options);
    return isPlanPath(arg) ? folderSide(findPlanFolder(arg, usage).dir, options) : revisionSide(planDir(), arg);
  };
  const before = await side(oldArg);
  const after = await side(newArg);
  const report = { old: before.version, new: after.version, diff: diffPlans(before.plan, after.plan) };
  const formatter = await loadDiffFormatter(options.format);
  await write(process.stdout, formatter(report, { colour: useColour(process.stdout) }));
  return hasChanges(report.diff) ? EXIT_PROBLEMS : EXIT_OK;
}

async function folderSide(planDir: string, options: DiffOptions): Promise<Side> {
  const compilation = await compilePlan(planDir, { cache: options.cache ?? true, allowOutside: options.allowOutside ?? false });
  const version: PlanVersion = { folder: displayPath(planDir), revision: undefined, commit: undefined };
  return { version, plan: await linkedPlan(compilation, displayPath(planDir)) };
}

async function revisionSide(planDir: string, revision: string): Promise<Side> {
  const folder = displayPath(planDir);
  try {
    const place = gitPlaceOf(planDir);
    if (!place) {
      throw new CannotRun(`${folder} is not in a git repository, so \`${revision}\` cannot be read as a revision of it.`, 'Give two plan folders to compare, or run plan diff in a git repository.');
    }
    const commit = commitOf(place, revision);
    if (!commit) {
      const repository = displayPath(place.root) === '.' ? 'this git repository' : `the git repository at ${displayPath(place.root)}`;
      throw new CannotRun(`\`${revision}\` is neither a plan folder nor a revision of ${repository}.${didYouMean(revision, ['HEAD', ...revisionNames(place)])}`,
        'Give a branch, a tag or a commit id (git log --oneline lists commits), or the path of a plan folder.');
    }
    const read = readPlanAtRevision(place, commit);
    if (!read) {
      throw new CannotRun(`The plan folder ${folder} is not there at \`${revision}\` (${commit.slice(0, 7)}): that commit has no ${place.manifest}.`,
        'Give a revision at which the plan was in this folder, or give the plan folder to compare (plan diff OLD NEW DIR).');
    }
    const version: PlanVersion = { folder, revision, commit };
    return { version, plan: await linkedPlan(compileTexts(read.files, {}, read.diagnostics), `\`${revision}\` (${commit.slice(0, 7)})`) };
  } catch (error) {
    if (error instanceof RevisionError) throw new CannotRun(error.message, error.hint);
    throw error;
  }
}

/** The linked plan of a version; its errors are said on stderr, since the comparison is of what could be read. */
async function linkedPlan(compilation: Compilation, where: string): Promise<Plan> {
  const { errors } = summarise(compilation.diagnostics);
  if (!compilation.plan) {
    const first = compilation.diagnostics.find((d) => d.severity === 'error');
    throw new CannotRun(`The plan at ${where} cannot be read well enough to compare it${first ? `: ${first.file}:${first.line}:${first.column}: ${first.message}` : '.'}`, 'Run plan check on it to see what is wrong.');
  }
  if (errors > 0) await write(process.stderr, `plan: the plan at ${terminalText(where)} has ${errors === 1 ? '1 error' : `${errors} errors`}; the comparison is of what could be read. Run plan check to see ${errors === 1 ? 'it' : 'them'}.\n`);
  return compilation.plan;
}
