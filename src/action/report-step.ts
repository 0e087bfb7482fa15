// image-size-gate/report: merges the matrix jobs' reports with the plan into one verdict, one job summary, one
// sticky PR comment (the same one the one-step mode posts) and, with `checks: true`, one check run per image. On
// a push that records, it commits every image's records to the size history in one commit; the matrix jobs never
// write it. The reports are untrusted: each is checked field by field (report/report-check.ts), and one of another
// commit or another version of the config file is refused with the reason in the log.
import * as core from '@actions/core';
import { readFile } from 'node:fs/promises';
import { createActionLog } from './log.js';
import { failStep, pullRequestChanges, readConfig } from './sub-step.js';
import { commentWanted, configMarker } from './multi-step.js';
import { githubClient, postComment } from './comment.js';
import { publishCommentAndSummary } from './step.js';
import { publishCheckRuns } from './check-runs.js';
import { reportOutputs } from './outputs.js';
import { stepInput } from '../config/options.js';
import { GateConfig } from '../config/load.js';
import { escapeMarkdownInline, visible, visibleControlChars } from '../common/escape.js';
import { GateLog } from '../common/log.js';
import { readRunContext, RunContext } from '../github/event.js';
import { carriedForward, multiReport } from '../gate/multi.js';
import { mergeReports, MergeResult } from '../gate/merge.js';
import { makePlan, Plan } from '../gate/plan.js';
import { parsePlan, planMismatch } from '../gate/plan-check.js';
import { readReportFolder } from '../gate/reports-folder.js';
import { ConfiguredImage, configuredImages } from '../gate/selection.js';
import { commitRecords } from '../history/commit-records.js';
import { historySettings, HistorySettings } from '../history/settings.js';
import { InputError, parseBoolean } from '../inputs/parsers.js';
import { writeReportFile } from '../report/file.js';
import { REPORT_SCHEMA_VERSION } from '../report/model.js';
import { ImageOutcome, renderMultiComment, renderMultiSummary } from '../report/multi.js';
import { imageGroup } from '../report/multi-rows.js';

/** The inputs of this step that the config file's images read (the rest are the step's own). */
const IMAGE_STEP_INPUTS = new Set(['comment', 'history-branch', 'history-branches', 'report-file']);

/** The plan: the plan input (its JSON, or a file holding it), else made again from the config file and the commit. */
async function planOf(
  config: GateConfig,
  images: ConfiguredImage[],
  digest: string,
  run: RunContext,
  log: GateLog,
): Promise<{ plan: Plan; file?: string }> {
  const given = core.getInput('plan').trim();
  if (given === '') {
    log.info('No plan input: planning again from the config file and the commit, as image-size-gate/plan did');
    // Only the file can say changed-only here: the plan step's own input is not known to this step.
    const changedOnly = parseBoolean('changed-only', stepInput(config, () => '')('changed-only') || 'false');
    const changes = changedOnly ? await pullRequestChanges(config.file, run, core.getInput('github-token'), log) : undefined;
    return { plan: await makePlan({ config, images, digest, changedOnly, changes, commit: run.sha, actionInput: () => '' }, log) };
  }
  const file = given.startsWith('{') ? undefined : given;
  const text = file ? await readFile(file, 'utf8').catch(() => undefined) : given;
  if (text === undefined)
    throw new InputError('plan', `the file "${visible(given, 200)}" cannot be read`, '${{ needs.plan.outputs.plan }}');
  const parsed = parsePlan(text);
  if ('invalid' in parsed)
    throw new InputError('plan', `is not image-size-gate/plan's plan: ${parsed.invalid}`, '${{ needs.plan.outputs.plan }}');
  const names = images.map(({ image }) => image.name);
  const mismatch = planMismatch(parsed.plan, { file: config.file, digest, names, commit: run.sha, pullRequest: Boolean(run.pullRequest) });
  if (mismatch)
    throw new InputError('plan', `does not belong to this run: ${mismatch}`, '${{ needs.plan.outputs.plan }} of this workflow run');
  return { plan: parsed.plan, file };
}

/** Every image of the plan as the comment shows it: its report, why it has none, or carried forward unchanged. */
async function outcomesOf(merged: MergeResult, images: ConfiguredImage[], plan: Plan, settings: HistorySettings | undefined, log: GateLog) {
  const outcomes: ImageOutcome[] = [];
  for (const image of merged.images) {
    if ('report' in image) outcomes.push({ name: image.name, report: image.report });
    else if ('error' in image) outcomes.push({ name: image.name, error: image.error });
    else {
      const options = images.find((candidate) => candidate.image.name === image.name)!.options;
      const deps = { historyFor: () => Promise.resolve(settings) };
      const carried = await carriedForward(options, plan.mergeBase ?? '', deps, log);
      // The plan left it unbuilt; with its record not believed there is nothing to judge it by.
      outcomes.push(
        carried
          ? { name: image.name, unchanged: carried }
          : {
              name: image.name,
              error: "unchanged, so no job gated it, but the merge base's record of it is not believed: re-run without changed-only",
            },
      );
    }
  }
  return outcomes;
}

/** On a push that records: every image's records in one commit; each report then says what was recorded of it. */
async function recordAll(merged: MergeResult, settings: HistorySettings | undefined, log: GateLog): Promise<void> {
  const records = merged.images.flatMap((image) => ('records' in image ? image.records : []));
  if (!settings?.record) {
    if (records.length > 0) log.info("Size history: this run records nothing, so the matrix jobs' records are not committed");
    return;
  }
  const committed = await commitRecords(settings, records, log);
  if (!committed) return;
  let at = 0;
  for (const image of merged.images) {
    if (!('records' in image)) continue;
    const paths = committed.paths.slice(at, at + image.records.length);
    at += image.records.length;
    if (image.report.history) image.report.history.recorded = { commit: committed.commit, paths, attempts: committed.attempts };
  }
}

