// One wording for a hint wherever it is shown: the job summary and the PR comment (markdown), the CLI
// (plain text) and the annotations on the Dockerfile. describeHint words it; the rest only lay it out.
import { Hint } from '../analysis/hint.js';
import { formatBytes } from '../common/units.js';
import { escapeMarkdownInline } from '../common/escape.js';

export interface HintWording {
  /** ⚠️ for a warning, ℹ️ for information. */
  mark: string;
  title: string;
  /** Where it is and what fixing it saves ("Dockerfile line 4, saves about 2.50 MB"), '' when neither is known. */
  facts: string;
  message: string;
}

/** The hint's words, unescaped: each medium makes them safe for itself. */
export function describeHint(hint: Hint): HintWording {
  const facts = [
    hint.line ? `Dockerfile line ${hint.line}` : '',
    hint.savingBytes === undefined ? '' : `saves about ${formatBytes(hint.savingBytes)}`,
  ].filter(Boolean);
  return { mark: hint.severity === 'warning' ? '⚠️' : 'ℹ️', title: hint.title, facts: facts.join(', '), message: hint.message };
}

function inParentheses(facts: string): string {
  return facts ? ` (${facts})` : '';
}

/** A markdown list item, for the job summary and the PR comment. Hints carry text from the image: escaped. */
export function hintMarkdownItem(hint: Hint): string {
  const words = describeHint(hint);
  return `- ${words.mark} **${escapeMarkdownInline(words.title)}**${inParentheses(words.facts)}: ${escapeMarkdownInline(words.message)}`;
}

/** Two lines for the CLI; `plain` strips terminal control sequences from the text that came from the image. */
export function hintTerminalLines(hint: Hint, plain: (text: string) => string): string[] {
  const words = describeHint(hint);
  return [`  - ${plain(words.title)}${inParentheses(words.facts)}`, `    ${plain(words.message)}`];
}

/** The title and message of a workflow annotation (`::warning title=...::message`). */
export function hintAnnotation(hint: Hint): { title: string; message: string } {
  const words = describeHint(hint);
  return { title: `image-size-gate: ${words.title}`, message: `${words.message}${inParentheses(words.facts)}` };
}
