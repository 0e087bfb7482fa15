// Errors a user can act on. Each names the step (or input) that failed and says what was expected;
// the entries print `message` alone (and `details`, e.g. a failed build step's output), never a stack trace.
export type GateStep = 'docker' | 'build' | 'image' | 'user' | 'analysis' | 'smoke' | 'baseline' | 'changed-only';

export class GateError extends Error {
  /** Lines that explain the failure (untrusted text: print them with workflow commands stopped). */
  readonly details: string[];

  constructor(
    readonly step: GateStep,
    message: string,
    options: { cause?: unknown; details?: string[] } = {},
  ) {
    super(`${step}: ${message}`, { cause: options.cause });
    this.details = options.details ?? [];
  }
}
