// The one way git is run, by the baseline and the history alike: through the process layer, with the same
// time limits, git's own last error line as the reason, and a distinct error when git cannot start at all.
import { lastErrorLine, ProcessResult, runProcess, runProcessNow } from '../exec/process.js';

/** Local git calls answer in seconds; a fetch from or a push to the remote may take longer on a large repository. */
export const GIT_LOCAL_TIMEOUT_MS = 120_000;
export const GIT_NETWORK_TIMEOUT_MS = 600_000;
/** Standard output kept: enough for a history branch's cat-file --batch of every record read. */
const MAX_GIT_STDOUT_BYTES = 64 * 1024 * 1024;

/** git is not installed, or could not be started; each caller says which step needed it. */
export class GitUnavailableError extends Error {}

export interface GitCallOptions {
  /** Extra environment (the token's, from auth.ts; a commit's identity). */
  env?: Record<string, string>;
  stdin?: string | Buffer;
  timeoutMs?: number;
}

/** Runs `git args` in `cwd` to its end; the result holds whatever exit code git gave. */
export async function runGit(cwd: string, args: string[], options: GitCallOptions = {}): Promise<ProcessResult> {
  try {
    return await runProcess('git', args, {
      cwd,
      env: options.env,
      stdin: options.stdin,
      timeoutMs: options.timeoutMs ?? GIT_LOCAL_TIMEOUT_MS,
      maxStdoutBytes: MAX_GIT_STDOUT_BYTES,
    });
  } catch (error) {
    throw new GitUnavailableError(`git is not available: ${(error as Error).message}`, { cause: error });
  }
}

/** What went wrong, in git's words. */
export function gitReason(args: string[], result: ProcessResult, timeoutMs = GIT_LOCAL_TIMEOUT_MS): string {
  if (result.timedOut) return `git ${args[0]} did not finish within ${timeoutMs} ms`;
  return lastErrorLine(result.stderr) || `git ${args[0]} exited with code ${result.exitCode}`;
}

/** Runs git synchronously and ignores the outcome: clean-up from a signal handler or the post step. */
export function runGitNow(cwd: string, args: string[]): void {
  runProcessNow('git', args, { cwd, timeoutMs: 15_000 });
}
