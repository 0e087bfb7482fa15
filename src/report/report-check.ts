// Pure: reading back the JSON report of a matrix job (the main action with `images`), which
// image-size-gate/report merges. A fork's matrix job writes it, so it is untrusted, like a history record
// (history/record-check.ts, whose field checks are used here): the file's size is bounded, every field's type,
// form and length checked, and the report rebuilt from the fields checked (anything else is dropped). Nothing
// here throws on bad input; the reason names the field and never quotes the text.
import { readJsonText } from '../common/field-checks.js';
import { fieldChecks, parseRecord } from '../history/record-check.js';
import { HistoryRecord } from '../history/types.js';
import { Check, CheckId } from '../judge/budgets.js';
import { cut, DIGEST, fail, readAnalysis, readBaseline } from './report-check-parts.js';
import { GateReport, HistoryReport, PlatformReport, SmokeReport } from './model.js';
import { COMPRESSED_SIZE_METHODS } from '../analysis/image-layers.js';
import { IMAGE_STORES } from '../docker/engine.js';

const { Invalid, fieldsOf, field, text, whole, finite, flag, oneOf, list, optional, defined } = fieldChecks;
type Fields = Record<string, unknown>;

/** The largest report file read (bytes). A report with the layer analysis of a large image is about 100 kB. */
export const MAX_REPORT_FILE_BYTES = 8 * 1024 * 1024;
/** How many images one matrix job's report may hold. */
export const MAX_JOB_IMAGES = 256;
const MAX_PLATFORMS = 16;
const MAX_CHECKS = 16 * MAX_PLATFORMS;

/** An ISO 8601 time with its offset, as git's %cI gives a commit's (the trend's points are). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const PLATFORM = /^[A-Za-z0-9._-]{0,40}(\/[A-Za-z0-9._-]{1,40}){0,2}$/;
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const BRANCH = /^[A-Za-z0-9._/-]{1,255}$/;

/** One image of a matrix job's report, checked. */
export type CheckedImage = { name: string; status: 'gated'; report: GateReport } | { name: string; status: 'error'; error: string };

/** A matrix job's report, checked: what image-size-gate/report holds it against, and its images. */
export interface CheckedJobReport {
  schemaVersion: number;
  /** The commit the job gated (GITHUB_SHA of its run). */
  commit: string;
  /** sha256 of the config file the job read. */
  configDigest: string;
  images: CheckedImage[];
}

const CHECK_IDS: readonly CheckId[] = [
  'increase',
  'size',
  'compressed-size',
  'layers',
  'non-root',
  'smoke',
  'startup',
  'efficiency',
  'wasted-size',
];

function isoTime(value: unknown, at: string): string {
  const checked = text(value, at, 40, ISO_TIME);
  if (Number.isNaN(Date.parse(checked))) fail(at, 'is not a date');
  return checked;
}

