// Measuring one image: metadata, smoke test, layers and user, for every platform the engine holds of it.
// The smoke test comes first, on an idle engine, so nothing the gate does slows the container's start; its
// container is then removed in the background while the layers are read.
import { KnownLayer, ScannedImage } from '../analysis/archive.js';
import type { ReadLayers } from '../analysis/registry-image.js';
import {
  Compression,
  compressedSize,
  compressionFor,
  describeCompressedSizeMethod,
  readImageLayers,
  uncompressedSizeBytes,
} from '../analysis/image-layers.js';
import { AnalysisProgress, analyzeLayers, finalUserFiles } from '../analysis/analyze.js';
import { BackgroundWork } from '../common/background.js';
import { SmokeOutcome } from '../judge/budgets.js';
import { formatPercent } from '../common/units.js';
import { EngineInfo } from '../docker/engine.js';
import { ImageMetadata, inspectImage } from '../docker/inspect.js';
import { readUserFiles } from '../analysis/image-files.js';
import type { GateDependencies } from './deps.js';
import type { GateLog } from '../common/log.js';
import { GateOptions } from '../inputs/options.js';
import { BuildInfo, Measured, PlatformMeasurement } from '../judge/measured.js';
import { chooseSmokePort, runSmokeTest } from '../smoke/smoke.js';
import { formatBytes, formatDurationMs } from '../common/units.js';
import { checkRuntimeUser, filesNeeded, resolveUser, UserFiles, UserResolution, withEngineStart } from '../user/resolve.js';
import { probeUserStart } from '../docker/start-probe.js';
import { visible } from '../common/escape.js';

export interface MeasureRequest {
  reference: string;
  /** How the log names this image: "image", "PR image", "baseline image". */
  label: string;
  options: GateOptions;
  engine: EngineInfo;
  background: BackgroundWork;
  buildInfo?: BuildInfo;
  /** Layers whose compressed size is known (the gated image's, when the baseline is measured). */
  knownLayers?: KnownLayer[];
  /** Told every layer read, so that a baseline read from a registry need not download the layers they share. */
  keep?: ReadLayers;
}

/** What measuring one platform needs of the request: the options, the build, the label and the compression. */
export type PlatformRequest = Pick<MeasureRequest, 'options' | 'buildInfo' | 'label'> & { compression: Compression };

export async function measureImage(request: MeasureRequest, deps: GateDependencies): Promise<Measured> {
  const { docker, log } = deps;
  const { options, label } = request;
  const image = await inspectImage(docker, request.reference);
  log.info(`The ${label} ${image.id}: ${image.layerCount} layers, user "${image.user}"`);
  const smoke = await smokeTest(image, request, deps);

  // The layers are read when the analysis is asked for, and always on the containerd store, where nothing
  // else gives the layers' own bytes; on the classic store inspect's .Size is that figure.
  const readLayers = options.analyze || request.engine.imageStore === 'containerd';
  if (!readLayers) {
    const resolved = resolveUser(image.user, await userFilesThroughEngine(image.user, {}, image, request, deps));
    const user = runtimeChecked(await checkedOnThisEngine(resolved, image, request, deps, smoke), smoke);
    const platform = {
      platform: platformOf(image),
      sizeBytes: image.sizeBytes,
      layerCount: image.layerCount,
      configuredUser: image.user,
      user,
    };
    log.info(
      `The ${label}: ${formatBytes(image.sizeBytes)} (${image.sizeBytes} bytes; docker image inspect .Size on the classic image store)`,
    );
    return { image, sizeMethod: 'inspect', platforms: [platform], smoke };
  }
  const platforms = await log.group(`Read the layers of the ${label} ${image.id.slice(7, 19)}`, () => measureLayers(image, request, deps));
  // What the layers could not tell (a link to a file the scan did not keep) the engine reads as the daemon
  // would, for the platform it runs: the first.
  const first = platforms[0];
  if (isRunnersPlatform(first.platform, image) && first.userFiles) {
    const files = await userFilesThroughEngine(first.configuredUser, first.userFiles, image, request, deps);
    first.user = resolveUser(first.configuredUser, files);
  }
  if (isRunnersPlatform(first.platform, image)) first.user = await checkedOnThisEngine(first.user, image, request, deps, smoke);
  first.user = runtimeChecked(first.user, smoke);
  return { image, sizeMethod: 'layers', platforms, smoke };
}

