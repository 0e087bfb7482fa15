// The action's step for a config file of several images: one gate per image, then one comment, one summary,
// one report with an entry per image, and one verdict over them all. With the images input it is one job of
// image-size-gate/plan's matrix: it gates the images named, writes its report for image-size-gate/report, and
// leaves the comment and the size history's write to that step.
import * as core from '@actions/core';
import { ActionStep, annotateHints, publishCommentAndSummary } from './step.js';
import { commentMarker } from '../github/comment-marker.js';
import { CommentOutcome, currentLabels, githubClient, postComment } from './comment.js';
import { historySettings } from '../history/settings.js';
import { HistorySettings } from '../history/settings.js';
import { tokenEnvironment } from '../git/auth.js';
import { GateOptions, InputReader } from '../inputs/options.js';
import { InputError } from '../inputs/parsers.js';
import { ConfiguredRun, MatrixJobMark, multiReport, MultiDependencies, runConfiguredGates } from '../gate/multi.js';
import { configuredImages, selectImages } from '../gate/selection.js';
import { pullRequestChanges, readConfigWithDigest } from './sub-step.js';
import { reportOutputs } from './outputs.js';
import { writeReportFile } from '../report/file.js';
import { REPORT_SCHEMA_VERSION } from '../report/model.js';
import { renderMultiComment, renderMultiSummary } from '../report/multi.js';
import { imageGroup } from '../report/multi-rows.js';
import { GitHubClient } from '../github/api-calls.js';
import { nameList, visibleControlChars } from '../common/escape.js';
import { RunContext } from '../github/event.js';

/** The comment's marker: one sticky comment per config file, whatever the images (and whichever step posts it). */
export function configMarker(file: string): string {
  return commentMarker(`config:${file}`);
}

/** Whether a comment is wanted under the `comment` mode, over every image. */
export function commentWanted(mode: GateOptions['comment'], run: Pick<ConfiguredRun, 'outcomes' | 'passed'>): boolean {
  if (mode === 'never') return false;
  if (mode === 'always' || !run.passed) return true;
  if (mode === 'failure') return false;
  return run.outcomes.some((outcome) => 'report' in outcome && outcome.report.baseline?.figures.find((f) => f.id === 'size')?.change !== 0);
}

async function multiDependencies(
  file: string,
  step: ActionStep,
  options: GateOptions,
  matrix: boolean,
): Promise<MultiDependencies & { client?: GitHubClient }> {
  const { runContext, token, log } = step;
  const pr = runContext.pullRequest;
  const client = pr && token ? await githubClient(token, runContext.apiUrl) : undefined;
  const labels = pr && options.budgets.allowIncreaseLabel ? await currentLabels(client, pr, log.warning) : pr?.labels;
  // The history branch is the step's; its settings are made once (and say once what this run records). A matrix
  // job makes its records but leaves committing them to image-size-gate/report.
  let history: Promise<HistorySettings | undefined> | undefined;
  const settingsOf = async (imageOptions: GateOptions) => {
    const settings = await historySettings(imageOptions, runContext, token, log);
    return matrix && settings?.record ? { ...settings, record: { ...settings.record, deferred: true } } : settings;
  };
  const historyFor = (imageOptions: GateOptions) => (history ??= settingsOf(imageOptions));
  const fetchEnv = tokenEnvironment(token || undefined, runContext.serverUrl);
  const changes = matrix ? undefined : await pullRequestChanges(file, runContext, token, log);
  return { gate: { ...step.dependencies, baseCommit: pr?.baseSha, labels, fetchEnv }, historyFor, changes, planned: matrix, client };
}

/** A matrix job's mark on its report: the run's commit and the digest of the file it read. */
function matrixMark(digest: string, run: RunContext): MatrixJobMark {
  if (!run.sha || !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(run.sha))
    throw new InputError(
      'images',
      'needs GITHUB_SHA (the commit of the run), which the runner sets in every job',
      'images: ${{ matrix.image }} in a workflow job',
    );
  return { commit: run.sha, configDigest: digest };
}

export async function runConfiguredStep(file: string, input: InputReader, step: ActionStep): Promise<void> {
  const { log, runContext, token } = step;
  const { config, digest } = await readConfigWithDigest(file);
  const every = configuredImages(config, input);
  const selection = input('images').trim();
  const images = selection ? selectImages(every, selection, file) : every;
  const names = images.map(({ image }) => image.name);
  log.info(`Config ${file}: ${images.length} image(s)${selection ? ` of ${every.length} (the images input)` : ''}: ${nameList(names)}`);
  if (selection)
    log.info(
      `A matrix job: the PR comment and the size history's write are left to image-size-gate/report, which merges every job's report; ` +
        `this job writes its own JSON report (the report output) for actions/upload-artifact, and its job summary covers ${nameList(names)}`,
    );
  const mark = selection ? matrixMark(digest, runContext) : undefined;
  // Step-wide inputs (comment, report-file, history) are the same for every image: the first image's say.
  const stepOptions = images[0].options;
  const deps = await multiDependencies(file, step, stepOptions, Boolean(selection));
  const run = await runConfiguredGates(config, images, input, deps);
  const reportPath = await writeReportFile(multiReport(file, run, REPORT_SCHEMA_VERSION, mark), stepOptions.reportFile);
  const only = run.outcomes.length === 1 ? run.outcomes[0] : undefined;
  if (only && 'report' in only)
    for (const [name, value] of Object.entries(reportOutputs(only.report, reportPath))) core.setOutput(name, value);
  core.setOutput('passed', String(run.passed));
  core.setOutput('report', reportPath);
  const marker = configMarker(file);
  const body = renderMultiComment(run.outcomes, { marker, runUrl: runContext.runUrl, headSha: runContext.pullRequest?.headSha });
  const wanted = commentWanted(stepOptions.comment, run);
  const comment: CommentOutcome = selection
    ? { body, notPosted: 'a matrix job leaves the comment to image-size-gate/report' }
    : await postComment({ body, marker, wanted, mode: stepOptions.comment }, runContext, token, deps.client, log.warning);
  await publishCommentAndSummary(comment, renderMultiSummary(run.outcomes, runContext.runUrl), step, !selection);
  for (const outcome of run.outcomes) if ('report' in outcome) annotateHints(outcome.report);
  if (!run.passed) {
    const failed = run.outcomes.filter((outcome) => imageGroup(outcome) === 'failing').map((outcome) => outcome.name);
    core.setFailed(visibleControlChars(`image-size-gate: ${failed.length} of ${run.outcomes.length} images failed: ${nameList(failed)}`));
  }
}
