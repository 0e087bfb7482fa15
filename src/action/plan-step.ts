// image-size-gate/plan: reads the config file (validated as the main step validates it), decides which images
// get a matrix job (on a pull request with changed-only, the changed ones), and outputs the matrix and the plan.
// Builds nothing and starts no engine: its only slow part is the merge base's git fetch on a pull request.
import * as core from '@actions/core';
import { createActionLog } from './log.js';
import { failStep, pullRequestChanges, readConfig } from './sub-step.js';
import { stepInput } from '../config/options.js';
import { escapeMarkdownInline, visibleControlChars } from '../common/escape.js';
import { readRunContext } from '../github/event.js';
import { makePlan, matrixOf, Plan } from '../gate/plan.js';
import { configuredImages } from '../gate/selection.js';
import { parseBoolean } from '../inputs/parsers.js';

/** The job summary: one row per image, with its job or why it has none. */
function planSummary(plan: Plan): string {
  const rows = plan.images.map((image) => {
    const job = image.gate ? 'gated in a matrix job' : `unchanged since \`${plan.mergeBase?.slice(0, 7) ?? ''}\`: carried forward`;
    return `| **${escapeMarkdownInline(image.name)}** | ${job} | ${escapeMarkdownInline((image.runsOn ?? []).join(', ') || '—')} |`;
  });
  const gated = plan.images.filter((image) => image.gate).length;
  return [
    `## image-size-gate plan: ${gated} of ${plan.images.length} image(s) to gate`,
    '',
    '| Image | | runs-on |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

export async function runPlanStep(): Promise<void> {
  const log = createActionLog();
  try {
    const runContext = readRunContext(process.env);
    const token = core.getInput('github-token');
    const { file, config, digest } = await readConfig(core.getInput('config'));
    // The plan takes no image inputs: every image is validated with the file's own values and the defaults.
    const input = (name: string) => (name === 'changed-only' ? core.getInput('changed-only') : '');
    const images = configuredImages(config, input);
    const changedOnly = parseBoolean('changed-only', stepInput(config, input)('changed-only') || 'false');
    const changes = changedOnly ? await pullRequestChanges(file, runContext, token, log) : undefined;
    const plan = await makePlan({ config, images, digest, changedOnly, changes, commit: runContext.sha, actionInput: input }, log);
    const matrix = matrixOf(plan);
    core.setOutput('matrix', JSON.stringify(matrix));
    core.setOutput('plan', JSON.stringify(plan));
    core.setOutput('count', String(matrix.include.length));
    const names = matrix.include.map((entry) => entry.image).join(', ');
    log.info(
      matrix.include.length > 0
        ? `Plan for ${file}: ${matrix.include.length} of ${plan.images.length} image(s) to gate, one matrix job each: ${visibleControlChars(names)}`
        : `Plan for ${file}: nothing to gate (no image changed); the matrix is empty, so skip its job with if: fromJSON(needs.plan.outputs.matrix).include[0]`,
    );
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(planSummary(plan)).write();
  } catch (error) {
    failStep(error);
  }
}
