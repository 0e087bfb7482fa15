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
