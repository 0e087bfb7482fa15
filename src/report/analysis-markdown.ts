// Pure: the "where the bytes are" part of the job summary.
import { ImageAnalysis } from '../analysis/analyze.js';
import { formatPercent } from '../common/units.js';
import { formatBytes, formatDurationMs, formatInteger } from '../common/units.js';
import { clipCreatedBy } from '../common/created-by.js';
import { detailsBlock, escapeMarkdownInline } from '../common/escape.js';
import { hintMarkdownItem } from './hint.js';
import { packagesSection } from './packages.js';

/** The bandwidth the pull-time estimate assumes. */
export const PULL_BANDWIDTH_BITS_PER_SECOND = 100_000_000;

export function pullSeconds(compressedBytes: number, bitsPerSecond = PULL_BANDWIDTH_BITS_PER_SECOND): number {
  return (compressedBytes * 8) / bitsPerSecond;
}

const MAX_LAYER_ROWS = 40;
const MAX_INEFFICIENT_PATH_ROWS = 20;

export function renderAnalysis(analysis: ImageAnalysis, uncompressedBytes: number): string {
  return [
    '### Where the bytes are',
    '',
    sizeLine(analysis, uncompressedBytes),
    '',
    wasteLine(analysis),
    '',
    ...hintsSection(analysis),
    ...packagesSection(analysis),
    ...layersSection(analysis),
    ...largestSection(analysis),
    ...inefficientSection(analysis),
  ].join('\n');
}

function sizeLine(analysis: ImageAnalysis, uncompressedBytes: number): string {
  const compressed = analysis.compressedSizeBytes;
  return compressed === undefined
    ? `Uncompressed ${formatBytes(uncompressedBytes)}; the compressed size could not be measured.`
    : `**Uncompressed** ${formatBytes(uncompressedBytes)} (on disk after pull) · **Compressed** ${formatBytes(compressed)} (what a registry stores and \`docker pull\` downloads; about ${formatDurationMs(pullSeconds(compressed) * 1000)} at 100 Mbit/s)`;
}

function wasteLine(analysis: ImageAnalysis): string {
  const dive = analysis.dive;
  return (
    `**Wasted space** (dive-compatible): efficiency ${formatPercent(dive.efficiency)}, ${formatBytes(dive.wastedBytes)} wasted (${formatPercent(dive.wastedUserPercent)} of the image's own ${formatBytes(dive.userSizeBytes)}). ` +
    `Of that, **${formatBytes(analysis.reclaimableBytes)} could really be reclaimed** (earlier copies and deleted files; dive also counts the copy that survives).`
  );
}

function hintsSection(analysis: ImageAnalysis): string[] {
  if (analysis.hints.length === 0) return [];
  return ['#### Hints', '', ...analysis.hints.map(hintMarkdownItem), ''];
}

function layersSection(analysis: ImageAnalysis): string[] {
  const layerRows = analysis.layers.slice(-MAX_LAYER_ROWS).map((layer) => {
    const cells = [
      String(layer.index + 1),
      layer.line ? String(layer.line) : '',
      escapeMarkdownInline(clipCreatedBy(layer.createdBy)) + (layer.own ? '' : ' *(base)*'),
      formatBytes(layer.sizeBytes),
      layer.compressedBytes === undefined ? '' : formatBytes(layer.compressedBytes),
      `+${formatInteger(layer.filesAdded)} ~${formatInteger(layer.filesModified)} -${formatInteger(layer.filesRemoved)}`,
    ];
    return `| ${cells.join(' | ')} |`;
  });
  const omitted = analysis.layers.length - layerRows.length;
  return [
    ...detailsBlock(`Layers (${analysis.layers.length})`, [
      '| # | Line | Made by | Size | Compressed | Files (+ added ~ modified - removed) |',
      '| ---: | ---: | --- | ---: | ---: | --- |',
      ...layerRows,
      ...(omitted > 0 ? ['', `${omitted} older layers not shown.`] : []),
    ]),
    '',
  ];
}

function largestSection(analysis: ImageAnalysis): string[] {
  if (analysis.largestFiles.length === 0) return [];
  return [
    ...detailsBlock("Largest files and directories of the image's own layers", [
      '| File | Size | Layer |',
      '| --- | ---: | ---: |',
      ...analysis.largestFiles.map((file) => `| ${escapeMarkdownInline(file.path)} | ${formatBytes(file.sizeBytes)} | ${file.layer + 1} |`),
      '',
      '| Directory | Size |',
      '| --- | ---: |',
      ...analysis.largestDirectories.map((dir) => `| ${escapeMarkdownInline(dir.path)} | ${formatBytes(dir.sizeBytes)} |`),
    ]),
    '',
  ];
}

function inefficientSection(analysis: ImageAnalysis): string[] {
  const paths = analysis.dive.inefficientPaths;
  if (paths.length === 0) return [];
  // The report keeps the largest paths only; the rest are counted (and their bytes summed) as one row.
  const notListed = analysis.dive.inefficientPathsNotListed;
  const shown = paths.slice(0, MAX_INEFFICIENT_PATH_ROWS);
  const restCount = paths.length - shown.length + (notListed?.count ?? 0);
  const restBytes = paths.slice(shown.length).reduce((sum, item) => sum + item.cumulativeBytes, notListed?.cumulativeBytes ?? 0);
  return [
    ...detailsBlock(`Files stored more than once (dive: ${paths.length + (notListed?.count ?? 0)})`, [
      '| Path | Occurrences | Bytes (all copies) |',
      '| --- | ---: | ---: |',
      ...shown.map((item) => `| ${escapeMarkdownInline(item.path)} | ${item.occurrences} | ${formatInteger(item.cumulativeBytes)} |`),
      ...(restCount > 0 ? [`| …and ${formatInteger(restCount)} more | | ${formatInteger(restBytes)} |`] : []),
    ]),
    '',
  ];
}
