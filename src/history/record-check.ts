// Pure: reading a history record back, and deciding whether to believe it. Records live on a branch that anyone
// with write access can edit, so the text is untrusted: its size, every field's type and every string's and
// list's length are checked, and the record is rebuilt from the fields checked (anything else in the text is
// dropped). Then what it claims is checked against itself, against the path it is stored under, against the
// run's own server and repository, and against the image measured now (recordProblem, sharedLayerProblem).
// Nothing here throws on bad input; a reason names the field, never quotes the text.
import {
  defined,
  field,
  fieldCheckBase,
  fieldsOf,
  finite,
  flag,
  fail,
  list,
  oneOf,
  optional,
  readJsonText,
  text,
  time,
  whole,
} from '../common/field-checks.js';
import { FigureId } from '../judge/delta.js';
import { BYTE_MAP_DIRECTORIES, BYTE_MAP_FILES } from '../analysis/byte-map.js';
import { imageKey, MAX_NAME_CHARS, platformKey, recordedName, RecordPath } from './record-path.js';
import { HistoryRecord, RECORD_SCHEMA_VERSION, RecordedLayer } from './types.js';
import { ByteMap } from '../analysis/byte-map.js';
import { COMPRESSED_SIZE_METHODS } from '../analysis/image-layers.js';
import { IMAGE_STORES } from '../docker/engine.js';
import { ECOSYSTEMS } from '../packages/types.js';
import { MAX_NAME_CHARS as MAX_PACKAGE_NAME_CHARS, MAX_VERSION_CHARS } from '../packages/dpkg.js';
import { RecordedPackages } from './types.js';

/** The longest record text read (bytes of UTF-8). */
export const MAX_RECORD_BYTES = 256 * 1024;
/** The longest instruction (created_by) a record keeps for a layer. */
export const MAX_CREATED_BY_CHARS = 400;
/** The longest configured USER a record keeps. */
export const MAX_USER_CHARS = 200;
export const MAX_PATH_CHARS = 4096;
export const MAX_LAYERS = 1000;
/** No figure of bytes in a record may exceed 1 PiB: no image holds that much. */
export const MAX_PLAUSIBLE_BYTES = 2 ** 50;
/** How many of an image's largest packages a record keeps. */
export const MAX_RECORDED_PACKAGES = 100;

const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const DIGEST = /^[a-z0-9]+:[0-9a-f]{32,128}$/;

/** A whole number of bytes, at most MAX_PLAUSIBLE_BYTES. */
function bytes(value: unknown, at: string): number {
  const checked = whole(value, at);
  if (checked > MAX_PLAUSIBLE_BYTES) fail(at, 'is more than 1 PiB, more than any image holds');
  return checked;
}

function readFigures(value: unknown): HistoryRecord['figures'] {
  const fields = fieldsOf(value, 'figures');
  const at = (id: FigureId) => `figures.${id}`;
  return defined({
    size: bytes(field(fields, 'size'), at('size')),
    'compressed-size': optional(fields, 'compressed-size', (item) => bytes(item, at('compressed-size'))),
    layers: whole(field(fields, 'layers'), at('layers')),
    startup: optional(fields, 'startup', (item) => finite(item, at('startup'), 0)),
    efficiency: optional(fields, 'efficiency', (item) => finite(item, at('efficiency'))),
    'wasted-size': optional(fields, 'wasted-size', (item) => bytes(item, at('wasted-size'))),
  });
}

function readLayer(value: unknown, at: string): RecordedLayer {
  const fields = fieldsOf(value, at);
  return defined({
    diffId: text(field(fields, 'diffId'), `${at}.diffId`, 200, DIGEST),
    createdBy: text(field(fields, 'createdBy'), `${at}.createdBy`, MAX_CREATED_BY_CHARS),
    line: optional(fields, 'line', (item) => whole(item, `${at}.line`)),
    sizeBytes: bytes(field(fields, 'sizeBytes'), `${at}.sizeBytes`),
    tarBytes: bytes(field(fields, 'tarBytes'), `${at}.tarBytes`),
    compressedBytes: optional(fields, 'compressedBytes', (item) => bytes(item, `${at}.compressedBytes`)),
  });
}

