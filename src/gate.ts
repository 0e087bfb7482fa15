// The engine both entries share: build (or take) the image, measure it, smoke-test it, measure the
// baseline the same way, and judge the budgets. It returns a report and never sets outputs or exit
// codes itself: main.ts and cli.ts do that.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { KnownLayer } from './analysis/archive.js';
import { AnalysisProgress, analyzeImage, ImageAnalysis } from './analysis/index.js';
import { BackgroundWork } from './background.js';
import { evaluateBudgets, formatPercent, gatePassed, SmokeOutcome } from './budgets.js';
import { figureDeltas, Figures, layerChanges } from './delta.js';
import { buildImage } from './docker/build.js';
import { Builder, probeEngine } from './docker/engine.js';
import { Docker, lastErrorLine } from './docker/exec.js';
import { ImageMetadata, ImageNotFoundError, inspectImage, readImageFile } from './docker/inspect.js';
import { GateError } from './errors.js';
import { addWorktree, ensureCommit, repositoryRoot } from './git.js';
import { GateOptions } from './inputs.js';
import { BaselineReport, GateReport, REPORT_SCHEMA_VERSION } from './report/model.js';
import { chooseSmokePort, runSmokeTest } from './smoke.js';
import { needsPasswd, resolveUser, UserResolution } from './user.js';
import { formatBytes, formatDurationMs } from './units.js';

export interface UntrustedStream {
  line(text: string): void;
  end(): void;
}

export interface GateLog {
  info(message: string): void;
  warning(message: string): void;
  /** Runs `work` inside a collapsed log group. */
  group<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Echoes text from an untrusted source (build output, container log) so that it cannot issue workflow commands. */
  untrusted(): UntrustedStream;
}

export interface GateDependencies {
  docker: Docker;
  log: GateLog;
  /** Told the name of each smoke container as soon as it exists (so a killed run can be cleaned up). */
  onSmokeContainer?: (name: string) => void;
  /** Told where the baseline worktree is as soon as it exists (so a killed run can be cleaned up). */
  onWorktree?: (root: string, directory: string) => void;
  /** The pull request's base commit, for `baseline: auto` (absent outside pull_request events). */
  baseCommit?: string;
  /** Labels on the pull request (for allow-increase-label). */
  labels?: string[];
}

export function displayName(options: GateOptions): string {
  if (options.name) return options.name;
  if (options.image) return options.image;
  if (options.tag) return options.tag;
  return options.dockerfile ? path.normalize(options.dockerfile) : path.normalize(path.join(options.context, 'Dockerfile'));
}

interface BuildInfo {
  builder: Builder;
  durationMs: number;
  context: string;
  dockerfile: string;
}

interface Measured {
  image: ImageMetadata;
  user: UserResolution;
  analysis?: ImageAnalysis;
  smoke: SmokeOutcome;
}

async function build(
  options: GateOptions,
  builder: Builder,
  deps: GateDependencies,
  context: string,
  dockerfile: string,
  label: string,
  tag?: string,
) {
  const { docker, log } = deps;
  const built = await log.group(`Build ${label}: ${dockerfile} (${builder} builder)`, async () => {
    const stream = log.untrusted();
    try {
      return await buildImage(docker, builder, { context, dockerfile, target: options.target, buildArgs: options.buildArgs, tag }, (line) =>
        stream.line(line),
      );
    } finally {
      stream.end();
    }
  });
  log.info(`Built ${label} image ${built.imageId} in ${formatDurationMs(built.durationMs)}`);
  return built;
}

/**
 * Everything the gate measures of one image: metadata, smoke test, layers, user. The smoke test comes first,
 * on an idle engine, so nothing the gate does slows the container's start; its container is then removed in
 * the background while the layers are read.
 */
