// The hidden marker that finds our sticky comment again: `<!-- image-size-gate:KEY -->`, one key per gated
// image so that a matrix of images keeps one comment each.
import { createHash } from 'node:crypto';

const MARKER_PREFIX = 'image-size-gate:';
/** Long enough for any realistic image reference, short enough to stay a marker and not a payload. */
const MARKER_KEY_MAX_CHARS = 100;
const MARKER_HASH_CHARS = 8;

/** The hidden HTML comment that marks our comment for the image called `name`. */
export function commentMarker(name: string): string {
  return `<!-- ${MARKER_PREFIX}${markerKey(name)} -->`;
}

/**
 * `name` reduced to characters that cannot end or break the HTML comment (no `>`, no `--`, no
 * whitespace or newlines). A name that had to change, or was too long, gets a short hash of the
 * original so that two different names never share a key (and so never fight over one comment).
 */
export function markerKey(name: string): string {
  const original = name.trim();
  if (original === '') return 'default';
  const cleaned = collapseDashes(original.replace(/[^A-Za-z0-9._:/+-]/g, '-'));
  if (cleaned === original && cleaned.length <= MARKER_KEY_MAX_CHARS) return cleaned;
  const hash = createHash('sha256').update(original).digest('hex').slice(0, MARKER_HASH_CHARS);
  const readable = collapseDashes(cleaned.slice(0, MARKER_KEY_MAX_CHARS - MARKER_HASH_CHARS - 1));
  return readable === '' ? hash : `${readable}-${hash}`;
}

function collapseDashes(text: string): string {
  return text.replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * True when a line of `body` is the marker and nothing else. Stricter than "contains": a person who
 * quotes our comment (`> <!-- ... -->`) or mentions the marker in a sentence has not written one of ours.
 */
export function hasMarker(body: string, marker: string): boolean {
  return body.split(/\r?\n/).some((line) => line.trim() === marker);
}

/** `body` with the marker as its first line, unless it already carries it. */
export function withMarker(body: string, marker: string): string {
  return hasMarker(body, marker) ? body : `${marker}\n${body}`;
}
