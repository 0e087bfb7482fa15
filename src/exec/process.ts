// The one process layer that docker and git calls go through. A child gets an environment without the
// runner's secrets, its output is split into lines of bounded length in linear time, only a bounded part of
// its output is kept (the caller says how much), it can be timed out, and it can be made to die with us.
import { spawn, spawnSync, ChildProcess, StdioOptions } from 'node:child_process';
export type { ChildProcess } from 'node:child_process';
import { Readable } from 'node:stream';
import { ByteHead, ByteTail, LineSplitter } from './bounded-output.js';

/** Environment variables never handed to a child (and so never to builds or containers). */
const SECRET_ENV = ['INPUT_GITHUB-TOKEN', 'GITHUB_TOKEN', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'];

/** Standard output kept by default; callers that need more (docker image inspect) ask for it. */
export const DEFAULT_MAX_STDOUT_BYTES = 4 * 1024 * 1024;
/** Standard error kept: its end, which is where a client says what went wrong. */
export const DEFAULT_MAX_STDERR_BYTES = 64 * 1024;
/** An error line longer than this is cut before it becomes part of a message. */
const MAX_ERROR_LINE_CHARS = 2000;

export function childEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of SECRET_ENV) delete env[name];
  return env;
}

/** Lines that say nothing about what went wrong: deprecation notices, help pointers, git's hints and advice. */
const NOISE_LINE =
  /^(DEPRECATED|BuildKit is currently|environment-variable\.|Install the buildx|https:\/\/docs\.docker\.com|Run '[^']*--help' for more information|See '[^']*--help'\.?$|hint:|Please make sure you have the correct access rights$|and the repository exists\.$)/;

/** The last meaningful line of a client's standard error: what docker or git itself says went wrong. */
export function lastErrorLine(stderr: string): string {
  const lines = stderr
    .split(/\r\n|\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !NOISE_LINE.test(line));
  const line = (lines.at(-1) ?? '').replace(/^(docker:\s*)?(Error( response from daemon)?|fatal|error):\s*/i, '');
  return line.length <= MAX_ERROR_LINE_CHARS ? line : `${line.slice(0, MAX_ERROR_LINE_CHARS)}…`;
}

/**
 * The words that make a child die when we do, even by SIGKILL (when no handler of ours can run): util-linux's
 * setpriv sets the parent-death signal and then runs the command. Undefined where setpriv is missing or too old
 * (it gained --pdeathsig in util-linux 2.33); children then are stopped by the signal handlers alone.
 */
export function detectDeathSignalLauncher(): string[] | undefined {
  const launcher = ['setpriv', '--pdeathsig', 'SIGKILL', '--'];
  const probe = spawnSync(launcher[0], [...launcher.slice(1), 'true'], { stdio: 'ignore', timeout: 10_000 });
  return probe.status === 0 ? launcher : undefined;
}

export interface ProcessOptions {
  cwd?: string;
  /** Extra environment for this call (added to the process environment minus the secrets). */
  env?: Record<string, string>;
  /** Data written to standard input (none: standard input is empty). */
  stdin?: Buffer | string;
  /** Kill the call after this long (the result says so). */
  timeoutMs?: number;
  /** Called with each line (stdout and stderr) as it arrives; standard output is then not kept. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Bytes of standard output kept (the first ones); more sets `stdoutCut`. */
  maxStdoutBytes?: number;
  /** Bytes of standard error kept (the last ones). */
  maxStderrBytes?: number;
  /** Words run before the command (see detectDeathSignalLauncher). */
  launcher?: string[];
  /** Holds the child while it runs, so that a cancelled run can stop it. */
  live?: Set<ChildProcess>;
}

export interface ProcessResult {
  exitCode: number;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: Buffer;
  /** Standard output was longer than maxStdoutBytes: `stdout` is its beginning. */
  stdoutCut: boolean;
  /** The end of standard error. */
  stderr: string;
}

/** The command could not be started at all; `code` is the system's (ENOENT: not installed). */
export class ProcessStartError extends Error {
  constructor(
    readonly command: string,
    readonly code: string | undefined,
    reason: string,
  ) {
    super(reason);
  }
}

