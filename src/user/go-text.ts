// Go's text primitives that decide how Docker reads USER, /etc/passwd and /etc/group, redone exactly:
// strconv.Atoi (64-bit int), bytes.TrimSpace and the line splitting of bufio.Scanner / bufio.Reader.
// Go compares bytes, not characters, so the text here is a "byte string": one char per byte (latin1).

/** A JS string as the bytes Go would see (UTF-8), one char per byte. */
export function byteString(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** A byte string back as text (invalid UTF-8 becomes U+FFFD), for messages. */
export function textOf(bytes: string): string {
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** What strconv.Atoi returns on a 64-bit platform: the value (0 on a syntax error, clamped on a range error) and its error. */
export interface GoAtoi {
  value: bigint;
  error?: 'syntax' | 'range';
}

/**
 * strconv.Atoi: an optional '+' or '-', then ASCII digits only (no spaces, no underscores, no base prefix).
 * Like ParseUint it reports a syntax error at the first non-digit, unless the digits before it already
 * overflowed 64 bits (then it is a range error); ParseInt then clamps to the int64 range.
 */
export function goAtoi(text: string): GoAtoi {
  const negative = text.startsWith('-');
  const digits = negative || text.startsWith('+') ? text.slice(1) : text;
  if (digits === '') return { value: 0n, error: 'syntax' };
  let magnitude = 0n;
  let overflowed = false;
  for (const char of digits) {
    if (char < '0' || char > '9') return { value: 0n, error: 'syntax' };
    magnitude = magnitude * 10n + BigInt(char.charCodeAt(0) - 48);
    if (magnitude > UINT64_MAX) {
      overflowed = true;
      break;
    }
  }
  if (!negative && (overflowed || magnitude > INT64_MAX)) return { value: INT64_MAX, error: 'range' };
  if (negative && (overflowed || magnitude > INT64_MAX + 1n)) return { value: -INT64_MAX - 1n, error: 'range' };
  return { value: negative ? -magnitude : magnitude };
}

/** Go's uint32(x) of an int: the low 32 bits. */
export function goUint32(value: bigint): bigint {
  return BigInt.asUintN(32, value);
}

const ASCII_SPACE = new Set(['\t', '\n', '\v', '\f', '\r', ' ']);
/** UTF-8 encodings (as byte strings) of the non-ASCII runes unicode.IsSpace accepts. */
const UNICODE_SPACES = [0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a]
  .concat([0x2028, 0x2029, 0x202f, 0x205f, 0x3000])
  .map((code) => byteString(String.fromCodePoint(code)));

/** bytes.TrimSpace: strips leading and trailing ASCII and Unicode white space (not U+FEFF, which JS's trim() would strip). */
export function goTrimSpace(bytes: string): string {
  let start = 0;
  let end = bytes.length;
  for (;;) {
    if (start < end && ASCII_SPACE.has(bytes[start])) start += 1;
    else {
      const space = UNICODE_SPACES.find((encoded) => bytes.startsWith(encoded, start) && start + encoded.length <= end);
      if (!space) break;
      start += space.length;
    }
  }
  for (;;) {
    if (end > start && ASCII_SPACE.has(bytes[end - 1])) end -= 1;
    else {
      const space = UNICODE_SPACES.find((encoded) => end - encoded.length >= start && bytes.endsWith(encoded, end));
      if (!space) break;
      end -= space.length;
    }
  }
  return bytes.slice(start, end);
}

export interface GoLine {
  /** 1-based line number in the file. */
  number: number;
  /** The line without its '\n' and without one '\r' before it. */
  text: string;
}

/**
 * The lines bufio.Scanner (ScanLines) or bufio.Reader.ReadLine gives: split at '\n', one '\r' dropped, no
 * empty line after a final '\n'. A Scanner stops with "token too long" at the first line of `maxLineBytes`
 * bytes or more (its buffer must hold the line and its '\n'); `maxLineBytes` undefined means no limit.
 */
export function goLines(bytes: string, maxLineBytes?: number): { lines: GoLine[]; tooLongLine?: number } {
  const lines: GoLine[] = [];
  let start = 0;
  for (let number = 1; start < bytes.length; number += 1) {
    const newline = bytes.indexOf('\n', start);
    const end = newline === -1 ? bytes.length : newline;
    if (maxLineBytes !== undefined && end - start >= maxLineBytes) return { lines, tooLongLine: number };
    const text = bytes.slice(start, end);
    lines.push({ number, text: text.endsWith('\r') ? text.slice(0, -1) : text });
    start = end + 1;
  }
  return { lines };
}
