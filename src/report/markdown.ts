// Pure: the job summary, as markdown.
import { Check, Verdict } from '../judge/budgets.js';
import { formatDurationMs } from '../common/units.js';
import { renderAnalysis } from './analysis-markdown.js';
import { renderBaselineSection } from './baseline.js';
import { displayName, escapeCodeBlock, escapeMarkdownInline } from '../common/escape.js';
import { engineSentence, platformRows } from './engine.js';
import { GateReport } from './model.js';
import { trendLines } from './trend.js';

const VERDICT_MARK: Record<Verdict, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  warn: '⚠️ accepted',
  skip: '⏭️ skipped',
  info: 'ℹ️ no budget',
};

function checkRow(check: Check): string {
  const cells = [check.label, check.measured || '—', check.budget || '—', check.margin || '—', VERDICT_MARK[check.verdict], check.detail];
  return `| ${cells.map(escapeMarkdownInline).join(' | ')} |`;
}

function platformTable(report: GateReport): string[] {
  const rows = platformRows(report);
  if (rows.length === 0) return [];
  return [
    '| Platform | Size | Compressed | Layers | User | Verdict |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.map(escapeMarkdownInline).join(' | ')} |`),
    '',
  ];
}

/** The size history: what this run recorded, and the trend of the recorded commits (with this image on a PR). */
function historySection(report: GateReport): string[] {
  const history = report.history!;
  const onPullRequest = report.baseline?.source === 'base-commit' || report.baseline?.source === 'record';
  const current = history.recorded || !onPullRequest ? undefined : { label: 'this PR', sizeBytes: report.image.sizeBytes };
  const trend = trendLines(history.trend, current);
  const branch = `\`${escapeMarkdownInline(history.branch)}\``;
  const recorded = history.recorded
    ? `Recorded ${history.recorded.paths.length} record(s) on branch ${branch} (commit \`${escapeMarkdownInline(history.recorded.commit.slice(0, 7))}\`).`
    : history.pending
      ? `${history.pending.length} record(s) left to image-size-gate/report, which commits every image's to branch ${branch} in one commit.`
      : `Nothing recorded on branch ${branch} by this run.`;
  return ['### Size history', '', recorded, ...(trend.length > 0 ? ['', ...trend] : [])];
}

export function renderSummary(report: GateReport): string {
  const failed = report.checks.filter((check) => check.verdict === 'fail');
  const headline = report.passed
    ? `## ✅ image-size-gate: ${escapeMarkdownInline(displayName(report.name))} passed`
    : `## ❌ image-size-gate: ${escapeMarkdownInline(displayName(report.name))} failed ${failed.length} check${failed.length === 1 ? '' : 's'}`;
  const lines = [
    headline,
    '',
    `Image \`${escapeMarkdownInline(report.image.id.replace(/^sha256:/, '').slice(0, 12))}\` (${escapeMarkdownInline(report.image.os)}/${escapeMarkdownInline(report.image.architecture)})` +
      (report.build
        ? `, built with the ${escapeMarkdownInline(report.build.builder)} builder in ${formatDurationMs(report.build.durationMs)}`
        : ''),
    '',
    escapeMarkdownInline(engineSentence(report)),
    '',
    ...platformTable(report),
    '| Check | Measured | Budget | Margin | Verdict | Detail |',
    '| --- | --- | --- | --- | --- | --- |',
    ...report.checks.map(checkRow),
  ];
  const smoke = report.smoke;
  if (smoke?.ran && !smoke.passed) {
    lines.push('', `**Smoke test failed:** ${escapeMarkdownInline(smoke.failure ?? '')}`);
    if (smoke.bodyExcerpt !== undefined) lines.push('', 'Last answer body (truncated):', '', escapeCodeBlock([smoke.bodyExcerpt]));
    if (smoke.containerLog && smoke.containerLog.length > 0)
      lines.push('', 'Last lines of the container log:', '', escapeCodeBlock(smoke.containerLog));
  }
  if (report.baseline || report.noBaselineReason) lines.push('', renderBaselineSection(report));
  if (report.history) lines.push('', ...historySection(report));
  if (report.analysis) lines.push('', renderAnalysis(report.analysis, report.image.sizeBytes));
  lines.push('', 'Sizes use SI units as `docker images` prints them (1 MB = 1,000,000 bytes) unless a budget was given in MiB.', '');
  return lines.join('\n');
}
