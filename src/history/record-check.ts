// Pure: reading a history record back. Records live on a branch that anyone with write access can edit, so
// the text is untrusted: its size, every field's type and every string's and list's length are checked, and
// the record is rebuilt from the fields checked (anything else in the text is dropped). Nothing here throws
// on bad input; a reason names the field, never quotes the text.
import { FigureId } from '../judge/delta.js';
import { BYTE_MAP_DIRECTORIES, BYTE_MAP_FILES } from '../analysis/byte-map.js';
import { MAX_NAME_CHARS } from './record-path.js';
import { HistoryRecord, RECORD_SCHEMA_VERSION, RecordedLayer } from './types.js';
import { ByteMap } from '../analysis/byte-map.js';
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
/** How many of an image's largest packages a record keeps. */
export const MAX_RECORDED_PACKAGES = 100;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const DIGEST = /^[a-z0-9]+:[0-9a-f]{32,128}$/;

class Invalid extends Error {}

function fail(at: string, why: string): never {
  throw new Invalid(`${at} ${why}`);
}

type Fields = Record<string, unknown>;

function fieldsOf(value: unknown, at: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(at, 'is not an object');
  return value as Fields;
}

/** A field of the object itself (never one inherited, whatever the text names). */
function field(fields: Fields, key: string): unknown {
  return Object.hasOwn(fields, key) ? fields[key] : undefined;
}

function text(value: unknown, at: string, maxChars: number, pattern?: RegExp): string {
  if (typeof value !== 'string') fail(at, 'is not a string');
  if (value.length > maxChars) fail(at, `is longer than ${maxChars} characters`);
  if (pattern && !pattern.test(value)) fail(at, 'is not in the expected form');
  return value;
}

function time(value: unknown, at: string): string {
  const checked = text(value, at, 40, ISO_UTC);
  if (Number.isNaN(Date.parse(checked))) fail(at, 'is not a date');
  return checked;
}

/** A whole number of bytes (or of anything): a safe integer, at least 0. */
function whole(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) fail(at, 'is not a whole number of at least 0');
  return value;
}

function finite(value: unknown, at: string, min = -Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min)
    fail(at, `is not a finite number${min > -Infinity ? ` of at least ${min}` : ''}`);
  return value;
}

function flag(value: unknown, at: string): boolean {
  if (typeof value !== 'boolean') fail(at, 'is not true or false');
  return value;
}

function oneOf<T extends string>(value: unknown, at: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) fail(at, `is not one of ${allowed.join(', ')}`);
  return value as T;
}

function list(value: unknown, at: string, maxItems: number): unknown[] {
  if (!Array.isArray(value)) fail(at, 'is not a list');
  if (value.length > maxItems) fail(at, `has more than ${maxItems} items`);
  return value;
}

/** `read` of the field when it is there; a field that is null or of the wrong type is invalid, not absent. */
function optional<T>(fields: Fields, key: string, read: (value: unknown) => T): T | undefined {
  const value = field(fields, key);
  return value === undefined ? undefined : read(value);
}

/** The object without its undefined fields, as the text would have had it. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

function readFigures(value: unknown): HistoryRecord['figures'] {
  const fields = fieldsOf(value, 'figures');
  const at = (id: FigureId) => `figures.${id}`;
  return defined({
    size: whole(field(fields, 'size'), at('size')),
    'compressed-size': optional(fields, 'compressed-size', (item) => whole(item, at('compressed-size'))),
    layers: whole(field(fields, 'layers'), at('layers')),
    startup: optional(fields, 'startup', (item) => finite(item, at('startup'), 0)),
    efficiency: optional(fields, 'efficiency', (item) => finite(item, at('efficiency'))),
    'wasted-size': optional(fields, 'wasted-size', (item) => whole(item, at('wasted-size'))),
  });
}

function readLayer(value: unknown, at: string): RecordedLayer {
  const fields = fieldsOf(value, at);
  return defined({
    diffId: text(field(fields, 'diffId'), `${at}.diffId`, 200, DIGEST),
    createdBy: text(field(fields, 'createdBy'), `${at}.createdBy`, MAX_CREATED_BY_CHARS),
    line: optional(fields, 'line', (item) => whole(item, `${at}.line`)),
    sizeBytes: whole(field(fields, 'sizeBytes'), `${at}.sizeBytes`),
    tarBytes: whole(field(fields, 'tarBytes'), `${at}.tarBytes`),
    compressedBytes: optional(fields, 'compressedBytes', (item) => whole(item, `${at}.compressedBytes`)),
  });
}

function readSizedPaths(value: unknown, at: string, maxItems: number): ByteMap['files'] {
  return list(value, at, maxItems).map((item, index) => {
    const fields = fieldsOf(item, `${at}[${index}]`);
    return {
      path: text(field(fields, 'path'), `${at}[${index}].path`, MAX_PATH_CHARS, /^\//),
      sizeBytes: whole(field(fields, 'sizeBytes'), `${at}[${index}].sizeBytes`),
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
    imageStore: oneOf(field(fields, 'imageStore'), 'engine.imageStore', ['classic', 'containerd', 'archive', 'registry'] as const),
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
    compressedSizeMethod: optional(fields, 'compressedSizeMethod', (item) =>
      oneOf(item, 'compressedSizeMethod', ['stored-blobs', 'gzip-6'] as const),
    ),
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
  if (text.length > MAX_RECORD_BYTES || Buffer.byteLength(text, 'utf8') > MAX_RECORD_BYTES) {
    return { invalid: `the record is larger than ${MAX_RECORD_BYTES / 1024} KiB` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { invalid: 'the record is not JSON' };
  }
  try {
    return { record: readRecord(value) };
  } catch (error) {
    if (error instanceof Invalid) return { invalid: error.message };
    // Nothing above throws anything else; should it ever, the record is still refused rather than the caller failed.
    return { invalid: 'the record could not be read' };
  }
}
