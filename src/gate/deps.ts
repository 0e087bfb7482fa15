// What the gate is given by the entry that runs it: the docker client, the log, the trackers of what it leaves
// behind, and what the run's event says (the base commit, the labels, the history branch).
import { GateLog } from '../common/log.js';
import { Docker } from '../docker/exec.js';
import { HistorySettings } from '../history/settings.js';

export interface GateDependencies {
  docker: Docker;
  log: GateLog;
  /** Told the name of each smoke container as soon as it exists (so a killed run can be cleaned up). */
  onSmokeContainer?: (name: string) => void;
  /** Told where the baseline worktree is as soon as it exists (so a killed run can be cleaned up). */
  onWorktree?: (root: string, directory: string) => void;
  /** The pull request's base commit, for `baseline: auto` (absent outside pull_request events). */
  baseCommit?: string;
  /** Labels on the pull request (for allow-increase-label). */
  labels?: string[];
  /** The environment that gives git's fetches from origin the token (the checkout keeps none). */
  fetchEnv?: Record<string, string>;
  /** The size history branch: read for the baseline and the trend, written on push runs that record. */
  history?: HistorySettings;
}
