// Long computations written as generators that pause now and then: run to the end at once (tests, small
// inputs), or in slices of a few milliseconds with a turn of the event loop between them, so that progress
// lines are printed and a cancelling signal is handled while an image with 150,000 deletions is analysed.

/** A computation that yields (nothing) at points where it may be paused, and returns its result. */
export type Steps<T> = Generator<void, T, void>;

/** How many units of work (entries, tree nodes) a computation does between two points where it may pause. */
export const UNITS_BETWEEN_PAUSES = 2048;

/** Runs a computation to its end without pausing. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Lets timers, I/O callbacks and signal handlers run before the caller goes on. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Runs a computation, giving the event loop a turn whenever it has held it for `sliceMs`. */
export async function runInSlices<T>(steps: Steps<T>, sliceMs = 20): Promise<T> {
  let sliceStartedMs = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStartedMs >= sliceMs) {
      await nextTurn();
      sliceStartedMs = performance.now();
    }
  }
}
