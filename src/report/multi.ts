// Pure: one PR comment and one job summary for several images. The verdict over all images comes first, then
// one table with a row per image and platform (failing, then changed; unchanged rows folded), then each
// image's details in its own collapsed section. To stay under GitHub's limits the details are shortened first;
// past that, the rows after the first few collapse into one line that says how many more there are. The verdict
// over all images is never cut, and names are cut to a display length (the report keeps them whole).
import { Check } from '../judge/budgets.js';
import { COMMENT_BODY_LIMIT_CHARS } from '../github/api-calls.js';
import { formatBytes, formatBytesDelta } from '../common/units.js';
import {
  baselineSizeFigure,
  fileChangeSection,
  figuresTable,
  LAYER_CHANGE_HEADER,
  layerChangeRow,
  noBaselineLine,
  VERDICT_MARK,
} from './baseline.js';
import { detailsBlock, displayName, escapeMarkdownInline, truncate } from '../common/escape.js';
import { hintMarkdownItem } from './hint.js';
import { renderSummary } from './markdown.js';
import { GateReport } from './model.js';
import { IMAGE_TABLE_HEADER, imageGroup, ImageOutcome, imageRows, imageTableRow, orderedOutcomes } from './multi-rows.js';
import type { CommentContext } from './pr-comment.js';

export type { ImageOutcome, UnchangedImage, CarriedFigures } from './multi-rows.js';

/** Room kept free below the comment limit for the marker line and safety. */
const COMMENT_RESERVE_CHARS = 1_000;
/** GitHub shows at most 1 MiB of job summary per step. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;
const SUMMARY_RESERVE_BYTES = 16 * 1024;
/** An error message is cut to this many characters in a details section. */
const MAX_ERROR_CHARS = 2_000;

/** How much of each image's details to show: shortened step by step until the body fits. */
interface DetailLevel {
  /** Layer changes and hints shown per image. */
  maxRows: number;
  /** The figures table (base, this PR, change, budget) of each image. */
  figures: boolean;
  /** Whose details are shown at all. */
  images: 'all' | 'failing' | 'none';
  /** How many images have rows in the table (failing first); the rest are counted in one line. */
  maxImages: number;
}

const DETAIL_LEVELS: DetailLevel[] = [
  ...[50, 30, 20, 10, 5, 3, 1, 0].map((maxRows) => ({ maxRows, figures: true, images: 'all' as const, maxImages: Infinity })),
  { maxRows: 0, figures: false, images: 'all', maxImages: Infinity },
  { maxRows: 0, figures: false, images: 'failing', maxImages: Infinity },
  ...[Infinity, 200, 100, 50, 20, 10, 5, 1].map((maxImages) => ({ maxRows: 0, figures: false, images: 'none' as const, maxImages })),
];

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The verdict over all images, in one line. */
export function multiHeadline(outcomes: ImageOutcome[], level = '###'): string {
  const failed = outcomes.filter((outcome) => imageGroup(outcome) === 'failing').length;
  const notRebuilt = outcomes.filter((outcome) => 'unchanged' in outcome).length;
  const gated = outcomes.length - notRebuilt;
  if (failed > 0) return `${level} ❌ image-size-gate: ${failed} of ${plural(outcomes.length, 'image')} failed`;
  const passed = gated === 1 ? 'the one image gated passed' : `all ${gated} images passed`;
  if (notRebuilt > 0) return `${level} ✅ image-size-gate: ${passed}, ${notRebuilt} unchanged (not rebuilt)`;
  return `${level} ✅ image-size-gate: ${outcomes.length === 1 ? 'the image passed' : passed}`;
}

/**
 * The table: failing and changed images' rows, then the unchanged ones folded away. Past `maxImages` images
 * (failing first), the others are one line that counts them and says where they are (`seeAlso`).
 */
