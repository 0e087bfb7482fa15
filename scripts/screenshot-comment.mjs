// Renders a PR comment (markdown) as GitHub-flavoured HTML with GitHub's stylesheet and captures it with
// headless Chromium, for the README's picture of the comment.
// Usage: node scripts/screenshot-comment.mjs comment.md docs/pr-comment.png [height in pixels, default 780] [header]
// (the header line above the body; default: a bot's comment, as GitHub shows the PR comment)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { marked } from 'marked';

const [input, output, heightText = '780', header] = process.argv.slice(2);
const headerHtml =
  header === undefined ? '<b>github-actions</b> bot commented' : header.replace(/[&<>]/g, (char) => `&#${char.charCodeAt(0)};`);
if (!input || !output) {
  console.error('usage: node scripts/screenshot-comment.mjs COMMENT.md OUTPUT.png');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const css = readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8');
// GitHub shows HTML comments as nothing and opens no <details> by default; open them for the picture.
const markdown = readFileSync(input, 'utf8').replace(/<details>/g, '<details open>');
const html = `<!doctype html><meta charset="utf-8"><style>${css}
body { margin: 0; background: #fff; }
.comment { width: 880px; margin: 16px; border: 1px solid #d0d7de; border-radius: 6px; }
.header { background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: 8px 16px; font: 14px -apple-system, "Segoe UI", sans-serif; color: #57606a; }
.markdown-body { padding: 16px; font-size: 14px; }
</style><div class="comment"><div class="header">${headerHtml}</div><article class="markdown-body">${marked.parse(markdown, { gfm: true })}</article></div>`;
const dir = mkdtempSync(path.join(tmpdir(), 'isg-shot-'));
try {
  const page = path.join(dir, 'comment.html');
  writeFileSync(page, html);
  execFileSync(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${path.join(dir, 'profile')}`,
      '--hide-scrollbars',
      `--window-size=920,${Number(heightText)}`,
      `--screenshot=${path.resolve(output)}`,
      `file://${page}`,
    ],
    { stdio: 'ignore' },
  );
  console.log(`wrote ${output}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
