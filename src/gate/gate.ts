// The engine both entries share: build (or take) the image, measure it, smoke-test it, measure the
// baseline the same way, and judge the budgets. It returns a report and never sets outputs or exit
// codes itself: action/main.ts and cli/main.ts do that.
import path from 'node:path';
import { BackgroundWork } from '../common/background.js';
import { BaselineOutcome, measureBaseline } from './baseline.js';
import { Builder, EngineInfo, engineless, EngineProbe, probeEngine } from '../docker/engine.js';
import { GateError } from '../common/errors.js';
import { GateOptions } from '../inputs/options.js';
import { GateLog } from '../common/log.js';
import { buildWithLog, displayName } from './build.js';
import { GateDependencies } from './deps.js';
import { contextCredentialWarning } from './context-check.js';
import { measureImage } from './measure.js';
import { measureArchive } from './measure-archive.js';
import { BuildInfo, Measured } from '../judge/measured.js';
import { HistoryRead, pendingRecords, recordHistory, RunHistory, startHistory, TREND_POINTS } from '../history/history.js';
import { HistorySettings } from '../history/settings.js';
import { platformKey } from '../history/record.js';
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

interface Head {
  reference: string;
  buildInfo?: BuildInfo;
  measured: Measured;
  engine: EngineInfo;
}

async function measureHead(
  options: GateOptions,
  deps: GateDependencies,
  background: BackgroundWork,
  probe: EngineProbe,
  history: RunHistory | undefined,
): Promise<Head> {
  const label = deps.baseCommit ? 'PR image' : 'image';
  if (options.archive) return measureArchiveHead(options.archive, label, options, deps, probe);
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
  const records = (await history?.afterBuild())?.baseline ?? [];
  // Layers the recorded baseline holds were compressed when it was recorded: not again (the same store's
  // compressed figure only: a containerd record's blobs are not what gzip -6 makes of the layer here).
  const knownLayers = records
    .filter((record) => record.engine.imageStore === engine.imageStore)
    .flatMap((record) => record.layers ?? [])
    .flatMap(({ diffId, tarBytes, compressedBytes }) => (compressedBytes === undefined ? [] : [{ diffId, tarBytes, compressedBytes }]));
  const measured = await measureImage({ reference, label, options, engine, background, buildInfo, knownLayers }, deps);
  return { reference, buildInfo, measured, engine };
}

/**
 * An image from a file: no engine is needed. When one answers, the platform it runs goes first; the report
 * says the archive measured it.
 */
async function measureArchiveHead(
  archive: string,
  label: string,
  options: GateOptions,
  deps: GateDependencies,
  probe: EngineProbe,
): Promise<Head> {
  const runner = await probe.engine.then(
    (engine) => engine.platform,
    () => undefined,
  );
  const measured = await measureArchive({ path: archive, label, options, preferredPlatform: runner }, deps);
  return { reference: archive, measured, engine: engineless('archive') };
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
  const { log } = deps;
  const probe = probeEngine(deps.docker, { needsBuilder: !options.image && !options.archive });
  let head: Head;
  try {
    head = await measureHead(options, deps, background, probe, runHistory);
  } catch (error) {
    if (!options.archive) await probe.engine; // an engine that is not reachable is the reason to give
    throw error;
  }
  const { engine } = head;
  const builder = await probe.builder;
  if (!options.archive)
    log.info(
      `Docker engine ${engine.version}, ${engine.imageStore} image store (${engine.storageDriver})${options.image ? '' : `, ${builder} builder`}`,
    );
  const history = await runHistory?.afterBuild();
  const recorded = history && recordedBaseline(history, head.measured, log);
  const baseline = await (
    recorded
      ? Promise.resolve(recorded)
      : measureBaseline({ options, engine, builder, background, head: head.measured, buildInfo: head.buildInfo }, deps)
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
 * The merge base's records as the baseline, when they hold the platform the gate measured first: no baseline
 * build. Otherwise undefined, and the base commit is built as without a history.
 */
function recordedBaseline(history: HistoryRead, head: Measured, log: GateLog): BaselineOutcome | undefined {
  const commit = history.baselineCommit;
  if (!commit) return undefined;
  const primary = head.platforms[0].platform;
  const record = history.baseline.find((candidate) => candidate.platform === primary);
  if (!record) {
    log.info(`No record of merge base ${commit.slice(0, 12)} for ${primary} on the history branch: the base commit is built instead`);
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
