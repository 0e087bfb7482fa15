// What both kinds of action step (one image from the inputs, several from a config file) share: the run's
// context, and how the comment, the summary and the hints reach GitHub.
import * as core from '@actions/core';
import path from 'node:path';
import { GateDependencies } from '../gate/deps.js';
import { GateLog } from '../common/log.js';
import { RunContext } from '../github/event.js';
import { CommentOutcome } from './comment.js';
import { escapeMarkdownInline, visibleControlChars } from '../common/escape.js';
import { hintAnnotation } from '../report/hint.js';
import { GateReport } from '../report/model.js';

export interface ActionStep {
  log: GateLog;
  runContext: RunContext;
  token: string;
  /** docker, the log and the trackers of what the gate leaves behind. */
  dependencies: GateDependencies;
}

/** Hints become annotations on the Dockerfile lines they concern, so they show in the PR's diff view. */
export function annotateHints(report: GateReport): void {
  const dockerfile = report.build?.dockerfile;
  for (const hint of report.analysis?.hints ?? []) {
    const { title, message } = hintAnnotation(hint);
    const properties: core.AnnotationProperties = { title };
    if (dockerfile && hint.line) {
      properties.file = path.relative(process.env.GITHUB_WORKSPACE || process.cwd(), path.resolve(dockerfile));
      properties.startLine = hint.line;
    }
    // Hints name paths from the image: shown, like every log line, with their control characters visible.
    if (hint.severity === 'warning') core.warning(visibleControlChars(message), properties);
    else core.notice(visibleControlChars(message), properties);
  }
}

/**
 * The comment's outputs, and the job summary (with the comment's text when it could not be posted, unless
 * `withUnposted` is false: a matrix job's comment is posted by another step).
 */
export async function publishCommentAndSummary(
  comment: CommentOutcome,
  summary: string,
  step: Pick<ActionStep, 'log' | 'runContext'>,
  withUnposted = true,
): Promise<void> {
  core.setOutput('comment-body', comment.body);
  core.setOutput('comment-url', comment.url ?? '');
  if (comment.url) step.log.info(`PR comment: ${comment.url}`);
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  let text = summary;
  if (withUnposted && step.runContext.pullRequest && comment.notPosted)
    text += `\n### The PR comment (not posted: ${escapeMarkdownInline(comment.notPosted)})\n\n${comment.body}\n`;
  await core.summary.addRaw(text).write();
}
