// What the runner tells us about the pull request: read from GITHUB_EVENT_PATH and friends, once, at the edge.
import { readFileSync } from 'node:fs';

export interface PullRequestContext {
  owner: string;
  repo: string;
  number: number;
  baseSha: string;
  headSha: string;
  baseRef: string;
  /** Labels on the pull request when the event fired. */
  labels: string[];
  /** Opened from a fork: the workflow's token cannot write to this repository. */
  fromFork: boolean;
}

export interface RunContext {
  eventName: string;
  repository: string;
  /** The commit the run is for (GITHUB_SHA) and the ref that triggered it (GITHUB_REF, e.g. refs/heads/main). */
  sha?: string;
  ref?: string;
  /** The repository's default branch, as the event payload names it. */
  defaultBranch?: string;
  serverUrl: string;
  /** Link to this workflow run, when the runner says where it is. */
  runUrl?: string;
  apiUrl: string;
  pullRequest?: PullRequestContext;
}

interface PullRequestPayload {
  number: number;
  base: { sha: string; ref: string; repo?: { full_name?: string } };
  head: { sha: string; repo?: { full_name?: string } | null };
  labels?: { name: string }[];
}

/** Pure: the run context from the runner's environment variables and the event payload. */
interface EventPayload {
  pull_request?: PullRequestPayload;
  repository?: { default_branch?: string };
}

export function runContextFrom(env: NodeJS.ProcessEnv, payload: EventPayload | undefined): RunContext {
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner, repo] = repository.split('/');
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const context: RunContext = {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    repository,
    runUrl: repository && env.GITHUB_RUN_ID ? `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    serverUrl: server,
    sha: env.GITHUB_SHA || undefined,
    ref: env.GITHUB_REF || undefined,
    defaultBranch: typeof payload?.repository?.default_branch === 'string' ? payload.repository.default_branch : undefined,
  };
  const pr = payload?.pull_request;
  if (pr && owner && repo && /^pull_request/.test(context.eventName)) {
    const baseRepo = pr.base.repo?.full_name ?? repository;
    context.pullRequest = {
      owner,
      repo,
      number: pr.number,
      baseSha: pr.base.sha,
      headSha: pr.head.sha,
      baseRef: pr.base.ref,
      labels: (pr.labels ?? []).map((label) => label.name),
      fromFork: Boolean(pr.head.repo?.full_name) && pr.head.repo?.full_name !== baseRepo,
    };
  }
  return context;
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  let payload: EventPayload | undefined;
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
    } catch {
      payload = undefined;
    }
  }
  return runContextFrom(env, payload);
}
