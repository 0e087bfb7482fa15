// image-size-gate/report's check runs (`checks: true`): one per image, "image-size-gate / api", on the pull
// request's head (or the pushed commit). A failure is one warning, never a change of the verdict.
import { RunContext } from '../github/event.js';
import { GitHubClient } from '../github/api-calls.js';
import { createCheckRun } from '../github/check-runs.js';
import { classifyGitHubError } from '../github/error-warning.js';
import { checkRunFor } from '../report/check-run.js';
import { ImageOutcome } from '../report/multi-rows.js';
import { GateLog } from '../common/log.js';

export async function publishCheckRuns(
  outcomes: ImageOutcome[],
  run: RunContext,
  client: GitHubClient | undefined,
  log: GateLog,
): Promise<number> {
  const headSha = run.pullRequest?.headSha ?? run.sha;
  const [owner, repo] = run.repository.split('/');
  if (!client || !headSha || !owner || !repo) {
    log.warning('image-size-gate: checks is true, but there is no github-token, commit or repository to create check runs with');
    return 0;
  }
  let created = 0;
  for (const outcome of outcomes) {
    const output = checkRunFor(outcome, process.env.GITHUB_WORKSPACE || process.cwd(), run.runUrl);
    try {
      await createCheckRun(client, { owner, repo }, { ...output, headSha, detailsUrl: run.runUrl });
      created += 1;
    } catch (error) {
      const classified = classifyGitHubError(error);
      const fix = classified.kind === 'forbidden' ? '; give the job `permissions: checks: write`' : '';
      log.warning(`image-size-gate: the check runs were not created (the verdict stands): ${classified.message}${fix}`);
      break;
    }
  }
  if (created > 0) log.info(`Created ${created} check run(s) on ${headSha.slice(0, 12)}: image-size-gate / <image>`);
  return created;
}
