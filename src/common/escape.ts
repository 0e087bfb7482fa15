// Making untrusted text (from the image, the Dockerfile, the container) inert where it is shown.

/** For a markdown table cell or inline text: no HTML, no table breaks, no @mentions, no line breaks. */
export function escapeMarkdownInline(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[&<>|@`*_~[\]\\#]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** For a fenced code block: the fence cannot be closed early (longer runs of backticks are broken up). */
export function escapeCodeBlock(lines: string[]): string {
  const body = lines
    .map((line) => line.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/`{3,}/g, (run) => run.split('').join('\u200b')))
    .join('\n');
  return '```text\n' + body + '\n```';
}

/** Cuts text to `maxChars`, saying it did. */
export function truncate(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars)}… (${text.length - maxChars} more characters)`;
}

/** A collapsed section; `summary` must already be safe markdown. */
export function detailsBlock(summary: string, body: string[]): string[] {
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>'];
}

/** How the line-ending and tab characters are shown; every other control character is shown by its code. */
const CONTROL_CHAR_NAMES: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };

/**
 * For one line of the log or the terminal: C0 and C1 control characters, DEL and the Unicode line and paragraph
 * separators are shown as escapes (`\r`, `\x1b`, `\u2028`), so no byte of the text can end the line early (the
 * runner starts a new line at a bare CR too, and then reads `::command::` at its start) or drive a terminal.
 */
export function visibleControlChars(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => {
    const code = char.charCodeAt(0);
    return CONTROL_CHAR_NAMES[char] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`);
  });
}

/** Characters that change how text is shown without being seen: controls, line and paragraph separators, bidi controls, zero-width marks. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\\]/;

/**
 * Untrusted text (a USER string, a passwd line) made safe to quote in a message: every control character
 * (C0, DEL, C1), line or paragraph separator, bidi control and zero-width mark becomes a `\xNN` or `\uNNNN`
 * escape, a lone surrogate too, and a backslash is doubled so that an escape cannot be forged. Cut to
 * `maxChars` characters of output, with an ellipsis saying so.
 */
export function visible(text: string, maxChars = 200): string {
  let shown = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const loneSurrogate = char.length === 1 && code >= 0xd800 && code <= 0xdfff;
    const escaped =
      char === '\\'
        ? '\\\\'
        : loneSurrogate || INVISIBLE.test(char)
          ? code <= 0xff
            ? `\\x${code.toString(16).padStart(2, '0')}`
            : `\\u${code.toString(16).padStart(4, '0')}`
          : char;
    if (shown.length + escaped.length > maxChars) return `${shown}…`;
    shown += escaped;
  }
  return shown;
}
