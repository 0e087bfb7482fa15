// The docker side of the process layer: every docker call goes through here. A failure becomes a DockerError
// whose message is the client's own last error line; every live client is held so a cancelled run can stop
// them all, and each is started so that it dies with the gate even when the gate is killed outright.
import { Readable } from 'node:stream';
import { formatBytes } from '../common/units.js';
import {
  ChildProcess,
  DEFAULT_MAX_STDOUT_BYTES,
  detectDeathSignalLauncher,
  lastErrorLine,
  ProcessOptions,
  ProcessResult,
  ProcessStartError,
  runProcess,
  streamProcess,
} from '../exec/process.js';

export interface DockerCallOptions {
  /** Extra environment for this call (added to the process environment minus the GitHub token). */
  env?: Record<string, string>;
  /** Called with each complete line the client writes (stdout and stderr), as it arrives; stdout is then not kept. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Resolve with the result instead of throwing when the client exits non-zero (or prints too much). */
  allowFailure?: boolean;
  /** Data written to the client's standard input. */
  stdin?: Buffer | string;
  /** Kill the call after this long (the error says so). */
  timeoutMs?: number;
  /** Bytes of standard output the caller needs at most (default 4 MiB); more is an error unless allowFailure. */
  maxStdoutBytes?: number;
}

export interface DockerResult {
  exitCode: number;
  stdout: Buffer;
  /** Standard output was longer than maxStdoutBytes and `stdout` is its beginning (only with allowFailure). */
  stdoutCut: boolean;
  /** The end of the client's standard error. */
  stderr: string;
}

export class DockerError extends Error {
  constructor(
    message: string,
    readonly args: string[],
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    super(message);
  }
}

export class Docker {
  private readonly live = new Set<ChildProcess>();
  /** setpriv's words when it works here; detected on the first call, once per instance. */
  private launcher?: { words: string[] | undefined };

  constructor(readonly binary: string = 'docker') {}

  private options(options: DockerCallOptions): ProcessOptions {
    this.launcher ??= { words: detectDeathSignalLauncher() };
    return { ...options, launcher: this.launcher.words, live: this.live };
  }

  /** Runs `docker ...args`; throws DockerError (message = docker's last error line) on a non-zero exit. */
  async run(args: string[], options: DockerCallOptions = {}): Promise<DockerResult> {
    const result = await runProcess(this.binary, args, this.options(options)).catch((error: unknown) => {
      throw this.startError(error, args);
    });
    const failure = failureReason(args, result, options);
    if (failure !== undefined && !options.allowFailure) throw new DockerError(failure, args, result.exitCode, result.stderr);
    return { exitCode: result.exitCode, stdout: result.stdout, stdoutCut: result.stdoutCut, stderr: result.stderr };
  }

  /**
   * Runs a call whose standard output is too large to hold (docker save): the caller reads `stdout` as a
   * stream; `finished` resolves when the client exits and rejects like run() does on a failure.
   */
  stream(args: string[]): { stdout: Readable; finished: Promise<void> } {
    const { stdout, finished } = streamProcess(this.binary, args, this.options({}));
    return {
      stdout,
      finished: finished.then(
        (result) => {
          const failure = failureReason(args, result, {});
          if (failure !== undefined) throw new DockerError(failure, args, result.exitCode, result.stderr);
        },
        (error: unknown) => {
          throw this.startError(error, args);
        },
      ),
    };
  }

  /** Runs a call and returns its standard output as trimmed text. */
  async text(args: string[], options: DockerCallOptions = {}): Promise<string> {
    return (await this.run(args, { ...options, allowFailure: false })).stdout.toString('utf8').trim();
  }

  /** Stops every docker client this wrapper started and that is still running (on cancellation). */
  killAll(signal: NodeJS.Signals = 'SIGTERM'): void {
    for (const child of this.live) child.kill(signal);
  }

  private startError(error: unknown, args: string[]): unknown {
    if (!(error instanceof ProcessStartError)) return error;
    const reason =
      error.code === 'ENOENT'
        ? `the docker client "${this.binary}" is not installed or not on PATH`
        : `could not start the docker client: ${error.message}`;
    return new DockerError(reason, args, -1, '');
  }
}

/** Why a finished call failed, in docker's own words where it gave some; undefined when it succeeded. */
function failureReason(args: string[], result: ProcessResult, options: DockerCallOptions): string | undefined {
  if (result.timedOut) return `docker ${args[0]} did not finish within ${options.timeoutMs} ms`;
  if (result.exitCode === 0 && result.stdoutCut)
    return `docker ${args[0]} printed more than the ${formatBytes(options.maxStdoutBytes ?? DEFAULT_MAX_STDOUT_BYTES, 'binary')} of output the gate reads`;
  if (result.exitCode === 0) return undefined;
  if (result.signal) return `docker ${args[0]} was stopped by ${result.signal}`;
  return lastErrorLine(result.stderr) || `docker ${args[0]} exited with code ${result.exitCode}`;
}
