// Pure: the sticky pull-request comment. The verdict and the figures table always fit; long parts
// (layer changes, hints) are cut to keep the body under GitHub's 65,536-character limit.
import { Check, formatPercent, formatSignedPercent, Verdict } from '../budgets.js';
import { FigureDelta, LayerChange } from '../delta.js';
import { formatBytes, formatBytesDelta, formatDurationMs, formatInteger } from '../units.js';
import { detailsBlock, escapeMarkdownInline } from './escape.js';
import { GateReport } from './model.js';

export const COMMENT_LIMIT_CHARS = 65_536;
/** Room kept free below the limit for the marker line and safety. */
const COMMENT_RESERVE_CHARS = 1_000;

const MARK: Record<Verdict, string> = { pass: '✅', fail: '❌', warn: '⚠️', skip: '⏭️', info: '' };

function formatFigure(value: number | undefined, unit: FigureDelta['unit']): string {
  if (value === undefined) return '—';
  switch (unit) {
    case 'bytes':
      return formatBytes(value);
    case 'ms':
      return formatDurationMs(value);
    case 'fraction':
      return formatPercent(value);
    default:
      return formatInteger(value);
  }
}

function formatChange(delta: FigureDelta): string {
  if (delta.change === undefined) return '—';
  const ratio = delta.ratio === undefined ? '' : ` (${formatSignedPercent(delta.ratio)})`;
  switch (delta.unit) {
    case 'bytes':
      return `${formatBytesDelta(delta.change)}${ratio}`;
    case 'ms':
      return `${delta.change >= 0 ? '+' : '-'}${formatDurationMs(Math.abs(delta.change))}`;
    case 'fraction':
      return `${delta.change >= 0 ? '+' : ''}${(delta.change * 100).toFixed(2)} points`;
    default:
      return `${delta.change > 0 ? '+' : ''}${formatInteger(delta.change)}`;
  }
}

function shortRef(reference: string): string {
  return /^[0-9a-f]{40}$/.test(reference) ? reference.slice(0, 7) : reference;
}

export interface CommentContext {
  marker: string;
  runUrl?: string;
  headSha?: string;
}

function headline(report: GateReport): string {
  const size = report.baseline?.figures.find((figure) => figure.id === 'size');
  const ratio = size?.ratio === undefined ? '' : `, ${formatSignedPercent(size.ratio)}`;
  const sizeText =
    size?.change !== undefined
      ? `${formatBytes(report.image.sizeBytes)} (${formatBytesDelta(size.change)}${ratio})`
      : formatBytes(report.image.sizeBytes);
  const failed = report.checks.filter((check) => check.verdict === 'fail').map((check) => check.label);
  // The name is plain escaped text, not a code span: inside a code span the escapes would show literally.
  const name = `**${escapeMarkdownInline(report.name)}**`;
  return report.passed
    ? `### ✅ image-size-gate: ${name} passed · ${sizeText}`
    : `### ❌ image-size-gate: ${name} failed ${escapeMarkdownInline(failed.join(', '))} · ${sizeText}`;
}

function figuresTable(report: GateReport, context: CommentContext): string[] {
  const baseline = report.baseline;
  const checksById = new Map<string, Check>(report.checks.map((check) => [check.id, check]));
  const baseHeader = baseline ? `Base (\`${escapeMarkdownInline(shortRef(baseline.reference))}\`)` : 'Base';
  const headHeader = context.headSha ? `This PR (\`${context.headSha.slice(0, 7)}\`)` : 'This PR';
  const rows = ['| | ' + baseHeader + ' | ' + headHeader + ' | Change | Budget | |', '| --- | ---: | ---: | ---: | --- | :---: |'];
  const shown = new Set<string>();
  for (const figure of baseline?.figures ?? []) {
    const check = checksById.get(figure.id);
    shown.add(figure.id);
    rows.push(
      `| ${figure.label} | ${formatFigure(figure.base, figure.unit)} | ${formatFigure(figure.head, figure.unit)} | ${formatChange(figure)} | ${escapeMarkdownInline(check?.budget || '—')} | ${check ? MARK[check.verdict] : ''} |`,
    );
  }
  for (const check of report.checks) {
    if (shown.has(check.id)) continue;
    const change = check.id === 'increase' ? check.measured : '';
    const measured = check.id === 'increase' ? '' : check.measured;
    rows.push(
      `| ${check.label} | | ${escapeMarkdownInline(measured || '—')} | ${escapeMarkdownInline(change)} | ${escapeMarkdownInline(check.budget || '—')} | ${MARK[check.verdict]} |`,
    );
  }
  return rows;
}

function failureLines(report: GateReport): string[] {
  return report.checks
    .filter((check) => check.verdict === 'fail' || check.verdict === 'warn')
    .map((check) => `- ${MARK[check.verdict]} **${escapeMarkdownInline(check.label)}**: ${escapeMarkdownInline(check.detail)}`);
}

