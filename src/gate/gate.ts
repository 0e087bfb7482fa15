// The engine both entries share: build (or take) the image, measure it, smoke-test it, measure the
// baseline the same way, and judge the budgets. It returns a report and never sets outputs or exit
// codes itself: action/main.ts and cli/main.ts do that.
import path from 'node:path';
import { BackgroundWork } from '../common/background.js';
import { BaselineOutcome, measureBaseline } from './baseline.js';
import { Builder, EngineInfo, EngineProbe, probeEngine } from '../docker/engine.js';
import { GateError } from '../common/errors.js';
import { GateOptions } from '../inputs/options.js';
import { GateLog } from '../common/log.js';
import { buildWithLog, displayName } from './build.js';
import { GateDependencies } from './deps.js';
import { contextCredentialWarning } from './context-check.js';
import { measureImage } from './measure.js';
import { RegistryAccess } from './registry-access.js';
import type { ReadLayers } from '../analysis/registry-image.js';
import { ImageNotFoundError } from '../docker/inspect.js';
import { Head, HeadSources, measureArchiveHead, namesRegistryHost, registryHeadFirst, registryHeadInstead } from './head-source.js';
import { BuildInfo, Measured } from '../judge/measured.js';
import { HistoryRead, pendingRecords, recordHistory, RunHistory, startHistory, TREND_POINTS } from '../history/history.js';
import { HistorySettings } from '../history/settings.js';
import { platformKey } from '../history/record.js';
import { sharedLayerProblem } from '../history/record-check.js';
import { visible } from '../common/escape.js';
import { GateReport, HistoryReport } from '../report/model.js';
import { assembleReport } from './verdict.js';
import { formatBytes } from '../common/units.js';

export async function runGate(options: GateOptions, deps: GateDependencies): Promise<GateReport> {
  const background = new BackgroundWork();
  try {
    return await gate(options, deps, background);
  } finally {
    await background.drain();
  }
}

/**
 * Several platforms are loaded into the engine only by buildx on the containerd image store: say so before
 * building rather than after a long build fails.
 */
async function checkPlatforms(options: GateOptions, builder: Builder, probe: EngineProbe): Promise<void> {
  if (options.platforms.length < 2 || options.image) return;
  const list = options.platforms.join(',');
  if (builder !== 'buildx') {
    throw new GateError(
      'build',
      `platforms ${list} needs docker buildx, which this Docker installation lacks; install the buildx plugin (e.g. docker/setup-buildx-action) or gate one platform`,
    );
  }
  const engine = await probe.engine;
  if (engine.imageStore !== 'containerd') {
    throw new GateError(
      'build',
      `platforms ${list} cannot be loaded into this engine's classic image store (docker buildx build --load of several platforms needs the containerd image store); ` +
        `enable it, e.g. with docker/setup-docker-action and daemon-config: {"features":{"containerd-snapshotter":true}}, or gate one platform`,
    );
  }
}

async function measureHead(options: GateOptions, deps: GateDependencies, background: BackgroundWork, sources: HeadSources): Promise<Head> {
  const { probe } = sources;
  const label = deps.baseCommit ? 'PR image' : 'image';
  if (options.archive) return measureArchiveHead(options.archive, label, options, deps, probe);
  const fromRegistry = options.image ? await registryHeadFirst(options.image, label, options, deps, sources) : undefined;
  if (fromRegistry) return fromRegistry;
  const builder = await probe.builder;
  await checkPlatforms(options, builder, probe);
  let reference = options.image ?? '';
  let buildInfo: BuildInfo | undefined;
  if (!options.image) {
    const exposure = await contextCredentialWarning(options.context);
    if (exposure) deps.log.warning(exposure);
    const dockerfile = options.dockerfile ?? path.join(options.context, 'Dockerfile');
    const built = await buildWithLog({ options, builder, context: options.context, dockerfile, label, tag: options.tag }, deps);
    reference = options.tag ?? built.imageId;
    buildInfo = { builder, durationMs: Math.round(built.durationMs), context: options.context, dockerfile };
  }
  const engine = await probe.engine;
  // A record's compressed sizes are never taken for the gated image's own: nothing can check them without
  // compressing the layer, and whoever can write the history branch could make a layer look smaller. Every
  // layer of the gated image is measured here; only a baseline built in this run reuses its figures.
  const measured = await measureImage({ reference, label, options, engine, background, buildInfo, keep: sources.keep }, deps).catch(
    (error: unknown) => {
      // An image the engine lacks is read from its registry, when its name names one.
      if (!(error instanceof ImageNotFoundError) || !options.image || !namesRegistryHost(options.image)) throw error;
      return error;
    },
  );
  if (measured instanceof ImageNotFoundError) return registryHeadInstead(options.image!, measured, label, options, deps, sources);
  return { reference, buildInfo, measured, engine };
}

async function gate(options: GateOptions, deps: GateDependencies, background: BackgroundWork): Promise<GateReport> {
  // The size history is fetched while the image builds, into a scratch repository of its own.
  const history = deps.history ? startHistory(deps.history, displayName(options), deps.log) : undefined;
  try {
    return await gateWith(options, deps, background, history);
  } finally {
    await history?.release();
  }
}

async function gateWith(
  options: GateOptions,
  deps: GateDependencies,
  background: BackgroundWork,
  runHistory?: RunHistory,
): Promise<GateReport> {
  const registry = new RegistryAccess(options, deps.log);
  try {
    return await gateFrom(options, deps, background, registry, runHistory);
  } finally {
    registry.close();
  }
}

