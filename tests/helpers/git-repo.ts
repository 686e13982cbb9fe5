// A throw-away git repository for tests that compare revisions of a plan: each commit writes (or
// removes) files and is made with a fixed author and date, so a run is the same every time.

import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeTempDir } from './cli.js';

export interface GitRepo {
  root: string;
  /** Writes the files (null removes one), then commits them all; returns the commit id. */
  commit(files: Record<string, string | null>, message: string): string;
  /** Runs git in the repository and returns what it prints, trimmed. */
  git(...args: string[]): string;
}

export function makeGitRepo(): GitRepo {
  const root = makeTempDir('plan-git-');
  let tick = 0;
  const git = (...args: string[]): string => {
    const date = `2024-04-0${Math.min(tick, 9)}T12:00:00Z`;
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 'Planner', GIT_AUTHOR_EMAIL: 'planner@example.org', GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: 'Planner', GIT_COMMITTER_EMAIL: 'planner@example.org', GIT_COMMITTER_DATE: date,
      GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_SYSTEM: '/dev/null',
    };
    return execFileSync('git', args, { cwd: root, env, encoding: 'utf8' }).trim();
  };
  git('init', '--quiet', '--initial-branch=main');
  return {
    root,
    git,
    commit(files, message) {
      tick++;
      for (const [name, text] of Object.entries(files)) {
        const path = join(root, name);
        if (text === null) {
          rmSync(path, { force: true });
        } else {
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, text);
        }
      }
      git('add', '--all');
      git('commit', '--quiet', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
  };
}
