// Pure: the sticky pull-request comment. The verdict and the figures table always fit; long parts
// (layer changes, hints) are cut to keep the body under GitHub's 65,536-character limit.
import { COMMENT_BODY_LIMIT_CHARS } from '../github/api-calls.js';
import { formatSignedPercent } from '../common/units.js';
import { formatBytes, formatBytesDelta, formatDurationMs } from '../common/units.js';
import {
  baselineSizeFigure,
  baselineSource,
  fileChangeSection,
  figuresTable,
  LAYER_CHANGE_HEADER,
  layerChangeRow,
  noBaselineLine,
  VERDICT_MARK,
} from './baseline.js';
import { trendLines } from './trend.js';
import { detailsBlock, displayName, escapeMarkdownInline } from '../common/escape.js';
import { hintMarkdownItem } from './hint.js';
import { GateReport } from './model.js';
import { packageChangeSection } from './packages.js';

/** Room kept free below the limit for the marker line and safety. */
const COMMENT_RESERVE_CHARS = 1_000;

export interface CommentContext {
  marker: string;
  runUrl?: string;
  headSha?: string;
}

function headline(report: GateReport): string {
  const size = baselineSizeFigure(report);
  const ratio = size?.ratio === undefined ? '' : `, ${formatSignedPercent(size.ratio)}`;
  const sizeText =
    size?.change !== undefined
      ? `${formatBytes(report.image.sizeBytes)} (${formatBytesDelta(size.change)}${ratio})`
      : formatBytes(report.image.sizeBytes);
  const failed = report.checks.filter((check) => check.verdict === 'fail').map((check) => check.label);
  // The name is plain escaped text, not a code span: inside a code span the escapes would show literally.
  const name = `**${escapeMarkdownInline(displayName(report.name))}**`;
  return report.passed
    ? `### ✅ image-size-gate: ${name} passed · ${sizeText}`
    : `### ❌ image-size-gate: ${name} failed ${escapeMarkdownInline(failed.join(', '))} · ${sizeText}`;
}

function failureLines(report: GateReport): string[] {
  return report.checks
    .filter((check) => check.verdict === 'fail' || check.verdict === 'warn')
    .map((check) => `- ${VERDICT_MARK[check.verdict]} **${escapeMarkdownInline(check.label)}**: ${escapeMarkdownInline(check.detail)}`);
}

/** A collapsed section of at most `maxRows` items (none when there are no items), saying how many it left out. */
function cutSection<T>(
  summary: string,
  header: string[],
  items: T[],
  toRow: (item: T) => string,
  maxRows: number,
  leftOut: (count: number) => string,
): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, maxRows);
  const more = items.length > shown.length ? ['', leftOut(items.length - shown.length)] : [];
  return ['', ...detailsBlock(summary, [...header, ...shown.map(toRow), ...more])];
}

function branch(report: GateReport): string {
  return report.history ? ` \`${escapeMarkdownInline(report.history.branch)}\`` : '';
}

function footer(report: GateReport, context: CommentContext): string {
  const parts = [
    report.analysis?.compressedSizeBytes !== undefined ? `compressed ${formatBytes(report.analysis.compressedSizeBytes)}` : '',
    report.baseline?.buildMs !== undefined ? `baseline built in ${formatDurationMs(report.baseline.buildMs)}` : '',
    report.baseline?.source === 'record' ? `baseline from the history branch${branch(report)}, not rebuilt` : '',
    context.runUrl ? `[workflow run](${context.runUrl})` : '',
  ].filter(Boolean);
  return `<sub>image-size-gate${parts.length ? ' · ' + parts.join(' · ') : ''}</sub>`;
}

/** Renders the comment with at most `maxRows` rows in each long section. */
function renderWith(report: GateReport, context: CommentContext, maxRows: number): string {
  const lines = [context.marker, headline(report), ''];
  if (!report.baseline) lines.push(noBaselineLine(report), '');
  // The table names a base commit or image; a record says here when and where it was made.
  else if (report.baseline.source === 'record') lines.push(`Compared with ${baselineSource(report.baseline)}.`, '');
  lines.push(...figuresTable(report, context.headSha));
  const failures = failureLines(report);
  if (failures.length > 0) lines.push('', ...failures);
  lines.push(...fileChangeSection(report, maxRows));
  lines.push(...packageChangeSection(report.baseline?.packageChanges, Math.min(maxRows, 20)));
  const trend = trendLines(report.history?.trend ?? [], { label: 'this PR', sizeBytes: report.image.sizeBytes });
  if (trend.length > 0) lines.push('', ...trend);
  const changes = report.baseline?.layerChanges ?? [];
  const hints = report.analysis?.hints ?? [];
  lines.push(
    ...cutSection(
      `What changed, layer by layer (${changes.length})`,
      LAYER_CHANGE_HEADER,
      changes,
      layerChangeRow,
      maxRows,
      (count) => `…and ${count} more layers, not shown to keep this comment within GitHub's size limit.`,
    ),
    ...cutSection(
      `Hints (${hints.length})`,
      [],
      hints,
      hintMarkdownItem,
      maxRows,
      (count) => `…and ${count} more hints in the job summary.`,
    ),
    '',
    footer(report, context),
    '',
  );
  return lines.join('\n');
}

/** The comment body, cut to fit under GitHub's limit (verdict and figures are never cut). */
export function renderComment(report: GateReport, context: CommentContext, limitChars = COMMENT_BODY_LIMIT_CHARS): string {
  for (let maxRows = 50; maxRows >= 0; maxRows = maxRows > 10 ? maxRows - 10 : maxRows - 1) {
    const body = renderWith(report, context, maxRows);
    if ([...body].length <= limitChars - COMMENT_RESERVE_CHARS) return body;
  }
  return renderWith(report, context, 0);
}

/** Pure: should the comment be posted under this `comment` mode? */
export function shouldComment(mode: 'always' | 'changed' | 'failure' | 'never', report: GateReport): boolean {
  if (mode === 'never') return false;
  if (mode === 'always') return true;
  if (mode === 'failure') return !report.passed;
  const sizeChange = baselineSizeFigure(report)?.change;
  return !report.passed || sizeChange === undefined || sizeChange !== 0;
}
