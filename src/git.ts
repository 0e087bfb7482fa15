// The git calls the baseline needs, through one wrapper: find the repository, make sure a commit is
// present (fetching it from a shallow checkout), and check it out into a throw-away worktree.
import { getExecOutput } from '@actions/exec';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { childEnvironment } from './docker/exec.js';
import { GateError } from './errors.js';

async function git(args: string[], cwd: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  try {
    const env = childEnvironment() as Record<string, string>;
    return await getExecOutput('git', args, { cwd, silent: true, ignoreReturnCode: true, env });
  } catch (error) {
    throw new GateError('baseline', `git is not available: ${(error as Error).message}`, { cause: error });
  }
}

function lastLine(text: string): string {
  return text.trim().split(/\r?\n/).at(-1) ?? '';
}

export async function repositoryRoot(directory: string): Promise<string> {
  const result = await git(['rev-parse', '--show-toplevel'], directory);
  if (result.exitCode !== 0)
    throw new GateError(
      'baseline',
      `"${directory}" is not inside a git repository, so the base commit cannot be built (${lastLine(result.stderr)}); set baseline to an image or none`,
    );
  return result.stdout.trim();
}

/** Makes sure `commit` is in the local repository, fetching it when the checkout is shallow. */
export async function ensureCommit(root: string, commit: string, log: (message: string) => void): Promise<void> {
  if ((await git(['cat-file', '-e', `${commit}^{commit}`], root)).exitCode === 0) return;
  log(`Fetching base commit ${commit.slice(0, 12)} (the checkout does not have it)`);
  const fetched = await git(['fetch', '--no-tags', '--depth=1', 'origin', commit], root);
  if (fetched.exitCode !== 0) {
    throw new GateError(
      'baseline',
      `could not fetch base commit ${commit} (${lastLine(fetched.stderr)}); give actions/checkout fetch-depth: 0, or set baseline to an image or none`,
    );
  }
}

export interface Worktree {
  directory: string;
  remove(): Promise<void>;
}

/** Checks `commit` out into a new temporary worktree; `remove()` deletes it and its registration. */
export async function addWorktree(root: string, commit: string): Promise<Worktree> {
  const parent = await mkdtemp(path.join(tmpdir(), 'image-size-gate-base-'));
  const directory = path.join(parent, 'tree');
  const added = await git(['worktree', 'add', '--detach', directory, commit], root);
  if (added.exitCode !== 0) {
    await rm(parent, { recursive: true, force: true });
    throw new GateError('baseline', `could not check out base commit ${commit.slice(0, 12)} into a worktree: ${lastLine(added.stderr)}`);
  }
  return {
    directory,
    remove: async () => {
      await git(['worktree', 'remove', '--force', directory], root);
      await rm(parent, { recursive: true, force: true });
      await git(['worktree', 'prune'], root);
    },
  };
}
