// Pure: the checks every reader of untrusted JSON applies field by field (history records, the matrix jobs'
// reports, the plan): each names the field it refuses and why, never quotes the text, and throws Invalid.
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

export class Invalid extends Error {}

export function fail(at: string, why: string): never {
  throw new Invalid(`${at} ${why}`);
}

export type Fields = Record<string, unknown>;

export function fieldsOf(value: unknown, at: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(at, 'is not an object');
  return value as Fields;
}

/** A field of the object itself (never one inherited, whatever the text names). */
export function field(fields: Fields, key: string): unknown {
  return Object.hasOwn(fields, key) ? fields[key] : undefined;
}

export function text(value: unknown, at: string, maxChars: number, pattern?: RegExp): string {
  if (typeof value !== 'string') fail(at, 'is not a string');
  if (value.length > maxChars) fail(at, `is longer than ${maxChars} characters`);
  if (pattern && !pattern.test(value)) fail(at, 'is not in the expected form');
  return value;
}

export function time(value: unknown, at: string): string {
  const checked = text(value, at, 40, ISO_UTC);
  if (Number.isNaN(Date.parse(checked))) fail(at, 'is not a date');
  return checked;
}

/** A whole number of bytes (or of anything): a safe integer, at least 0. */
export function whole(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) fail(at, 'is not a whole number of at least 0');
  return value;
}

export function finite(value: unknown, at: string, min = -Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min)
    fail(at, `is not a finite number${min > -Infinity ? ` of at least ${min}` : ''}`);
  return value;
}

export function flag(value: unknown, at: string): boolean {
  if (typeof value !== 'boolean') fail(at, 'is not true or false');
  return value;
}

export function oneOf<T extends string>(value: unknown, at: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) fail(at, `is not one of ${allowed.join(', ')}`);
  return value as T;
}

export function list(value: unknown, at: string, maxItems: number): unknown[] {
  if (!Array.isArray(value)) fail(at, 'is not a list');
  if (value.length > maxItems) fail(at, `has more than ${maxItems} items`);
  return value;
}

/** `read` of the field when it is there; a field that is null or of the wrong type is invalid, not absent. */
export function optional<T>(fields: Fields, key: string, read: (value: unknown) => T): T | undefined {
  const value = field(fields, key);
  return value === undefined ? undefined : read(value);
}

/** The object without its undefined fields, as the text would have had it. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** A text of at most `maxChars` code points: longer text is cut (never refused), anything but text is. */
export function cut(value: unknown, at: string, maxChars: number): string {
  if (typeof value !== 'string') fail(at, 'is not a string');
  if (value.length <= maxChars) return value;
  return `${Array.from(value).slice(0, maxChars).join('')}…`;
}

/** A whole number that may be negative (a change in bytes). */
export function signedWhole(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail(at, 'is not a whole number');
  return value;
}

/**
 * Untrusted JSON text read by `read`, or why it is refused: over `maxBytes`, not JSON, or a field `read` refused
 * (Invalid). `subject` names the text in the reasons (`the record`), `maxSize` its bound in words (`256 KiB`).
 */
export function readJsonText<T>(
  text: string,
  limit: { maxBytes: number; maxSize: string },
  subject: string,
  read: (value: unknown) => T,
): { value: T } | { invalid: string } {
  if (text.length > limit.maxBytes || Buffer.byteLength(text, 'utf8') > limit.maxBytes)
    return { invalid: `${subject} is larger than ${limit.maxSize}` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { invalid: `${subject} is not JSON` };
  }
  try {
    return { value: read(value) };
  } catch (error) {
    if (error instanceof Invalid) return { invalid: error.message };
    // Nothing a reader calls throws anything else; should it ever, the text is still refused rather than the caller failed.
    return { invalid: `${subject} could not be read` };
  }
}

export const fieldCheckBase = {
  Invalid,
  fail,
  fieldsOf,
  field,
  text,
  time,
  whole,
  finite,
  flag,
  oneOf,
  list,
  optional,
  defined,
  cut,
  signedWhole,
};
