// The Checks API calls image-size-gate/report makes with `checks: true`: one check run per image, created completed
// (POST /repos/{owner}/{repo}/check-runs), retried as every other call is. A token without checks: write is
// refused with a 403, which the caller turns into one warning: check runs never change the verdict.
import { GitHubClient, RepositoryRef } from './api-calls.js';
import { resolvePolicy, RetryOptions, withRetries } from './retry.js';

/** One annotation of a check run, as GitHub's API takes it (on a file of the repository, by line). */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
}

export interface NewCheckRun {
  name: string;
  /** The commit the check is shown on: the pull request's head, or the pushed commit. */
  headSha: string;
  conclusion: 'success' | 'failure';
  title: string;
  summary: string;
  annotations: CheckAnnotation[];
  /** Where "Details" leads: the workflow run. */
  detailsUrl?: string;
}

export interface CreatedCheckRun {
  id: number;
  htmlUrl: string;
}

/** POST /repos/{owner}/{repo}/check-runs, completed with its conclusion in one call. */
export async function createCheckRun(
  octokit: GitHubClient,
  repository: RepositoryRef,
  run: NewCheckRun,
  options: RetryOptions = {},
): Promise<CreatedCheckRun> {
  const response = await withRetries(resolvePolicy(options), `creating the check run ${run.name}`, (request) =>
    octokit.rest.checks.create({
      owner: repository.owner,
      repo: repository.repo,
      name: run.name,
      head_sha: run.headSha,
      status: 'completed',
      conclusion: run.conclusion,
      completed_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      ...(run.detailsUrl ? { details_url: run.detailsUrl } : {}),
      output: { title: run.title, summary: run.summary, ...(run.annotations.length > 0 ? { annotations: run.annotations } : {}) },
      request,
    }),
  );
  const data = response.data as { id: number; html_url?: string | null };
  return { id: data.id, htmlUrl: data.html_url ?? '' };
}
