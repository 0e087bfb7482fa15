// Pure: the "where the bytes are" part of the job summary (and, later, the PR comment).
import { ImageAnalysis } from '../analysis/index.js';
import { formatPercent } from '../budgets.js';
import { formatBytes, formatDurationMs, formatInteger } from '../units.js';
import { detailsBlock, escapeMarkdownInline } from './escape.js';

/** The bandwidth the pull-time estimate assumes. */
export const PULL_BANDWIDTH_BITS_PER_SECOND = 100_000_000;

export function pullSeconds(compressedBytes: number, bitsPerSecond = PULL_BANDWIDTH_BITS_PER_SECOND): number {
  return (compressedBytes * 8) / bitsPerSecond;
}

const MAX_LAYER_ROWS = 40;

export function renderAnalysis(analysis: ImageAnalysis, uncompressedBytes: number): string {
  const lines: string[] = ['### Where the bytes are', ''];
  const compressed = analysis.compressedSizeBytes;
  lines.push(
    compressed === undefined
      ? `Uncompressed ${formatBytes(uncompressedBytes)}; the compressed size could not be measured.`
      : `**Uncompressed** ${formatBytes(uncompressedBytes)} (on disk after pull) · **Compressed** ${formatBytes(compressed)} (what a registry stores and \`docker pull\` downloads; about ${formatDurationMs(pullSeconds(compressed) * 1000)} at 100 Mbit/s)`,
    '',
  );

  const dive = analysis.dive;
  lines.push(
    `**Wasted space** (dive-compatible): efficiency ${formatPercent(dive.efficiency)}, ${formatBytes(dive.wastedBytes)} wasted (${formatPercent(dive.wastedUserPercent)} of the image's own ${formatBytes(dive.userSizeBytes)}). ` +
      `Of that, **${formatBytes(analysis.reclaimableBytes)} could really be reclaimed** (earlier copies and deleted files; dive also counts the copy that survives).`,
    '',
  );

  if (analysis.hints.length > 0) {
    lines.push('#### Hints', '');
    for (const hint of analysis.hints) {
      const saving = hint.savingBytes === undefined ? '' : ` — saves about ${formatBytes(hint.savingBytes)}`;
      const where = hint.line ? ` (Dockerfile line ${hint.line})` : '';
      lines.push(
        `- ${hint.severity === 'warning' ? '⚠️' : 'ℹ️'} **${escapeMarkdownInline(hint.title)}**${where}${saving}: ${escapeMarkdownInline(hint.message)}`,
      );
    }
    lines.push('');
  }

  const layerRows = analysis.layers.slice(-MAX_LAYER_ROWS).map((layer) => {
    const cells = [
      String(layer.index + 1),
      layer.line ? String(layer.line) : '',
      escapeMarkdownInline(layer.createdBy.length > 100 ? `${layer.createdBy.slice(0, 100)}…` : layer.createdBy) +
        (layer.own ? '' : ' *(base)*'),
      formatBytes(layer.sizeBytes),
      layer.compressedBytes === undefined ? '' : formatBytes(layer.compressedBytes),
      `+${formatInteger(layer.filesAdded)} ~${formatInteger(layer.filesModified)} -${formatInteger(layer.filesRemoved)}`,
    ];
    return `| ${cells.join(' | ')} |`;
  });
  const omitted = analysis.layers.length - layerRows.length;
  lines.push(
    ...detailsBlock(`Layers (${analysis.layers.length})`, [
      '| # | Line | Made by | Size | Compressed | Files (+ added ~ modified - removed) |',
      '| ---: | ---: | --- | ---: | ---: | --- |',
      ...layerRows,
      ...(omitted > 0 ? ['', `${omitted} older layers not shown.`] : []),
    ]),
    '',
  );

  if (analysis.largestFiles.length > 0) {
    lines.push(
      ...detailsBlock("Largest files and directories of the image's own layers", [
        '| File | Size | Layer |',
        '| --- | ---: | ---: |',
        ...analysis.largestFiles.map(
          (file) => `| ${escapeMarkdownInline(file.path)} | ${formatBytes(file.sizeBytes)} | ${file.layer + 1} |`,
        ),
        '',
        '| Directory | Size |',
        '| --- | ---: |',
        ...analysis.largestDirectories.map((dir) => `| ${escapeMarkdownInline(dir.path)} | ${formatBytes(dir.sizeBytes)} |`),
      ]),
      '',
    );
  }

  if (dive.inefficientPaths.length > 0) {
    lines.push(
      ...detailsBlock(`Files stored more than once (dive: ${dive.inefficientPaths.length})`, [
        '| Path | Occurrences | Bytes (all copies) |',
        '| --- | ---: | ---: |',
        ...dive.inefficientPaths
          .slice(0, 20)
          .map((item) => `| ${escapeMarkdownInline(item.path)} | ${item.occurrences} | ${formatInteger(item.cumulativeBytes)} |`),
      ]),
      '',
    );
  }
  return lines.join('\n');
}

/** Plain-text lines for the CLI. */
export function renderAnalysisText(analysis: ImageAnalysis, uncompressedBytes: number, plain: (text: string) => string): string[] {
  const dive = analysis.dive;
  const lines = [
    `compressed ${analysis.compressedSizeBytes === undefined ? 'unknown' : `${formatBytes(analysis.compressedSizeBytes)} (pull about ${formatDurationMs(pullSeconds(analysis.compressedSizeBytes) * 1000)} at 100 Mbit/s)`}, uncompressed ${formatBytes(uncompressedBytes)}`,
    `dive efficiency ${formatPercent(dive.efficiency)}, wasted ${formatBytes(dive.wastedBytes)}; really reclaimable ${formatBytes(analysis.reclaimableBytes)}`,
    '',
    'largest layers:',
    ...[...analysis.layers]
      .sort((a, b) => b.sizeBytes - a.sizeBytes)
      .slice(0, 5)
      .map(
        (layer) =>
          `  ${formatBytes(layer.sizeBytes).padStart(9)}  ${layer.line ? `line ${layer.line}: ` : ''}${plain(layer.createdBy).slice(0, 90)}${layer.own ? '' : ' (base)'}`,
      ),
  ];
  if (analysis.hints.length > 0) {
    lines.push('', 'hints:');
    for (const hint of analysis.hints) {
      const saving = hint.savingBytes === undefined ? '' : ` [saves about ${formatBytes(hint.savingBytes)}]`;
      lines.push(`  - ${hint.line ? `line ${hint.line}: ` : ''}${plain(hint.title)}${saving}`, `    ${plain(hint.message)}`);
    }
  }
  return lines;
}
