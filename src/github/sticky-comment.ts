// The sticky pull-request comment: one comment per gated image, found again by its hidden marker (on
// every page), updated in place, created when missing, and de-duplicated after two runs raced.
import {
  CommentPage,
  createIssueComment,
  deleteIssueComment,
  GitHubClient,
  IssueComment,
  IssueRef,
  listIssueComments,
  listIssueCommentsAt,
  updateIssueComment,
} from './api-calls.js';
import { hasMarker, withMarker } from './comment-marker.js';
import { describeHttpError } from './http-error.js';
import { GitHubCallError, resolvePolicy, RetryOptions, RetryPolicy, withRetries } from './retry.js';

/** A guard against a server whose Link header never ends (1,000 pages is 100,000 comments). */
const MAX_PAGES = 1_000;

export interface CommentTarget extends IssueRef {
  /** From commentMarker(). */
  marker: string;
}

/**
 * The URL of the next page from a `Link` header, resolved against the page it came with. Refuses a
 * link to another origin: Octokit sends the token with every request, and pagination must not carry it
 * off the API host.
 */
export function nextPageUrl(linkHeader: string | undefined, currentUrl: string): string | undefined {
  if (!linkHeader) return undefined;
  for (const match of linkHeader.matchAll(/<([^>]*)>\s*;\s*rel="([^"]*)"/g)) {
    if (!match[2].split(/\s+/).includes('next')) continue;
    const next = new URL(match[1], currentUrl);
    if (next.origin !== new URL(currentUrl).origin) {
      throw new Error(`refusing to follow a pagination link to ${next.origin}: it is not the API host ${new URL(currentUrl).origin}`);
    }
    return next.toString();
  }
  return undefined;
}

/**
 * Every comment on the issue that carries `marker` on a line of its own, reading every page (100 per
 * page). Pages are followed by hand rather than with octokit.paginate so that each page is retried on
 * its own (a 502 on page 3 does not restart from page 1) and the next-page URL is checked first.
 *
 * Any author counts: the login behind a token is not always knowable (GITHUB_TOKEN may not call
 * GET /user; a personal token posts as its owner, an App token as `NAME[bot]`). Bot authors are sorted
 * first, then by id (oldest first), so the comment we keep is a bot's whenever there is one and every
 * run picks the same one; a person's comment is never the one we edit while a bot's exists.
 */
export async function findOurComments(octokit: GitHubClient, target: CommentTarget, options: RetryOptions = {}): Promise<IssueComment[]> {
  return findWithPolicy(octokit, target, resolvePolicy(options));
}

async function findWithPolicy(octokit: GitHubClient, target: CommentTarget, policy: RetryPolicy): Promise<IssueComment[]> {
  const where = `${target.owner}/${target.repo}#${target.issueNumber}`;
  const ours: IssueComment[] = [];
  let page: CommentPage = await withRetries(policy, `list the comments of ${where}`, (request) =>
    listIssueComments(octokit, target, request),
  );
  for (let pageNumber = 1; ; pageNumber++) {
    ours.push(...page.comments.filter((comment) => hasMarker(comment.body, target.marker)));
    const next = nextPageUrl(page.link, page.url);
    if (next === undefined) break;
    if (pageNumber >= MAX_PAGES) throw new Error(`list the comments of ${where}: stopped after ${MAX_PAGES} pages`);
    page = await withRetries(policy, `list the comments of ${where} (page ${pageNumber + 1})`, (request) =>
      listIssueCommentsAt(octokit, next, request),
    );
  }
  return ours.sort((a, b) => Number(b.authorType === 'Bot') - Number(a.authorType === 'Bot') || a.id - b.id);
}

export interface UpsertInput extends CommentTarget {
  /** The rendered comment; the marker is put on its first line unless a line already is the marker. */
  body: string;
}

