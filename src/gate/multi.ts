// Several images in one step, from a config file: every entry is validated before anything is built, then
// each image is gated in turn (one engine, one smoke test at a time, so start-up times stay honest), or, with
// changed-only on a pull request, carried forward unbuilt when nothing it is built from changed.
import path from 'node:path';
import { carriedChecks } from '../judge/budgets.js';
import { GateConfig } from '../config/load.js';
import { stepInput } from '../config/options.js';
import { GateError } from '../common/errors.js';
import { displayName, visible } from '../common/escape.js';
import { sharedLayerProblem } from '../history/record-check.js';
import { runGate } from './gate.js';
import { GateDependencies } from './deps.js';
import { GateLog } from '../common/log.js';
import { readHistory } from '../history/history.js';
import { HistorySettings } from '../history/settings.js';
import { GateOptions, InputReader } from '../inputs/options.js';
import { parseBoolean } from '../inputs/parsers.js';
import { ImageOutcome, UnchangedImage } from '../report/multi.js';
import { GateReport } from '../report/model.js';
import { formatBytes, unitSystemOf } from '../common/units.js';
import { ChangeContext, ConfiguredImage, findUnchanged } from './selection.js';

export type { ChangeContext, ConfiguredImage } from './selection.js';
export { configuredImages } from './selection.js';

export interface MultiDependencies {
  gate: GateDependencies;
  /** The history settings of one image's run (the branch is the step's; the repository is found from its context). */
  historyFor?: (options: GateOptions) => Promise<HistorySettings | undefined>;
  /** On pull requests: what changed-only compares. */
  changes?: ChangeContext;
  /** The images were chosen by image-size-gate/plan (a matrix job): changed-only was the plan's work, not done again. */
  planned?: boolean;
}

export interface ConfiguredRun {
  outcomes: ImageOutcome[];
  /** Every image passed (or was carried forward within its budgets). */
  passed: boolean;
  /** An image could not be judged (its build failed, its image is missing...). */
  unjudged: boolean;
}

/** The log of one image's work: its groups carry its name, since groups cannot nest. */
function imageLog(log: GateLog, name: string): GateLog {
  return { ...log, group: (title, work) => log.group(`${displayName(name)}: ${title}`, work) };
}

export async function runConfiguredGates(
  config: GateConfig,
  images: ConfiguredImage[],
  actionInput: InputReader,
  deps: MultiDependencies,
): Promise<ConfiguredRun> {
  const { log } = deps.gate;
  const changedOnly = parseBoolean('changed-only', stepInput(config, actionInput)('changed-only') || 'false');
  const unchanged = changedOnly && !deps.planned ? await findUnchanged(config, images, deps.changes, log, actionInput) : undefined;
  const outcomes: ImageOutcome[] = [];
  for (const [index, { image, options }] of images.entries()) {
    log.info(`Image ${index + 1} of ${images.length}: ${displayName(image.name)}`);
    if (unchanged?.images.has(image.name)) {
      const carried = await carriedForward(options, unchanged.mergeBase, deps, log);
      if (carried) {
        outcomes.push({ name: image.name, unchanged: carried });
        continue;
      }
      log.info(`changed-only: ${displayName(image.name)} is gated: the merge base's record of it is not used`);
    }
    try {
      const history = await deps.historyFor?.(options);
      const report = await runGate(options, { ...deps.gate, log: imageLog(log, image.name), history });
      outcomes.push({ name: image.name, report });
    } catch (error) {
      if (!(error instanceof GateError)) throw error;
      log.warning(`${displayName(image.name)}: ${error.message}`);
      outcomes.push({ name: image.name, error: error.message });
    }
  }
  const failing = (outcome: ImageOutcome) =>
    'error' in outcome ||
    ('report' in outcome && !outcome.report.passed) ||
    ('unchanged' in outcome && (outcome.unchanged.checks ?? []).some((check) => check.verdict === 'fail'));
  return { outcomes, passed: !outcomes.some(failing), unjudged: outcomes.some((outcome) => 'error' in outcome) };
}