async function measure(
  reference: string,
  options: GateOptions,
  deps: GateDependencies,
  background: BackgroundWork,
  label: string,
  buildInfo?: BuildInfo,
  knownLayers?: KnownLayer[],
): Promise<Measured> {
  const { docker, log } = deps;
  const image = await inspectImage(docker, reference);
  log.info(
    `${label} image ${image.id}: ${formatBytes(image.sizeBytes)} (${image.sizeBytes} bytes), ${image.layerCount} layers, user "${image.user}"`,
  );

  const portChoice = chooseSmokePort(options.smoke, image.exposedPorts);
  let smoke: SmokeOutcome;
  if ('skip' in portChoice) {
    log.info(`Smoke test of the ${label} image skipped: ${portChoice.skip}`);
    smoke = { ran: false, reason: portChoice.skip };
  } else {
    // Whatever is still being removed (an earlier smoke container) would compete with this start.
    await background.drain();
    const result = await log.group(
      `Smoke test of the ${label} image: GET ${options.smoke.path} on port ${portChoice.port} (from ${portChoice.source})`,
      () => runSmokeTest(docker, image.id, portChoice.port, options.smoke, { onContainer: deps.onSmokeContainer, background }),
    );
    smoke = { ran: true, result };
    if (result.passed) log.info(`Smoke test answered HTTP ${result.answer?.status} after ${result.startupMs} ms`);
    else log.info(`Smoke test failed: ${result.failure}`);
  }

  let analysis: ImageAnalysis | undefined;
  if (options.analyze) {
    analysis = await log.group(`Analyse the layers of the ${label} image ${image.id.slice(7, 19)}`, async () => {
      const progress = progressReporter(log, image.sizeBytes);
      const result = await analyzeImage(docker, image.id, {
        compressedSize: true,
        dockerfilePath: buildInfo?.dockerfile,
        contextDir: buildInfo?.context,
        onProgress: progress.update,
        knownLayers,
      }).finally(progress.stop);
      log.info(
        `Read ${formatBytes(result.archiveBytes)} of layers in ${formatDurationMs(result.durationMs)}: compressed ${result.compressedSizeBytes === undefined ? 'unknown' : formatBytes(result.compressedSizeBytes)}, ` +
          `dive efficiency ${formatPercent(result.dive.efficiency)}, wasted ${formatBytes(result.dive.wastedBytes)}, reclaimable ${formatBytes(result.reclaimableBytes)}, ${result.hints.length} hint(s)` +
          (result.compressedSizesReused > 0
            ? `; the compressed size of ${result.compressedSizesReused} layer(s) shared with the PR image was not measured twice`
            : ''),
      );
      return result;
    });
  }

  // The layer analysis reads /etc/passwd as it streams past; without it, a stopped container gives the file.
  const passwd = !needsPasswd(image.user)
    ? undefined
    : analysis
      ? analysis.etcPasswd
      : (await readImageFile(docker, image.id, '/etc/passwd', { background }))?.toString('utf8');
  const user = resolveUser(image.user, passwd);
  return { image, user, analysis, smoke };
}

function figuresOf(measured: Measured): Figures {
  return {
    sizeBytes: measured.image.sizeBytes,
    layerCount: measured.image.layerCount,
    compressedSizeBytes: measured.analysis?.compressedSizeBytes,
    startupMs: measured.smoke.ran && measured.smoke.result.passed ? measured.smoke.result.startupMs : undefined,
    efficiency: measured.analysis?.dive.efficiency,
    wastedBytes: measured.analysis?.dive.wastedBytes,
  };
}

type BaselineOutcome = { measured: Measured; report: Omit<BaselineReport, 'figures' | 'layerChanges'> } | { skipped: string };

