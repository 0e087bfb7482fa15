// Which history work a run does, decided once at the edge from the inputs and the event: pull requests read
// (the merge base's record, the trend); pushes to a recorded branch read and write; nothing else writes. A
// pull request must never be able to change the records other pull requests are judged against.
import path from 'node:path';
import type { GateLog } from '../common/log.js';
import { commitTime, mergeBase, repositoryRoot } from '../git/git.js';
import { GateOptions } from '../inputs/options.js';
import { RunContext } from '../github/event.js';
import { tokenEnvironment } from '../git/auth.js';
import { HistoryRemote } from './store.js';
import { RecordOrigin } from './record-check.js';

export interface HistorySettings {
  remote: HistoryRemote;
  /** On a pull request: the commit whose record is the baseline (the merge base of base and head). */
  baselineCommit?: () => Promise<string | undefined>;
  /** This run's server and repository: a record that links to a run elsewhere is not believed. */
  origin?: RecordOrigin;
  /**
   * On a push that records: the pushed commit, its committer time, the ref and the run's link. `deferred`: a
   * matrix job's, which makes the records but leaves committing them to image-size-gate/report.
   */
  record?: { commit: string; commitTime: () => Promise<string>; ref: string; runUrl?: string; deferred?: boolean };
}

/** The events whose runs may write: pushes only (pull_request, pull_request_target, workflow_run and the rest read). */
export const RECORDING_EVENTS = new Set(['push']);

/** Pure: whether this run records, and if not, why (for the log). */
export function recordDecision(
  history: NonNullable<GateOptions['history']>,
  run: Pick<RunContext, 'eventName' | 'ref' | 'sha' | 'defaultBranch'>,
): { record: true; branch: string } | { record: false; reason: string } {
  if (!RECORDING_EVENTS.has(run.eventName))
    return { record: false, reason: `${run.eventName || 'this'} runs never record (only pushes do)` };
  const branch = run.ref?.startsWith('refs/heads/') ? run.ref.slice('refs/heads/'.length) : undefined;
  if (!branch || !run.sha) return { record: false, reason: `the push is not to a branch (${run.ref ?? 'no GITHUB_REF'})` };
  if (branch === history.branch) return { record: false, reason: `the push is to the history branch itself` };
  const recorded = history.recordBranches.length > 0 ? history.recordBranches : run.defaultBranch ? [run.defaultBranch] : [];
  if (!recorded.includes(branch))
    return {
      record: false,
      reason: `pushes to ${branch} are not recorded (recorded: ${recorded.join(', ') || 'the default branch, which the event does not name'}; see history-branches)`,
    };
  return { record: true, branch };
}

/** The history settings of this run, or undefined (with a warning) when there is no repository to keep them in. */
export async function historySettings(
  options: GateOptions,
  run: RunContext,
  token: string,
  log: GateLog,
): Promise<HistorySettings | undefined> {
  const history = options.history;
  if (!history) return undefined;
  let root: string;
  try {
    root = await repositoryRoot(path.resolve(options.image || options.archive ? '.' : options.context));
  } catch (error) {
    log.warning(`The size history is off for this run: ${(error as Error).message}`);
    return undefined;
  }
  const remote = { root, branch: history.branch, token: token || undefined, serverUrl: run.serverUrl };
  const settings: HistorySettings = {
    remote,
    origin: run.repository ? { serverUrl: run.serverUrl, repository: run.repository } : undefined,
  };
  const pr = run.pullRequest;
  if (pr && options.baseline.kind === 'auto') {
    const fetchEnv = tokenEnvironment(token || undefined, run.serverUrl);
    settings.baselineCommit = () => mergeBase(root, pr.baseSha, pr.headSha, (message) => log.info(message), fetchEnv);
  }
  const decision = recordDecision(history, run);
  if (decision.record && run.sha) {
    const sha = run.sha;
    let time: Promise<string> | undefined;
    settings.record = {
      commit: sha,
      commitTime: () => (time ??= commitTime(root, sha)),
      ref: `refs/heads/${decision.branch}`,
      runUrl: run.runUrl,
    };
  } else if (!decision.record) {
    log.info(`Size history: this run reads branch ${history.branch} and records nothing (${decision.reason})`);
  }
  return settings;
}
