// The action's main step: inputs (or a config file of several images) -> gate -> outputs, summary, report file,
// verdict. Outputs are set and the step failed only in action/: here, in multi-step.ts, and the comment's two
// outputs in step.ts.
import * as core from '@actions/core';
import { ActionStep, annotateHints, publishCommentAndSummary } from './step.js';
import { ConfigError } from '../config/error.js';
import { readRunContext } from '../github/event.js';
import { currentLabels, githubClient, publishComment } from './comment.js';
import { runConfiguredStep } from './multi-step.js';
import { findConfigFile } from '../config/find.js';
import { visibleControlChars } from '../common/escape.js';
import { installCancelGuard } from '../gate/cancel.js';
import { Docker } from '../docker/exec.js';
import { GateError } from '../common/errors.js';
import { runGate } from '../gate/gate.js';
import { GateDependencies } from '../gate/deps.js';
import { GateLog } from '../common/log.js';
import { ActionLog, createActionLog } from './log.js';
import { getInputs } from '../inputs/read.js';
import { InputError } from '../inputs/parsers.js';
import { GateOptions } from '../inputs/options.js';
import { historySettings } from '../history/settings.js';
import { tokenEnvironment } from '../git/auth.js';
import { failureSummary, reportOutputs } from './outputs.js';
import { writeReportFile } from '../report/file.js';
import { renderSummary } from '../report/markdown.js';
import { STATE_OWNER, STATE_SMOKE_CONTAINER, STATE_WORKTREE } from './state.js';
import { ownerId } from '../docker/container.js';

/** Lines from the build or the image (a failed step's output), in a block of their own. */
function logUntrusted(log: GateLog, lines: string[]): void {
  if (lines.length === 0) return;
  const stream = log.untrusted();
  for (const line of lines) stream.line(line);
  stream.end();
}

/** The gate's dependencies that record what it leaves behind, for the cancel guard and the post step. */
function trackedDependencies(docker: Docker, log: ActionLog, guard: ReturnType<typeof installCancelGuard>): GateDependencies {
  const smokeContainers: string[] = [];
  return {
    docker,
    log,
    onWorktree: (root, directory) => {
      guard.trackWorktree(root, directory);
      core.saveState(STATE_WORKTREE, JSON.stringify({ root, directory }));
    },
    onSmokeContainer: (name) => {
      guard.track(name);
      smokeContainers.push(name);
      core.saveState(STATE_SMOKE_CONTAINER, smokeContainers.join(','));
    },
  };
}

/** One image, from the action's inputs. */
async function runSingleStep(options: GateOptions, step: ActionStep): Promise<void> {
  const { log, runContext, token } = step;
  const pr = runContext.pullRequest;
  const client = pr && token ? await githubClient(token, runContext.apiUrl) : undefined;
  const labels = pr && options.budgets.allowIncreaseLabel ? await currentLabels(client, pr, log.warning) : pr?.labels;
  const history = await historySettings(options, runContext, token, log);
  const fetchEnv = tokenEnvironment(token || undefined, runContext.serverUrl);
  const report = await runGate(options, { ...step.dependencies, baseCommit: pr?.baseSha, history, labels, fetchEnv });
  const reportPath = await writeReportFile(report, options.reportFile);
  for (const [name, value] of Object.entries(reportOutputs(report, reportPath))) core.setOutput(name, value);
  const comment = await publishComment(report, options.comment, runContext, token, client, log.warning);
  await publishCommentAndSummary(comment, renderSummary(report), step);
  annotateHints(report);
  if (!report.passed) core.setFailed(visibleControlChars(failureSummary(report)));
}

export async function run(docker: Docker = new Docker()): Promise<void> {
  const log = createActionLog();
  const guard = installCancelGuard(docker, (signal) => {
    // A cancel mid-build finds the build log's block open: the runner would ignore the failure written inside it.
    log.endUntrustedBlocks();
    core.setFailed(`image-size-gate: cancelled (${signal}); stopped the docker clients it started and removed its smoke container`);
    process.exit(1);
  });
  // Every container this step makes carries this owner label, so the post step finds them all.
  core.saveState(STATE_OWNER, ownerId());
  // A registry password that did not come from a secret is not masked by the runner: it is from here on.
  if (core.getInput('registry-password')) core.setSecret(core.getInput('registry-password'));
  try {
    const step: ActionStep = {
      log,
      runContext: readRunContext(process.env),
      token: core.getInput('github-token'),
      dependencies: trackedDependencies(docker, log, guard),
    };
    const input = (name: string) => core.getInput(name);
    const configFile = await findConfigFile(input('config'));
    if (configFile) await runConfiguredStep(configFile, input, step);
    else if (input('images').trim())
      throw new InputError('images', 'names images of a config file, and there is none', 'config: .github/image-size-gate.yml with images');
    else await runSingleStep(getInputs(input), step);
  } catch (error) {
    core.setOutput('passed', 'false');
    if (error instanceof GateError) logUntrusted(log, error.details);
    if (error instanceof InputError || error instanceof GateError || error instanceof ConfigError) {
      core.setFailed(visibleControlChars(`image-size-gate: ${error.message}`));
    } else {
      core.debug((error as Error).stack ?? String(error));
      core.setFailed(visibleControlChars(`image-size-gate: unexpected error: ${(error as Error).message ?? String(error)}`));
    }
  } finally {
    guard.dispose();
  }
}
