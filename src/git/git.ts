// The git calls the baseline and the config file need, through the one git runner (run.ts): find the repository,
// make sure a commit is present (fetching it from a shallow checkout), check it out into a throw-away worktree,
// find the merge base, and compare or read paths at a commit.
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GateError } from '../common/errors.js';
import { ProcessResult } from '../exec/process.js';
import { GIT_NETWORK_TIMEOUT_MS, gitReason, GitUnavailableError, runGit, runGitNow } from './run.js';

/** git for the baseline's steps: a git that cannot start fails the baseline step, named as such. */
async function git(args: string[], cwd: string, timeoutMs?: number, env?: Record<string, string>): Promise<ProcessResult> {
  try {
    return await runGit(cwd, args, { timeoutMs, env });
  } catch (error) {
    if (error instanceof GitUnavailableError) throw new GateError('baseline', error.message, { cause: error });
    throw error;
  }
}

export async function repositoryRoot(directory: string): Promise<string> {
  const args = ['rev-parse', '--show-toplevel'];
  const result = await git(args, directory);
  if (result.exitCode !== 0)
    throw new GateError(
      'baseline',
      `"${directory}" is not inside a git repository, so the base commit cannot be built (${gitReason(args, result)}); set baseline to an image or none`,
    );
  return result.stdout.toString('utf8').trim();
}

/**
 * Makes sure `commit` is in the local repository, fetching it when the checkout is shallow. `fetchEnv` gives the
 * fetch the token (git/auth.ts tokenEnvironment): with persist-credentials: false a private repository
 * answers nothing without it.
 */
export async function ensureCommit(
  root: string,
  commit: string,
  log: (message: string) => void,
  fetchEnv?: Record<string, string>,
): Promise<void> {
  if ((await git(['cat-file', '-e', `${commit}^{commit}`], root)).exitCode === 0) return;
  log(`Fetching base commit ${commit.slice(0, 12)} (the checkout does not have it)`);
  const args = ['fetch', '--no-tags', '--depth=1', 'origin', commit];
  const fetched = await git(args, root, GIT_NETWORK_TIMEOUT_MS, fetchEnv);
  if (fetched.exitCode !== 0) {
    throw new GateError(
      'baseline',
      `could not fetch base commit ${commit} (${gitReason(args, fetched, GIT_NETWORK_TIMEOUT_MS)}); give actions/checkout fetch-depth: 0, or set baseline to an image or none`,
    );
  }
}

export interface Worktree {
  directory: string;
  remove(): Promise<void>;
}

/**
 * The two git calls that remove a worktree: unregister it (deleting its files), then prune what is left of the
 * registration. Between them the temporary parent directory is deleted. Shared by the awaited removal and the
 * one a signal handler or the post step makes at once.
 */
function worktreeRemoval(directory: string): { remove: string[]; prune: string[]; parent: string } {
  return { remove: ['worktree', 'remove', '--force', directory], prune: ['worktree', 'prune'], parent: path.dirname(directory) };
}

/** Checks `commit` out into a new temporary worktree; `remove()` deletes it and its registration. */
export async function addWorktree(root: string, commit: string): Promise<Worktree> {
  const parent = await mkdtemp(path.join(tmpdir(), 'image-size-gate-base-'));
  const directory = path.join(parent, 'tree');
  const args = ['worktree', 'add', '--detach', directory, commit];
  const added = await git(args, root);
  if (added.exitCode !== 0) {
    await rm(parent, { recursive: true, force: true });
    throw new GateError('baseline', `could not check out base commit ${commit.slice(0, 12)} into a worktree: ${gitReason(args, added)}`);
  }
  return {
    directory,
    remove: async () => {
      const removal = worktreeRemoval(directory);
      await git(removal.remove, root);
      await rm(removal.parent, { recursive: true, force: true });
      await git(removal.prune, root);
    },
  };
}

/** Removes a baseline worktree at once, synchronously (from a signal handler, and by the post step). */
export function removeWorktreeNow(root: string, directory: string): void {
  const removal = worktreeRemoval(directory);
  runGitNow(root, removal.remove);
  rmSync(removal.parent, { recursive: true, force: true });
  runGitNow(root, removal.prune);
}

/** How deep the base and head are fetched, in turn, to find where they meet in a shallow checkout. */
const MERGE_BASE_DEPTHS = [64, 512];

/**
 * Where the pull request's head left its base (git merge-base), fetching more of both histories when the
 * checkout is too shallow to tell; undefined when even the deepest fetch does not reach it.
 */
export async function mergeBase(
  root: string,
  base: string,
  head: string,
  log: (message: string) => void,
  fetchEnv?: Record<string, string>,
): Promise<string | undefined> {
  const find = async () => {
    const result = await git(['merge-base', base, head], root);
    return result.exitCode === 0 ? result.stdout.toString('utf8').trim() : undefined;
  };
  const present = async () =>
    (await git(['cat-file', '-e', `${base}^{commit}`], root)).exitCode === 0 &&
    (await git(['cat-file', '-e', `${head}^{commit}`], root)).exitCode === 0;
  if (await present()) {
    const found = await find();
    if (found) return found;
  }
  for (const depth of MERGE_BASE_DEPTHS) {
    log(`Fetching ${depth} commits of the base and the head to find their merge base (the checkout is shallow)`);
    const fetched = await git(
      ['fetch', '--quiet', '--no-tags', `--depth=${depth}`, 'origin', base, head],
      root,
      GIT_NETWORK_TIMEOUT_MS,
      fetchEnv,
    );
    if (fetched.exitCode !== 0) {
      log(`Could not fetch the base and the head: ${gitReason(['fetch'], fetched, GIT_NETWORK_TIMEOUT_MS)}`);
      return undefined;
    }
    const found = await find();
    if (found) return found;
  }
  return undefined;
}

/** The committer time of a commit (ISO 8601), fetching nothing. */
export async function commitTime(root: string, commit: string): Promise<string> {
  const args = ['show', '-s', '--format=%cI', commit];
  const result = await git(args, root);
  if (result.exitCode !== 0) throw new GateError('baseline', `could not read commit ${commit.slice(0, 12)}: ${gitReason(args, result)}`);
  return result.stdout.toString('utf8').trim();
}

/** Whether any file under `paths` (relative to the root) differs between two commits (both present). */
export async function pathsChanged(root: string, base: string, head: string, paths: string[]): Promise<boolean> {
  const args = ['diff', '--quiet', base, head, '--', ...paths];
  const result = await git(args, root);
  if (result.exitCode > 1)
    throw new GateError('baseline', `could not compare ${base.slice(0, 12)} with ${head.slice(0, 12)}: ${gitReason(args, result)}`);
  return result.exitCode === 1;
}

/** A file's text at a commit, or undefined when the commit has no such file. */
export async function fileAt(root: string, commit: string, file: string): Promise<string | undefined> {
  const result = await git(['show', `${commit}:${file}`], root);
  return result.exitCode === 0 ? result.stdout.toString('utf8') : undefined;
}

/** The commit the first of `refs` that exists points at, or undefined when none does. */
export async function firstCommitOf(root: string, refs: string[]): Promise<string | undefined> {
  for (const ref of refs) {
    const result = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
    if (result.exitCode === 0) return result.stdout.toString('utf8').trim();
  }
  return undefined;
}