/**
 * An unchanged image's row: the merge base's recorded figures when the history has them, held to its budgets.
 * Undefined when the merge base has records that are not believed (each said in a warning), or that hold no
 * layers to check their size against: the image is then gated (or, in image-size-gate/report, not judged).
 */
export async function carriedForward(
  options: GateOptions,
  mergeBase: string,
  deps: Pick<MultiDependencies, 'historyFor'>,
  log: GateLog,
): Promise<UnchangedImage | undefined> {
  const maxSize = options.budgets.maxSize;
  const budget = maxSize ? formatBytes(maxSize.bytes, unitSystemOf(maxSize.unit)) : undefined;
  const settings = await deps.historyFor?.(options);
  if (!settings) return { budget };
  const name = options.name ?? '';
  const read = await readHistory(settings, name, log, mergeBase);
  if (read && read.baselineRefused > 0) return undefined;
  const unchecked = read?.baseline.find((record) => !record.layers);
  if (unchecked) {
    log.warning(
      `The size history record ${visible(read?.baselineFiles.get(unchecked) ?? '')} on branch ${settings.remote.branch} is not used: ${sharedLayerProblem(unchecked, [])}`,
    );
    return undefined;
  }
  const [first, ...others] = [...(read?.baseline ?? [])].sort((a, b) => runnerFirst(a.platform) - runnerFirst(b.platform));
  if (!first) return { budget };
  const figures = (record: typeof first) => ({
    platform: record.platform,
    sizeBytes: record.figures.size,
    compressedSizeBytes: record.figures['compressed-size'],
  });
  return {
    ...figures(first),
    recordedCommit: mergeBase,
    budget,
    otherPlatforms: others.map(figures),
    checks: [first, ...others].flatMap((record) =>
      carriedChecks(
        { sizeBytes: record.figures.size, compressedSizeBytes: record.figures['compressed-size'], layerCount: record.figures.layers },
        options.budgets,
      ).map((check) => (others.length > 0 ? { ...check, label: `${record.platform}: ${check.label}` } : check)),
    ),
  };
}

/** 0 for the runner's own platform (listed first), 1 for the others. */
function runnerFirst(platform: string): number {
  const arch = { x64: 'amd64', arm64: 'arm64', arm: 'arm' }[process.arch as string] ?? process.arch;
  return platform === `linux/${arch}` || platform.startsWith(`linux/${arch}/`) ? 0 : 1;
}

/** The JSON report of a multi-image run: one entry per image. */
export interface MultiReport {
  schemaVersion: number;
  config: string;
  passed: boolean;
  /** A matrix job's report: the commit and the config file's digest image-size-gate/report holds it to. */
  matrix?: MatrixJobMark;
  images: (
    | { name: string; status: 'gated'; report: GateReport }
    | { name: string; status: 'unchanged'; unchanged: UnchangedImage }
    | { name: string; status: 'error'; error: string }
  )[];
}

/** What a matrix job's report says of where it comes from. */
export interface MatrixJobMark {
  /** GITHUB_SHA of the job's run. */
  commit: string;
  /** configDigest (plan.ts) of the config file the job read. */
  configDigest: string;
}

export function multiReport(file: string, run: ConfiguredRun, schemaVersion: number, matrix?: MatrixJobMark): MultiReport {
  return {
    schemaVersion,
    config: path.normalize(file),
    passed: run.passed,
    ...(matrix ? { matrix } : {}),
    images: run.outcomes.map((outcome) =>
      'report' in outcome
        ? { name: outcome.name, status: 'gated' as const, report: outcome.report }
        : 'unchanged' in outcome
          ? { name: outcome.name, status: 'unchanged' as const, unchanged: outcome.unchanged }
          : { name: outcome.name, status: 'error' as const, error: outcome.error },
    ),
  };
}
