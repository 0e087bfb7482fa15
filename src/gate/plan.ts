// What image-size-gate/plan decides, building nothing: which images of the config file get a matrix job of their
// own (all of them, or on a pull request with changed-only those whose context, Dockerfile or entry changed, by
// the same detection as the one-step mode), on which runner, and the plan image-size-gate/report merges against:
// the config file's digest, the commit, and which images are gated or carried forward unchanged.
import { createHash } from 'node:crypto';
import { GateLog } from '../common/log.js';
import { runnerLabels } from '../config/runner.js';
import { GateConfig } from '../config/load.js';
import { ChangeContext, ConfiguredImage, findUnchanged } from './selection.js';
import { InputReader } from '../inputs/options.js';

export const PLAN_SCHEMA_VERSION = 1;

export interface PlannedImage {
  name: string;
  /** true: a matrix job gates it; false: unchanged since the merge base, carried forward by the report. */
  gate: boolean;
  /** The runner labels its job asks for (runs-on in the config file). */
  runsOn?: string[];
}

export interface Plan {
  schemaVersion: number;
  /** The config file, as the workflow named it. */
  config: string;
  /** `sha256:` of the file's text (line ends as LF, so a checkout with CRLF line ends agrees). */
  configDigest: string;
  /** The commit of the run (GITHUB_SHA), which every matrix job's report must be of. */
  commit?: string;
  changedOnly: boolean;
  /** The merge base changed-only compared with, when it found unchanged images. */
  mergeBase?: string;
  /** Every image of the file, in its order. */
  images: PlannedImage[];
}

/** One entry of the matrix: `matrix.image`, and `matrix.runs-on` when the config file asks for a runner. */
export interface MatrixEntry {
  image: string;
  'runs-on'?: string | string[];
}

/** Pure: the digest both the plan and every matrix job compute, to tell one version of the file from another. */
export function configDigest(text: string): string {
  return `sha256:${createHash('sha256').update(text.replace(/\r\n/g, '\n'), 'utf8').digest('hex')}`;
}

export interface PlanInput {
  config: GateConfig;
  /** Every image of the file, validated (configuredImages). */
  images: ConfiguredImage[];
  digest: string;
  changedOnly: boolean;
  /** On pull requests: what changed-only compares. */
  changes?: ChangeContext;
  commit?: string;
  /** The step's inputs (changed-only compares the workflow's build keys too). */
  actionInput: InputReader;
}

export async function makePlan(input: PlanInput, log: GateLog): Promise<Plan> {
  const { config, images } = input;
  // runs-on is read for every image first: a mistake in it stops the plan before any git fetch.
  const runners = new Map(images.map(({ image }) => [image.name, runnerLabels(config, image)]));
  const unchanged = input.changedOnly ? await findUnchanged(config, images, input.changes, log, input.actionInput) : undefined;
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    config: config.file,
    configDigest: input.digest,
    ...(input.commit ? { commit: input.commit } : {}),
    changedOnly: input.changedOnly,
    ...(unchanged && unchanged.images.size > 0 ? { mergeBase: unchanged.mergeBase } : {}),
    images: images.map(({ image }) => {
      const runsOn = runners.get(image.name) ?? [];
      return { name: image.name, gate: !unchanged?.images.has(image.name), ...(runsOn.length > 0 ? { runsOn } : {}) };
    }),
  };
}

/** Pure: the plan as `strategy.matrix` takes it: `{"include":[{"image":"api"}, ...]}`, empty when nothing is gated. */
export function matrixOf(plan: Plan): { include: MatrixEntry[] } {
  return {
    include: plan.images
      .filter((image) => image.gate)
      .map((image) => {
        const runsOn = image.runsOn ?? [];
        return runsOn.length === 0 ? { image: image.name } : { image: image.name, 'runs-on': runsOn.length === 1 ? runsOn[0] : runsOn };
      }),
  };
}
