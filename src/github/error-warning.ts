// Turns a failed GitHub call into one line a user can act on, printed as a warning: a comment or label
// failure never fails the gate. Each kind of failure is one row of the table below, first match wins.
import { COMMENT_BODY_LIMIT_CHARS } from './api-calls.js';
import { describeHttpError, HttpErrorInfo, serverAskedWaitMs, transientKind } from './http-error.js';
import { GitHubCallError } from './retry.js';

export type GitHubErrorKind = 'forbidden' | 'not-found' | 'unauthorized' | 'too-long' | 'rate-limited' | 'server' | 'network' | 'other';

export interface ClassifiedGitHubError {
  kind: GitHubErrorKind;
  /** One line a user can act on, for a warning. */
  message: string;
  /** The HTTP status, when GitHub answered. */
  status?: number;
}

/** Longest piece of GitHub's own message quoted in ours. */
const QUOTED_MESSAGE_MAX_CHARS = 200;

/** What every row reads: the call, GitHub's answer, and pieces of the message ready to use. */
interface Failure {
  what: string;
  info: HttpErrorInfo;
  /** ' after N attempts' when it was retried, else ''. */
  after: string;
  /** GitHub's message on one line, cut to QUOTED_MESSAGE_MAX_CHARS. */
  quoted: string;
  /** GitHub's message with the `errors` array of a 422, where it puts the reason ("Body is too long ..."). */
  details: string;
}

interface FailureRow {
  kind: GitHubErrorKind;
  applies: (failure: Failure) => boolean;
  message: (failure: Failure) => string;
}

const NEXT_RUN = 'the next run will update the comment';

const FAILURE_ROWS: FailureRow[] = [
  {
    kind: 'network',
    applies: ({ info }) => transientKind(info) === 'network',
    message: (f) =>
      `${f.what}: could not reach the GitHub API (${f.quoted})${f.after}; check GITHUB_API_URL and the runner's proxy settings`,
  },
  { kind: 'other', applies: ({ info }) => !info.hasResponse, message: (f) => `${f.what}: ${f.quoted}` },
  { kind: 'rate-limited', applies: ({ info }) => transientKind(info) === 'rate-limited', message: rateLimitMessage },
  {
    kind: 'server',
    applies: ({ info }) => transientKind(info) === 'server',
    message: (f) => `${f.what}: GitHub had a server error (${f.info.status} ${f.quoted})${f.after}; ${NEXT_RUN}`,
  },
  {
    kind: 'unauthorized',
    applies: ({ info }) => info.status === 401,
    message: (f) => `${f.what}: GitHub rejected the token (401 ${f.quoted}); check the github-token input (expired or revoked?)`,
  },
  {
    kind: 'forbidden',
    applies: ({ info }) => info.status === 403 && /not accessible by integration/i.test(info.message),
    message: (f) =>
      `${f.what}: the token may not write to this pull request (403 ${f.quoted}); ` +
      'on pull requests from forks GITHUB_TOKEN is read-only, so post the comment from a workflow_run workflow (see README); ' +
      'on same-repository pull requests grant "permissions: pull-requests: write"',
  },
  {
    kind: 'forbidden',
    applies: ({ info }) => info.status === 403,
    message: (f) =>
      `${f.what}: GitHub refused (403 ${f.quoted}); the token needs "pull-requests: write" (or "issues: write") on this repository`,
  },
  {
    kind: 'not-found',
    applies: ({ info }) => info.status === 404,
    message: (f) =>
      `${f.what}: GitHub answered 404 (${f.quoted}); the repository, pull request or comment does not exist, or the token cannot see it ` +
      '(GitHub answers 404 rather than 403 when a token may not read a repository)',
  },
  {
    kind: 'too-long',
    applies: ({ info, details }) => info.status === 422 && /too long|maximum is \d+ characters/i.test(details),
    message: (f) =>
      `${f.what}: GitHub rejected the body as too long (422); a comment may hold at most ` +
      `${COMMENT_BODY_LIMIT_CHARS.toLocaleString('en-US')} characters, so the report must be truncated before posting`,
  },
  { kind: 'other', applies: () => true, message: (f) => `${f.what}: GitHub answered ${f.info.status} (${f.quoted})` },
];

function rateLimitMessage(failure: Failure): string {
  const askedMs = serverAskedWaitMs(failure.info.headers, Date.now());
  const which = /secondary/i.test(failure.info.message) ? 'secondary rate limit' : 'rate limit';
  const wait = askedMs === undefined ? '' : ` (GitHub asked to wait ${Math.ceil(askedMs / 1_000)} s)`;
  return `${failure.what}: GitHub's ${which} was hit (${failure.info.status})${failure.after}${wait}; ${NEXT_RUN}`;
}

/** Turns an error from findOurComments/upsertComment (or a raw Octokit error) into a one-line message. */
export function classifyGitHubError(error: unknown): ClassifiedGitHubError {
  const what = error instanceof GitHubCallError ? error.what : 'post the pull-request comment';
  const attempts = error instanceof GitHubCallError ? error.attempts : 1;
  const cause = error instanceof GitHubCallError ? error.cause : error;
  const info = describeHttpError(cause);
  if (info === undefined) return { kind: 'other', message: `${what}: ${oneLine(cause instanceof Error ? cause.message : String(cause))}` };
  const failure: Failure = {
    what,
    info,
    after: attempts > 1 ? ` after ${attempts} attempts` : '',
    quoted: oneLine(info.message),
    details: `${info.message} ${JSON.stringify(errorDetails(cause))}`,
  };
  const row = FAILURE_ROWS.find((candidate) => candidate.applies(failure))!;
  return { kind: row.kind, message: row.message(failure), ...(info.hasResponse ? { status: info.status } : {}) };
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
