// The baseline a pull request is compared with: the same Dockerfile built at the base commit (in a temporary
// worktree), an image reference, or none. Whatever it makes (worktree, image) is removed before it returns.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { BackgroundWork } from '../common/background.js';
import { Builder, EngineInfo } from '../docker/engine.js';
import { ImageNotFoundError, inspectImage } from '../docker/inspect.js';
import { buildWithLog } from './build.js';
import { GateDependencies } from './deps.js';
import { addWorktree, ensureCommit, repositoryRoot } from '../git/git.js';
import { GateOptions } from '../inputs/options.js';
import { measureImage, MeasureRequest } from './measure.js';
import { measureRegistryImage, namesRegistryImage, REGISTRY_PREFIX } from './measure-registry.js';
import { RegistryAccess } from './registry-access.js';
import type { ReadLayers } from '../analysis/registry-image.js';
import type { KnownLayer } from '../analysis/archive.js';
import { BuildInfo, Measured } from '../judge/measured.js';
import { BaselineReport } from '../report/model.js';
import { Docker } from '../docker/exec.js';
import { HistoryRecord } from '../history/types.js';

type BaselineInfo = Omit<BaselineReport, 'figures' | 'layerChanges' | 'fileChanges'>;

/** A baseline measured now (built or pulled), one read from the size history's records, or none and why. */
export type BaselineOutcome =
  { measured: Measured; report: BaselineInfo } | { recorded: HistoryRecord[]; report: BaselineInfo } | { skipped: string };

export interface BaselineRequest {
  options: GateOptions;
  /** The engine, when one answers (a gated image read from an archive or a registry needs none). */
  engine?: EngineInfo;
  builder: Builder;
  background: BackgroundWork;
  /** The gated image, measured: the layers it shares with the baseline are not compressed a second time. */
  head: Measured;
  buildInfo?: BuildInfo;
  /** The run's registry client, for a baseline read from its registry. */
  registry: RegistryAccess;
  /** The layers the gated image's reading read: a baseline from a registry does not download them again. */
  headLayers?: ReadLayers;
}

const LABEL = 'baseline image';

export async function measureBaseline(request: BaselineRequest, deps: GateDependencies): Promise<BaselineOutcome> {
  const spec = request.options.baseline;
  if (spec.kind === 'none') return { skipped: 'baseline is none' };
  // The layers the baseline shares with the gated image (its base image, usually most of the bytes) are not
  // compressed a second time.
  const knownLayers = request.head.platforms.flatMap((platform) =>
    (platform.analysis?.layers ?? []).flatMap((layer) =>
      layer.compressedBytes === undefined
        ? []
        : [{ diffId: layer.diffId, tarBytes: layer.tarBytes, compressedBytes: layer.compressedBytes }],
    ),
  );
  if (spec.kind === 'image') return measureBaselineImage(request, deps, spec.reference, knownLayers);
  if (!deps.baseCommit) return { skipped: 'not a pull_request event, so there is no base commit to compare with' };
  if (!request.engine) return { skipped: 'baseline auto builds the base commit, which needs a Docker engine' };
  const measureRequest = { label: LABEL, options: request.options, engine: request.engine, background: request.background, knownLayers };
  if (!request.buildInfo)
    return {
      skipped:
        'baseline auto builds the base commit, which needs the gate to build the image too (set baseline to an image reference instead)',
    };
  return measureBaseCommit(request, deps, deps.baseCommit, request.buildInfo, measureRequest);
}

/**
 * A baseline given as an image: measured in the engine when it holds it, else (or when written registry://)
 * read from its registry without a pull, only the gated image's platforms, and without downloading the layers
 * the gated image's reading read already.
 */
async function measureBaselineImage(
  request: BaselineRequest,
  deps: GateDependencies,
  reference: string,
  knownLayers: KnownLayer[],
): Promise<BaselineOutcome> {
  if (!namesRegistryImage(reference) && request.engine) {
    const measureRequest = { label: LABEL, options: request.options, engine: request.engine, background: request.background, knownLayers };
    const measured = await measureImage({ ...measureRequest, reference }, deps).catch((error: unknown) => {
      if (error instanceof ImageNotFoundError) return undefined;
      throw error;
    });
    if (measured) return { measured, report: { source: 'image', reference, id: measured.image.id } };
    deps.log.info(`Baseline image ${reference} is not in the engine: reading it from its registry (no pull)`);
  }
  const inRegistry = namesRegistryImage(reference) ? reference.slice(REGISTRY_PREFIX.length) : reference;
  const measured = await measureRegistryImage(
    {
      reference: inRegistry,
      label: LABEL,
      step: 'baseline',
      options: request.options,
      client: request.registry.get(),
      platforms: request.head.platforms.map((platform) => platform.platform),
      preferredPlatform: request.head.platforms[0]?.platform,
      alreadyRead: request.headLayers,
    },
    deps,
  );
  return { measured, report: { source: 'registry', reference: inRegistry, id: measured.image.id } };
}

async function measureBaseCommit(
  request: BaselineRequest,
  deps: GateDependencies,
  baseCommit: string,
  buildInfo: BuildInfo,
  measureRequest: Omit<MeasureRequest, 'reference'>,
): Promise<BaselineOutcome> {
  const started = performance.now();
  const root = await repositoryRoot(path.resolve(buildInfo.context));
  await ensureCommit(root, baseCommit, (message) => deps.log.info(message), deps.fetchEnv);
  const worktree = await addWorktree(root, baseCommit);
  deps.onWorktree?.(root, worktree.directory);
  let baseImageId: string | undefined;
  try {
    const mapped = (file: string) => path.join(worktree.directory, path.relative(root, path.resolve(file)));
    const dockerfile = mapped(buildInfo.dockerfile);
    const context = mapped(buildInfo.context);
    try {
      await access(dockerfile);
    } catch {
      return { skipped: `the base commit ${baseCommit.slice(0, 12)} has no ${path.relative(root, path.resolve(buildInfo.dockerfile))}` };
    }
    const built = await buildWithLog({ options: request.options, builder: request.builder, context, dockerfile, label: LABEL }, deps);
    baseImageId = built.imageId;
    const baseBuildInfo = { ...buildInfo, context, dockerfile, durationMs: built.durationMs };
    const measured = await measureImage({ ...measureRequest, reference: built.imageId, buildInfo: baseBuildInfo }, deps);
    const buildMs = Math.round(built.durationMs);
    const totalMs = Math.round(performance.now() - started);
    return { measured, report: { source: 'base-commit', reference: baseCommit, id: measured.image.id, buildMs, totalMs } };
  } finally {
    await worktree.remove();
    if (baseImageId && baseImageId !== request.head.image.id) await removeUntaggedImage(deps.docker, baseImageId);
  }
}

/**
 * Removes an image the gate built only to measure; its layers stay in the build cache (--no-prune).
 * An image somebody tagged (the build matched it from the cache) is not ours to remove.
 */
async function removeUntaggedImage(docker: Docker, imageId: string): Promise<void> {
  const image = await inspectImage(docker, imageId).catch(() => undefined);
  if (image && image.repoTags.length === 0) await docker.run(['image', 'rm', '--no-prune', imageId], { allowFailure: true });
}
