// Pure: the size history in a report: a sparkline of the last recorded commits (and the pull request), a
// collapsed Mermaid chart of them with a table naming each point's commit, and the files and directories
// that grew since the merge base. Everything shown comes from the history branch or the image: commits are
// shown only when they are hex, paths only escaped.
import { FileChange } from '../history/file-changes.js';
import { TrendPoint } from '../history/types.js';
import { formatBytes, formatBytesDelta } from '../common/units.js';
import { detailsBlock, escapeMarkdownInline, visible } from '../common/escape.js';

const BLOCKS = '▁▂▃▄▅▆▇█';
const SHORT_SHA_CHARS = 7;
/** A commit as a branch may hold it: anything else is not shown. */
const COMMIT = /^[0-9a-f]{7,64}$/;
/** The longest path shown; a longer one is cut with an ellipsis. */
const PATH_SHOWN_CHARS = 160;

/** One block per value, from ▁ (the smallest) to █ (the largest); a flat series is all ▄. */
export function sparkline(values: number[]): string {
  if (values.length === 0) return '';
  const min = values.reduce((a, b) => Math.min(a, b));
  const max = values.reduce((a, b) => Math.max(a, b));
  if (!(max > min)) return '▄'.repeat(values.length);
  return values.map((value) => BLOCKS[Math.round(((value - min) / (max - min)) * (BLOCKS.length - 1))] ?? '▄').join('');
}

/** The pull request's own point, after the recorded ones. */
export interface CurrentPoint {
  label: string;
  sizeBytes: number;
}

