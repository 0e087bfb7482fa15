// Names of the values the main step saves for the post step (core.saveState / core.getState).
export const STATE_SMOKE_CONTAINER = 'smoke-container';
/** JSON {root, directory} of the baseline worktree while it exists. */
export const STATE_WORKTREE = 'baseline-worktree';
