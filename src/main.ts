// The action's main step: inputs -> gate -> outputs, summary, report file, verdict.
// The only place that sets outputs or fails the step.
import * as core from '@actions/core';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { GateReport } from './report/model.js';
import { formatBytes } from './units.js';
import { installCancelGuard } from './cancel.js';
import { Docker } from './docker/exec.js';
import { GateError } from './errors.js';
import { GateLog, runGate } from './gate.js';
import { getInputs, InputError } from './inputs.js';
import { failureSummary, reportOutputs } from './outputs.js';
import { defaultReportPath, writeReportFile } from './report/file.js';
import { renderSummary } from './report/markdown.js';

import { STATE_SMOKE_CONTAINER } from './state.js';

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
  try {
    const options = getInputs((name) => core.getInput(name));
    const report = await runGate(options, {
      docker,
      log: actionLog,
      onSmokeContainer: (name) => {
        guard.track(name);
        core.saveState(STATE_SMOKE_CONTAINER, name);
      },
    });
    const reportPath = await writeReportFile(report, options.reportFile ?? defaultReportPath(process.env));
    for (const [name, value] of Object.entries(reportOutputs(report, reportPath))) core.setOutput(name, value);
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(renderSummary(report)).write();
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