async function gateFrom(
  options: GateOptions,
  deps: GateDependencies,
  background: BackgroundWork,
  registry: RegistryAccess,
  runHistory?: RunHistory,
): Promise<GateReport> {
  const { log } = deps;
  const probe = probeEngine(deps.docker, { needsBuilder: !options.image && !options.archive });
  // A baseline read from a registry reuses the layers the gated image's reading read.
  const keep: ReadLayers | undefined = options.baseline.kind === 'image' ? new Map() : undefined;
  let head: Head;
  try {
    head = await measureHead(options, deps, background, { probe, registry, keep });
  } catch (error) {
    if (!options.archive && !options.image) await probe.engine; // building needs an engine: its absence is the reason to give
    throw error;
  }
  const { engine } = head;
  const builder = await probe.builder;
  if (engine.imageStore === 'classic' || engine.imageStore === 'containerd')
    log.info(
      `Docker engine ${engine.version}, ${engine.imageStore} image store (${engine.storageDriver})${options.image ? '' : `, ${builder} builder`}`,
    );
  const history = await runHistory?.afterBuild();
  const recorded = history && recordedBaseline(history, head.measured, { log, branch: deps.history?.remote.branch ?? '' });
  const reachable = await probe.engine.catch(() => undefined);
  const baselineRequest = { options, engine: reachable, builder, background, head: head.measured, buildInfo: head.buildInfo };
  const baseline = await (
    recorded ? Promise.resolve(recorded) : measureBaseline({ ...baselineRequest, registry, headLayers: keep }, deps)
  ).catch((error: unknown): BaselineOutcome => {
    // A baseline that cannot be measured (the base commit does not build, its image cannot be pulled...)
    // is not the PR's fault: the gate says so and judges the PR on its own figures.
    if (!(error instanceof GateError)) throw error;
    log.warning(`No baseline: ${error.message}`);
    return { skipped: `the baseline could not be measured (${error.message})` };
  });
  const report = assembleReport({
    options,
    engine,
    head: head.measured,
    reference: head.reference,
    buildInfo: head.buildInfo,
    baseline,
    labels: deps.labels,
  });
  if (deps.history && history)
    report.history = await historyReport(deps.history, history, { name: report.name, head: head.measured, engine }, log);
  const size = report.baseline?.figures.find((figure) => figure.id === 'size');
  if (report.baseline) {
    const change = size?.change !== undefined ? `${size.change >= 0 ? '+' : ''}${formatBytes(size.change)}` : 'unknown';
    log.info(`Baseline ${report.baseline.reference}: ${formatBytes(size?.base ?? 0)}; this change ${change}`);
  } else if ('skipped' in baseline) {
    log.info(`No baseline: ${baseline.skipped}`);
  }
  return report;
}

/**
 * The merge base's records as the baseline, when they hold the platform the gate measured first and each agrees
 * with the image measured now on the layers they share: no baseline build. Otherwise undefined, and the base
 * commit is built as without a history.
 */
function recordedBaseline(
  history: HistoryRead,
  head: Measured,
  { log, branch }: { log: GateLog; branch: string },
): BaselineOutcome | undefined {
  const commit = history.baselineCommit;
  if (!commit) return undefined;
  const primary = head.platforms[0].platform;
  const record = history.baseline.find((candidate) => candidate.platform === primary);
  if (!record) {
    log.info(`No record of merge base ${commit.slice(0, 12)} for ${primary} on the history branch: the base commit is built instead`);
    return undefined;
  }
  for (const each of history.baseline) {
    const measured = head.platforms.find((platform) => platform.platform === each.platform)?.analysis?.layers ?? [];
    const problem = sharedLayerProblem(each, measured);
    if (problem === undefined) continue;
    const file = history.baselineFiles.get(each) ?? each.platform;
    log.warning(`The size history record ${visible(file)} on branch ${branch} is not used: ${problem}; the base commit is built instead`);
    return undefined;
  }
  log.info(`Baseline: the record of merge base ${commit.slice(0, 12)} (recorded ${record.recordedAt}); no baseline build`);
  return {
    recorded: history.baseline,
    report: {
      source: 'record',
      reference: commit,
      id: record.imageId,
      recordedAt: record.recordedAt,
      recordRunUrl: record.runUrl,
      recordImageStore: record.engine.imageStore,
    },
  };
}

/** Records this run (push runs on a recorded branch), and the trend of the gated platform with it. */
async function historyReport(
  settings: HistorySettings,
  history: HistoryRead,
  input: { name: string; head: Measured; engine: EngineInfo },
  log: GateLog,
): Promise<HistoryReport> {
  const recorded = await recordHistory(settings, input, log);
  const pending = await pendingRecords(settings, input, log);
  const primary = input.head.platforms[0];
  const trend = [...(history.trend.get(platformKey(primary.platform)) ?? [])].filter((point) => point.commit !== settings.record?.commit);
  if ((recorded || pending) && settings.record) {
    trend.push({ commit: settings.record.commit, commitTime: await settings.record.commitTime(), sizeBytes: primary.sizeBytes });
  }
  return { branch: settings.remote.branch, trend: trend.slice(-TREND_POINTS), recorded, ...(pending ? { pending } : {}) };
}