export function multiTable(outcomes: ImageOutcome[], maxImages = Infinity, seeAlso = 'the job summary or the report'): string[] {
  const ordered = orderedOutcomes(outcomes);
  const listed = ordered.slice(0, maxImages);
  const more = ordered.length - listed.length;
  const shown = listed.filter((outcome) => imageGroup(outcome) !== 'unchanged');
  const folded = listed.filter((outcome) => imageGroup(outcome) === 'unchanged');
  const rows = (list: ImageOutcome[]) => [...IMAGE_TABLE_HEADER, ...list.flatMap(imageRows).map(imageTableRow)];
  return [
    ...(shown.length > 0 ? rows(shown) : []),
    ...(shown.length > 0 && folded.length > 0 ? [''] : []),
    ...(folded.length > 0 ? detailsBlock(plural(folded.length, 'unchanged image'), rows(folded)) : []),
    ...(more > 0 ? ['', `…and ${plural(more, 'more image')} (see ${seeAlso}).`] : []),
  ];
}

function detailsSummary(outcome: ImageOutcome): string {
  const name = `<b>${escapeMarkdownInline(displayName(outcome.name))}</b>`;
  if ('error' in outcome) return `${VERDICT_MARK.fail} ${name}: could not be judged`;
  if (!('report' in outcome)) {
    const failed = (outcome.unchanged.checks ?? []).filter((check) => check.verdict === 'fail').map((check) => check.label);
    return failed.length > 0
      ? `${VERDICT_MARK.fail} ${name}: unchanged, but its recorded figures fail ${escapeMarkdownInline(failed.join(', '))}`
      : `${VERDICT_MARK.skip} ${name}: unchanged`;
  }
  const report = outcome.report;
  const change = baselineSizeFigure(report)?.change;
  const size = `${formatBytes(report.image.sizeBytes)}${change === undefined ? '' : ` (${formatBytesDelta(change)})`}`;
  const failed = report.checks.filter((check) => check.verdict === 'fail').map((check) => check.label);
  return report.passed
    ? `${VERDICT_MARK.pass} ${name}: passed · ${size}`
    : `${VERDICT_MARK.fail} ${name}: failed ${escapeMarkdownInline(failed.join(', '))} · ${size}`;
}

/** At most `maxRows` items under a title, saying how many were left out; nothing when there are none. */
function cutList<T>(title: string, header: string[], items: T[], toLine: (item: T) => string, maxRows: number): string[] {
  if (items.length === 0) return [];
  const left = items.length - Math.min(items.length, maxRows);
  const more = left > 0 ? ['', `…and ${left} more, not shown to keep this comment within GitHub's size limit.`] : [];
  const body = maxRows > 0 ? ['', ...header, ...items.slice(0, maxRows).map(toLine)] : [];
  return [`**${title} (${items.length})**`, ...body, ...more];
}

/** One line per failed or accepted check. */
function failureLines(checks: Check[]): string[] {
  return checks
    .filter((check) => check.verdict === 'fail' || check.verdict === 'warn')
    .map((check) => `- ${VERDICT_MARK[check.verdict]} **${escapeMarkdownInline(check.label)}**: ${escapeMarkdownInline(check.detail)}`);
}

function reportDetails(report: GateReport, level: DetailLevel): string[] {
  const failures = failureLines(report.checks);
  const blocks = [
    level.figures && !report.baseline ? [noBaselineLine(report)] : [],
    level.figures ? figuresTable(report) : [],
    failures,
    level.figures ? fileChangeSection(report, level.maxRows).slice(1) : [],
    cutList('What changed, layer by layer', LAYER_CHANGE_HEADER, report.baseline?.layerChanges ?? [], layerChangeRow, level.maxRows),
    cutList('Hints', [], report.analysis?.hints ?? [], hintMarkdownItem, level.maxRows),
  ].filter((block) => block.length > 0);
  return blocks.length > 0 ? blocks.flatMap((block, index) => (index > 0 ? ['', ...block] : block)) : ['Every check passed.'];
}