/**
 * Where engines differ on this USER (an id outside 0..2147483647, libraries that disagree), this engine's
 * own answer: a probe container is started and removed. Not needed when the smoke container ran and told.
 */
async function checkedOnThisEngine(
  user: UserResolution,
  image: ImageMetadata,
  request: MeasureRequest,
  deps: GateDependencies,
  smoke: SmokeOutcome,
): Promise<UserResolution> {
  if (!user.engineDependent || (smoke.ran && smoke.result.runtimeUid !== undefined)) return user;
  const answer = await probeUserStart(deps.docker, image.id, { volumes: image.volumes, onContainer: deps.onSmokeContainer });
  const said =
    answer.kind === 'started'
      ? 'starts it'
      : `${answer.kind === 'refused' ? 'refuses it' : 'could not be asked'}: ${visible(answer.message)}`;
  deps.log.info(`Engines differ on USER "${visible(image.user, 80)}"; this one ${said}`);
  return withEngineStart(user, { ...answer, engine: request.engine.version });
}

/** The user as the image says, held against the uid the smoke container really ran as. */
function runtimeChecked(user: UserResolution, smoke: SmokeOutcome): UserResolution {
  return checkRuntimeUser(user, smoke.ran ? smoke.result.runtimeUid : undefined);
}

function platformOf(image: ImageMetadata): string {
  return [image.os || 'unknown', image.architecture || 'unknown'].join('/');
}

/** The platform the engine runs for this image (what inspect describes), whatever its variant (linux/arm64/v8). */
function isRunnersPlatform(platform: string, image: ImageMetadata): boolean {
  const runners = platformOf(image);
  return platform === runners || platform.startsWith(`${runners}/`);
}

async function smokeTest(image: ImageMetadata, request: MeasureRequest, deps: GateDependencies): Promise<SmokeOutcome> {
  const { options, label, background } = request;
  const portChoice = chooseSmokePort(options.smoke, image.exposedPorts);
  if ('skip' in portChoice) {
    deps.log.info(`Smoke test of the ${label} skipped: ${portChoice.skip}`);
    return { ran: false, reason: portChoice.skip };
  }
  // Whatever is still being removed (an earlier smoke container) would compete with this start.
  await background.drain();
  const title = `Smoke test of the ${label} (${platformOf(image)}): GET ${options.smoke.path} on port ${portChoice.port} (from ${portChoice.source})`;
  const result = await deps.log.group(title, () =>
    runSmokeTest(deps.docker, image, portChoice.port, options.smoke, { onContainer: deps.onSmokeContainer, background }),
  );
  if (result.passed) deps.log.info(`Smoke test answered HTTP ${result.answer?.status} after ${result.startupMs} ms`);
  else deps.log.info(`Smoke test failed: ${result.failure}`);
  return { ran: true, result };
}

