// Pure: the parts of a gate report read back from a matrix job's report file (report-check.ts reads the whole):
// the layer analysis and the comparison with the baseline. Untrusted, like a history record: every field's type,
// form and length is checked and the part rebuilt from the fields checked. Texts from the image that the gate
// itself does not bound (a layer's instruction, a hint's message) are cut to a bound instead of refused.
import { fieldChecks } from '../history/record-check.js';
import { ImageAnalysis, LayerSummary } from '../analysis/analyze.js';
import { Hint, HINT_KINDS } from '../analysis/hint.js';
import { INEFFICIENT_PATHS_LISTED } from '../analysis/dive-efficiency.js';
import { BaselineReport } from './model.js';
import { FigureDelta, LayerChange } from '../judge/delta.js';
import { FileChange } from '../history/file-changes.js';
import { BASELINE_SOURCES } from './model.js';
import { COMPRESSED_SIZE_METHODS } from '../analysis/image-layers.js';
import { IMAGE_STORES } from '../docker/engine.js';
import { readPackageChanges, readPackages, readPackageSummary } from './report-check-packages.js';

const { fieldsOf, field, text, time, whole, finite, flag, oneOf, list, optional, defined, readByteMap, cut, signedWhole } = fieldChecks;
export { cut };
type Fields = Record<string, unknown>;

/** Refuses the part: `at` names the field (a function declaration, so that the compiler knows it never returns). */
export function fail(at: string, why: string): never {
  return fieldChecks.fail(at, why);
}

export const DIGEST = /^[a-z0-9]+:[0-9a-f]{32,128}$/;
const MAX_LAYERS = 1000;
const MAX_HINTS = 200;
const MAX_FILE_CHANGES = 200;
const MAX_PATH_CHARS = 4096;

