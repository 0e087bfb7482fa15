// Work the gate starts but need not wait for at once: removing a smoke container (100 to 200 ms of the
// engine's time) while the layers are read. It must still be over before anything it would disturb (the
// next smoke test) and before the gate returns, so the gate leaves nothing behind.
export class BackgroundWork {
  readonly #pending = new Set<Promise<void>>();

  /** Tracks `work`; its failure is the work's own business (removals run with allowFailure). */
  start(work: Promise<unknown>): void {
    const tracked: Promise<void> = work
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }

  /** Resolves once every piece of work started so far, and any it started in turn, is over. */
  async drain(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  get size(): number {
    return this.#pending.size;
  }
}
