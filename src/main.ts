// The action's main step: inputs -> gate -> outputs, summary, report file, verdict.
// The only place that sets outputs or fails the step.
import * as core from '@actions/core';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { GateReport } from './report/model.js';
import { readRunContext } from './github/event.js';
import { currentLabels, githubClient, publishComment } from './github/pull-request.js';
import { escapeMarkdownInline } from './report/escape.js';
import { formatBytes } from './units.js';
import { installCancelGuard } from './cancel.js';
import { Docker } from './docker/exec.js';
import { GateError } from './errors.js';
import { GateLog, runGate } from './gate.js';
import { getInputs, InputError } from './inputs.js';
import { failureSummary, reportOutputs } from './outputs.js';
import { writeReportFile } from './report/file.js';
import { renderSummary } from './report/markdown.js';

import { STATE_OWNER, STATE_SMOKE_CONTAINER, STATE_WORKTREE } from './state.js';
import { ownerId } from './docker/container.js';

/** Writes lines to the log with workflow commands switched off around them. */
function untrustedStream() {
  const token = randomBytes(16).toString('hex');
  process.stdout.write(`::stop-commands::${token}\n`);
  return {
    line: (text: string) => process.stdout.write(`${text}\n`),
    end: () => process.stdout.write(`::${token}::\n`),
  };
}

export const actionLog: GateLog = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  group: (name, work) => core.group(name, work),
  untrusted: untrustedStream,
};

/** Hints become annotations on the Dockerfile lines they concern, so they show in the PR's diff view. */
function annotateHints(report: GateReport): void {
  const dockerfile = report.build?.dockerfile;
  for (const hint of report.analysis?.hints ?? []) {
    const properties: core.AnnotationProperties = { title: `image-size-gate: ${hint.title}` };
    if (dockerfile && hint.line) {
      properties.file = path.relative(process.env.GITHUB_WORKSPACE || process.cwd(), path.resolve(dockerfile));
      properties.startLine = hint.line;
    }
    const saving = hint.savingBytes === undefined ? '' : ` (saves about ${formatBytes(hint.savingBytes)})`;
    if (hint.severity === 'warning') core.warning(`${hint.message}${saving}`, properties);
    else core.notice(hint.message, properties);
  }
}

export async function run(docker: Docker = new Docker()): Promise<void> {
  const guard = installCancelGuard(docker, (signal) => {
    core.setFailed(`image-size-gate: cancelled (${signal}); stopped the docker clients it started and removed its smoke container`);
    process.exit(1);
  });
  // Every container this step makes carries this owner label, so the post step finds them all.
  core.saveState(STATE_OWNER, ownerId());
  try {
    const options = getInputs((name) => core.getInput(name));
    const runContext = readRunContext(process.env);
    const pr = runContext.pullRequest;
    const token = core.getInput('github-token');
    const client = pr && token ? await githubClient(token, runContext.apiUrl) : undefined;
    const labels =
      pr && options.budgets.allowIncreaseLabel ? await currentLabels(client, pr, (message) => core.warning(message)) : pr?.labels;
    const smokeContainers: string[] = [];
    const report = await runGate(options, {
      docker,
      log: actionLog,
      baseCommit: pr?.baseSha,
      onWorktree: (root, directory) => {
        guard.trackWorktree(root, directory);
        core.saveState(STATE_WORKTREE, JSON.stringify({ root, directory }));
      },
      labels,
      onSmokeContainer: (name) => {
        guard.track(name);
        smokeContainers.push(name);
        core.saveState(STATE_SMOKE_CONTAINER, smokeContainers.join(','));
      },
    });
    const reportPath = await writeReportFile(report, options.reportFile);
    for (const [name, value] of Object.entries(reportOutputs(report, reportPath))) core.setOutput(name, value);
    const comment = await publishComment(report, options.comment, runContext, token, client, (message) => core.warning(message));
    core.setOutput('comment-body', comment.body);
    core.setOutput('comment-url', comment.url ?? '');
    if (comment.url) core.info(`PR comment: ${comment.url}`);
    if (process.env.GITHUB_STEP_SUMMARY) {
      let summary = renderSummary(report);
      if (pr && comment.notPosted)
        summary += `\n### The PR comment (not posted: ${escapeMarkdownInline(comment.notPosted)})\n\n${comment.body}\n`;
      await core.summary.addRaw(summary).write();
    }
    annotateHints(report);
    if (!report.passed) core.setFailed(failureSummary(report));
  } catch (error) {
    core.setOutput('passed', 'false');
    if (error instanceof GateError && error.details.length > 0) {
      const stream = untrustedStream();
      error.details.forEach((line) => stream.line(line));
      stream.end();
    }
    if (error instanceof InputError || error instanceof GateError) {
      core.setFailed(`image-size-gate: ${error.message}`);
    } else {
      core.debug((error as Error).stack ?? String(error));
      core.setFailed(`image-size-gate: unexpected error: ${(error as Error).message ?? String(error)}`);
    }
  } finally {
    guard.dispose();
  }
}