export interface UpsertResult {
  action: 'created' | 'updated' | 'unchanged';
  /** The comment's web address (html_url). */
  url: string;
  id: number;
  /** Duplicates of ours that were deleted (left by an earlier race). */
  deletedIds: number[];
}

/**
 * Creates our comment, or updates the one we posted before in place (not at all when the body is the
 * same), and deletes duplicates: two runs racing on one pull request leave at most one comment.
 *
 * Duplicates are only those written by the same account as the comment we keep, so a person's comment
 * that happens to carry the marker is never deleted.
 */
export async function upsertComment(octokit: GitHubClient, input: UpsertInput, options: RetryOptions = {}): Promise<UpsertResult> {
  const policy = resolvePolicy(options);
  const body = withMarker(input.body, input.marker);
  const found = await findWithPolicy(octokit, input, policy);
  if (found.length === 0) return createThenSettleRace(octokit, input, body, policy);
  const [keeper, ...others] = found;
  const result = await updateIfChanged(octokit, input, keeper, body, policy);
  const duplicates = others.filter((comment) => comment.authorLogin === keeper.authorLogin);
  return { ...result, deletedIds: await deleteComments(octokit, input, duplicates, policy) };
}

/**
 * Creates the comment, then lists again: a run that raced us may have created one too (or a retried
 * POST whose first answer was lost may have created two). Every run keeps the oldest comment of its
 * account, so racing runs agree; one whose own comment is not the oldest moves its body there.
 */
async function createThenSettleRace(octokit: GitHubClient, input: UpsertInput, body: string, policy: RetryPolicy): Promise<UpsertResult> {
  const where = `${input.owner}/${input.repo}#${input.issueNumber}`;
  const created = await withRetries(policy, `create the comment on ${where} (${formatChars(body)})`, (request) =>
    createIssueComment(octokit, input, body, request),
  );
  const after = await findWithPolicy(octokit, input, policy);
  const mine = after.filter((comment) => comment.authorLogin === created.authorLogin);
  if (!mine.some((comment) => comment.id === created.id)) mine.push(created);
  mine.sort((a, b) => a.id - b.id);
  const [keeper, ...duplicates] = mine;
  const deletedIds = await deleteComments(octokit, input, duplicates, policy);
  if (keeper.id === created.id) return { action: 'created', url: created.htmlUrl, id: created.id, deletedIds };
  return { ...(await updateIfChanged(octokit, input, keeper, body, policy)), deletedIds };
}

async function updateIfChanged(
  octokit: GitHubClient,
  input: UpsertInput,
  comment: IssueComment,
  body: string,
  policy: RetryPolicy,
): Promise<UpsertResult> {
  if (comment.body === body) return { action: 'unchanged', url: comment.htmlUrl, id: comment.id, deletedIds: [] };
  const what = `update comment ${comment.id} on ${input.owner}/${input.repo} (${formatChars(body)})`;
  const updated = await withRetries(policy, what, (request) => updateIssueComment(octokit, input, comment.id, body, request));
  return { action: 'updated', url: updated.htmlUrl, id: updated.id, deletedIds: [] };
}

/** Deletes each comment; one that is already gone (404: a racing run deleted it) counts as deleted. */
async function deleteComments(
  octokit: GitHubClient,
  target: CommentTarget,
  comments: IssueComment[],
  policy: RetryPolicy,
): Promise<number[]> {
  const deletedIds: number[] = [];
  for (const comment of comments) {
    try {
      await withRetries(policy, `delete duplicate comment ${comment.id} on ${target.owner}/${target.repo}`, (request) =>
        deleteIssueComment(octokit, target, comment.id, request),
      );
    } catch (error) {
      if (!(error instanceof GitHubCallError && describeHttpError(error.cause)?.status === 404)) throw error;
    }
    deletedIds.push(comment.id);
  }
  return deletedIds;
}

function formatChars(text: string): string {
  return `${[...text].length.toLocaleString('en-US')} characters`;
}