/** Measures the baseline the options ask for, always cleaning up what it made (worktree, image). */
async function measureBaseline(
  options: GateOptions,
  deps: GateDependencies,
  background: BackgroundWork,
  builder: Builder,
  head: Measured,
  buildInfo?: BuildInfo,
): Promise<BaselineOutcome> {
  const { docker, log } = deps;
  const spec = options.baseline;
  if (spec.kind === 'none') return { skipped: 'baseline is none' };
  // The layers the baseline shares with the PR image (its base image, usually most of the bytes) are not
  // compressed a second time.
  const known = head.analysis?.layers.flatMap((layer) =>
    layer.compressedBytes === undefined ? [] : [{ diffId: layer.diffId, tarBytes: layer.tarBytes, compressedBytes: layer.compressedBytes }],
  );
  if (spec.kind === 'image') {
    const measured = await measure(spec.reference, options, deps, background, 'baseline', undefined, known).catch(
      async (error: unknown) => {
        if (!(error instanceof ImageNotFoundError)) throw error;
        log.info(`Pulling baseline image ${spec.reference}`);
        const pulled = await docker.run(['pull', '--quiet', spec.reference], { allowFailure: true });
        if (pulled.exitCode !== 0) {
          throw new GateError(
            'baseline',
            `baseline image "${spec.reference}" is not local and could not be pulled (${lastErrorLine(pulled.stderr)}); set baseline to a local image, auto, or none`,
          );
        }
        return measure(spec.reference, options, deps, background, 'baseline', undefined, known);
      },
    );
    return { measured, report: { source: 'image', reference: spec.reference, id: measured.image.id } };
  }
  if (!deps.baseCommit) return { skipped: 'not a pull_request event, so there is no base commit to compare with' };
  if (!buildInfo)
    return {
      skipped:
        'baseline auto builds the base commit, which needs the gate to build the image too (set baseline to an image reference instead)',
    };

  const started = performance.now();
  const root = await repositoryRoot(path.resolve(buildInfo.context));
  await ensureCommit(root, deps.baseCommit, (message) => log.info(message));
  const worktree = await addWorktree(root, deps.baseCommit);
  deps.onWorktree?.(root, worktree.directory);
  let baseImageId: string | undefined;
  try {
    const mapped = (file: string) => path.join(worktree.directory, path.relative(root, path.resolve(file)));
    const dockerfile = mapped(buildInfo.dockerfile);
    const context = mapped(buildInfo.context);
    try {
      await access(dockerfile);
    } catch {
      return {
        skipped: `the base commit ${deps.baseCommit.slice(0, 12)} has no ${path.relative(root, path.resolve(buildInfo.dockerfile))}`,
      };
    }
    const built = await build(options, builder, deps, context, dockerfile, 'baseline');
    baseImageId = built.imageId;
    const measured = await measure(
      built.imageId,
      options,
      deps,
      background,
      'baseline',
      { ...buildInfo, context, dockerfile, durationMs: built.durationMs },
      known,
    );
    return {
      measured,
      report: {
        source: 'base-commit',
        reference: deps.baseCommit,
        id: measured.image.id,
        buildMs: Math.round(built.durationMs),
        totalMs: Math.round(performance.now() - started),
      },
    };
  } finally {
    await worktree.remove();
    if (baseImageId && baseImageId !== head.image.id) await removeUntaggedImage(docker, baseImageId);
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

export async function runGate(options: GateOptions, deps: GateDependencies): Promise<GateReport> {
  const background = new BackgroundWork();
  try {
    return await gate(options, deps, background);
  } finally {
    await background.drain();
  }
}

async function gate(options: GateOptions, deps: GateDependencies, background: BackgroundWork): Promise<GateReport> {
  const { docker, log } = deps;
  const engine = probeEngine(docker, { needsBuilder: !options.image });
  const builder = await engine.builder;
  let reference: string;
  let buildInfo: BuildInfo | undefined;
  let head: Measured;
  try {
    if (options.image) {
      reference = options.image;
    } else {
      const dockerfile = options.dockerfile ?? path.join(options.context, 'Dockerfile');
      const built = await build(options, builder, deps, options.context, dockerfile, 'PR', options.tag);
      reference = options.tag ?? built.imageId;
      buildInfo = { builder, durationMs: Math.round(built.durationMs), context: options.context, dockerfile };
    }
    head = await measure(reference, options, deps, background, 'PR', buildInfo);
  } catch (error) {
    await engine.serverVersion; // an engine that is not reachable is the reason to give
    throw error;
  }
  log.info(`Docker engine ${await engine.serverVersion.catch(() => 'of unknown version')}${options.image ? '' : `, ${builder} builder`}`);
  const baseline = await measureBaseline(options, deps, background, builder, head, buildInfo).catch((error: unknown): BaselineOutcome => {
    // A baseline that cannot be measured (the base commit does not build, its image cannot be pulled...)
    // is not the PR's fault: the gate says so and judges the PR on its own figures.
    if (!(error instanceof GateError)) throw error;
    log.warning(`No baseline: ${error.message}`);
    return { skipped: `the baseline could not be measured (${error.message})` };
  });

  const headFigures = figuresOf(head);
  const baselineReport: BaselineReport | undefined =
    'measured' in baseline
      ? {
          ...baseline.report,
          figures: figureDeltas(figuresOf(baseline.measured), headFigures),
          layerChanges:
            head.analysis && baseline.measured.analysis ? layerChanges(baseline.measured.analysis.layers, head.analysis.layers) : undefined,
        }
      : undefined;
  if (baselineReport) {
    const size = baselineReport.figures.find((figure) => figure.id === 'size');
    log.info(
      `Baseline ${baselineReport.reference}: ${formatBytes(size?.base ?? 0)}; this change ${size?.change !== undefined ? `${size.change >= 0 ? '+' : ''}${formatBytes(size.change)}` : 'unknown'}`,
    );
  } else if ('skipped' in baseline) {
    log.info(`No baseline: ${baseline.skipped}`);
  }

  const checks = evaluateBudgets(
    {
      sizeBytes: head.image.sizeBytes,
      layerCount: head.image.layerCount,
      user: head.user,
      smoke: head.smoke,
      analysis: head.analysis && {
        compressedSizeBytes: head.analysis.compressedSizeBytes,
        efficiency: head.analysis.dive.efficiency,
        wastedBytes: head.analysis.dive.wastedBytes,
      },
      baselineSizeBytes: 'measured' in baseline ? baseline.measured.image.sizeBytes : undefined,
      noBaselineReason: 'skipped' in baseline ? baseline.skipped : undefined,
      labels: deps.labels,
    },
    options.budgets,
  );
  const smoke = head.smoke;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    name: displayName(options),
    passed: gatePassed(checks),
    image: {
      reference,
      id: head.image.id,
      sizeBytes: head.image.sizeBytes,
      layerCount: head.image.layerCount,
      user: head.image.user,
      nonRoot: head.user.kind === 'non-root',
      os: head.image.os,
      architecture: head.image.architecture,
    },
    build: buildInfo,
    smoke: smoke.ran
      ? {
          ran: true,
          port: smoke.result.port,
          path: smoke.result.path,
          passed: smoke.result.passed,
          startupMs: smoke.result.startupMs,
          status: smoke.result.answer?.status,
          bodyExcerpt: smoke.result.passed ? undefined : smoke.result.answer?.body.slice(0, 500),
          failure: smoke.result.failure,
          containerLog: smoke.result.containerLog,
        }
      : { ran: false, skippedBecause: smoke.reason },
    analysis: head.analysis,
    baseline: baselineReport,
    noBaselineReason: 'skipped' in baseline ? baseline.skipped : undefined,
    checks,
  };
}

/**
 * Logs every few seconds how far the layer analysis has got, so a long one never looks hung: the wait before
 * `docker save` sends its first byte (Docker 20.10 exports the whole image first), the bytes read so far (the
 * archive's length is known only at its end: its tar headers and padding make it longer than the image's
 * files, several times longer when they are many and small), then the layers whose files have been compared.
 */
export function progressReporter(
  log: GateLog,
  imageSizeBytes: number,
  intervalMs = 5000,
): { update(progress: AnalysisProgress): void; stop(): void } {
  let latest: AnalysisProgress | undefined;
  const timer = setInterval(() => {
    log.info(
      latest === undefined
        ? `  waiting for docker save: the engine prepares the whole image (about ${formatBytes(imageSizeBytes)}) before it sends the first byte`
        : latest.step === 'reading'
          ? `  read ${formatBytes(latest.archiveBytesRead)} of the image archive so far`
          : `  comparing the layers' files, pass ${latest.pass} of ${latest.passCount}: ${latest.layersDone} of ${latest.layerCount} layers done`,
    );
  }, intervalMs);
  return {
    update: (progress) => (latest = progress),
    stop: () => clearInterval(timer),
  };
}