function readCheck(value: unknown, at: string): Check {
  const fields = fieldsOf(value, at);
  return {
    id: oneOf(field(fields, 'id'), `${at}.id`, CHECK_IDS),
    label: text(field(fields, 'label'), `${at}.label`, 200, /^[^\u0000-\u001f\u007f-\u009f<>@`|\\[\]]*$/),
    measured: cut(field(fields, 'measured'), `${at}.measured`, 200),
    budget: cut(field(fields, 'budget'), `${at}.budget`, 200),
    margin: cut(field(fields, 'margin'), `${at}.margin`, 200),
    verdict: oneOf(field(fields, 'verdict'), `${at}.verdict`, ['pass', 'fail', 'warn', 'skip', 'info'] as const),
    detail: cut(field(fields, 'detail'), `${at}.detail`, 2000),
  };
}

function readImage(value: unknown): GateReport['image'] {
  const fields = fieldsOf(value, 'image');
  const at = (key: string) => `image.${key}`;
  return defined({
    reference: cut(field(fields, 'reference'), at('reference'), 1000),
    id: text(field(fields, 'id'), at('id'), 200, DIGEST),
    platform: text(field(fields, 'platform'), at('platform'), 100, PLATFORM),
    sizeBytes: whole(field(fields, 'sizeBytes'), at('sizeBytes')),
    sizeMethod: oneOf(field(fields, 'sizeMethod'), at('sizeMethod'), ['layers', 'inspect'] as const),
    engineSizeBytes: whole(field(fields, 'engineSizeBytes'), at('engineSizeBytes')),
    compressedSizeBytes: optional(fields, 'compressedSizeBytes', (item) => whole(item, at('compressedSizeBytes'))),
    compressedSizeMethod: optional(fields, 'compressedSizeMethod', (item) =>
      oneOf(item, at('compressedSizeMethod'), COMPRESSED_SIZE_METHODS),
    ),
    layerCount: whole(field(fields, 'layerCount'), at('layerCount')),
    user: cut(field(fields, 'user'), at('user'), 200),
    nonRoot: flag(field(fields, 'nonRoot'), at('nonRoot')),
    os: text(field(fields, 'os'), at('os'), 40, /^[A-Za-z0-9._-]*$/),
    architecture: text(field(fields, 'architecture'), at('architecture'), 40, /^[A-Za-z0-9._-]*$/),
  });
}

function readSmoke(value: unknown): SmokeReport {
  const fields = fieldsOf(value, 'smoke');
  const optionalCut = (key: string, max: number) => optional(fields, key, (item) => cut(item, `smoke.${key}`, max));
  return defined({
    ran: flag(field(fields, 'ran'), 'smoke.ran'),
    skippedBecause: optionalCut('skippedBecause', 2000),
    port: optional(fields, 'port', (item) => whole(item, 'smoke.port')),
    path: optionalCut('path', 2000),
    passed: optional(fields, 'passed', (item) => flag(item, 'smoke.passed')),
    startupMs: optional(fields, 'startupMs', (item) => finite(item, 'smoke.startupMs', 0)),
    status: optional(fields, 'status', (item) => whole(item, 'smoke.status')),
    bodyExcerpt: optionalCut('bodyExcerpt', 1000),
    failure: optionalCut('failure', 2000),
    containerLog: optional(fields, 'containerLog', (item) =>
      list(item, 'smoke.containerLog', 50).map((line, index) => cut(line, `smoke.containerLog[${index}]`, 1000)),
    ),
  });
}

function readPlatform(value: unknown, at: string): PlatformReport {
  const fields = fieldsOf(value, at);
  return defined({
    platform: text(field(fields, 'platform'), `${at}.platform`, 100, PLATFORM),
    sizeBytes: whole(field(fields, 'sizeBytes'), `${at}.sizeBytes`),
    compressedSizeBytes: optional(fields, 'compressedSizeBytes', (item) => whole(item, `${at}.compressedSizeBytes`)),
    layerCount: whole(field(fields, 'layerCount'), `${at}.layerCount`),
    user: cut(field(fields, 'user'), `${at}.user`, 200),
    nonRoot: flag(field(fields, 'nonRoot'), `${at}.nonRoot`),
    passed: flag(field(fields, 'passed'), `${at}.passed`),
    baselineSizeBytes: optional(fields, 'baselineSizeBytes', (item) => whole(item, `${at}.baselineSizeBytes`)),
  });
}

/** A history record the job left to the report step: read by the history's own reader. */
function readPending(value: unknown, at: string): HistoryRecord {
  const read = parseRecord(JSON.stringify(value) ?? '');
  if ('invalid' in read) fail(at, `is not a record the history would take back (${read.invalid})`);
  return read.record;
}

function readHistory(value: unknown): HistoryReport {
  const fields = fieldsOf(value, 'history');
  return defined({
    branch: text(field(fields, 'branch'), 'history.branch', 255, BRANCH),
    trend: list(field(fields, 'trend'), 'history.trend', 64).map((item, index) => {
      const point = fieldsOf(item, `history.trend[${index}]`);
      return {
        commit: text(field(point, 'commit'), `history.trend[${index}].commit`, 64, COMMIT),
        commitTime: isoTime(field(point, 'commitTime'), `history.trend[${index}].commitTime`),
        sizeBytes: whole(field(point, 'sizeBytes'), `history.trend[${index}].sizeBytes`),
      };
    }),
    pending: optional(fields, 'pending', (item) =>
      list(item, 'history.pending', MAX_PLATFORMS).map((record, index) => readPending(record, `history.pending[${index}]`)),
    ),
  });
}

function readBuild(value: unknown): NonNullable<GateReport['build']> {
  const fields = fieldsOf(value, 'build');
  return {
    builder: oneOf(field(fields, 'builder'), 'build.builder', ['buildx', 'classic'] as const),
    durationMs: finite(field(fields, 'durationMs'), 'build.durationMs', 0),
    context: cut(field(fields, 'context'), 'build.context', 4096),
    dockerfile: cut(field(fields, 'dockerfile'), 'build.dockerfile', 4096),
  };
}

/** One gated image's report. */
export function readGateReport(value: unknown, schemaVersion: number): GateReport {
  const fields = fieldsOf(value, 'report');
  if (field(fields, 'schemaVersion') !== schemaVersion) fail('report.schemaVersion', `is not ${schemaVersion}`);
  const engine = fieldsOf(field(fields, 'engine'), 'engine');
  return defined({
    schemaVersion,
    name: text(field(fields, 'name'), 'name', 200),
    passed: flag(field(fields, 'passed'), 'passed'),
    image: readImage(field(fields, 'image')),
    engine: {
      version: text(field(engine, 'version'), 'engine.version', 100, /^[A-Za-z0-9._+~-]*$/),
      imageStore: oneOf(field(engine, 'imageStore'), 'engine.imageStore', IMAGE_STORES),
      storageDriver: text(field(engine, 'storageDriver'), 'engine.storageDriver', 100, /^[A-Za-z0-9._-]*$/),
    },
    build: optional(fields, 'build', readBuild),
    smoke: optional(fields, 'smoke', readSmoke),
    platforms: optional(fields, 'platforms', (item) =>
      list(item, 'platforms', MAX_PLATFORMS).map((platform, index) => readPlatform(platform, `platforms[${index}]`)),
    ),
    baseline: optional(fields, 'baseline', readBaseline),
    noBaselineReason: optional(fields, 'noBaselineReason', (item) => cut(item, 'noBaselineReason', 2000)),
    history: optional(fields, 'history', readHistory),
    analysis: optional(fields, 'analysis', (item) => readAnalysis(item, PLATFORM)),
    checks: list(field(fields, 'checks'), 'checks', MAX_CHECKS).map((check, index) => readCheck(check, `checks[${index}]`)),
  });
}

function readEntry(value: unknown, index: number, schemaVersion: number): CheckedImage {
  const at = `images[${index}]`;
  const fields = fieldsOf(value, at);
  const name = text(field(fields, 'name'), `${at}.name`, 200, /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]+$/);
  const status = oneOf(field(fields, 'status'), `${at}.status`, ['gated', 'error'] as const);
  if (status === 'error') return { name, status, error: cut(field(fields, 'error'), `${at}.error`, 4000) };
  let report: GateReport;
  try {
    report = readGateReport(field(fields, 'report'), schemaVersion);
  } catch (error) {
    if (error instanceof Invalid) throw new Invalid(`${at}.${error.message.replace(/^report\./, '')}`);
    throw error;
  }
  if (report.name !== name) fail(`${at}.report.name`, 'is not the name of its entry');
  return { name, status, report };
}

/**
 * A matrix job's report from the text of its file, or why it is refused: too large, not JSON, a schema version
 * this reader does not know (`schemaVersion`), not a matrix job's report, or a field of the wrong shape.
 */
export function parseJobReport(text: string, schemaVersion: number): { report: CheckedJobReport } | { invalid: string } {
  const read = readJsonText(
    text,
    { maxBytes: MAX_REPORT_FILE_BYTES, maxSize: `${MAX_REPORT_FILE_BYTES / 1024 / 1024} MiB` },
    'the file',
    (value) => readJobReport(value, schemaVersion),
  );
  return 'value' in read ? { report: read.value } : read;
}

function readJobReport(value: unknown, schemaVersion: number): CheckedJobReport {
  const fields: Fields = fieldsOf(value, 'the report');
  const version = field(fields, 'schemaVersion');
  if (typeof version !== 'number') fail('schemaVersion', 'is missing or not a number');
  if (version !== schemaVersion)
    fail('schemaVersion', `${version} is not the version this step reads (${schemaVersion}): gate and report with one release`);
  const matrix = field(fields, 'matrix');
  if (matrix === undefined) fail('matrix', 'is missing: this is not the report of a matrix job (set the images input on its gate step)');
  const job = fieldsOf(matrix, 'matrix');
  return {
    schemaVersion: version,
    commit: text(field(job, 'commit'), 'matrix.commit', 64, COMMIT),
    configDigest: text(field(job, 'configDigest'), 'matrix.configDigest', 80, /^sha256:[0-9a-f]{64}$/),
    images: list(field(fields, 'images'), 'images', MAX_JOB_IMAGES).map((entry, index) => readEntry(entry, index, version)),
  };
}
