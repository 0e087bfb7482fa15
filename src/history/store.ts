// The history branch, moved with git's plumbing in a scratch repository of its own, outside the checkout: the
// branch's tip is fetched there one commit deep (one fetch, however long the history), read with ls-tree and
// cat-file, and records are committed on top of it and pushed from there. The checkout's .git is never
// written: a build context that holds it (COPY . . without a .dockerignore) must not carry the history's
// objects into the image the gate measures. The token reaches only the fetch and push commands, through their
// environment; it is never written to any config file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ProcessResult } from '../exec/process.js';
import { tokenEnvironment } from '../git/auth.js';
import { GitCallOptions, GIT_NETWORK_TIMEOUT_MS, gitReason, GitUnavailableError, runGit } from '../git/run.js';

/** How many times a push rejected by a concurrent one is rebuilt on the new tip and tried again. */
export const PUSH_ATTEMPTS = 6;

/** Who the history commits are by: GitHub's bot identity for workflow tokens. */
const COMMIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'github-actions[bot]',
  GIT_AUTHOR_EMAIL: '41898282+github-actions[bot]@users.noreply.github.com',
  GIT_COMMITTER_NAME: 'github-actions[bot]',
  GIT_COMMITTER_EMAIL: '41898282+github-actions[bot]@users.noreply.github.com',
};

/** The history could not be read or written; `permission` when the token may not push (contents: write). */
export class HistoryError extends Error {
  constructor(
    message: string,
    readonly permission = false,
  ) {
    super(message);
  }
}

export interface HistoryRemote {
  /** The repository the gate runs in (its root): its origin is where the branch lives. */
  root: string;
  branch: string;
  /** The remote's name in that repository, or a URL (default origin). */
  remote?: string;
  /** Sent as HTTP basic auth to `serverUrl` by fetch and push only. */
  token?: string;
  /** e.g. https://github.com (the header is scoped to it). */
  serverUrl?: string;
}

/** git for the history's steps: a git that cannot start, or a command that fails, is a HistoryError. */
async function git(root: string, args: string[], options: GitCallOptions = {}): Promise<ProcessResult> {
  try {
    return await runGit(root, args, options);
  } catch (error) {
    if (error instanceof GitUnavailableError) throw new HistoryError(error.message);
    throw error;
  }
}

async function gitOk(root: string, args: string[], options: GitCallOptions = {}): Promise<string> {
  const result = await git(root, args, options);
  if (result.exitCode !== 0) throw new HistoryError(gitReason(args, result, options.timeoutMs));
  return result.stdout.toString('utf8');
}

/** What a server says when the token may read but not write (GitHub: 403; "Permission to o/r denied"). */
const PERMISSION_DENIED = /\b403\b|permission to .* denied|write access to repository not granted|not allowed to push|denied to/i;
/**
 * What a push says when the branch moved meanwhile (a concurrent recorder won the race). Not any "rejected": a
 * branch protection rule's "[remote rejected] (protected branch hook declined)" is final, not a race.
 */
const PUSH_RACE =
  /non-fast-forward|fetch first|cannot lock ref|failed to update ref|incorrect old value|stale info|reference already exists/i;
/** What a fetch says when the branch does not exist (yet). */
const NO_SUCH_REF = /couldn't find remote ref|no such ref|not our ref/i;

/** The URL of the remote: a remote's name is looked up in the checkout; a relative path is made absolute. */
async function remoteUrl(remote: HistoryRemote): Promise<string> {
  const name = remote.remote ?? 'origin';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name) || path.isAbsolute(name)) return name;
  const url = (await gitOk(remote.root, ['remote', 'get-url', name])).trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^[^/]+@[^/]+:/.test(url) || path.isAbsolute(url)) return url;
  return path.resolve(remote.root, url);
}

/** A fetched tip of the history branch in a scratch repository; `release()` deletes the repository. */
export interface FetchedHistory {
  /** The scratch repository that holds the tip: read it with listFiles and readFiles. */
  gitDir: string;
  /** The tip commit, or undefined when the branch does not exist yet. */
  tip?: string;
  /** The remote's URL, as fetched from. */
  url: string;
  release(): Promise<void>;
}

const TIP_REF = 'refs/image-size-gate/tip';

/** Fetches the branch's tip, one commit deep, into a new scratch repository: the only network call a reader makes. */
export async function fetchHistory(remote: HistoryRemote): Promise<FetchedHistory> {
  const url = await remoteUrl(remote);
  const gitDir = await mkdtemp(path.join(tmpdir(), 'image-size-gate-history-'));
  const release = () => rm(gitDir, { recursive: true, force: true });
  try {
    await gitOk(gitDir, ['init', '--quiet', '--bare']);
    const args = ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--depth=1', url, `+refs/heads/${remote.branch}:${TIP_REF}`];
    const result = await git(gitDir, args, { env: tokenEnvironment(remote.token, remote.serverUrl), timeoutMs: GIT_NETWORK_TIMEOUT_MS });
    if (result.exitCode !== 0) {
      if (NO_SUCH_REF.test(result.stderr)) return { gitDir, url, release };
      throw new HistoryError(
        `could not fetch branch ${remote.branch}: ${gitReason(args, result, GIT_NETWORK_TIMEOUT_MS)}`,
        PERMISSION_DENIED.test(result.stderr),
      );
    }
    const tip = (await gitOk(gitDir, ['rev-parse', '--verify', `${TIP_REF}^{commit}`])).trim();
    return { gitDir, tip, url, release };
  } catch (error) {
    await release();
    throw error;
  }
}