async function measureLayers(
  image: ImageMetadata,
  request: MeasureRequest,
  { docker, log }: GateDependencies,
): Promise<PlatformMeasurement[]> {
  const started = performance.now();
  const progress = progressReporter(log, image.sizeBytes);
  const platforms: PlatformMeasurement[] = [];
  let archiveBytes = 0;
  try {
    const compression = compressionFor(request.engine);
    const read = await readImageLayers(docker, image.id, {
      compressedSize: request.options.analyze,
      plainLayers: compression.plainLayers,
      knownLayers: request.knownLayers,
      expansionLimits: request.options.layerExpansion,
      onProgress: (bytes) => progress.update({ step: 'reading', archiveBytesRead: bytes }),
    });
    const ordered = [...read.images].sort(
      (a, b) => Number(isRunnersPlatform(b.platform, image)) - Number(isRunnersPlatform(a.platform, image)),
    );
    archiveBytes = read.archiveBytes;
    for (const layer of ordered.flatMap((scanned) => scanned.layers)) request.keep?.set(layer.diffId, layer);
    for (const scanned of ordered)
      platforms.push(await measurePlatform(scanned, archiveBytes, { ...request, compression }, log, progress.update));
  } finally {
    progress.stop();
  }
  log.info(
    `Read ${formatBytes(archiveBytes)} of layers for ${platforms.length} platform(s) in ${formatDurationMs(performance.now() - started)}`,
  );
  return platforms;
}

/** One platform's figures from its scanned layers: sizes, and with the analysis waste, hints and the byte map. */
export async function measurePlatform(
  scanned: ScannedImage,
  archiveBytes: number,
  request: PlatformRequest,
  log: GateLog,
  onProgress: (progress: AnalysisProgress) => void,
): Promise<PlatformMeasurement> {
  const { options, buildInfo, label, compression } = request;
  const sizeBytes = uncompressedSizeBytes(scanned);
  const base = { platform: scanned.platform, sizeBytes, layerCount: scanned.layers.length, configuredUser: scanned.config.user };
  if (!options.analyze) {
    const compressed = compressedSize(scanned, compression);
    log.info(
      `The ${label} (${scanned.platform}): ${formatBytes(sizeBytes)} (${sizeBytes} bytes), compressed ${compressed.bytes === undefined ? 'not measured' : formatBytes(compressed.bytes)}`,
    );
    const userFiles = finalUserFiles(scanned.layers);
    return {
      ...base,
      compressedSizeBytes: compressed.bytes,
      compressedSizeMethod: compressed.bytes === undefined ? undefined : compressed.method,
      userFiles,
      user: resolveUser(scanned.config.user, userFiles),
    };
  }
  const analysis = await analyzeLayers(scanned, archiveBytes, {
    onProgress,
    compressedSize: true,
    compression,
    dockerfilePath: buildInfo?.dockerfile,
    contextDir: buildInfo?.context,
  });
  log.info(
    `The ${label} (${scanned.platform}): ${formatBytes(sizeBytes)} (${sizeBytes} bytes), compressed ${analysis.compressedSizeBytes === undefined ? 'unknown' : formatBytes(analysis.compressedSizeBytes)}` +
      ` (${describeCompressedSizeMethod(analysis.compressedSizeMethod)}), ` +
      `dive efficiency ${formatPercent(analysis.dive.efficiency)}, wasted ${formatBytes(analysis.dive.wastedBytes)}, reclaimable ${formatBytes(analysis.reclaimableBytes)}, ${analysis.hints.length} hint(s)` +
      (analysis.compressedSizesReused > 0
        ? `; the compressed size of ${analysis.compressedSizesReused} layer(s) already measured was not measured twice`
        : ''),
  );
  return {
    ...base,
    compressedSizeBytes: analysis.compressedSizeBytes,
    compressedSizeMethod: analysis.compressedSizeMethod,
    analysis,
    userFiles: analysis.userFiles,
    user: resolveUser(scanned.config.user, analysis.userFiles),
  };
}

/** Reads through the engine (a stopped container) the user files `known` lacks and `configured` needs. */
async function userFilesThroughEngine(
  configured: string,
  known: UserFiles,
  image: ImageMetadata,
  request: MeasureRequest,
  deps: GateDependencies,
): Promise<UserFiles> {
  const missing = filesNeeded(configured).filter((name) => known[name] === undefined);
  if (missing.length === 0) return known;
  const options = { background: request.background, onContainer: deps.onSmokeContainer, volumes: image.volumes };
  return { ...known, ...(await readUserFiles(deps.docker, image.id, missing, options)) };
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
