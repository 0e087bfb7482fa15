// The event that started a workflow run, as the runner hands it to a step: its payload in the file that
// GITHUB_EVENT_PATH names, with the GITHUB_* variables that go with it; and a pull_request event's payload.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export interface RunnerEvent {
  /** GITHUB_EVENT_NAME: push, pull_request... */
  name: string;
  /** What the file at GITHUB_EVENT_PATH holds. */
  payload: object;
  /** GITHUB_REPOSITORY: owner/name. */
  repository: string;
  /** GITHUB_REF. */
  ref?: string;
  /** GITHUB_SHA. */
  sha?: string;
  /** GITHUB_API_URL: a fake of GitHub's REST API. */
  apiUrl?: string;
  /** GITHUB_SERVER_URL. */
  serverUrl?: string;
  /** GITHUB_RUN_ID. */
  runId?: string;
}

/** Writes the event's payload to a new file in `dir`; returns the step's environment for the event. */
export function runnerEvent(dir: string, event: RunnerEvent): Record<string, string> {
  const eventPath = path.join(dir, `event-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(eventPath, JSON.stringify(event.payload));
  const env: Record<string, string> = {
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: event.repository,
  };
  const optional = {
    GITHUB_REF: event.ref,
    GITHUB_SHA: event.sha,
    GITHUB_API_URL: event.apiUrl,
    GITHUB_SERVER_URL: event.serverUrl,
    GITHUB_RUN_ID: event.runId,
  };
  for (const [name, value] of Object.entries(optional)) if (value !== undefined) env[name] = value;
  return env;
}

export interface PullRequest {
  number: number;
  /** owner/name of the base, and of the head unless `headRepository` names a fork. */
  repository: string;
  headRepository?: string;
  /** The base commit (on main) and the head commit (on feature). */
  base: string;
  head: string;
  labels?: string[];
  /** The payload's `action`, where the event has one (synchronize...). */
  action?: string;
}

/** A pull_request event's payload: base `main`, head `feature`. */
export function pullRequestPayload(pr: PullRequest): object {
  return {
    ...(pr.action === undefined ? {} : { action: pr.action }),
    number: pr.number,
    pull_request: {
      number: pr.number,
      base: { sha: pr.base, ref: 'main', repo: { full_name: pr.repository } },
      head: { sha: pr.head, ref: 'feature', repo: { full_name: pr.headRepository ?? pr.repository } },
      labels: (pr.labels ?? []).map((name) => ({ name })),
    },
  };
}
