// The engine both entries share: build (or take) the image, measure it, smoke-test it, judge the budgets.
// It returns a report and never sets outputs or exit codes itself: main.ts and cli.ts do that.
import path from 'node:path';
import { analyzeImage, ImageAnalysis } from './analysis/index.js';
import { evaluateBudgets, formatPercent, gatePassed, SmokeOutcome } from './budgets.js';
import { buildImage } from './docker/build.js';
import { probeEngine } from './docker/engine.js';
import { Docker } from './docker/exec.js';
import { inspectImage, readImageFile } from './docker/inspect.js';
import { GateOptions } from './inputs.js';
import { GateReport, REPORT_SCHEMA_VERSION } from './report/model.js';
import { chooseSmokePort, runSmokeTest } from './smoke.js';
import { needsPasswd, resolveUser } from './user.js';
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
  /** Told the name of the smoke container as soon as it exists (so a killed run can be cleaned up). */
  onSmokeContainer?: (name: string) => void;
}

export function displayName(options: GateOptions): string {
  if (options.name) return options.name;
  if (options.image) return options.image;
  if (options.tag) return options.tag;
  return options.dockerfile ? path.normalize(options.dockerfile) : path.normalize(path.join(options.context, 'Dockerfile'));
}

export async function runGate(options: GateOptions, deps: GateDependencies): Promise<GateReport> {
  const { docker, log } = deps;
  const warnings = options.reservedInputsSet.map((input) => `input ${input} is set but not enforced by this version of image-size-gate; it has no effect yet`);
  for (const warning of warnings) log.warning(warning);

  const engine = await probeEngine(docker);
  log.info(`Docker engine ${engine.serverVersion}; ${options.image ? 'gating an existing image' : `building with the ${engine.builder} builder`}`);

  let reference: string;
  let build: GateReport['build'];
  if (options.image) {
    reference = options.image;
  } else {
    const dockerfile = options.dockerfile ?? path.join(options.context, 'Dockerfile');
    const built = await log.group(`Build ${dockerfile} (${engine.builder} builder)`, async () => {
      const stream = log.untrusted();
      try {
        return await buildImage(docker, engine.builder, { ...options, buildArgs: options.buildArgs }, (line) => stream.line(line));
      } finally {
        stream.end();
      }
    });
    log.info(`Built ${built.imageId} in ${formatDurationMs(built.durationMs)}`);
    reference = options.tag ?? built.imageId;
    build = { builder: engine.builder, durationMs: Math.round(built.durationMs), context: options.context, dockerfile };
  }

  const image = await inspectImage(docker, reference);
  log.info(`Image ${image.id}: ${formatBytes(image.sizeBytes)} (${image.sizeBytes} bytes), ${image.layerCount} layers, user "${image.user}"`);

  const passwd = needsPasswd(image.user) ? await readImageFile(docker, image.id, '/etc/passwd') : undefined;
  const user = resolveUser(image.user, passwd?.toString('utf8'));

  let analysis: ImageAnalysis | undefined;
  if (options.analyze) {
    analysis = await log.group(`Analyse the layers of ${image.id.slice(7, 19)}`, async () => {
      const progress = progressReporter(log, image.sizeBytes);
      const result = await analyzeImage(docker, image.id, {
        compressedSize: true,
        dockerfilePath: build?.dockerfile,
        contextDir: build?.context,
        onProgress: progress,
      });
      log.info(
        `Read ${formatBytes(result.archiveBytes)} of layers in ${formatDurationMs(result.durationMs)}: compressed ${result.compressedSizeBytes === undefined ? 'unknown' : formatBytes(result.compressedSizeBytes)}, ` +
          `dive efficiency ${formatPercent(result.dive.efficiency)}, wasted ${formatBytes(result.dive.wastedBytes)}, reclaimable ${formatBytes(result.reclaimableBytes)}, ${result.hints.length} hint(s)`,
      );
      return result;
    });
  }

  const portChoice = chooseSmokePort(options.smoke, image.exposedPorts);
  let smoke: SmokeOutcome;
  if ('skip' in portChoice) {
    log.info(`Smoke test skipped: ${portChoice.skip}`);
    smoke = { ran: false, reason: portChoice.skip };
  } else {
    const result = await log.group(`Smoke test: GET ${options.smoke.path} on port ${portChoice.port} (from ${portChoice.source})`, () =>
      runSmokeTest(docker, image.id, portChoice.port, options.smoke, { onContainer: deps.onSmokeContainer }),
    );
    smoke = { ran: true, result };
    if (result.passed) log.info(`Smoke test answered HTTP ${result.answer?.status} after ${result.startupMs} ms`);
    else log.info(`Smoke test failed: ${result.failure}`);
  }

  const checks = evaluateBudgets(
    {
      sizeBytes: image.sizeBytes,
      layerCount: image.layerCount,
      user,
      smoke,
      analysis: analysis && { compressedSizeBytes: analysis.compressedSizeBytes, efficiency: analysis.dive.efficiency, wastedBytes: analysis.dive.wastedBytes },
    },
    options.budgets,
  );
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    name: displayName(options),
    passed: gatePassed(checks),
    image: {
      reference,
      id: image.id,
      sizeBytes: image.sizeBytes,
      layerCount: image.layerCount,
      user: image.user,
      nonRoot: user.kind === 'non-root',
      os: image.os,
      architecture: image.architecture,
    },
    build,
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
    analysis,
    checks,
    warnings,
  };
}

/** Logs "bytes done of about total" at most every few seconds, so a long analysis never looks hung. */
function progressReporter(log: GateLog, totalBytes: number, intervalMs = 5000): (bytesRead: number) => void {
  let lastLoggedAt = performance.now();
  return (bytesRead) => {
    const now = performance.now();
    if (now - lastLoggedAt < intervalMs) return;
    lastLoggedAt = now;
    log.info(`  analysed ${formatBytes(bytesRead)} of about ${formatBytes(totalBytes)}`);
  };
}