/** Every path in the tree of `commit` under `prefix` (a directory, without its trailing slash). */
export async function listFiles(root: string, commit: string, prefix?: string): Promise<string[]> {
  const args = ['ls-tree', '-r', '-z', '--name-only', commit, ...(prefix ? ['--', `${prefix}/`] : [])];
  return (await gitOk(root, args)).split('\0').filter(Boolean);
}

/** The contents of several files of `commit`, in one git call; a file that is not a blob maps to undefined. */
export async function readFiles(root: string, commit: string, paths: string[]): Promise<Map<string, Buffer | undefined>> {
  const files = new Map<string, Buffer | undefined>();
  if (paths.length === 0) return files;
  // Paths with a newline cannot be asked for on cat-file's line protocol; our layout never makes one.
  const asked = paths.filter((file) => !/[\n\r]/.test(file));
  const result = await git(root, ['cat-file', '--batch'], { stdin: asked.map((file) => `${commit}:${file}\n`).join('') });
  if (result.exitCode !== 0) throw new HistoryError(gitReason(['cat-file'], result));
  const out = result.stdout;
  let at = 0;
  for (const file of asked) {
    const end = out.indexOf(0x0a, at);
    if (end < 0) break;
    const header = out.subarray(at, end).toString('utf8');
    at = end + 1;
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!match) {
      files.set(file, undefined);
      continue;
    }
    const size = Number(match[2]);
    files.set(file, match[1] === 'blob' ? out.subarray(at, at + size) : undefined);
    at += size + 1;
  }
  return files;
}

/** A new commit holding `parent`'s tree plus `files`, made with a temporary index. */
async function commitOnTop(root: string, parent: string | undefined, files: { path: string; content: string }[], message: string) {
  const scratch = await mkdtemp(path.join(tmpdir(), 'image-size-gate-index-'));
  try {
    const env = { GIT_INDEX_FILE: path.join(scratch, 'index') };
    if (parent) await gitOk(root, ['read-tree', parent], { env });
    for (const file of files) {
      const blob = (await gitOk(root, ['hash-object', '-w', '--stdin'], { stdin: file.content })).trim();
      await gitOk(root, ['update-index', '--add', '--cacheinfo', `100644,${blob},${file.path}`], { env });
    }
    const tree = (await gitOk(root, ['write-tree'], { env })).trim();
    const args = ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message];
    return (await gitOk(root, args, { env: { ...env, ...COMMIT_IDENTITY } })).trim();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export interface WriteResult {
  commit: string;
  /** How many pushes it took (more than 1: a concurrent recorder pushed first). */
  attempts: number;
  /** The branch did not exist and was created (an orphan). */
  created: boolean;
}

/**
 * Commits `files` to the branch and pushes, never forcing: a push rejected because another recorder moved the
 * branch is rebuilt on the new tip and tried again, up to PUSH_ATTEMPTS times. Each record is its own file,
 * so rebuilding never conflicts.
 */
export async function writeFiles(
  remote: HistoryRemote,
  files: { path: string; content: string }[],
  message: string,
  wait: (attempt: number) => Promise<void> = jitter,
): Promise<WriteResult> {
  const env = tokenEnvironment(remote.token, remote.serverUrl);
  let lastReason = '';
  for (let attempt = 1; attempt <= PUSH_ATTEMPTS; attempt += 1) {
    const fetched = await fetchHistory(remote);
    try {
      const commit = await commitOnTop(fetched.gitDir, fetched.tip, files, message);
      const args = ['push', '--quiet', '--porcelain', fetched.url, `${commit}:refs/heads/${remote.branch}`];
      const pushed = await git(fetched.gitDir, args, { env, timeoutMs: GIT_NETWORK_TIMEOUT_MS });
      if (pushed.exitCode === 0) return { commit, attempts: attempt, created: fetched.tip === undefined };
      const said = `${pushed.stderr}\n${pushed.stdout.toString('utf8')}`;
      lastReason = pushReason(pushed) || gitReason(args, pushed, GIT_NETWORK_TIMEOUT_MS);
      if (PERMISSION_DENIED.test(said)) throw new HistoryError(`could not push to ${remote.branch}: ${lastReason}`, true);
      if (!PUSH_RACE.test(said)) throw new HistoryError(`could not push to ${remote.branch}: ${lastReason}`);
    } finally {
      await fetched.release();
    }
    if (attempt < PUSH_ATTEMPTS) await wait(attempt);
  }
  throw new HistoryError(`could not push to ${remote.branch} after ${PUSH_ATTEMPTS} attempts (${lastReason})`);
}

/** Why a push was refused, in the server's words: its last `remote:` line and the ref's status from --porcelain. */
function pushReason(result: ProcessResult): string {
  const remoteLines = result.stderr.split('\n').filter((line) => line.startsWith('remote: ') && line.trim() !== 'remote:');
  const status = /^!\t[^\t]*\t(.*)$/m.exec(result.stdout.toString('utf8'))?.[1];
  const said = remoteLines.at(-1)?.slice('remote: '.length).trim();
  return [said, status].filter(Boolean).join(': ').slice(0, 500);
}

/** A short random wait that grows with the attempt, so racing recorders do not collide again in step. */
function jitter(attempt: number): Promise<void> {
  const ms = 100 * attempt + Math.floor(Math.random() * 200 * attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
