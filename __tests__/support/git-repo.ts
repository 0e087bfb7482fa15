// git for the tests that make repositories of their own: one identity, and a checkout of one commit, one
// deep, as actions/checkout leaves it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';

export const GIT_IDENTITY = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };

/** Runs git in `cwd` and returns its trimmed output. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_IDENTITY } }).trim();
}

/** A new directory under `parent` holding `commit` of the bare repository, fetched one deep; origin is `url`. */
export function shallowCheckout(parent: string, bare: string, commit: string, url = `file://${bare}`): string {
  const directory = mkdtempSync(path.join(parent, 'checkout-'));
  git(directory, 'init', '--quiet');
  git(directory, 'remote', 'add', 'origin', url);
  git(directory, 'fetch', '--quiet', '--depth=1', `file://${bare}`, commit);
  git(directory, 'checkout', '--quiet', '--detach', commit);
  return directory;
}
