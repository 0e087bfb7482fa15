// The inputs and outputs of the two sub-actions beside the main one, image-size-gate/plan and
// image-size-gate/report (plan/action.yml and report/action.yml, and their tables in docs/matrix.md, are
// rendered from here by scripts/docs.mjs). An input they share with the main action keeps its name and meaning.
import { OutputDefinition } from './output-table.js';
import { INPUTS } from './table.js';

export interface SubActionInput {
  name: string;
  description: string;
  /** '' means none. */
  default: string;
  required?: boolean;
}

/** The main action's input of this name, as a sub-action input (its description replaced when given). */
function shared(name: string, description?: string): SubActionInput {
  const input = INPUTS.find((candidate) => candidate.name === name);
  if (!input) throw new Error(`no input ${name} in the table`);
  return { name, default: input.default, description: description ?? input.description };
}

export const PLAN_INPUTS: SubActionInput[] = [
  shared('config', 'The config file whose images to plan (default: .github/image-size-gate.yml).'),
  shared(
    'changed-only',
    'On pull requests: list only the images whose context, Dockerfile or config entry changed since the merge base, as the one-step mode rebuilds them (true/false; the config file may say it at its top level).',
  ),
  shared('github-token', "Token for git's fetch of the merge base (never written to .git/config)."),
];

export const PLAN_OUTPUTS: OutputDefinition[] = [
  {
    name: 'matrix',
    description:
      'JSON for strategy.matrix: {"include":[{"image":"api"},{"image":"worker","runs-on":"ubuntu-24.04-arm"}]}, one entry per image to gate; {"include":[]} when nothing changed.',
  },
  {
    name: 'plan',
    description:
      "The plan as JSON (the config file's digest, the commit, which images are gated and which are unchanged): pass it to image-size-gate/report.",
  },
  { name: 'count', description: 'How many images the matrix lists.' },
];

export const REPORT_INPUTS: SubActionInput[] = [
  {
    name: 'reports',
    default: '',
    required: true,
    description:
      "The folder that holds the matrix jobs' JSON reports, in any sub-folder layout (as actions/download-artifact lays them out, one folder per artifact or merged).",
  },
  {
    name: 'plan',
    default: '',
    description:
      "The plan step's plan output (or the path of a file that holds it). Empty: the report plans again from the config file and the commit, as the plan step did.",
  },
  shared('config', 'The config file the plan read (default: .github/image-size-gate.yml).'),
  shared('github-token', 'Token for the PR comment, the check runs and the size history (never passed to any other process).'),
  shared('comment'),
  shared(
    'history-branch',
    "Branch that keeps the size history: on a push, every image's records are committed there in one commit (needs contents: write); unchanged images are carried forward from it.",
  ),
  shared('history-branches'),
  shared('report-file', 'Where to write the merged JSON report (default: a new file in RUNNER_TEMP; the report output names it).'),
  {
    name: 'checks',
    default: 'false',
    description:
      'Create one check run per image (image-size-gate / api) with its verdict, summary and annotations, so that branch protection can require each by name (needs checks: write; true/false).',
  },
  {
    name: 'matrix-job',
    default: 'gate',
    description: 'The id of the matrix job that gates the images, to name a job whose report is missing (gate (api)).',
  },
];

export const REPORT_OUTPUTS: OutputDefinition[] = [
  { name: 'passed', description: 'true when every image passed (or was carried forward within its budgets), false otherwise.' },
  { name: 'failed', description: 'The images that failed or were not judged, comma-separated.' },
  { name: 'report', description: 'Path of the merged JSON report.' },
  { name: 'comment-url', description: 'Web address of the sticky PR comment (empty when none was posted).' },
  {
    name: 'comment-body',
    description: 'The PR comment as markdown, also when it could not be posted (e.g. on a pull request from a fork).',
  },
];