/** What setpriv says when it cannot run the command it was given (it then exits 127). */
const LAUNCHER_EXEC_FAILURE = /^setpriv: failed to execute [^\n]*?(: No such file or directory)?\n?$/;

function start(command: string, args: string[], options: ProcessOptions, stdio: StdioOptions): ChildProcess {
  const [file, ...argv] = options.launcher ? [...options.launcher, command, ...args] : [command, ...args];
  const child = spawn(file, argv, { cwd: options.cwd, env: childEnvironment(options.env), stdio });
  options.live?.add(child);
  return child;
}

/** Waits for a started child: kills it at the time-out, keeps the end of its stderr, and settles once. */
function settle(child: ChildProcess, command: string, options: ProcessOptions, stdout: () => { bytes: Buffer; cut: boolean }) {
  const stderrTail = new ByteTail(options.maxStderrBytes ?? DEFAULT_MAX_STDERR_BYTES);
  const stderrLines = options.onLine ? new LineSplitter((line) => options.onLine?.(line, 'stderr')) : undefined;
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail.write(chunk);
    stderrLines?.write(chunk);
  });
  return new Promise<ProcessResult>((resolve, reject) => {
    let timedOut = false;
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, options.timeoutMs)
      : undefined;
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      options.live?.delete(child);
      reject(new ProcessStartError(command, error.code, error.message));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.live?.delete(child);
      stderrLines?.end();
      const stderr = stderrTail.toBuffer().toString('utf8');
      const launchFailure = options.launcher && code === 127 ? LAUNCHER_EXEC_FAILURE.exec(stderr) : null;
      if (launchFailure) {
        reject(new ProcessStartError(command, launchFailure[1] ? 'ENOENT' : undefined, launchFailure[0]));
        return;
      }
      const { bytes, cut } = stdout();
      resolve({ exitCode: code ?? 128, signal, timedOut, stdout: bytes, stdoutCut: cut, stderr });
    });
  });
}

/**
 * Runs a command to its end. Resolves with its exit code and bounded output whatever the code; rejects with a
 * ProcessStartError only when the command could not be started.
 */
export function runProcess(command: string, args: string[], options: ProcessOptions = {}): Promise<ProcessResult> {
  const child = start(command, args, options, [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe']);
  const head = new ByteHead(options.onLine ? 0 : (options.maxStdoutBytes ?? DEFAULT_MAX_STDOUT_BYTES));
  const stdoutLines = options.onLine ? new LineSplitter((line) => options.onLine?.(line, 'stdout')) : undefined;
  child.stdout?.on('data', (chunk: Buffer) => {
    if (stdoutLines) stdoutLines.write(chunk);
    else head.write(chunk);
  });
  child.stdout?.on('end', () => stdoutLines?.end());
  if (child.stdin) {
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin);
  }
  return settle(child, command, options, () => ({ bytes: head.toBuffer(), cut: head.cut }));
}

/**
 * Runs a command whose standard output is too large to hold (docker save): the caller reads `stdout` as a
 * stream; `finished` settles as runProcess's promise does, with an empty `stdout`.
 */
export function streamProcess(
  command: string,
  args: string[],
  options: ProcessOptions = {},
): { stdout: Readable; finished: Promise<ProcessResult> } {
  const child = start(command, args, options, ['ignore', 'pipe', 'pipe']);
  const finished = settle(child, command, options, () => ({ bytes: Buffer.alloc(0), cut: false }));
  return { stdout: child.stdout as Readable, finished };
}

export interface ProcessNowResult {
  /** The exit code, or undefined when the command could not start, was killed or timed out. */
  exitCode: number | undefined;
  stdout: string;
}

/**
 * Runs a command synchronously, for signal handlers and the post step, where the process may be gone before a
 * promise settles: the same environment without secrets, output discarded unless `keepStdout`, never throwing.
 */
export function runProcessNow(
  command: string,
  args: string[],
  options: { cwd?: string; timeoutMs: number; keepStdout?: boolean },
): ProcessNowResult {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: childEnvironment(),
    timeout: options.timeoutMs,
    encoding: 'utf8',
    stdio: options.keepStdout ? ['ignore', 'pipe', 'ignore'] : 'ignore',
  });
  return { exitCode: result.status ?? undefined, stdout: result.stdout ?? '' };
}
