// Pure: the CLI's report, as plain text columns.
import { ImageAnalysis } from '../analysis/analyze.js';
import { Verdict } from '../judge/budgets.js';
import { formatPercent } from '../common/units.js';
import { formatBytes, formatDurationMs } from '../common/units.js';
import { pullSeconds } from './analysis-markdown.js';
import { clipCreatedBy } from '../common/created-by.js';
import { hintTerminalLines } from './hint.js';
import { engineSentence, platformRows } from './engine.js';
import { GateReport } from './model.js';
import { visibleControlChars } from '../common/escape.js';
import { packageTerminalLines } from './packages.js';

const LARGEST_LAYER_LINES = 5;

const VERDICT_WORD: Record<Verdict, string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP', info: '----' };

/**
 * Untrusted text for the terminal: control sequences removed, line by line every other invisible character
 * (controls, bidi controls, zero-width characters) shown by its code.
 */
function plain(text: string): string {
  return text
    .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .split('\n')
    .map(visibleControlChars)
    .join('\n');
}

export function renderTerminal(report: GateReport): string {
  const rows = report.checks.map((check) => [
    VERDICT_WORD[check.verdict],
    check.label,
    check.measured || '-',
    check.budget || '-',
    check.margin || '-',
  ]);
  const header = ['', 'check', 'measured', 'budget', 'margin'];
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const format = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  const lines = [
    `image-size-gate: ${plain(report.name)} ${report.passed ? 'PASSED' : 'FAILED'}`,
    `image ${report.image.id.replace(/^sha256:/, '').slice(0, 12)} (${report.image.os}/${report.image.architecture})` +
      (report.build ? `, built with the ${report.build.builder} builder in ${formatDurationMs(report.build.durationMs)}` : ''),
    engineSentence(report),
    ...platformRows(report).map((row) => `  ${row.join('  ')}`),
    '',
    format(header),
    ...rows.map(format),
    '',
  ];
  for (const check of report.checks.filter((candidate) => candidate.verdict === 'fail'))
    lines.push(`FAIL ${check.label}: ${plain(check.detail)}`);
  const smoke = report.smoke;
  if (smoke?.ran && !smoke.passed) {
    if (smoke.bodyExcerpt !== undefined)
      lines.push(
        'last answer body:',
        ...plain(smoke.bodyExcerpt)
          .split('\n')
          .map((line) => `  ${line}`),
      );
    if (smoke.containerLog?.length) lines.push('container log (last lines):', ...smoke.containerLog.map((line) => `  ${plain(line)}`));
  }
  if (report.analysis) lines.push('', ...renderAnalysisText(report.analysis, report.image.sizeBytes));
  return lines.join('\n').trimEnd() + '\n';
}

/** The layer analysis in a few lines: sizes, waste, the five largest layers, every hint. */
function renderAnalysisText(analysis: ImageAnalysis, uncompressedBytes: number): string[] {
  const dive = analysis.dive;
  const compressed = analysis.compressedSizeBytes;
  const lines = [
    `compressed ${compressed === undefined ? 'unknown' : `${formatBytes(compressed)} (pull about ${formatDurationMs(pullSeconds(compressed) * 1000)} at 100 Mbit/s)`}, uncompressed ${formatBytes(uncompressedBytes)}`,
    `dive efficiency ${formatPercent(dive.efficiency)}, wasted ${formatBytes(dive.wastedBytes)}; really reclaimable ${formatBytes(analysis.reclaimableBytes)}`,
    '',
    'largest layers:',
    ...[...analysis.layers]
      .sort((a, b) => b.sizeBytes - a.sizeBytes)
      .slice(0, LARGEST_LAYER_LINES)
      .map(
        (layer) =>
          `  ${formatBytes(layer.sizeBytes).padStart(9)}  ${layer.line ? `line ${layer.line}: ` : ''}${clipCreatedBy(plain(layer.createdBy))}${layer.own ? '' : ' (base)'}`,
      ),
  ];
  lines.push(...packageTerminalLines(analysis, plain));
  if (analysis.hints.length > 0) lines.push('', 'hints:', ...analysis.hints.flatMap((hint) => hintTerminalLines(hint, plain)));
  return lines;
}