const optionalWhole = (fields: Fields, key: string, at: string) => optional(fields, key, (item) => whole(item, `${at}.${key}`));
const imagePath = (value: unknown, at: string) => text(value, at, MAX_PATH_CHARS, /^\//);

function readLayer(value: unknown, at: string): LayerSummary {
  const fields = fieldsOf(value, at);
  return defined({
    index: whole(field(fields, 'index'), `${at}.index`),
    diffId: text(field(fields, 'diffId'), `${at}.diffId`, 200, DIGEST),
    sizeBytes: whole(field(fields, 'sizeBytes'), `${at}.sizeBytes`),
    tarBytes: whole(field(fields, 'tarBytes'), `${at}.tarBytes`),
    compressedBytes: optionalWhole(fields, 'compressedBytes', at),
    createdBy: cut(field(fields, 'createdBy'), `${at}.createdBy`, 400),
    line: optionalWhole(fields, 'line', at),
    own: flag(field(fields, 'own'), `${at}.own`),
    filesAdded: whole(field(fields, 'filesAdded'), `${at}.filesAdded`),
    filesModified: whole(field(fields, 'filesModified'), `${at}.filesModified`),
    filesRemoved: whole(field(fields, 'filesRemoved'), `${at}.filesRemoved`),
  });
}

function readHint(value: unknown, at: string): Hint {
  const fields = fieldsOf(value, at);
  return defined({
    kind: oneOf(field(fields, 'kind'), `${at}.kind`, HINT_KINDS),
    severity: oneOf(field(fields, 'severity'), `${at}.severity`, ['warning', 'info'] as const),
    title: cut(field(fields, 'title'), `${at}.title`, 200),
    message: cut(field(fields, 'message'), `${at}.message`, 2000),
    savingBytes: optionalWhole(fields, 'savingBytes', at),
    layerIndex: optionalWhole(fields, 'layerIndex', at),
    line: optionalWhole(fields, 'line', at),
  });
}

function notListed(fields: Fields, key: string, at: string, bytesKey: 'sizeBytes' | 'cumulativeBytes') {
  return optional(fields, key, (item) => {
    const inner = fieldsOf(item, `${at}.${key}`);
    return {
      count: whole(field(inner, 'count'), `${at}.${key}.count`),
      [bytesKey]: whole(field(inner, bytesKey), `${at}.${key}.${bytesKey}`),
    };
  });
}

function readDive(value: unknown): ImageAnalysis['dive'] {
  const at = 'analysis.dive';
  const fields = fieldsOf(value, at);
  return defined({
    efficiency: finite(field(fields, 'efficiency'), `${at}.efficiency`),
    imageSizeBytes: whole(field(fields, 'imageSizeBytes'), `${at}.imageSizeBytes`),
    userSizeBytes: whole(field(fields, 'userSizeBytes'), `${at}.userSizeBytes`),
    wastedBytes: whole(field(fields, 'wastedBytes'), `${at}.wastedBytes`),
    wastedUserPercent: finite(field(fields, 'wastedUserPercent'), `${at}.wastedUserPercent`),
    inefficientPaths: list(field(fields, 'inefficientPaths'), `${at}.inefficientPaths`, INEFFICIENT_PATHS_LISTED).map((item, index) => {
      const path = fieldsOf(item, `${at}.inefficientPaths[${index}]`);
      return {
        path: imagePath(field(path, 'path'), `${at}.inefficientPaths[${index}].path`),
        occurrences: whole(field(path, 'occurrences'), `${at}.inefficientPaths[${index}].occurrences`),
        cumulativeBytes: whole(field(path, 'cumulativeBytes'), `${at}.inefficientPaths[${index}].cumulativeBytes`),
      };
    }),
    inefficientPathsNotListed: notListed(fields, 'inefficientPathsNotListed', at, 'cumulativeBytes') as {
      count: number;
      cumulativeBytes: number;
    },
  });
}

function sizedPaths<T extends string>(value: unknown, at: string, extra?: T) {
  return list(value, at, 10).map((item, index) => {
    const fields = fieldsOf(item, `${at}[${index}]`);
    const entry: { path: string; sizeBytes: number; layer?: number } = {
      path: imagePath(field(fields, 'path'), `${at}[${index}].path`),
      sizeBytes: whole(field(fields, 'sizeBytes'), `${at}[${index}].sizeBytes`),
    };
    if (extra) entry.layer = whole(field(fields, extra), `${at}[${index}].${extra}`);
    return entry;
  });
}

export function readAnalysis(value: unknown, platformPattern: RegExp): ImageAnalysis {
  const fields = fieldsOf(value, 'analysis');
  return defined({
    layers: list(field(fields, 'layers'), 'analysis.layers', MAX_LAYERS).map((layer, index) =>
      readLayer(layer, `analysis.layers[${index}]`),
    ),
    platform: text(field(fields, 'platform'), 'analysis.platform', 100, platformPattern),
    sizeBytes: whole(field(fields, 'sizeBytes'), 'analysis.sizeBytes'),
    compressedSizeBytes: optionalWhole(fields, 'compressedSizeBytes', 'analysis'),
    compressedSizeMethod: oneOf(field(fields, 'compressedSizeMethod'), 'analysis.compressedSizeMethod', COMPRESSED_SIZE_METHODS),
    dive: readDive(field(fields, 'dive')),
    reclaimableBytes: whole(field(fields, 'reclaimableBytes'), 'analysis.reclaimableBytes'),
    largestFiles: sizedPaths(field(fields, 'largestFiles'), 'analysis.largestFiles', 'layer') as ImageAnalysis['largestFiles'],
    largestFilesNotListed: notListed(fields, 'largestFilesNotListed', 'analysis', 'sizeBytes') as ImageAnalysis['largestFilesNotListed'],
    largestDirectories: sizedPaths(field(fields, 'largestDirectories'), 'analysis.largestDirectories'),
    largestDirectoriesNotListed: notListed(
      fields,
      'largestDirectoriesNotListed',
      'analysis',
      'sizeBytes',
    ) as ImageAnalysis['largestDirectoriesNotListed'],
    byteMap: readByteMap(field(fields, 'byteMap')),
    hints: list(field(fields, 'hints'), 'analysis.hints', MAX_HINTS).map((hint, index) => readHint(hint, `analysis.hints[${index}]`)),
    // The files the user was resolved from are the matrix job's business: not carried.
    userFiles: {},
    archiveBytes: whole(field(fields, 'archiveBytes'), 'analysis.archiveBytes'),
    compressedSizesReused: whole(field(fields, 'compressedSizesReused'), 'analysis.compressedSizesReused'),
    durationMs: finite(field(fields, 'durationMs'), 'analysis.durationMs', 0),
    packages: optional(fields, 'packages', readPackages),
    packageSummary: optional(fields, 'packageSummary', readPackageSummary),
  });
}

const FIGURE_LABELS = {
  size: 'Size (uncompressed)',
  'compressed-size': 'Size (compressed)',
  layers: 'Layers',
  startup: 'Start-up time',
  efficiency: 'Efficiency (dive)',
  'wasted-size': 'Wasted (dive)',
} as const;

function readFigure(value: unknown, at: string): FigureDelta {
  const fields = fieldsOf(value, at);
  const id = oneOf(field(fields, 'id'), `${at}.id`, Object.keys(FIGURE_LABELS) as (keyof typeof FIGURE_LABELS)[]);
  // The label is the figure's own, whatever the file says.
  const number = (key: string) => optional(fields, key, (item) => finite(item, `${at}.${key}`));
  return defined({
    id,
    label: FIGURE_LABELS[id],
    unit: oneOf(field(fields, 'unit'), `${at}.unit`, ['bytes', 'count', 'ms', 'fraction'] as const),
    base: number('base'),
    head: number('head'),
    change: number('change'),
    ratio: number('ratio'),
  });
}

function readLayerChange(value: unknown, at: string): LayerChange {
  const fields = fieldsOf(value, at);
  return defined({
    kind: oneOf(field(fields, 'kind'), `${at}.kind`, ['added', 'removed', 'grew', 'shrank'] as const),
    createdBy: cut(field(fields, 'createdBy'), `${at}.createdBy`, 400),
    line: optionalWhole(fields, 'line', at),
    baseBytes: optionalWhole(fields, 'baseBytes', at),
    headBytes: optionalWhole(fields, 'headBytes', at),
    changeBytes: signedWhole(field(fields, 'changeBytes'), `${at}.changeBytes`),
  });
}

function readFileChange(value: unknown, at: string): FileChange {
  const fields = fieldsOf(value, at);
  return defined({
    kind: oneOf(field(fields, 'kind'), `${at}.kind`, ['file', 'directory'] as const),
    path: imagePath(field(fields, 'path'), `${at}.path`),
    baseBytes: optionalWhole(fields, 'baseBytes', at),
    headBytes: optionalWhole(fields, 'headBytes', at),
    changeBytes: signedWhole(field(fields, 'changeBytes'), `${at}.changeBytes`),
    baseAtMostBytes: optionalWhole(fields, 'baseAtMostBytes', at),
    headAtMostBytes: optionalWhole(fields, 'headAtMostBytes', at),
  });
}

/** A commit sha (the base commit or the recorded merge base) or an image reference: no spaces, no markup. */
const BASELINE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,499}$/;

