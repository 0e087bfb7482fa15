// Pure: where a history record lives on the history branch, `<image key>/<platform key>/<commit time>-<commit>.json`.
// Keys are safe path segments made from names that anyone can choose; the file name starts with the commit
// time, so a sorted listing of one image and platform is in commit-time order without reading any blob.
import { createHash } from 'node:crypto';
import { HistoryRecord } from './types.js';

/** A record keeps at most this many characters of the image's name; the image key is made from what it keeps. */
export const MAX_NAME_CHARS = 200;
/** The longest image or platform key. */
export const MAX_KEY_CHARS = 60;
/** Hex characters of sha256 appended to a key that is not its name verbatim. */
const HASH_CHARS = 8;

const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const KEY = '[a-z0-9](?:[a-z0-9._-]{0,58}[a-z0-9])?';
const RECORD_PATH = new RegExp(`^(${KEY})/(${KEY})/(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z-([0-9a-f]{40}|[0-9a-f]{64})\\.json$`);

/** The name as a record keeps it: cut to MAX_NAME_CHARS characters. */
export function recordedName(name: string): string {
  return name.slice(0, MAX_NAME_CHARS);
}

/** Lowercase `[a-z0-9._-]` only, every other run of characters one `-`, no `-` or `.` at either end. */
function safeSegment(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

/**
 * `verbatim` when it is a safe segment of at most MAX_KEY_CHARS already; else its safe form (or `fallback`
 * when nothing is left), cut to leave room for `-` and the first 8 hex characters of sha256(`hashed`), so
 * that two different names get different keys (short of a 32-bit collision).
 */
function keyOf(verbatim: string, hashed: string, fallback: string): string {
  const safe = safeSegment(verbatim);
  if (safe === verbatim && safe !== '' && safe.length <= MAX_KEY_CHARS) return safe;
  const cut = safe.slice(0, MAX_KEY_CHARS - HASH_CHARS - 1).replace(/[-.]+$/, '') || fallback;
  return `${cut}-${createHash('sha256').update(hashed, 'utf8').digest('hex').slice(0, HASH_CHARS)}`;
}

/**
 * The image's directory on the history branch: its recorded name (recordedName) when that is a safe lowercase
 * segment (`[a-z0-9._-]`, at most 60 characters, not starting or ending with `-` or `.`), else a safe form
 * of it with `-` and 8 hex characters of its sha256 appended (`My App` -> `my-app-1f2e3d4c`). Never empty,
 * never `.` or `..`.
 */
export function imageKey(name: string): string {
  const recorded = recordedName(name);
  return keyOf(recorded, recorded, 'image');
}

/** The platform's directory: `linux/arm64/v8` -> `linux-arm64-v8`; a hash is appended only when more than `/` had to change. */
export function platformKey(platform: string): string {
  return keyOf(platform.replaceAll('/', '-'), platform, 'platform');
}

/** `2024-05-01T12:34:56Z` (or any date Date reads) -> `20240501T123456Z`. Throws on a time that is not one. */
function timeStamp(time: string): string {
  const date = new Date(time);
  const stamp = Number.isNaN(date.getTime())
    ? ''
    : date
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}Z$/, 'Z');
  if (!/^\d{8}T\d{6}Z$/.test(stamp)) throw new Error(`${JSON.stringify(time.slice(0, 40))} is not a time between the years 0 and 9999`);
  return stamp;
}

/** `<image key>/<platform key>/<YYYYMMDDTHHMMSSZ>-<commit>.json`. Throws when the commit is not a full sha or the time not one. */
export function recordPath(record: Pick<HistoryRecord, 'name' | 'platform' | 'commit' | 'commitTime'>): string {
  if (!COMMIT.test(record.commit)) throw new Error(`${JSON.stringify(record.commit.slice(0, 80))} is not a full commit sha`);
  return `${imageKey(record.name)}/${platformKey(record.platform)}/${timeStamp(record.commitTime)}-${record.commit}.json`;
}

export interface RecordPath {
  imageKey: string;
  platformKey: string;
  /** ISO 8601 UTC, to the second: `2024-05-01T12:34:56Z`. */
  commitTime: string;
  commit: string;
}

/** What a record's path says, or undefined for any other path (a README, a key that imageKey cannot make, a date that is not one). */
export function parseRecordPath(path: string): RecordPath | undefined {
  const match = RECORD_PATH.exec(path);
  if (!match) return undefined;
  const [, image, platform, year, month, day, hour, minute, second, commit] = match;
  const commitTime = `${year}-${month}-${day}T${hour}:${minute}:${second}Z`;
  const date = new Date(commitTime);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== commitTime.replace('Z', '.000Z')) return undefined;
  return { imageKey: image, platformKey: platform, commitTime, commit };
}