/** The label of the current point as the chart can hold it: letters, digits, spaces and `#._-` only. */
function chartLabel(label: string): string {
  return (
    label
      .replace(/[^A-Za-z0-9 #._-]/g, '')
      .trim()
      .slice(0, 20) || 'PR'
  );
}

/** A y-axis a little wider than the values, rounded outwards to the decimals shown. */
function axisRange(valuesMb: number[], decimals: number): [string, string] {
  const min = Math.min(...valuesMb);
  const max = Math.max(...valuesMb);
  const step = 10 ** -decimals;
  const pad = Math.max((max - min) * 0.1, max * 0.005, step);
  const low = Math.max(0, Math.floor((min - pad) / step) * step);
  const high = Math.ceil((max + pad) / step) * step;
  return [low.toFixed(decimals), high.toFixed(decimals)];
}

/**
 * The chart, in the syntax of Mermaid's XY chart (https://mermaid.js.org/syntax/xyChart.html), which GitHub
 * renders in a ```mermaid block: `xychart-beta`, then `title "…"`, a categorical `x-axis ["a", "b"]`, a
 * `y-axis "title" min --> max` and a `line [v1, v2]` of as many values as categories. Every text in it is a
 * hex sha or a label cut down to plain characters, so nothing can end a string or the block.
 */
function mermaidChart(labels: string[], sizesBytes: number[]): string[] {
  const valuesMb = sizesBytes.map((bytes) => bytes / 1e6);
  const decimals = Math.max(...valuesMb) - Math.min(...valuesMb) < 1 ? 3 : 2;
  const [low, high] = axisRange(valuesMb, decimals);
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Image size by commit"',
    `  x-axis [${labels.map((label) => `"${label}"`).join(', ')}]`,
    `  y-axis "Size (MB)" ${low} --> ${high}`,
    `  line [${valuesMb.map((value) => value.toFixed(decimals)).join(', ')}]`,
    '```',
  ];
}

/** The date of an ISO 8601 time, or '' for anything else. */
function dateOf(time: string): string {
  return /^(\d{4}-\d{2}-\d{2})T/.exec(time)?.[1] ?? '';
}

function pointsTable(points: TrendPoint[], current: CurrentPoint | undefined): string[] {
  const rows = ['| Commit | Committed | Size | Change |', '| --- | --- | ---: | ---: |'];
  const sizes = [...points.map((point) => point.sizeBytes), ...(current ? [current.sizeBytes] : [])];
  const change = (index: number) => (index === 0 ? '—' : formatBytesDelta(sizes[index] - sizes[index - 1]));
  points.forEach((point, index) => {
    rows.push(
      `| \`${point.commit.slice(0, SHORT_SHA_CHARS)}\` | ${dateOf(point.commitTime)} | ${formatBytes(point.sizeBytes)} | ${change(index)} |`,
    );
  });
  if (current)
    rows.push(`| **${escapeMarkdownInline(current.label)}** | | **${formatBytes(current.sizeBytes)}** | ${change(points.length)} |`);
  return rows;
}

/**
 * The trend of the last recorded commits, oldest first (and the pull request's point, when given): a line with
 * a sparkline and the first and last sizes, then a collapsed chart and a table of the points. Points whose
 * commit is not 7 to 64 hex characters, or whose size is not a number of bytes, are dropped; fewer than two
 * points in all make no trend (no lines).
 */
export function trendLines(points: TrendPoint[], current?: CurrentPoint): string[] {
  const shown = points.filter((point) => COMMIT.test(point.commit) && Number.isFinite(point.sizeBytes) && point.sizeBytes >= 0);
  const now = current && Number.isFinite(current.sizeBytes) && current.sizeBytes >= 0 ? current : undefined;
  if (shown.length === 0 || shown.length + (now ? 1 : 0) < 2) return [];
  const sizes = shown.map((point) => point.sizeBytes);
  const spark = sparkline(now ? [...sizes, now.sizeBytes] : sizes);
  const count = `last ${shown.length} recorded commit${shown.length === 1 ? '' : 's'}`;
  const range = `${formatBytes(sizes[0])} → ${formatBytes(sizes[sizes.length - 1])}`;
  const label = now ? escapeMarkdownInline(now.label) : '';
  const line = now
    ? `**Trend** (${count}, then ${label}): ${spark.slice(0, -1)} **${spark.slice(-1)}** ${range} → **${formatBytes(now.sizeBytes)}** (${label})`
    : `**Trend** (${count}): ${spark} ${range}`;
  const labels = [...shown.map((point) => point.commit.slice(0, SHORT_SHA_CHARS)), ...(now ? [chartLabel(now.label)] : [])];
  const chart = mermaidChart(labels, now ? [...sizes, now.sizeBytes] : sizes);
  return [line, '', ...detailsBlock(`Size over the ${count}`, [...chart, '', ...pointsTable(shown, now)])];
}

/** A path from the image made inert in a table cell: controls shown as escapes, markdown and HTML as entities, no autolink. */
function shownPath(change: FileChange): string {
  const escaped = escapeMarkdownInline(visible(change.path, PATH_SHOWN_CHARS))
    .replace(/:/g, '&#58;')
    .replace(/www\./gi, (www) => `${www.slice(0, 3)}&#46;`);
  return change.kind === 'directory' && !change.path.endsWith('/') ? `${escaped}/` : escaped;
}

function sideCell(bytes: number | undefined, atMostBytes: number | undefined): string {
  if (bytes !== undefined) return formatBytes(bytes);
  return atMostBytes !== undefined ? `≤ ${formatBytes(atMostBytes)}` : '—';
}

function markOf(change: FileChange): string {
  if (change.baseBytes === undefined && change.baseAtMostBytes === undefined) return '🆕';
  if (change.headBytes === undefined && change.headAtMostBytes === undefined) return '🗑️';
  return change.changeBytes > 0 ? '📈' : '📉';
}

/** The files and directories that changed since the base, one row each; a change known only as a bound says "or more". */
export function fileChangesLines(changes: FileChange[]): string[] {
  if (changes.length === 0) return [];
  const rows = ['| | Path | Base | This PR | Change |', '| --- | --- | ---: | ---: | ---: |'];
  for (const change of changes) {
    const bound = change.baseAtMostBytes !== undefined || change.headAtMostBytes !== undefined;
    rows.push(
      `| ${markOf(change)} | ${shownPath(change)} | ${sideCell(change.baseBytes, change.baseAtMostBytes)} | ${sideCell(change.headBytes, change.headAtMostBytes)} | ${formatBytesDelta(change.changeBytes)}${bound ? ' or more' : ''} |`,
    );
  }
  return rows;
}