/** One image's collapsed section (none for an image that was not rebuilt, or at this level). */
function imageDetails(outcome: ImageOutcome, level: DetailLevel): string[] {
  if (level.images === 'none') return [];
  if ('unchanged' in outcome && imageGroup(outcome) !== 'failing') return [];
  if (level.images === 'failing' && imageGroup(outcome) !== 'failing') return [];
  const body =
    'error' in outcome
      ? [escapeMarkdownInline(truncate(outcome.error, MAX_ERROR_CHARS))]
      : 'unchanged' in outcome
        ? failureLines(outcome.unchanged.checks ?? [])
        : reportDetails(outcome.report, level);
  return ['', ...detailsBlock(detailsSummary(outcome), body)];
}

function footer(runUrl: string | undefined, note: string | undefined): string[] {
  return ['', ...(note ? [`_${note}_`, ''] : []), `<sub>image-size-gate${runUrl ? ` · [workflow run](${runUrl})` : ''}</sub>`, ''];
}

interface BodyOptions {
  /** The comment's marker line ('' for none). */
  marker: string;
  runUrl?: string;
  /** `###` in the comment, `##` in the job summary. */
  heading: string;
  /** Each gated image's details at this level. */
  details: (outcome: ImageOutcome, level: DetailLevel) => string[];
  /** Said at the end when details were left out. */
  shortenedNote: string;
  /** Where the images whose rows are left out can be found. */
  seeAlso: string;
}

function renderBody(outcomes: ImageOutcome[], options: BodyOptions, level: DetailLevel, shortened: boolean): string {
  return [
    ...(options.marker ? [options.marker] : []),
    multiHeadline(outcomes, options.heading),
    '',
    ...multiTable(outcomes, level.maxImages, options.seeAlso),
    ...orderedOutcomes(outcomes)
      .slice(0, level.maxImages)
      .flatMap((outcome) => options.details(outcome, level)),
    ...footer(options.runUrl, shortened ? options.shortenedNote : undefined),
  ].join('\n');
}

/** The body with the most details that fits: the levels are tried in order, the last one always taken. */
function fitted(outcomes: ImageOutcome[], options: BodyOptions, fits: (body: string) => boolean): string {
  for (const [index, level] of DETAIL_LEVELS.entries()) {
    const body = renderBody(outcomes, options, level, index > 0);
    if (fits(body)) return body;
  }
  return renderBody(outcomes, options, DETAIL_LEVELS[DETAIL_LEVELS.length - 1], true);
}

/** The sticky comment for several images, under `limitChars` (rows and verdicts are never cut; details are). */
export function renderMultiComment(outcomes: ImageOutcome[], context: CommentContext, limitChars = COMMENT_BODY_LIMIT_CHARS): string {
  const options = {
    marker: context.marker,
    runUrl: context.runUrl,
    heading: '###',
    details: imageDetails,
    shortenedNote: "Some details are left out to keep this comment within GitHub's size limit; the job summary has them.",
    seeAlso: 'the job summary or the report',
  };
  return fitted(outcomes, options, (body) => [...body].length <= limitChars - COMMENT_RESERVE_CHARS);
}

/** Every image's full job summary, collapsed; with the comment's shortened details when they do not all fit. */
function summaryDetails(outcome: ImageOutcome, level: DetailLevel): string[] {
  if (level !== DETAIL_LEVELS[0] || !('report' in outcome)) return imageDetails(outcome, level);
  return ['', ...detailsBlock(detailsSummary(outcome), [renderSummary(outcome.report)])];
}

/** The job summary: the same verdict and table, then each image's full summary in its own collapsed section. */
export function renderMultiSummary(outcomes: ImageOutcome[], runUrl?: string, limitBytes = SUMMARY_LIMIT_BYTES): string {
  const options = {
    marker: '',
    runUrl,
    heading: '##',
    details: summaryDetails,
    shortenedNote: "Some details are left out to keep this summary within GitHub's size limit; the JSON report has them all.",
    seeAlso: 'the JSON report',
  };
  return fitted(outcomes, options, (body) => Buffer.byteLength(body) <= limitBytes - SUMMARY_RESERVE_BYTES);
}