function refusedSection(refused: MergeResult['refused']): string {
  if (refused.length === 0) return '';
  const lines = refused.map((item) => `- \`${escapeMarkdownInline(visible(item.path, 200))}\`: ${escapeMarkdownInline(item.reason)}`);
  return ['', `### Reports refused (${refused.length})`, '', ...lines, ''].join('\n');
}

function verdictLine(outcomes: ImageOutcome[]): string {
  const failing = outcomes.filter((outcome) => imageGroup(outcome) === 'failing');
  const notJudged = failing.filter((outcome) => 'error' in outcome && outcome.error.startsWith('not judged'));
  const failed = failing.filter((outcome) => !notJudged.includes(outcome)).map((outcome) => visible(outcome.name, 100));
  const parts = [
    ...(failed.length > 0 ? [`${failed.length} of ${outcomes.length} images failed: ${failed.join(', ')}`] : []),
    ...notJudged.map((outcome) => `${visible(outcome.name, 100)} ${'error' in outcome ? outcome.error : ''}`),
  ];
  return `image-size-gate: ${parts.join('; ')}`;
}

interface Merged {
  runContext: RunContext;
  token: string;
  file: string;
  images: ConfiguredImage[];
  outcomes: ImageOutcome[];
  refused: MergeResult['refused'];
}

/** Reads the config file, the plan and the reports; merges them; records on a push; carries unchanged images forward. */
async function mergeAll(log: GateLog): Promise<Merged> {
  const runContext = readRunContext(process.env);
  const token = core.getInput('github-token');
  const { file, config, digest } = await readConfig(core.getInput('config'));
  const images = configuredImages(config, (name) => (IMAGE_STEP_INPUTS.has(name) ? core.getInput(name) : ''));
  const commit = runContext.sha;
  if (!commit)
    throw new InputError('reports', 'needs GITHUB_SHA (the commit of the run), which the runner sets in every job', 'a workflow job');
  const { plan, file: planFile } = await planOf(config, images, digest, runContext, log);
  const folder = core.getInput('reports', { required: true });
  const found = await readReportFolder(folder, planFile ? [planFile] : []);
  if (found.missing && plan.images.some((image) => image.gate))
    log.warning(`image-size-gate: the reports folder ${visible(folder, 200)} does not exist: no report was downloaded there`);
  const matrixJob = core.getInput('matrix-job') || 'gate';
  const merged = mergeReports({ plan, commit, configDigest: digest, schemaVersion: REPORT_SCHEMA_VERSION, files: found.files, matrixJob });
  const refused = [...found.refused, ...merged.refused];
  for (const item of refused) log.warning(`image-size-gate: ${visible(folder, 200)}/${visible(item.path, 200)}: refused: ${item.reason}`);
  const settings = await historySettings(images[0].options, runContext, token, log);
  await recordAll(merged, settings, log);
  return { runContext, token, file, images, outcomes: await outcomesOf(merged, images, plan, settings, log), refused };
}

/** The outputs, the comment, the summary and the check runs of the merged outcomes; fails the step when one failed. */
async function publish(merged: Merged, log: GateLog): Promise<void> {
  const { runContext, token, file, outcomes, refused } = merged;
  const stepOptions = merged.images[0].options;
  const passed = !outcomes.some((outcome) => imageGroup(outcome) === 'failing');
  const document = { ...multiReport(file, { outcomes, passed, unjudged: false }, REPORT_SCHEMA_VERSION), refused };
  const reportPath = await writeReportFile(document, stepOptions.reportFile);
  const only = outcomes.length === 1 ? outcomes[0] : undefined;
  if (only && 'report' in only)
    for (const [name, value] of Object.entries(reportOutputs(only.report, reportPath))) core.setOutput(name, value);
  core.setOutput('passed', String(passed));
  core.setOutput('report', reportPath);
  core.setOutput(
    'failed',
    outcomes
      .filter((outcome) => imageGroup(outcome) === 'failing')
      .map((outcome) => outcome.name)
      .join(', '),
  );
  const pr = runContext.pullRequest;
  const checks = parseBoolean('checks', core.getInput('checks') || 'false');
  const client = token && (pr || checks) ? await githubClient(token, runContext.apiUrl) : undefined;
  const marker = configMarker(file);
  const body = renderMultiComment(outcomes, { marker, runUrl: runContext.runUrl, headSha: pr?.headSha });
  const wanted = commentWanted(stepOptions.comment, { outcomes, passed });
  const comment = await postComment({ body, marker, wanted, mode: stepOptions.comment }, runContext, token, client, log.warning);
  const summary = renderMultiSummary(outcomes, runContext.runUrl) + refusedSection(refused);
  await publishCommentAndSummary(comment, summary, { log, runContext });
  if (checks) await publishCheckRuns(outcomes, runContext, client, log);
  if (!passed) core.setFailed(visibleControlChars(verdictLine(outcomes)));
}

export async function runReportStep(): Promise<void> {
  const log = createActionLog();
  try {
    await publish(await mergeAll(log), log);
  } catch (error) {
    core.setOutput('passed', 'false');
    failStep(error);
  }
}
