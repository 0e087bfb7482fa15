// One function per GitHub REST call the action makes, each taking the Octokit client, so the logic
// around them (retries, the sticky comment) can be read without Octokit's shapes and tested against a fake.
import type { getOctokit } from '@actions/github';
import { PerRequestOptions } from './retry.js';

/** The client `getOctokit` from '@actions/github' returns. */
export type GitHubClient = ReturnType<typeof getOctokit>;

/** GitHub refuses a comment body longer than this many characters (with a 422). */
export const COMMENT_BODY_LIMIT_CHARS = 65_536;

/** The most the list endpoints return per page; fewer pages means fewer calls against the rate limit. */
const PER_PAGE_MAX = 100;

export interface RepositoryRef {
  owner: string;
  repo: string;
}

export interface IssueRef extends RepositoryRef {
  /** The pull request's number (every pull request is an issue; comments and labels live on the issue). */
  issueNumber: number;
}

export interface IssueComment {
  id: number;
  body: string;
  htmlUrl: string;
  authorLogin: string;
  /** 'Bot' for GITHUB_TOKEN (github-actions[bot]) and GitHub App tokens, 'User' for personal tokens. */
  authorType: string;
}

export interface CommentPage {
  comments: IssueComment[];
  /** The `Link` header, which names the next page. */
  link?: string;
  /** The page's own address, which a relative next-page link is resolved against. */
  url: string;
}

/** The subset of GitHub's issue-comment object we read. */
interface RawComment {
  id: number;
  body?: string;
  html_url: string;
  user: { login: string; type: string } | null;
}

function toIssueComment(comment: RawComment): IssueComment {
  return {
    id: comment.id,
    body: comment.body ?? '',
    htmlUrl: comment.html_url,
    authorLogin: comment.user?.login ?? '',
    authorType: comment.user?.type ?? '',
  };
}

/** The path parameters of an issue's endpoints. */
function issuePath(issue: IssueRef): { owner: string; repo: string; issue_number: number } {
  return { owner: issue.owner, repo: issue.repo, issue_number: issue.issueNumber };
}

function toCommentPage(response: { data: unknown; headers: { link?: string }; url: string }): CommentPage {
  return { comments: (response.data as RawComment[]).map(toIssueComment), link: response.headers.link, url: response.url };
}

/** GET /repos/{owner}/{repo}/issues/{issue_number}/comments: the first page, 100 comments. */
export async function listIssueComments(octokit: GitHubClient, issue: IssueRef, request: PerRequestOptions): Promise<CommentPage> {
  const response = await octokit.rest.issues.listComments({ ...issuePath(issue), per_page: PER_PAGE_MAX, request });
  return toCommentPage(response);
}

/** A further page of comments, at the address the previous page's `Link` header gave (checked by the caller). */
export async function listIssueCommentsAt(octokit: GitHubClient, pageUrl: string, request: PerRequestOptions): Promise<CommentPage> {
  return toCommentPage(await octokit.request(`GET ${pageUrl}`, { request }));
}

/** POST /repos/{owner}/{repo}/issues/{issue_number}/comments */
export async function createIssueComment(
  octokit: GitHubClient,
  issue: IssueRef,
  body: string,
  request: PerRequestOptions,
): Promise<IssueComment> {
  const response = await octokit.rest.issues.createComment({ ...issuePath(issue), body, request });
  return toIssueComment(response.data as RawComment);
}

/** PATCH /repos/{owner}/{repo}/issues/comments/{comment_id} */
export async function updateIssueComment(
  octokit: GitHubClient,
  repository: RepositoryRef,
  commentId: number,
  body: string,
  request: PerRequestOptions,
): Promise<IssueComment> {
  const response = await octokit.rest.issues.updateComment({
    owner: repository.owner,
    repo: repository.repo,
    comment_id: commentId,
    body,
    request,
  });
  return toIssueComment(response.data as RawComment);
}

/** DELETE /repos/{owner}/{repo}/issues/comments/{comment_id} */
export async function deleteIssueComment(
  octokit: GitHubClient,
  repository: RepositoryRef,
  commentId: number,
  request: PerRequestOptions,
): Promise<void> {
  await octokit.rest.issues.deleteComment({ owner: repository.owner, repo: repository.repo, comment_id: commentId, request });
}

/** GET /repos/{owner}/{repo}/issues/{issue_number}/labels: the names on the first page of 100. */
export async function listIssueLabels(octokit: GitHubClient, issue: IssueRef): Promise<string[]> {
  const response = await octokit.rest.issues.listLabelsOnIssue({ ...issuePath(issue), per_page: PER_PAGE_MAX });
  return response.data.map((label) => label.name);
}
