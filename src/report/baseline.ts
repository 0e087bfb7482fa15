// Pure: the comparison with the baseline, shared by the PR comment and the job summary: one row per
// figure (base, this PR, change, budget, verdict) and one row per layer that changed.
import { Check, Verdict } from '../judge/budgets.js';
import { formatPercent, formatSignedPercent } from '../common/units.js';
import { FigureDelta, LayerChange } from '../judge/delta.js';
import { formatBytes, formatBytesDelta, formatDurationMs, formatInteger } from '../common/units.js';
import { clipCreatedBy } from '../common/created-by.js';
import { escapeMarkdownInline } from '../common/escape.js';
import { GateReport } from './model.js';
import { fileChangesLines } from './trend.js';
import { packageChangeSection } from './packages.js';

export const VERDICT_MARK: Record<Verdict, string> = { pass: '✅', fail: '❌', warn: '⚠️', skip: '⏭️', info: '' };

/** The summary shows this many changed layers; the comment as many as fit. */
const SUMMARY_LAYER_CHANGE_ROWS = 30;
/** The summary shows this many changed packages; the comment as many as fit. */
const SUMMARY_PACKAGE_CHANGE_ROWS = 30;

export const LAYER_CHANGE_HEADER = ['| | Layer | Base | This PR | Change |', '| --- | --- | ---: | ---: | ---: |'];

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

/** The uncompressed size against the baseline, when there is one. */
export function baselineSizeFigure(report: GateReport): FigureDelta | undefined {
  return report.baseline?.figures.find((figure) => figure.id === 'size');
}

/** A commit sha cut to 7 characters; an image reference as it is. */
export function shortRef(reference: string): string {
  return /^[0-9a-f]{40}$/.test(reference) ? reference.slice(0, 7) : reference;
}

/** Every figure against the baseline, then the checks that have no baseline figure. */
export function figuresTable(report: GateReport, headSha?: string): string[] {
  const baseline = report.baseline;
  const checksById = new Map<string, Check>(report.checks.map((check) => [check.id, check]));
  const recorded = baseline?.source === 'record' ? ', recorded' : '';
  const baseHeader = baseline ? `Base (\`${escapeMarkdownInline(shortRef(baseline.reference))}\`${recorded})` : 'Base';
  // "PR" only where there is one: a baseline built from the base commit exists only on pull requests.
  const onPullRequest = baseline?.source === 'base-commit' || baseline?.source === 'record';
  const headHeader = headSha ? `This PR (\`${headSha.slice(0, 7)}\`)` : onPullRequest ? 'This PR' : 'This image';
  const rows = ['| | ' + baseHeader + ' | ' + headHeader + ' | Change | Budget | |', '| --- | ---: | ---: | ---: | --- | :---: |'];
  const shown = new Set<string>();
  for (const figure of baseline?.figures ?? []) {
    const check = checksById.get(figure.id);
    shown.add(figure.id);
    rows.push(
      `| ${escapeMarkdownInline(figure.label)} | ${formatFigure(figure.base, figure.unit)} | ${formatFigure(figure.head, figure.unit)} | ${formatChange(figure)} | ${escapeMarkdownInline(check?.budget || '—')} | ${check ? VERDICT_MARK[check.verdict] : ''} |`,
    );
  }
  for (const check of report.checks) {
    if (shown.has(check.id)) continue;
    const change = check.id === 'increase' ? check.measured : '';
    const measured = check.id === 'increase' ? '' : check.measured;
    rows.push(
      `| ${escapeMarkdownInline(check.label)} | | ${escapeMarkdownInline(measured || '—')} | ${escapeMarkdownInline(change)} | ${escapeMarkdownInline(check.budget || '—')} | ${VERDICT_MARK[check.verdict]} |`,
    );
  }
  return rows;
}

export function layerChangeRow(change: LayerChange): string {
  const what = escapeMarkdownInline(clipCreatedBy(change.createdBy));
  const where = change.line ? `line ${change.line}: ` : '';
  const kind = { added: '🆕 appeared', removed: '🗑️ vanished', grew: '📈 grew', shrank: '📉 shrank' }[change.kind];
  return `| ${kind} | ${where}${what} | ${change.baseBytes === undefined ? '—' : formatBytes(change.baseBytes)} | ${change.headBytes === undefined ? '—' : formatBytes(change.headBytes)} | ${formatBytesDelta(change.changeBytes)} |`;
}

export function noBaselineLine(report: GateReport): string {
  return `_No baseline: ${escapeMarkdownInline(report.noBaselineReason ?? 'none configured')}._`;
}

/** Where the baseline came from, in words: the base commit built now, the history's record, or an image. */
export function baselineSource(baseline: NonNullable<GateReport['baseline']>): string {
  if (baseline.source === 'base-commit') return `the base commit \`${escapeMarkdownInline(shortRef(baseline.reference))}\``;
  if (baseline.source === 'image') return `\`${escapeMarkdownInline(baseline.reference)}\``;
  if (baseline.source === 'registry') return `\`${escapeMarkdownInline(baseline.reference)}\` read from its registry (no pull)`;
  const when = baseline.recordedAt ? ` on ${escapeMarkdownInline(baseline.recordedAt.slice(0, 10))}` : '';
  const run =
    baseline.recordRunUrl && /^https?:\/\/[^\s()<>]+$/.test(baseline.recordRunUrl) ? `; [recording run](${baseline.recordRunUrl})` : '';
  const store = baseline.recordImageStore ? ` on the ${baseline.recordImageStore} image store` : '';
  return `the merge base \`${escapeMarkdownInline(shortRef(baseline.reference))}\` as recorded${when}${store} (no baseline build${run})`;
}

/** The files and directories that changed most, when both sides' byte maps are known. */
export function fileChangeSection(report: GateReport, maxRows = Infinity): string[] {
  const changes = (report.baseline?.fileChanges ?? []).slice(0, maxRows);
  if (changes.length === 0) return [];
  return ['', '**Which files changed most**', '', ...fileChangesLines(changes)];
}

/** The baseline comparison for the job summary: the same table as the comment. */
export function renderBaselineSection(report: GateReport): string {
  if (!report.baseline) return noBaselineLine(report);
  const how = baselineSource(report.baseline);
  const timing =
    report.baseline.buildMs !== undefined
      ? ` (built in ${formatDurationMs(report.baseline.buildMs)}, ${formatDurationMs(report.baseline.totalMs ?? 0)} with its measurement)`
      : '';
  const changes = report.baseline.layerChanges ?? [];
  return [
    `### Against the baseline: ${how}${timing}`,
    '',
    ...figuresTable(report),
    ...fileChangeSection(report),
    ...packageChangeSection(report.baseline.packageChanges, SUMMARY_PACKAGE_CHANGE_ROWS),
    ...(changes.length > 0 ? ['', ...LAYER_CHANGE_HEADER, ...changes.slice(0, SUMMARY_LAYER_CHANGE_ROWS).map(layerChangeRow)] : []),
  ].join('\n');
}
