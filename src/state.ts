// Names of the values the main step saves for the post step (core.saveState / core.getState).
export const STATE_SMOKE_CONTAINER = 'smoke-container';
