// The action's post step: removes a smoke container that a killed main step left behind.
import * as core from '@actions/core';
import { Docker } from './docker/exec.js';
import { existsSync } from 'node:fs';
import { removeWorktreeNow } from './cancel.js';
import { STATE_SMOKE_CONTAINER, STATE_WORKTREE } from './state.js';

const names = core.getState(STATE_SMOKE_CONTAINER).split(',').filter(Boolean);
for (const name of names) {
  const removed = await new Docker().run(['rm', '--force', '--volumes', name], { allowFailure: true }).catch(() => undefined);
  if (removed && removed.exitCode === 0 && removed.stdout.toString().trim() !== '')
    core.info(`Removed the smoke container ${name} left by the main step`);
}

const worktree = core.getState(STATE_WORKTREE);
if (worktree) {
  const { root, directory } = JSON.parse(worktree) as { root: string; directory: string };
  if (existsSync(directory)) {
    removeWorktreeNow(root, directory);
    core.info(`Removed the baseline worktree ${directory} left by the main step`);
  }
}
