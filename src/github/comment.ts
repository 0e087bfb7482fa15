// The GitHub side of the sticky pull-request comment: one comment per gated image, found again by a
// hidden marker, updated in place, created when missing and de-duplicated after two runs raced. Every
// API call is retried on transient errors, and every failure can be classified into a one-line message
// the caller prints as a warning (a comment failure must never fail the gate).
import { createHash } from 'node:crypto';
import type { getOctokit } from '@actions/github';

/** The client `getOctokit` from '@actions/github' returns. */
export type GitHubClient = ReturnType<typeof getOctokit>;

/** GitHub refuses a comment body longer than this many characters (with a 422). */
export const COMMENT_BODY_LIMIT_CHARS = 65_536;

const MARKER_PREFIX = 'image-size-gate:';
/** Long enough for any realistic image reference, short enough to stay a marker and not a payload. */
const MARKER_KEY_MAX_CHARS = 100;
const MARKER_HASH_CHARS = 8;
/** The most the list endpoint returns per page; fewer pages means fewer calls against the rate limit. */
const PER_PAGE_MAX = 100;
/** A guard against a server whose Link header never ends (1,000 pages is 100,000 comments). */
const MAX_PAGES = 1_000;
/** GitHub's advice for a rate limit that names no wait: "wait for at least one minute". */
const RATE_LIMIT_DEFAULT_WAIT_MS = 60_000;

// ---------------------------------------------------------------------------------------------------
// The marker

/**
 * The hidden HTML comment that marks our comment for the image called `name`, so that a matrix of
 * images keeps one comment each: `<!-- image-size-gate:KEY -->`.
 */
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

// ---------------------------------------------------------------------------------------------------
// Retries

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** First back-off for a 5xx or a network error, doubled on each retry (default 1 s). */
  baseDelayMs?: number;
  /**
   * The longest wait before a retry (default 60 s). When GitHub asks for a longer wait (`retry-after`,
   * or a rate limit that resets later), the call is not retried: retrying early only earns another
   * rejection, and GitHub warns that hammering a rate limit can get an integration banned.
   */
  maxDelayMs?: number;
  /** Each HTTP request is aborted (and counts as a network error) after this long (default 30 s). */
  requestTimeoutMs?: number;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Epoch milliseconds, injectable for tests (compared with `x-ratelimit-reset`). */
  now?: () => number;
}

type RetryPolicy = Required<RetryOptions>;

function resolvePolicy(options: RetryOptions): RetryPolicy {
  return {
    retries: options.retries ?? 3,
    baseDelayMs: options.baseDelayMs ?? 1_000,
    maxDelayMs: options.maxDelayMs ?? 60_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: options.now ?? Date.now,
  };
}

/** A failed API call: what we were doing, how many attempts it took, and GitHub's error as `cause`. */
export class CommentApiError extends Error {
  constructor(
    readonly what: string,
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(`${what}: ${describeHttpError(cause)?.message ?? String(cause)}`, { cause });
    this.name = 'CommentApiError';
  }
}

/** What an Octokit RequestError carries, read structurally (a bundle may hold two copies of the class). */
interface HttpErrorInfo {
  /** 0 when no response arrived. */
  status: number;
  /** False for network failures and time-outs: Octokit reports those as status 500 with no response. */
  hasResponse: boolean;
  headers: Record<string, string | undefined>;
  /** GitHub's own message (`{"message": ...}`), else the error's. */
  message: string;
  /** The name of the thrown error (AbortError when the caller aborted). */
  name: string;
}

function describeHttpError(error: unknown): HttpErrorInfo | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { status?: unknown; response?: unknown; message?: unknown; name?: unknown };
  if (typeof candidate.status !== 'number') return undefined;
  const response = candidate.response as { headers?: Record<string, string | undefined>; data?: unknown } | undefined;
  const data = response?.data as { message?: unknown } | undefined;
  const message = typeof data?.message === 'string' ? data.message : typeof candidate.message === 'string' ? candidate.message : '';
  return {
    status: response === undefined ? 0 : candidate.status,
    hasResponse: response !== undefined,
    headers: lowerCaseKeys(response?.headers ?? {}),
    message,
    name: typeof candidate.name === 'string' ? candidate.name : '',
  };
}

