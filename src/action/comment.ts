// The pull-request side of an action run: labels (for allow-increase-label) and the sticky comment, posted with
// the workflow's token. Any failure here is a warning: it never changes the gate's verdict.
import { GateReport } from '../report/model.js';
import { renderComment, shouldComment } from '../report/pr-comment.js';
import { CommentMode } from '../inputs/options.js';
import { PullRequestContext, RunContext } from '../github/event.js';
import { GitHubClient, listIssueLabels } from '../github/api-calls.js';
import { commentMarker } from '../github/comment-marker.js';
import { classifyGitHubError } from '../github/error-warning.js';
import { upsertComment } from '../github/sticky-comment.js';

export async function githubClient(token: string, apiUrl: string): Promise<GitHubClient> {
  // Loaded only on pull requests that post: keeps the start of every other run fast.
  const { getOctokit } = await import('@actions/github');
  return getOctokit(token, { baseUrl: apiUrl });
}

/** Labels as the event saw them, plus the current ones when the API answers (labels added after the event). */
export async function currentLabels(
  client: GitHubClient | undefined,
  pr: PullRequestContext,
  warn: (message: string) => void,
): Promise<string[]> {
  const labels = new Set(pr.labels);
  if (!client) return [...labels];
  try {
    for (const name of await listIssueLabels(client, { owner: pr.owner, repo: pr.repo, issueNumber: pr.number })) labels.add(name);
  } catch (error) {
    warn(`image-size-gate: could not read the pull request's labels, using those of the event (${classifyGitHubError(error).message})`);
  }
  return [...labels];
}

export interface CommentOutcome {
  body: string;
  /** Web address of the posted comment. */
  url?: string;
  /** Why the comment was not posted (shown in the summary with the body). */
  notPosted?: string;
}

const FORK_ADVICE =
  'A pull request from a fork runs with a read-only token, so the comment cannot be posted from this workflow. ' +
  'Its text is in the job summary and in the comment-body output; post it from a workflow_run workflow (see the README, "Pull requests from forks").';

export async function publishComment(
  report: GateReport,
  mode: CommentMode,
  run: RunContext,
  token: string,
  client: GitHubClient | undefined,
  warn: (message: string) => void,
): Promise<CommentOutcome> {
  const marker = commentMarker(report.name);
  const body = renderComment(report, { marker, runUrl: run.runUrl, headSha: run.pullRequest?.headSha });
  return postComment({ body, marker, wanted: shouldComment(mode, report), mode }, run, token, client, warn);
}

/** Posts (or updates) the sticky comment with this marker, when the mode wants it; any failure is a warning. */
export async function postComment(
  comment: { body: string; marker: string; wanted: boolean; mode: CommentMode },
  run: RunContext,
  token: string,
  client: GitHubClient | undefined,
  warn: (message: string) => void,
): Promise<CommentOutcome> {
  const { body, marker } = comment;
  const pr = run.pullRequest;
  if (!pr) return { body, notPosted: 'this is not a pull_request event' };
  if (!comment.wanted) return { body, notPosted: `comment is ${comment.mode}` };
  if (!token || !client) return { body, notPosted: 'no github-token was given' };
  if (pr.fromFork) {
    warn(`image-size-gate: ${FORK_ADVICE}`);
    return { body, notPosted: 'the pull request comes from a fork (read-only token)' };
  }
  try {
    const result = await upsertComment(client, { owner: pr.owner, repo: pr.repo, issueNumber: pr.number, marker, body });
    return { body, url: result.url };
  } catch (error) {
    const classified = classifyGitHubError(error);
    warn(`image-size-gate: the PR comment was not posted; the gate's verdict stands. ${classified.message}`);
    return { body, notPosted: classified.message };
  }
}
