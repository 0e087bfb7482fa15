// The one wrapper every docker call goes through: spawns the client, collects or streams its output,
// turns a failure into a DockerError whose message is the client's own last error line, and keeps a
// handle on every live child so a cancelled run can stop them all.
import { spawn, ChildProcess } from 'node:child_process';
import { Readable } from 'node:stream';

export interface DockerCallOptions {
  /** Extra environment for this call (added to the process environment minus the GitHub token). */
  env?: Record<string, string>;
  /** Called with each complete line the client writes (stdout and stderr), as it arrives. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Resolve with the result instead of throwing when the client exits non-zero. */
  allowFailure?: boolean;
  /** Data written to the client's standard input. */
  stdin?: Buffer | string;
  /** Kill the call after this long (the error says so). */
  timeoutMs?: number;
}

export interface DockerResult {
  exitCode: number;
  stdout: Buffer;
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

/** Environment variables never handed to docker (and so never to builds or containers). */
const SECRET_ENV = ['INPUT_GITHUB-TOKEN', 'GITHUB_TOKEN', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'];

export function childEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of SECRET_ENV) delete env[name];
  return env;
}

/** The last meaningful line of a client's stderr: what docker itself says went wrong. */
export function lastErrorLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(
      (line) =>
        line !== '' &&
        !/^(DEPRECATED|Install the buildx|https:\/\/docs\.docker\.com|BuildKit is currently|Run 'docker [\w -]*--help')/.test(line),
    );
  return (lines.at(-1) ?? '').replace(/^Error( response from daemon)?:\s*/i, '');
}

export class Docker {
  private readonly live = new Set<ChildProcess>();

  constructor(readonly binary: string = 'docker') {}

  /** Runs `docker ...args`; throws DockerError (message = docker's last error line) on a non-zero exit. */
  run(args: string[], options: DockerCallOptions = {}): Promise<DockerResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.binary, args, { env: childEnvironment(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
      this.live.add(child);
      const stdoutChunks: Buffer[] = [];
      let stderr = '';
      let timedOut = false;
      const timer = options.timeoutMs
        ? setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, options.timeoutMs)
        : undefined;
      const splitter = (stream: 'stdout' | 'stderr') => {
        let pending = '';
        return (chunk: Buffer) => {
          if (!options.onLine) return;
          pending += chunk.toString('utf8');
          const lines = pending.split(/\r?\n/);
          pending = lines.pop() ?? '';
          for (const line of lines) options.onLine(line, stream);
        };
      };
      const onStdout = splitter('stdout');
      const onStderr = splitter('stderr');
      child.stdout.on('data', (chunk: Buffer) => {
        stdoutChunks.push(chunk);
        onStdout(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        onStderr(chunk);
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.stdin ?? '');
      child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        this.live.delete(child);
        const reason =
          error.code === 'ENOENT'
            ? `the docker client "${this.binary}" is not installed or not on PATH`
            : `could not start the docker client: ${error.message}`;
        reject(new DockerError(reason, args, -1, ''));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        this.live.delete(child);
        const exitCode = code ?? 128;
        const result: DockerResult = { exitCode, stdout: Buffer.concat(stdoutChunks), stderr };
        if (exitCode === 0 || options.allowFailure) {
          resolve(result);
          return;
        }
        const reason = timedOut
          ? `docker ${args[0]} did not finish within ${options.timeoutMs} ms`
          : signal
            ? `docker ${args[0]} was stopped by ${signal}`
            : lastErrorLine(stderr) || `docker ${args[0]} exited with code ${exitCode}`;
        reject(new DockerError(reason, args, exitCode, stderr));
      });
    });
  }

  /**
   * Runs a call whose standard output is too large to hold (docker save): the caller reads `stdout` as a
   * stream; `finished` resolves when the client exits and rejects like run() does on a failure.
   */
  stream(args: string[]): { stdout: Readable; finished: Promise<void> } {
    const child = spawn(this.binary, args, { env: childEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.live.add(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const finished = new Promise<void>((resolve, reject) => {
      child.on('error', (error) => {
        this.live.delete(child);
        reject(new DockerError(`could not start the docker client: ${error.message}`, args, -1, ''));
      });
      child.on('close', (code, signal) => {
        this.live.delete(child);
        if (code === 0) resolve();
        else
          reject(
            new DockerError(
              signal ? `docker ${args[0]} was stopped by ${signal}` : lastErrorLine(stderr) || `docker ${args[0]} exited with code ${code}`,
              args,
              code ?? 128,
              stderr,
            ),
          );
      });
    });
    return { stdout: child.stdout, finished };
  }

  /** Runs a call and returns its standard output as trimmed text. */
  async text(args: string[], options: DockerCallOptions = {}): Promise<string> {
    return (await this.run(args, options)).stdout.toString('utf8').trim();
  }

  /** Stops every docker client this wrapper started and that is still running (on cancellation). */
  killAll(signal: NodeJS.Signals = 'SIGTERM'): void {
    for (const child of this.live) child.kill(signal);
  }
}