function lowerCaseKeys(headers: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}

type TransientKind = 'rate-limited' | 'server' | 'network';

function transientKind(info: HttpErrorInfo): TransientKind | undefined {
  // The caller's own abort is a decision, not a fault; our time-outs arrive as TimeoutError instead.
  if (!info.hasResponse) return info.name === 'AbortError' ? undefined : 'network';
  if (info.status === 429) return 'rate-limited';
  if (info.status === 403 && isRateLimit(info)) return 'rate-limited';
  if (info.status >= 500) return 'server';
  return undefined;
}

/** A 403 is a rate limit (primary or secondary) only when GitHub says so; otherwise it is a refusal. */
function isRateLimit(info: HttpErrorInfo): boolean {
  return /rate limit/i.test(info.message) || info.headers['retry-after'] !== undefined || info.headers['x-ratelimit-remaining'] === '0';
}

/** The wait GitHub asked for: `retry-after` (seconds or an HTTP date), else the rate limit's reset time. */
export function serverAskedWaitMs(headers: Record<string, string | undefined>, nowMs: number): number | undefined {
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1_000;
    const dateMs = Date.parse(retryAfter);
    if (!Number.isNaN(dateMs)) return Math.max(0, dateMs - nowMs);
  }
  const reset = headers['x-ratelimit-reset'];
  if (headers['x-ratelimit-remaining'] === '0' && reset !== undefined && /^\d+$/.test(reset)) {
    return Math.max(0, Number(reset) * 1_000 - nowMs);
  }
  return undefined;
}

/**
 * How long to wait before retry number `attempt` (1-based) of a call that failed with `error`, or
 * undefined when it must not be retried (401, 403 refusals, 404, 422, a wait longer than the cap).
 */
export function retryDelayMs(
  error: unknown,
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  nowMs: number,
): number | undefined {
  const info = describeHttpError(error);
  if (info === undefined) return undefined;
  const kind = transientKind(info);
  if (kind === undefined) return undefined;
  const askedMs = serverAskedWaitMs(info.headers, nowMs);
  const waitMs =
    askedMs ??
    (kind === 'rate-limited' ? RATE_LIMIT_DEFAULT_WAIT_MS : Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs));
  return waitMs > policy.maxDelayMs ? undefined : waitMs;
}

interface PerRequestOptions {
  signal: AbortSignal;
}

