// Pure: the images of one multi-image run -> the rows of its table (one per image and platform) in the order
// the comment shows them: failing images first, then changed ones, then unchanged ones.
import { Check } from '../judge/budgets.js';
import { formatSignedPercent } from '../common/units.js';
import { formatBytes, formatBytesDelta } from '../common/units.js';
import { baselineSizeFigure, shortRef, VERDICT_MARK } from './baseline.js';
import { displayName, escapeMarkdownInline } from '../common/escape.js';
import { GateReport } from './model.js';

/** Figures carried forward for an image that was not rebuilt (from the history branch, when it has a record). */
export interface CarriedFigures {
  platform?: string;
  sizeBytes?: number;
  compressedSizeBytes?: number;
}

export interface UnchangedImage extends CarriedFigures {
  /** The commit the figures were recorded at. */
  recordedCommit?: string;
  /** The max-size budget as written, for the Budget column. */
  budget?: string;
  /** The recorded figures of further platforms, one row each. */
  otherPlatforms?: CarriedFigures[];
  /** The budgets the recorded figures were held to (size, compressed size, layers): one failing makes the image fail. */
  checks?: Check[];
}

/** One image of the run: gated (its report), not rebuilt because nothing it is built from changed, or not judged. */
export type ImageOutcome =
  { name: string; report: GateReport } | { name: string; unchanged: UnchangedImage } | { name: string; error: string };

export type ImageGroup = 'failing' | 'changed' | 'unchanged';

/** One table row, its cells already safe markdown. */
export interface ImageRow {
  image: string;
  platform: string;
  size: string;
  change: string;
  compressed: string;
  budget: string;
  mark: string;
}

export const IMAGE_TABLE_HEADER = [
  '| Image | Platform | Size | Change | Compressed | Budget | |',
  '| --- | --- | ---: | ---: | ---: | --- | :---: |',
];

export function imageTableRow(row: ImageRow): string {
  return `| ${row.image} | ${row.platform} | ${row.size} | ${row.change} | ${row.compressed} | ${row.budget} | ${row.mark} |`;
}

/** Failing: a budget failed or the image could not be judged. Unchanged: not rebuilt, or rebuilt to the same size. */
export function imageGroup(outcome: ImageOutcome): ImageGroup {
  if ('error' in outcome) return 'failing';
  if ('unchanged' in outcome) return (outcome.unchanged.checks ?? []).some((check) => check.verdict === 'fail') ? 'failing' : 'unchanged';
  if (!outcome.report.passed) return 'failing';
  return sizeChanges(outcome.report).every((change) => change === 0) ? 'unchanged' : 'changed';
}

/** Every platform's size change against the baseline (undefined where there is none). */
function sizeChanges(report: GateReport): (number | undefined)[] {
  if (!report.platforms) return [baselineSizeFigure(report)?.change];
  return report.platforms.map((platform) =>
    platform.baselineSizeBytes === undefined ? undefined : platform.sizeBytes - platform.baselineSizeBytes,
  );
}

/** The outcomes in the comment's order: failing, changed, unchanged; the given order within each group. */
export function orderedOutcomes(outcomes: ImageOutcome[]): ImageOutcome[] {
  const order: ImageGroup[] = ['failing', 'changed', 'unchanged'];
  return order.flatMap((group) => outcomes.filter((outcome) => imageGroup(outcome) === group));
}

const bytesOrDash = (bytes: number | undefined) => (bytes === undefined ? '—' : formatBytes(bytes));

function changeText(sizeBytes: number, baseBytes: number | undefined): string {
  if (baseBytes === undefined) return '—';
  const change = sizeBytes - baseBytes;
  return baseBytes === 0 || change === 0
    ? formatBytesDelta(change)
    : `${formatBytesDelta(change)} (${formatSignedPercent(change / baseBytes)})`;
}

/** The mark of a set of checks: ❌ when one failed, ⚠️ when one was accepted over budget, else ✅. */
function checksMark(checks: Check[]): string {
  if (checks.some((check) => check.verdict === 'fail')) return VERDICT_MARK.fail;
  return checks.some((check) => check.verdict === 'warn') ? VERDICT_MARK.warn : VERDICT_MARK.pass;
}

/** The max-size budget of a platform's checks ('—' without one). */
function sizeBudget(checks: Check[]): string {
  return escapeMarkdownInline(checks.find((check) => check.id === 'size')?.budget || '—');
}

function reportRows(name: string, report: GateReport): ImageRow[] {
  if (!report.platforms) {
    return [
      {
        image: name,
        platform: escapeMarkdownInline(report.image.platform),
        size: formatBytes(report.image.sizeBytes),
        change: changeText(report.image.sizeBytes, baselineSizeFigure(report)?.base),
        compressed: bytesOrDash(report.image.compressedSizeBytes ?? report.analysis?.compressedSizeBytes),
        budget: sizeBudget(report.checks),
        mark: checksMark(report.checks),
      },
    ];
  }
  return report.platforms.map((platform) => {
    const checks = report.checks.filter((check) => check.label.startsWith(`${platform.platform}: `));
    return {
      image: name,
      platform: escapeMarkdownInline(platform.platform),
      size: formatBytes(platform.sizeBytes),
      change: changeText(platform.sizeBytes, platform.baselineSizeBytes),
      compressed: bytesOrDash(platform.compressedSizeBytes),
      budget: sizeBudget(checks),
      mark: platform.passed ? checksMark(checks) : VERDICT_MARK.fail,
    };
  });
}

function unchangedRows(name: string, unchanged: UnchangedImage): ImageRow[] {
  const recorded = unchanged.recordedCommit ? ` (as recorded at \`${escapeMarkdownInline(shortRef(unchanged.recordedCommit))}\`)` : '';
  return [unchanged, ...(unchanged.otherPlatforms ?? [])].map((figures) => ({
    image: name,
    platform: figures.platform ? escapeMarkdownInline(figures.platform) : '—',
    size: bytesOrDash(figures.sizeBytes),
    change: `unchanged, not rebuilt${figures.sizeBytes === undefined ? '' : recorded}`,
    compressed: bytesOrDash(figures.compressedSizeBytes),
    budget: escapeMarkdownInline(unchanged.budget || '—'),
    mark: (unchanged.checks ?? []).some((check) => check.verdict === 'fail') ? VERDICT_MARK.fail : VERDICT_MARK.skip,
  }));
}

/** The rows of one image: one per platform (one for an image that could not be judged). */
export function imageRows(outcome: ImageOutcome): ImageRow[] {
  const name = `**${escapeMarkdownInline(displayName(outcome.name))}**`;
  if ('report' in outcome) return reportRows(name, outcome.report);
  if ('unchanged' in outcome) return unchangedRows(name, outcome.unchanged);
  const dash = '—';
  return [
    { image: name, platform: dash, size: dash, change: 'could not be judged', compressed: dash, budget: dash, mark: VERDICT_MARK.fail },
  ];
}
