// Names of the values the main step saves for the post step (core.saveState / core.getState).
/** Comma-separated names of the smoke containers the main step started. */
export const STATE_SMOKE_CONTAINER = 'smoke-container';
/** JSON {root, directory} of the baseline worktree while it exists. */
export const STATE_WORKTREE = 'baseline-worktree';
/** `<hostname>:<pid>` of the main step: every container it makes carries it as the image-size-gate.owner label. */
export const STATE_OWNER = 'owner';
