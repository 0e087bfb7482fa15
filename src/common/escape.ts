// Making untrusted text (from the image, the Dockerfile, the container) inert where it is shown.

/**
 * Characters that change how text is shown without being seen, or that break a line: C0 and C1 controls, DEL,
 * the line and paragraph separators, and every format character (Unicode category Cf: the bidi controls
 * U+202A-U+202E and U+2066-U+2069, the zero-width characters U+200B-U+200D, U+2060 and U+FEFF, soft hyphens,
 * tag characters...). A `\u202e` in a name would otherwise reverse a table row; a `\u200b` would make `api` and
 * `api\u200b` look like one name.
 */
const INVISIBLE_CHAR = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/u;
const INVISIBLE_CHARS = new RegExp(INVISIBLE_CHAR.source, 'gu');

/** A character shown by its code: `\x1b` below U+0100, `\u202e` in the basic plane, `\u{e0041}` beyond it. */
function codeOf(char: string): string {
  const code = char.codePointAt(0)!;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
}

/** The text without its invisible characters (INVISIBLE_CHAR): what a reader sees of a name, to compare two names. */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE_CHARS, '');
}

/**
 * For a markdown table cell or inline text: no HTML, no table breaks, no @mentions, no line breaks; every other
 * invisible character (C1, bidi controls, zero-width characters, other format characters) shown by its code.
 */
export function escapeMarkdownInline(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(INVISIBLE_CHARS, codeOf)
    .replace(/[&<>|@`*_~[\]\\#]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * For a fenced code block: the fence is longer than any run of backticks in the lines, so none can close it
 * early; controls but tab are dropped, and format characters (bidi controls, zero-width characters) are shown
 * by their code.
 */
export function escapeCodeBlock(lines: string[]): string {
  const body = lines
    .map((line) =>
      line
        .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
        .replace(INVISIBLE_CHARS, (char) => (char === '\t' || char === '\n' ? char : codeOf(char))),
    )
    .join('\n');
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}text\n${body}\n${fence}`;
}

/** Cuts text to `maxChars`, saying it did. */
export function truncate(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars)}… (${text.length - maxChars} more characters)`;
}

/** A collapsed section; `summary` must already be safe markdown. */
export function detailsBlock(summary: string, body: string[]): string[] {
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>'];
}

/** How the line-ending and tab characters are shown; every other invisible character is shown by its code. */
const CONTROL_CHAR_NAMES: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };

/**
 * For one line of the log, an annotation or the terminal: every invisible character (INVISIBLE_CHAR: C0 and C1
 * controls, DEL, the Unicode line and paragraph separators, bidi controls, zero-width and other format
 * characters) is shown as an escape (`\r`, `\x1b`, `\u2028`, `\u202e`), so no byte of the text can end the
 * line early (the runner starts a new line at a bare CR too, and then reads `::command::` at its start), drive a
 * terminal, or reorder what is shown.
 */
export function visibleControlChars(text: string): string {
  return text.replace(INVISIBLE_CHARS, (char) => CONTROL_CHAR_NAMES[char] ?? codeOf(char));
}

/**
 * Untrusted text (a USER string, a passwd line) made safe to quote in a message: every invisible character
 * (INVISIBLE_CHAR) becomes a `\xNN` or `\uNNNN` escape, a lone surrogate too, and a backslash is doubled so
 * that an escape cannot be forged. Cut to `maxChars` characters of output, with an ellipsis saying so.
 */
export function visible(text: string, maxChars = 200): string {
  let shown = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const loneSurrogate = char.length === 1 && code >= 0xd800 && code <= 0xdfff;
    const escaped = char === '\\' ? '\\\\' : loneSurrogate || INVISIBLE_CHAR.test(char) ? codeOf(char) : char;
    if (shown.length + escaped.length > maxChars) return `${shown}…`;
    shown += escaped;
  }
  return shown;
}

/** How many characters of a name the comment, the summary and the annotations show (the report keeps it whole). */
export const DISPLAY_NAME_CHARS = 80;

/** A name as the comment, the summary and the annotations show it: cut to DISPLAY_NAME_CHARS characters, with an ellipsis. */
export function displayName(name: string): string {
  const chars = [...name];
  return chars.length <= DISPLAY_NAME_CHARS ? name : `${chars.slice(0, DISPLAY_NAME_CHARS - 1).join('')}…`;
}

/** How many names a line of the log or an annotation lists before it counts the rest. */
export const LISTED_NAMES = 20;

/** Names for one line: each cut to the display length, the first LISTED_NAMES of them, then how many more. */
export function nameList(names: string[]): string {
  const listed = names.slice(0, LISTED_NAMES).map(displayName).join(', ');
  return names.length > LISTED_NAMES ? `${listed} and ${names.length - LISTED_NAMES} more` : listed;
}
