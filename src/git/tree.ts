// The git calls change detection (changed-only) makes: compare paths between two commits, read a blob, list a
// tree's submodules, and ask whether the work tree holds anything the head commit does not. Every path is
// passed to git literally (--literal-pathspecs): a folder named `:lit` or `*` is that folder, never pathspec
// magic or a glob. A failure is a GateError of the changed-only step, which its caller turns into a rebuild.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GateError } from '../common/errors.js';
import { ProcessResult } from '../exec/process.js';
import { gitReason, GitUnavailableError, runGit } from './run.js';

async function git(root: string, args: string[]): Promise<ProcessResult> {
  try {
    return await runGit(root, ['--literal-pathspecs', ...args]);
  } catch (error) {
    if (error instanceof GitUnavailableError) throw new GateError('changed-only', error.message, { cause: error });
    throw error;
  }
}

function failed(args: string[], result: ProcessResult): GateError {
  return new GateError('changed-only', `git ${args[0]} failed: ${gitReason(args, result)}`);
}

/** The first path at or under `paths` (relative to the root) that differs between two commits, or undefined. */
export async function firstDifference(root: string, base: string, head: string, paths: string[]): Promise<string | undefined> {
  const args = ['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', '--no-textconv', base, head, '--', ...paths];
  const result = await git(root, args);
  if (result.exitCode !== 0) throw failed(args, result);
  const first = result.stdout.toString('utf8').split('\0')[0];
  return first || undefined;
}

/** A file's bytes at a commit as git stores them, or undefined when the commit has no blob there. */
export async function blobAt(root: string, commit: string, file: string): Promise<Buffer | undefined> {
  const object = `${commit}:${file}`;
  const type = await git(root, ['cat-file', '-t', object]);
  if (type.exitCode !== 0 || type.stdout.toString('utf8').trim() !== 'blob') return undefined;
  const args = ['cat-file', 'blob', object];
  const result = await git(root, args);
  if (result.exitCode !== 0 || result.stdoutCut) throw failed(args, result);
  return result.stdout;
}

/** The NUL-separated records git printed for `args`; undefined when there were more than its output cap keeps. */
async function nulSeparatedLines(root: string, args: string[]): Promise<string[] | undefined> {
  const result = await git(root, args);
  if (result.exitCode !== 0) throw failed(args, result);
  return result.stdoutCut ? undefined : result.stdout.toString('utf8').split('\0').filter(Boolean);
}

/** Every file of the tree of `commit` at or under `paths`, each saying whether it is a submodule (a gitlink); undefined when too many to list. */
export async function treeEntries(
  root: string,
  commit: string,
  paths: string[],
): Promise<{ path: string; submodule: boolean }[] | undefined> {
  const entries = await nulSeparatedLines(root, ['ls-tree', '-r', '-z', commit, '--', ...paths]);
  return entries?.map((entry) => ({ path: entry.slice(entry.indexOf('\t') + 1), submodule: entry.startsWith('160000 ') }));
}

/** Every path that differs between two commits, or undefined when there are too many to list. */
export async function changedPaths(root: string, base: string, head: string): Promise<string[] | undefined> {
  return nulSeparatedLines(root, ['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', '--no-textconv', base, head]);
}

/**
 * Every path at or under `paths` where the work tree differs from the checked-out commit: modified, staged,
 * untracked or ignored (a build step's output, an installed node_modules). Undefined when too many to list.
 */
export async function workTreeDifferences(root: string, paths: string[]): Promise<string[] | undefined> {
  const entries = await nulSeparatedLines(root, [
    'status',
    '--porcelain=v1',
    '-z',
    '--ignored=matching',
    '--untracked-files=all',
    '--no-renames',
    '--',
    ...paths,
  ]);
  return entries?.map((entry) => entry.slice(3));
}

/** Whether the repository's own attributes file ($GIT_DIR/info/attributes, never versioned) sets anything. */
export async function localAttributesSet(root: string): Promise<boolean> {
  const args = ['rev-parse', '--git-path', 'info/attributes'];
  const result = await git(root, args);
  if (result.exitCode !== 0) throw failed(args, result);
  const text = await readFile(path.resolve(root, result.stdout.toString('utf8').trim()), 'utf8').catch(() => '');
  return text.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('#'));
}

/**
 * The work tree around `directory`: its root as the runner names it (`directory` and git's --show-cdup, links
 * unresolved) and the commit checked out. Undefined outside a work tree, or before the first commit.
 */
export async function checkedOut(directory: string): Promise<{ root: string; head: string } | undefined> {
  const result = await git(directory, ['rev-parse', '--show-cdup', '--verify', 'HEAD']).catch(() => undefined);
  if (!result || result.exitCode !== 0) return undefined;
  const [cdup, head] = result.stdout.toString('utf8').split('\n');
  return head ? { root: path.resolve(directory, cdup), head: head.trim() } : undefined;
}