async function withRetries<T>(policy: RetryPolicy, what: string, run: (request: PerRequestOptions) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run({ signal: AbortSignal.timeout(policy.requestTimeoutMs) });
    } catch (error) {
      const delayMs = attempt <= policy.retries ? retryDelayMs(error, attempt, policy, policy.now()) : undefined;
      if (delayMs === undefined) throw new CommentApiError(what, attempt, error);
      await policy.sleep(delayMs);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Finding, creating, updating

export interface CommentTarget {
  owner: string;
  repo: string;
  /** The pull request's number (every pull request is an issue; comments live on the issue). */
  issueNumber: number;
  /** From commentMarker(). */
  marker: string;
}

export interface FoundComment {
  id: number;
  body: string;
  htmlUrl: string;
  authorLogin: string;
  /** 'Bot' for GITHUB_TOKEN (github-actions[bot]) and GitHub App tokens, 'User' for personal tokens. */
  authorType: string;
}

/** The subset of GitHub's issue-comment object we read. */
interface RawComment {
  id: number;
  body?: string;
  html_url: string;
  user: { login: string; type: string } | null;
}

interface ListPage {
  data: RawComment[];
  headers: { link?: string };
  url: string;
}

function toFound(comment: RawComment): FoundComment {
  return {
    id: comment.id,
    body: comment.body ?? '',
    htmlUrl: comment.html_url,
    authorLogin: comment.user?.login ?? '',
    authorType: comment.user?.type ?? '',
  };
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
export async function findOurComments(octokit: GitHubClient, target: CommentTarget, options: RetryOptions = {}): Promise<FoundComment[]> {
  return findWithPolicy(octokit, target, resolvePolicy(options));
}

async function findWithPolicy(octokit: GitHubClient, target: CommentTarget, policy: RetryPolicy): Promise<FoundComment[]> {
  const where = `${target.owner}/${target.repo}#${target.issueNumber}`;
  const ours: FoundComment[] = [];
  let page: ListPage = await withRetries(policy, `list the comments of ${where}`, async (request) => {
    const response = await octokit.rest.issues.listComments({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
      per_page: PER_PAGE_MAX,
      request,
    });
    return { data: response.data as RawComment[], headers: response.headers, url: response.url };
  });
  for (let pageNumber = 1; ; pageNumber++) {
    for (const comment of page.data) {
      if (hasMarker(comment.body ?? '', target.marker)) ours.push(toFound(comment));
    }
    const next = nextPageUrl(page.headers.link, page.url);
    if (next === undefined) break;
    if (pageNumber >= MAX_PAGES) throw new Error(`list the comments of ${where}: stopped after ${MAX_PAGES} pages`);
    page = await withRetries(policy, `list the comments of ${where} (page ${pageNumber + 1})`, async (request) => {
      const response = await octokit.request(`GET ${next}`, { request });
      return { data: response.data as RawComment[], headers: response.headers, url: response.url };
    });
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
  const created = await withRetries(policy, `create the comment on ${where} (${formatChars(body)})`, async (request) => {
    const response = await octokit.rest.issues.createComment({
      owner: input.owner,
      repo: input.repo,
      issue_number: input.issueNumber,
      body,
      request,
    });
    return toFound(response.data as RawComment);
  });
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
  comment: FoundComment,
  body: string,
  policy: RetryPolicy,
): Promise<UpsertResult> {
  if (comment.body === body) return { action: 'unchanged', url: comment.htmlUrl, id: comment.id, deletedIds: [] };
  const updated = await withRetries(
    policy,
    `update comment ${comment.id} on ${input.owner}/${input.repo} (${formatChars(body)})`,
    async (request) => {
      const response = await octokit.rest.issues.updateComment({
        owner: input.owner,
        repo: input.repo,
        comment_id: comment.id,
        body,
        request,
      });
      return toFound(response.data as RawComment);
    },
  );
  return { action: 'updated', url: updated.htmlUrl, id: updated.id, deletedIds: [] };
}

/** Deletes each comment; one that is already gone (404: a racing run deleted it) counts as deleted. */
async function deleteComments(
  octokit: GitHubClient,
  target: CommentTarget,
  comments: FoundComment[],
  policy: RetryPolicy,
): Promise<number[]> {
  const deletedIds: number[] = [];
  for (const comment of comments) {
    try {
      await withRetries(policy, `delete duplicate comment ${comment.id} on ${target.owner}/${target.repo}`, (request) =>
        octokit.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: comment.id, request }),
      );
    } catch (error) {
      if (!(error instanceof CommentApiError && describeHttpError(error.cause)?.status === 404)) throw error;
    }
    deletedIds.push(comment.id);
  }
  return deletedIds;
}

function formatChars(text: string): string {
  return `${[...text].length.toLocaleString('en-US')} characters`;
}

// ---------------------------------------------------------------------------------------------------
// Classifying failures

export type CommentErrorKind = 'forbidden' | 'not-found' | 'unauthorized' | 'too-long' | 'rate-limited' | 'server' | 'network' | 'other';

export interface ClassifiedCommentError {
  kind: CommentErrorKind;
  /** One line a user can act on, for a warning. */
  message: string;
  /** The HTTP status, when GitHub answered. */
  status?: number;
}

/** Longest piece of GitHub's own message quoted in ours. */
const QUOTED_MESSAGE_MAX_CHARS = 200;

/** Turns an error from findOurComments/upsertComment (or a raw Octokit error) into a one-line message. */
export function classifyCommentError(error: unknown): ClassifiedCommentError {
  const what = error instanceof CommentApiError ? error.what : 'post the pull-request comment';
  const attempts = error instanceof CommentApiError ? error.attempts : 1;
  const cause = error instanceof CommentApiError ? error.cause : error;
  const after = attempts > 1 ? ` after ${attempts} attempts` : '';
  const info = describeHttpError(cause);
  if (info === undefined) {
    const text = cause instanceof Error ? cause.message : String(cause);
    return { kind: 'other', message: `${what}: ${oneLine(text)}` };
  }
  const quoted = oneLine(info.message);
  const status = info.status;
  const transient = transientKind(info);
  if (transient === 'network') {
    return {
      kind: 'network',
      message: `${what}: could not reach the GitHub API (${quoted})${after}; check GITHUB_API_URL and the runner's proxy settings`,
    };
  }
  if (!info.hasResponse) return { kind: 'other', message: `${what}: ${quoted}` };
  if (transient === 'rate-limited') {
    const askedMs = serverAskedWaitMs(info.headers, Date.now());
    const which = /secondary/i.test(info.message) ? 'secondary rate limit' : 'rate limit';
    const wait = askedMs === undefined ? '' : ` (GitHub asked to wait ${Math.ceil(askedMs / 1_000)} s)`;
    return {
      kind: 'rate-limited',
      status,
      message: `${what}: GitHub's ${which} was hit (${status})${after}${wait}; the next run will update the comment`,
    };
  }
  if (transient === 'server') {
    return {
      kind: 'server',
      status,
      message: `${what}: GitHub had a server error (${status} ${quoted})${after}; the next run will update the comment`,
    };
  }
  if (status === 401) {
    return {
      kind: 'unauthorized',
      status,
      message: `${what}: GitHub rejected the token (401 ${quoted}); check the github-token input (expired or revoked?)`,
    };
  }
  if (status === 403) {
    const message = /not accessible by integration/i.test(info.message)
      ? `${what}: the token may not write to this pull request (403 ${quoted}); ` +
        'on pull requests from forks GITHUB_TOKEN is read-only, so post the comment from a workflow_run workflow (see README); ' +
        'on same-repository pull requests grant "permissions: pull-requests: write"'
      : `${what}: GitHub refused (403 ${quoted}); the token needs "pull-requests: write" (or "issues: write") on this repository`;
    return { kind: 'forbidden', status, message };
  }
  if (status === 404) {
    return {
      kind: 'not-found',
      status,
      message: `${what}: GitHub answered 404 (${quoted}); the repository, pull request or comment does not exist, or the token cannot see it (GitHub answers 404 rather than 403 when a token may not read a repository)`,
    };
  }
  if (status === 422 && /too long|maximum is \d+ characters/i.test(`${info.message} ${JSON.stringify(errorDetails(cause))}`)) {
    return {
      kind: 'too-long',
      status,
      message: `${what}: GitHub rejected the body as too long (422); a comment may hold at most ${COMMENT_BODY_LIMIT_CHARS.toLocaleString('en-US')} characters, so the report must be truncated before posting`,
    };
  }
  return { kind: 'other', status, message: `${what}: GitHub answered ${status} (${quoted})` };
}

/** The `errors` array of a 422, where GitHub puts the reason ("Body is too long ..."). */
function errorDetails(error: unknown): unknown {
  const response = (error as { response?: { data?: { errors?: unknown } } }).response;
  return response?.data?.errors ?? [];
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTED_MESSAGE_MAX_CHARS ? `${flat.slice(0, QUOTED_MESSAGE_MAX_CHARS - 1)}…` : flat;
}
