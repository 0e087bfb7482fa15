// Pure: the package view's long parts are generators that pause now and then (the analysis runs them in slices,
// analysis/slices.ts, so that a huge or hostile database never holds the event loop); run one to its end here.

/** How many units of work (files, entries, lines, listed paths) between two points where the view may pause. */
export const UNITS_BETWEEN_PAUSES = 2048;

/** Runs a paused computation to its end at once (for callers that need its result now, and tests). */
export function finish<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
