// The one process layer that docker and git calls go through. A child gets an environment without the
// runner's secrets, its output is split into lines of bounded length in linear time, only a bounded part of
// its output is kept (the caller says how much), it can be timed out, and it can be made to die with us.
import { spawn, spawnSync, ChildProcess, StdioOptions } from 'node:child_process';
import { Readable } from 'node:stream';
import { formatBytes } from './units.js';

/** Environment variables never handed to a child (and so never to builds or containers). */
const SECRET_ENV = ['INPUT_GITHUB-TOKEN', 'GITHUB_TOKEN', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'];

/** A line longer than this is cut: a build that prints 600 MB without a newline must not be held whole. */
export const MAX_LINE_BYTES = 64 * 1024;
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

/**
 * Splits a byte stream into lines (LF or CRLF). A line over `maxLineBytes` keeps its first `maxLineBytes`
 * and says how much was cut; the rest is counted, not kept, until the next newline. Each byte is looked at a
 * bounded number of times, so a 600 MB line costs what a 600 MB file of short lines costs.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private cutBytes = 0;

  constructor(
    private readonly emit: (line: string) => void,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {}

  write(chunk: Buffer): void {
    const firstNewline = chunk.indexOf(0x0a);
    if (firstNewline === -1) {
      this.keep(chunk);
      return;
    }
    let start = 0;
    if (this.pendingBytes > 0 || this.cutBytes > 0) {
      this.keep(chunk.subarray(0, firstNewline));
      this.flush();
      start = firstNewline + 1;
    }
    // The lines wholly inside this chunk are decoded at once: a newline is never part of a UTF-8 sequence.
    const lastNewline = chunk.lastIndexOf(0x0a);
    if (lastNewline >= start) {
      for (const line of chunk.toString('utf8', start, lastNewline).split('\n')) this.emitWhole(line);
    }
    this.keep(chunk.subarray(lastNewline + 1));
  }

  /** Emits a last line that had no newline. */
  end(): void {
    if (this.pendingBytes > 0 || this.cutBytes > 0) this.flush();
  }

  private keep(bytes: Buffer): void {
    const kept = Math.min(this.maxLineBytes - this.pendingBytes, bytes.length);
    if (kept > 0) {
      // A copy, so a kept piece never pins the whole chunk it came in.
      this.pending.push(Buffer.from(bytes.subarray(0, kept)));
      this.pendingBytes += kept;
    }
    this.cutBytes += bytes.length - kept;
  }

  private emitWhole(line: string): void {
    // A character takes at most 3 bytes per UTF-16 unit: only a line that may be too long is measured.
    if (line.length * 3 > this.maxLineBytes && Buffer.byteLength(line) > this.maxLineBytes) {
      this.keep(Buffer.from(line));
      this.flush();
      return;
    }
    this.emit(line.endsWith('\r') ? line.slice(0, -1) : line);
  }

  private flush(): void {
    let bytes = Buffer.concat(this.pending, this.pendingBytes);
    if (this.cutBytes === 0 && bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
    const line = bytes.toString('utf8') + (this.cutBytes > 0 ? ` [line cut: ${formatBytes(this.cutBytes)} more not shown]` : '');
    this.pending = [];
    this.pendingBytes = 0;
    this.cutBytes = 0;
    this.emit(line);
  }
}

/** The last `maxBytes` of a byte stream, in a ring: memory is bounded however much is written. */
export class ByteTail {
  private readonly ring: Buffer;
  private writtenBytes = 0;

  constructor(private readonly maxBytes: number) {
    this.ring = Buffer.alloc(maxBytes);
  }

  write(chunk: Buffer): void {
    if (this.maxBytes === 0) return;
    const kept = chunk.length > this.maxBytes ? chunk.subarray(chunk.length - this.maxBytes) : chunk;
    this.writtenBytes += chunk.length - kept.length;
    const position = this.writtenBytes % this.maxBytes;
    const first = Math.min(kept.length, this.maxBytes - position);
    kept.copy(this.ring, position, 0, first);
    kept.copy(this.ring, 0, first);
    this.writtenBytes += kept.length;
  }

  toBuffer(): Buffer {
    if (this.writtenBytes <= this.maxBytes) return Buffer.from(this.ring.subarray(0, this.writtenBytes));
    const position = this.writtenBytes % this.maxBytes;
    return Buffer.concat([this.ring.subarray(position), this.ring.subarray(0, position)]);
  }
}

/** The first `maxBytes` of a byte stream, and whether there was more. */
class ByteHead {
  private readonly chunks: Buffer[] = [];
  private keptBytes = 0;
  cut = false;

  constructor(private readonly maxBytes: number) {}

  write(chunk: Buffer): void {
    const room = this.maxBytes - this.keptBytes;
    if (chunk.length > room) this.cut = true;
    if (room <= 0) return;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(kept);
    this.keptBytes += kept.length;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks, this.keptBytes);
  }
}

/** The last `maxLines` lines given to it, and how many earlier ones were dropped. */
export class LineTail {
  private readonly ring: string[] = [];
  private next = 0;
  droppedLines = 0;

  constructor(private readonly maxLines: number) {}

  push(line: string): void {
    if (this.ring.length < this.maxLines) {
      this.ring.push(line);
      return;
    }
    this.ring[this.next] = line;
    this.next = (this.next + 1) % this.maxLines;
    this.droppedLines += 1;
  }

  lines(): string[] {
    return [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }
}

/** Lines that say nothing about what went wrong: deprecation notices, help pointers, git's hints. */
const NOISE_LINE =
  /^(DEPRECATED|BuildKit is currently|environment-variable\.|Install the buildx|https:\/\/docs\.docker\.com|Run '[^']*--help' for more information|See '[^']*--help'\.?$|hint:)/;

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