function layerChangeRow(change: LayerChange): string {
  const what = escapeMarkdownInline(change.createdBy.length > 90 ? `${change.createdBy.slice(0, 90)}…` : change.createdBy);
  const where = change.line ? `line ${change.line}: ` : '';
  const kind = { added: '🆕 appeared', removed: '🗑️ vanished', grew: '📈 grew', shrank: '📉 shrank' }[change.kind];
  return `| ${kind} | ${where}${what} | ${change.baseBytes === undefined ? '—' : formatBytes(change.baseBytes)} | ${change.headBytes === undefined ? '—' : formatBytes(change.headBytes)} | ${formatBytesDelta(change.changeBytes)} |`;
}

/** Renders the comment with at most `maxRows` rows in each long section. */
function renderWith(report: GateReport, context: CommentContext, maxRows: number): string {
  const lines = [context.marker, headline(report), ''];
  if (!report.baseline) lines.push(`_No baseline: ${escapeMarkdownInline(report.noBaselineReason ?? 'none configured')}._`, '');
  lines.push(...figuresTable(report, context));
  const failures = failureLines(report);
  if (failures.length > 0) lines.push('', ...failures);

  const changes = report.baseline?.layerChanges ?? [];
  if (changes.length > 0) {
    const shown = changes.slice(0, maxRows);
    lines.push(
      '',
      ...detailsBlock(`What changed, layer by layer (${changes.length})`, [
        '| | Layer | Base | This PR | Change |',
        '| --- | --- | ---: | ---: | ---: |',
        ...shown.map(layerChangeRow),
        ...(changes.length > shown.length
          ? ['', `…and ${changes.length - shown.length} more layers, not shown to keep this comment within GitHub's size limit.`]
          : []),
      ]),
    );
  }
  const hints = report.analysis?.hints ?? [];
  if (hints.length > 0) {
    const shown = hints.slice(0, maxRows);
    lines.push(
      '',
      ...detailsBlock(`Hints (${hints.length})`, [
        ...shown.map((hint) => {
          const saving = hint.savingBytes === undefined ? '' : ` — saves about ${formatBytes(hint.savingBytes)}`;
          return `- **${escapeMarkdownInline(hint.title)}**${hint.line ? ` (Dockerfile line ${hint.line})` : ''}${saving}: ${escapeMarkdownInline(hint.message)}`;
        }),
        ...(hints.length > shown.length ? ['', `…and ${hints.length - shown.length} more hints in the job summary.`] : []),
      ]),
    );
  }
  const footer = [
    report.analysis?.compressedSizeBytes !== undefined ? `compressed ${formatBytes(report.analysis.compressedSizeBytes)}` : '',
    report.baseline?.buildMs !== undefined ? `baseline built in ${formatDurationMs(report.baseline.buildMs)}` : '',
    context.runUrl ? `[workflow run](${context.runUrl})` : '',
  ].filter(Boolean);
  lines.push('', `<sub>image-size-gate${footer.length ? ' · ' + footer.join(' · ') : ''}</sub>`, '');
  return lines.join('\n');
}

/** The comment body, cut to fit under GitHub's limit (verdict and figures are never cut). */
export function renderComment(report: GateReport, context: CommentContext, limitChars = COMMENT_LIMIT_CHARS): string {
  for (let maxRows = 50; maxRows >= 0; maxRows = maxRows > 10 ? maxRows - 10 : maxRows - 1) {
    const body = renderWith(report, context, maxRows);
    if ([...body].length <= limitChars - COMMENT_RESERVE_CHARS) return body;
  }
  return renderWith(report, context, 0);
}

/** The baseline comparison for the job summary: the same table as the comment. */
export function renderBaselineSection(report: GateReport): string {
  if (!report.baseline) return `_No baseline: ${escapeMarkdownInline(report.noBaselineReason ?? 'none configured')}._`;
  const how =
    report.baseline.source === 'base-commit'
      ? `the base commit \`${shortRef(report.baseline.reference)}\``
      : `\`${escapeMarkdownInline(report.baseline.reference)}\``;
  const timing =
    report.baseline.buildMs !== undefined
      ? ` (built in ${formatDurationMs(report.baseline.buildMs)}, ${formatDurationMs(report.baseline.totalMs ?? 0)} with its measurement)`
      : '';
  const changes = report.baseline.layerChanges ?? [];
  return [
    `### Against the baseline: ${how}${timing}`,
    '',
    ...figuresTable(report, { marker: '' }),
    ...(changes.length > 0
      ? ['', '| | Layer | Base | This PR | Change |', '| --- | --- | ---: | ---: | ---: |', ...changes.slice(0, 30).map(layerChangeRow)]
      : []),
  ].join('\n');
}

/** Pure: should the comment be posted under this `comment` mode? */
export function shouldComment(mode: 'always' | 'changed' | 'failure' | 'never', report: GateReport): boolean {
  if (mode === 'never') return false;
  if (mode === 'always') return true;
  if (mode === 'failure') return !report.passed;
  const sizeChange = report.baseline?.figures.find((figure) => figure.id === 'size')?.change;
  return !report.passed || sizeChange === undefined || sizeChange !== 0;
}
