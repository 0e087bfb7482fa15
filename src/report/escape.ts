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
