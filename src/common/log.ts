// The log the gate writes to, whoever shows it: the action's (workflow commands switched off around untrusted
// text) or the CLI's (a terminal). Interfaces only: action/log.ts and cli/log.ts implement them.
export interface UntrustedStream {
  line(text: string): void;
  end(): void;
}

export interface GateLog {
  info(message: string): void;
  warning(message: string): void;
  /** Runs `work` inside a collapsed log group. */
  group<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Echoes text from an untrusted source (build output, container log) so that it cannot issue workflow commands. */
  untrusted(): UntrustedStream;
}
