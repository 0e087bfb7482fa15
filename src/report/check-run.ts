// Pure: one check run per image for image-size-gate/report's `checks: true` ("image-size-gate / api"), so that
// branch protection can require each image by name: its conclusion, a title, the image's summary, and annotations
// on its Dockerfile (its hints, and each budget it failed). Everything in it came from a matrix job's report:
// markdown is escaped by the renderers, and a Dockerfile path is used only when it is a plain relative path.
import path from 'node:path';
import { CheckAnnotation } from '../github/check-runs.js';
import { escapeMarkdownInline, truncate, visible } from '../common/escape.js';
import { describeHint } from './hint.js';
import { renderSummary } from './markdown.js';
import { ImageOutcome, imageGroup, imageRows, IMAGE_TABLE_HEADER, imageTableRow } from './multi-rows.js';

/** GitHub's limits: 65,535 characters of summary, 50 annotations per request, 255 characters of title. */
export const CHECK_SUMMARY_LIMIT_CHARS = 65_535;
export const CHECK_ANNOTATIONS_PER_REQUEST = 50;
const TITLE_LIMIT_CHARS = 255;
const MESSAGE_LIMIT_CHARS = 4_000;

export interface CheckRunOutput {
  name: string;
  conclusion: 'success' | 'failure';
  title: string;
  summary: string;
  annotations: CheckAnnotation[];
}

/** The check's name: what branch protection requires. */
export function checkRunName(image: string): string {
  return `image-size-gate / ${image}`;
}

/**
 * A Dockerfile's path relative to the repository, as annotations need it: made relative to the workspace when
 * absolute, and kept only when it then is a plain path inside it (no `..`, no control characters).
 */
export function annotationPath(dockerfile: string | undefined, workspace: string): string | undefined {
  if (!dockerfile) return undefined;
  const relative = path.isAbsolute(dockerfile) ? path.relative(workspace, dockerfile) : path.normalize(dockerfile);
  const plain = relative !== '' && !path.isAbsolute(relative) && !relative.split(/[\\/]/).includes('..');
  return plain && relative.length <= 1000 && !/[\u0000-\u001f\u007f-\u009f]/.test(relative)
    ? relative.split(path.sep).join('/')
    : undefined;
}

function annotations(outcome: ImageOutcome, workspace: string): CheckAnnotation[] {
  if (!('report' in outcome)) return [];
  const report = outcome.report;
  const file = annotationPath(report.build?.dockerfile, workspace);
  if (!file) return [];
  const failed = report.checks
    .filter((check) => check.verdict === 'fail')
    .map((check) => ({
      path: file,
      start_line: 1,
      end_line: 1,
      annotation_level: 'failure' as const,
      title: truncate(visible(`${outcome.name}: ${check.label}`, TITLE_LIMIT_CHARS - 20), TITLE_LIMIT_CHARS - 20),
      message: visible(check.detail, MESSAGE_LIMIT_CHARS),
    }));
  const hints = (report.analysis?.hints ?? []).map((hint) => {
    const words = describeHint(hint);
    const line = hint.line ?? 1;
    return {
      path: file,
      start_line: line,
      end_line: line,
      annotation_level: hint.severity === 'warning' ? ('warning' as const) : ('notice' as const),
      title: visible(words.title, TITLE_LIMIT_CHARS - 20),
      message: visible(`${words.message}${words.facts ? ` (${words.facts})` : ''}`, MESSAGE_LIMIT_CHARS),
    };
  });
  return [...failed, ...hints].slice(0, CHECK_ANNOTATIONS_PER_REQUEST);
}

function summaryOf(outcome: ImageOutcome): string {
  if ('report' in outcome) return renderSummary(outcome.report);
  const rows = [...IMAGE_TABLE_HEADER, ...imageRows(outcome).map(imageTableRow)].join('\n');
  const error = 'error' in outcome ? `\n\n${escapeMarkdownInline(truncate(outcome.error, 2_000))}` : '';
  return `${rows}${error}\n`;
}

function titleOf(outcome: ImageOutcome): string {
  if ('error' in outcome) return 'could not be judged';
  if ('unchanged' in outcome)
    return imageGroup(outcome) === 'failing' ? 'unchanged, but its recorded figures fail a budget' : 'unchanged, not rebuilt';
  const failed = outcome.report.checks.filter((check) => check.verdict === 'fail').map((check) => check.label);
  return failed.length > 0 ? visible(`failed ${failed.join(', ')}`, TITLE_LIMIT_CHARS) : 'passed';
}

/** The check run of one image. */
export function checkRunFor(outcome: ImageOutcome, workspace: string, runUrl?: string): CheckRunOutput {
  const footer = runUrl ? `\n\n[workflow run](${runUrl})\n` : '\n';
  let summary = summaryOf(outcome) + footer;
  if (summary.length > CHECK_SUMMARY_LIMIT_CHARS) {
    const note = "\n\n…cut to GitHub's limit for a check run's summary; the job summary has it all.\n";
    summary = summary.slice(0, CHECK_SUMMARY_LIMIT_CHARS - note.length) + note;
  }
  return {
    name: checkRunName(outcome.name),
    conclusion: imageGroup(outcome) === 'failing' ? 'failure' : 'success',
    title: titleOf(outcome),
    summary,
    annotations: annotations(outcome, workspace),
  };
}
