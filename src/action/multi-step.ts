// The action's step for a config file of several images: one gate per image, then one comment, one summary,
// one report with an entry per image, and one verdict over them all.
import * as core from '@actions/core';
import { ActionStep, annotateHints, publishCommentAndSummary } from './step.js';
import { configRoot } from '../config/load.js';
import { commentMarker } from '../github/comment-marker.js';
import { currentLabels, githubClient, postComment } from './comment.js';
import { mergeBase } from '../git/git.js';
import { checkedOut } from '../git/tree.js';
import { historySettings } from '../history/settings.js';
import { HistorySettings } from '../history/settings.js';
import { tokenEnvironment } from '../git/auth.js';
import { GateOptions, InputReader } from '../inputs/options.js';
import { configuredImages, ConfiguredRun, multiReport, MultiDependencies, runConfiguredGates } from '../gate/multi.js';
import { loadConfig } from '../config/find.js';
import { reportOutputs } from './outputs.js';
import { writeReportFile } from '../report/file.js';
import { REPORT_SCHEMA_VERSION } from '../report/model.js';
import { renderMultiComment, renderMultiSummary } from '../report/multi.js';
import { imageGroup } from '../report/multi-rows.js';
import { GitHubClient } from '../github/api-calls.js';
import { nameList, visibleControlChars } from '../common/escape.js';

/** The comment's marker: one sticky comment per config file, whatever the images. */
export function configMarker(file: string): string {
  return commentMarker(`config:${file}`);
}

/**
 * The workflow file of this run, relative to the repository root, from GITHUB_WORKFLOW_REF
 * (`owner/repo/.github/workflows/ci.yml@refs/pull/1/merge`); undefined when it names another repository's
 * workflow (a reusable one) or is not set.
 */
export function workflowPath(workflowRef: string | undefined, repository: string): string | undefined {
  const prefix = `${repository}/`;
  if (!workflowRef || !repository || !workflowRef.toLowerCase().startsWith(prefix.toLowerCase())) return undefined;
  const file = workflowRef.slice(prefix.length).replace(/@[^@]*$/, '');
  return /^\.github\/workflows\/[^/]+$/.test(file) ? file : undefined;
}

/** Whether a comment is wanted under the `comment` mode, over every image. */
function commentWanted(mode: GateOptions['comment'], run: ConfiguredRun): boolean {
  if (mode === 'never') return false;
  if (mode === 'always' || !run.passed) return true;
  if (mode === 'failure') return false;
  return run.outcomes.some((outcome) => 'report' in outcome && outcome.report.baseline?.figures.find((f) => f.id === 'size')?.change !== 0);
}

async function multiDependencies(
  file: string,
  step: ActionStep,
  options: GateOptions,
): Promise<MultiDependencies & { client?: GitHubClient }> {
  const { runContext, token, log } = step;
  const pr = runContext.pullRequest;
  const client = pr && token ? await githubClient(token, runContext.apiUrl) : undefined;
  const labels = pr && options.budgets.allowIncreaseLabel ? await currentLabels(client, pr, log.warning) : pr?.labels;
  // The history branch is the step's; its settings are made once (and say once what this run records).
  let history: Promise<HistorySettings | undefined> | undefined;
  const historyFor = (imageOptions: GateOptions) => (history ??= historySettings(imageOptions, runContext, token, log));
  const fetchEnv = tokenEnvironment(token || undefined, runContext.serverUrl);
  let changes: MultiDependencies['changes'];
  const checkout = pr ? await checkedOut(configRoot(file)) : undefined;
  if (pr && checkout) {
    const { root, head } = checkout;
    let base: Promise<string | undefined> | undefined;
    const workflowFile = workflowPath(process.env.GITHUB_WORKFLOW_REF, runContext.repository);
    changes = { root, head, workflowFile, mergeBase: () => (base ??= mergeBase(root, pr.baseSha, pr.headSha, log.info, fetchEnv)) };
  }
  return { gate: { ...step.dependencies, baseCommit: pr?.baseSha, labels, fetchEnv }, historyFor, changes, client };
}

export async function runConfiguredStep(file: string, input: InputReader, step: ActionStep): Promise<void> {
  const { log, runContext, token } = step;
  const config = await loadConfig(file);
  const images = configuredImages(config, input);
  log.info(`Config ${file}: ${images.length} image(s): ${nameList(images.map(({ image }) => image.name))}`);
  // Step-wide inputs (comment, report-file, history) are the same for every image: the first image's say.
  const stepOptions = images[0].options;
  const deps = await multiDependencies(file, step, stepOptions);
  const run = await runConfiguredGates(config, images, input, deps);
  const reportPath = await writeReportFile(multiReport(file, run, REPORT_SCHEMA_VERSION), stepOptions.reportFile);
  const only = run.outcomes.length === 1 ? run.outcomes[0] : undefined;
  if (only && 'report' in only)
    for (const [name, value] of Object.entries(reportOutputs(only.report, reportPath))) core.setOutput(name, value);
  core.setOutput('passed', String(run.passed));
  core.setOutput('report', reportPath);
  const marker = configMarker(file);
  const body = renderMultiComment(run.outcomes, { marker, runUrl: runContext.runUrl, headSha: runContext.pullRequest?.headSha });
  const wanted = commentWanted(stepOptions.comment, run);
  const comment = await postComment({ body, marker, wanted, mode: stepOptions.comment }, runContext, token, deps.client, log.warning);
  await publishCommentAndSummary(comment, renderMultiSummary(run.outcomes, runContext.runUrl), step);
  for (const outcome of run.outcomes) if ('report' in outcome) annotateHints(outcome.report);
  if (!run.passed) {
    const failed = run.outcomes.filter((outcome) => imageGroup(outcome) === 'failing').map((outcome) => outcome.name);
    core.setFailed(visibleControlChars(`image-size-gate: ${failed.length} of ${run.outcomes.length} images failed: ${nameList(failed)}`));
  }
}
