// The action's post step: removes what a killed main step left behind (its containers, the baseline worktree).
// The runner always runs it, also after a cancelled or killed main step.
import * as core from '@actions/core';
import { existsSync } from 'node:fs';
import { removeWorktreeNow } from '../git/git.js';
import { removeContainer, removeContainersOwnedBy } from '../docker/container.js';
import { Docker } from '../docker/exec.js';
import { STATE_OWNER, STATE_SMOKE_CONTAINER, STATE_WORKTREE } from './state.js';

export interface PostDependencies {
  docker: Docker;
  /** What the main step saved (core.getState); '' when it saved nothing under that name. */
  getState: (name: string) => string;
  info: (message: string) => void;
  worktreeExists?: (directory: string) => boolean;
  removeWorktree?: (root: string, directory: string) => void;
}

export async function runPost(deps: PostDependencies): Promise<void> {
  const { docker, getState, info } = deps;
  for (const name of getState(STATE_SMOKE_CONTAINER).split(',').filter(Boolean)) {
    if (await removeContainer(docker, name).catch(() => false)) info(`Removed the smoke container ${name} left by the main step`);
  }
  const owner = getState(STATE_OWNER);
  if (owner) {
    const removed = await removeContainersOwnedBy(docker, owner).catch(() => []);
    if (removed.length > 0) info(`Removed ${removed.length} more container(s) left by the main step: ${removed.join(', ')}`);
  }
  const worktree = getState(STATE_WORKTREE);
  if (worktree) {
    const { root, directory } = JSON.parse(worktree) as { root: string; directory: string };
    if ((deps.worktreeExists ?? existsSync)(directory)) {
      (deps.removeWorktree ?? removeWorktreeNow)(root, directory);
      info(`Removed the baseline worktree ${directory} left by the main step`);
    }
  }
}

/** The post step as the runner runs it: the runner's saved state and log. */
export function runPostStep(): Promise<void> {
  return runPost({ docker: new Docker(), getState: (name) => core.getState(name), info: (message) => core.info(message) });
}