export function readBaseline(value: unknown): BaselineReport {
  const fields = fieldsOf(value, 'baseline');
  const at = 'baseline';
  return defined({
    source: oneOf(field(fields, 'source'), `${at}.source`, BASELINE_SOURCES),
    reference: text(field(fields, 'reference'), `${at}.reference`, 500, BASELINE_REFERENCE),
    id: text(field(fields, 'id'), `${at}.id`, 200, DIGEST),
    buildMs: optional(fields, 'buildMs', (item) => finite(item, `${at}.buildMs`, 0)),
    totalMs: optional(fields, 'totalMs', (item) => finite(item, `${at}.totalMs`, 0)),
    figures: list(field(fields, 'figures'), `${at}.figures`, 16).map((item, index) => readFigure(item, `${at}.figures[${index}]`)),
    layerChanges: optional(fields, 'layerChanges', (item) =>
      list(item, `${at}.layerChanges`, 2 * MAX_LAYERS).map((change, index) => readLayerChange(change, `${at}.layerChanges[${index}]`)),
    ),
    fileChanges: optional(fields, 'fileChanges', (item) =>
      list(item, `${at}.fileChanges`, MAX_FILE_CHANGES).map((change, index) => readFileChange(change, `${at}.fileChanges[${index}]`)),
    ),
    recordedAt: optional(fields, 'recordedAt', (item) => time(item, `${at}.recordedAt`)),
    recordRunUrl: optional(fields, 'recordRunUrl', (item) => text(item, `${at}.recordRunUrl`, 2000, /^https?:\/\/[^\s()<>]+$/)),
    recordImageStore: optional(fields, 'recordImageStore', (item) => oneOf(item, `${at}.recordImageStore`, IMAGE_STORES)),
    packageChanges: optional(fields, 'packageChanges', readPackageChanges),
  });
}