function readSizedPaths(value: unknown, at: string, maxItems: number): ByteMap['files'] {
  return list(value, at, maxItems).map((item, index) => {
    const fields = fieldsOf(item, `${at}[${index}]`);
    return {
      path: text(field(fields, 'path'), `${at}[${index}].path`, MAX_PATH_CHARS, /^\//),
      sizeBytes: bytes(field(fields, 'sizeBytes'), `${at}[${index}].sizeBytes`),
    };
  });
}

function readByteMap(value: unknown): ByteMap {
  const fields = fieldsOf(value, 'bytes');
  const depth = whole(field(fields, 'depth'), 'bytes.depth');
  if (depth < 1 || depth > 16) fail('bytes.depth', 'is not between 1 and 16');
  return {
    files: readSizedPaths(field(fields, 'files'), 'bytes.files', BYTE_MAP_FILES),
    filesComplete: flag(field(fields, 'filesComplete'), 'bytes.filesComplete'),
    directories: readSizedPaths(field(fields, 'directories'), 'bytes.directories', BYTE_MAP_DIRECTORIES),
    directoriesComplete: flag(field(fields, 'directoriesComplete'), 'bytes.directoriesComplete'),
    depth,
  };
}

function readPackages(value: unknown): RecordedPackages {
  const fields = fieldsOf(value, 'packages');
  const listed = list(field(fields, 'listed'), 'packages.listed', MAX_RECORDED_PACKAGES).map((item, index) => {
    const at = `packages.listed[${index}]`;
    const pkg = fieldsOf(item, at);
    return {
      ecosystem: oneOf(field(pkg, 'ecosystem'), `${at}.ecosystem`, ECOSYSTEMS),
      name: text(field(pkg, 'name'), `${at}.name`, MAX_PACKAGE_NAME_CHARS),
      version: text(field(pkg, 'version'), `${at}.version`, MAX_VERSION_CHARS),
      sizeBytes: whole(field(pkg, 'sizeBytes'), `${at}.sizeBytes`),
    };
  });
  const ecosystems = list(field(fields, 'ecosystems'), 'packages.ecosystems', ECOSYSTEMS.length).map((item, index) =>
    oneOf(item, `packages.ecosystems[${index}]`, ECOSYSTEMS),
  );
  return { listed, complete: flag(field(fields, 'complete'), 'packages.complete'), ecosystems };
}

function readEngine(value: unknown): HistoryRecord['engine'] {
  const fields = fieldsOf(value, 'engine');
  return {
    version: text(field(fields, 'version'), 'engine.version', 100),
    imageStore: oneOf(field(fields, 'imageStore'), 'engine.imageStore', IMAGE_STORES),
    storageDriver: text(field(fields, 'storageDriver'), 'engine.storageDriver', 100),
  };
}

function readRecord(value: unknown): HistoryRecord {
  const fields = fieldsOf(value, 'the record');
  const version = field(fields, 'schemaVersion');
  if (typeof version !== 'number') fail('schemaVersion', 'is missing or not a number');
  if (version !== RECORD_SCHEMA_VERSION)
    fail('schemaVersion', `${version} is not known to this reader (it reads ${RECORD_SCHEMA_VERSION})`);
  return defined({
    schemaVersion: version,
    name: text(field(fields, 'name'), 'name', MAX_NAME_CHARS),
    platform: text(field(fields, 'platform'), 'platform', 100),
    commit: text(field(fields, 'commit'), 'commit', 64, COMMIT),
    commitTime: time(field(fields, 'commitTime'), 'commitTime'),
    ref: optional(fields, 'ref', (item) => text(item, 'ref', 400)),
    runUrl: optional(fields, 'runUrl', (item) => text(item, 'runUrl', 2000, /^https?:\/\//)),
    recordedAt: time(field(fields, 'recordedAt'), 'recordedAt'),
    imageId: text(field(fields, 'imageId'), 'imageId', 200, DIGEST),
    engine: readEngine(field(fields, 'engine')),
    sizeMethod: oneOf(field(fields, 'sizeMethod'), 'sizeMethod', ['layers', 'inspect'] as const),
    compressedSizeMethod: optional(fields, 'compressedSizeMethod', (item) => oneOf(item, 'compressedSizeMethod', COMPRESSED_SIZE_METHODS)),
    figures: readFigures(field(fields, 'figures')),
    user: text(field(fields, 'user'), 'user', MAX_USER_CHARS),
    nonRoot: flag(field(fields, 'nonRoot'), 'nonRoot'),
    layers: optional(fields, 'layers', (item) =>
      list(item, 'layers', MAX_LAYERS).map((layer, index) => readLayer(layer, `layers[${index}]`)),
    ),
    bytes: optional(fields, 'bytes', readByteMap),
    packages: optional(fields, 'packages', readPackages),
  });
}

/** The record a text holds, or why it holds none (too large, not JSON, a schema this reader does not know, a field of the wrong shape). */
export function parseRecord(text: string): { record: HistoryRecord } | { invalid: string } {
  if (typeof text !== 'string') return { invalid: 'the record is not text' };
  const read = readJsonText(text, { maxBytes: MAX_RECORD_BYTES, maxSize: `${MAX_RECORD_BYTES / 1024} KiB` }, 'the record', readRecord);
  return 'value' in read ? { record: read.value } : read;
}

/** Where the records of this run may say they were made: this server and repository (GITHUB_SERVER_URL, GITHUB_REPOSITORY). */
export interface RecordOrigin {
  serverUrl: string;
  /** owner/name */
  repository: string;
}

/** Why a run link is not one of this repository's runs on this server (undefined: it is). */
export function runUrlProblem(runUrl: string, origin: RecordOrigin): string | undefined {
  let url: URL;
  let server: URL;
  try {
    url = new URL(runUrl);
    server = new URL(origin.serverUrl);
  } catch {
    return 'runUrl is not a web address';
  }
  const prefix = `/${origin.repository.toLowerCase()}/actions/runs/`;
  const onServer = url.origin === server.origin && url.username === '' && url.password === '';
  if (!onServer) return `runUrl is not on ${server.origin}`;
  const run = url.pathname.toLowerCase().startsWith(prefix) ? url.pathname.slice(prefix.length) : undefined;
  if (run === undefined || !/^\d+(?:\/attempts\/\d+)?$/.test(run) || url.search !== '' || url.hash !== '')
    return `runUrl is not a run of ${origin.repository}`;
  return undefined;
}

/**
 * Why a record read back is not believed, or undefined: it must be the record of this image (its name), of the
 * commit, time and platform its path says, and its figures must agree with its layers (the size their sum, the
 * layer count their number) when it holds them. Its run link is checked apart (runUrlProblem): it matters
 * where the link is shown.
 */
export function recordProblem(record: HistoryRecord, at: RecordPath, name: string): string | undefined {
  if (record.name !== recordedName(name) || imageKey(record.name) !== at.imageKey)
    return 'name is not the name of the image it is filed under';
  if (platformKey(record.platform) !== at.platformKey) return 'platform is not the platform it is filed under';
  if (record.commit !== at.commit) return "commit is not the commit its file's name says";
  if (Math.floor(Date.parse(record.commitTime) / 1000) !== Date.parse(at.commitTime) / 1000)
    return "commitTime is not the time its file's name says";
  const layers = record.layers;
  if (!layers) return undefined;
  const sumBytes = layers.reduce((sum, layer) => sum + layer.sizeBytes, 0);
  if (sumBytes !== record.figures.size)
    return `figures.size (${record.figures.size} bytes) is not the sum of its layers' sizes (${sumBytes} bytes)`;
  if (layers.length !== record.figures.layers)
    return `figures.layers (${record.figures.layers}) is not the number of its layers (${layers.length})`;
  return undefined;
}

/** Why a record's run link is not one of this run's repository on this server, or undefined (also when it has none). */
export function recordLinkProblem(record: HistoryRecord, origin?: RecordOrigin): string | undefined {
  return record.runUrl === undefined || !origin ? undefined : runUrlProblem(record.runUrl, origin);
}

/** The record as the reader keeps it: without a run link unless the link is a run of this repository on this server. */
export function believedRecord(record: HistoryRecord, origin?: RecordOrigin): HistoryRecord {
  return record.runUrl === undefined || (origin && recordLinkProblem(record, origin) === undefined)
    ? record
    : { ...record, runUrl: undefined };
}

/**
 * Why a record cannot be the baseline of the image measured now, or undefined: it must hold its layers (else
 * its size cannot be checked), and every layer it shares with the image (the same diffID) must have the sizes
 * measured now.
 */
export function sharedLayerProblem(
  record: HistoryRecord,
  measured: { diffId: string; sizeBytes: number; tarBytes: number }[],
): string | undefined {
  if (!record.layers) return 'it holds no layers (it was recorded with analyze: false, or they did not fit), so its size cannot be checked';
  const now = new Map(measured.map((layer) => [layer.diffId, layer]));
  for (const [index, layer] of record.layers.entries()) {
    const same = now.get(layer.diffId);
    if (same && (same.sizeBytes !== layer.sizeBytes || same.tarBytes !== layer.tarBytes))
      return `layers[${index}] (${layer.diffId.slice(0, 19)}) holds ${layer.sizeBytes} bytes in a ${layer.tarBytes}-byte tar in the record, but ${same.sizeBytes} in a ${same.tarBytes}-byte tar in the image measured now`;
  }
  return undefined;
}

/**
 * The field checks above and the byte map's reader, for the other reader of untrusted JSON: the matrix jobs'
 * reports (report/report-check.ts), which image-size-gate/report validates with the same care as records.
 */
export const fieldChecks = { ...fieldCheckBase, readByteMap };
