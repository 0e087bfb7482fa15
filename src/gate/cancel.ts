// Cancellation: the runner sends SIGINT, then SIGTERM, then kills. Stop every docker client we started and
// remove our containers at once, synchronously, before the process goes.
import { existsSync } from 'node:fs';
import { ownerId, removeContainerNow, removeContainersOwnedByNow } from '../docker/container.js';
import { Docker } from '../docker/exec.js';
import { removeWorktreeNow } from '../git/git.js';

export interface CancelGuard {
  /** Remembers a container to remove if the run is cancelled. */
  track(containerName: string): void;
  /** Remembers the baseline worktree to remove if the run is cancelled. */
  trackWorktree(root: string, directory: string): void;
  dispose(): void;
}

export function installCancelGuard(docker: Docker, onCancel: (signal: NodeJS.Signals) => void): CancelGuard {
  const containers = new Set<string>();
  const worktrees: { root: string; directory: string }[] = [];
  const handler = (signal: NodeJS.Signals) => {
    docker.killAll('SIGTERM');
    for (const name of containers) removeContainerNow(docker, name);
    // Containers not tracked by name (the stopped one that reads /etc/passwd) carry this process's owner label.
    removeContainersOwnedByNow(docker, ownerId());
    for (const worktree of worktrees) if (existsSync(worktree.directory)) removeWorktreeNow(worktree.root, worktree.directory);
    onCancel(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    track: (name) => containers.add(name),
    trackWorktree: (root, directory) => worktrees.push({ root, directory }),
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
