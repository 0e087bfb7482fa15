// What the GitHub runner and the kernel see, for tests: the runner's reading of a step's output as lines and
// workflow commands, and whether a process is still running.
import { readFileSync } from 'node:fs';

/** The runner reads lines as .NET's ReadLine does: a line ends at CRLF, LF or a bare CR. */
export function runnerLines(output: string): string[] {
  return output.split(/\r\n|\n|\r/);
}

/**
 * The workflow commands the runner would act on: lines that start with `::` once leading white space is trimmed
 * (the runner trims it), outside a stop-commands block (which ends at `::<token>::`, in any case).
 */
export function liveCommands(output: string): string[] {
  const commands: string[] = [];
  let stopToken: string | undefined;
  for (const line of runnerLines(output)) {
    const trimmed = line.trimStart();
    if (stopToken !== undefined) {
      if (trimmed.toLowerCase().startsWith(`::${stopToken.toLowerCase()}::`)) stopToken = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(trimmed);
    if (stop) stopToken = stop[1];
    else if (trimmed.startsWith('::')) commands.push(trimmed);
  }
  return commands;
}

/** Running: not gone, and not a zombie waiting for whoever adopted it to reap it. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2)[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}
